"""A rule change comes to conference as a motion amending the rules as they stand; conference's
decisions on its agenda are entered as the chair declared them, carried or lost by the rules'
arithmetic (a rule change by the rulebook's majority), each once, while conference sits; a rule
change carried is the next version of the rules at once."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from tests.conferences.amending import RULEBOOK, amend, branch_secretary, motion
from tests.conferences.deciding import decide, on_the_agenda, rule_change

from newcourse.conferences import selectors, services
from newcourse.conferences.models import AgendaItem, Decision
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow
from newcourse.rules import selectors as rules_selectors

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rulebook_parameters():
    return {
        **RULEBOOK,
        "rule_change.notice_days": "28",
        "rule_change.majority": "2/3",
        "motions.max_words": "60",
    }


@pytest.fixture
def north(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south(tree, make_member):
    return branch_secretary(tree["south"], make_member)


# A rule change brought to conference


def test_a_rule_change_amends_the_rules_as_they_stand_and_shows_what_it_changes(
    tree, conference, north
):
    change = rule_change(north, conference, tree["north"])
    assert change.amends == rules_selectors.latest_version(tree["international"])
    comparison = rules_selectors.text_compared(change.amends, change.text)
    assert [(c.name, c.old, c.new) for c in comparison.parameters] == [
        ("motions.max_words", "60", "80")
    ]


def test_a_rule_change_to_a_superseded_version_is_refused(tree, conference, north):
    with pytest.raises(OutsideWindow, match=r"version 2 .* version 1 has replaced"):
        rule_change(north, conference, tree["north"], version=2)


def test_a_rule_change_that_changes_nothing_or_breaks_the_rules_is_refused(tree, conference, north):
    text = rules_selectors.latest_version(tree["international"]).text
    with pytest.raises(InvalidInput, match="changes nothing"):
        services.motion_submit(
            person=north.person,
            member=north,
            conference=conference,
            body=tree["north"],
            title="Nothing",
            text=text,
            meeting_on=timezone.localdate(),
            votes_for=5,
            votes_against=1,
            amends_version=1,
        )
    broken = text.replace("{motions.max_words = 60}", "{motions.max_words = many}")
    assert broken != text
    with pytest.raises(InvalidInput, match="cannot be read"):
        services.motion_submit(
            person=north.person,
            member=north,
            conference=conference,
            body=tree["north"],
            title="Broken",
            text=broken,
            meeting_on=timezone.localdate(),
            votes_for=5,
            votes_against=1,
            amends_version=1,
        )


def test_only_the_lines_a_rule_change_writes_count_against_the_length_limit(
    tree, conference, north
):
    # The whole rulebook is far longer than 60 words; one changed clause is not.
    assert len(rules_selectors.latest_version(tree["international"]).text.split()) > 60
    rule_change(north, conference, tree["north"])
    text = rules_selectors.latest_version(tree["international"]).text
    long = text.replace("{motions.max_words = 60}", "{motions.max_words = 60} " + "word " * 70)
    with pytest.raises(InvalidInput, match=r"The change writes .* words; the rules allow 60"):
        services.motion_submit(
            person=north.person,
            member=north,
            conference=conference,
            body=tree["north"],
            title="Long",
            text=long,
            meeting_on=timezone.localdate(),
            votes_for=5,
            votes_against=1,
            amends_version=1,
        )


# Conference's decisions


def test_a_motion_carries_by_more_for_than_against_and_the_agenda_shows_it(
    tree, conference, chair, north
):
    first = motion(north, conference, tree["north"])
    on_the_agenda(chair, conference, first)
    decision = decide(chair, conference, first, (40, 39, 10))
    assert decision.outcome == Decision.Outcome.CARRIED
    assert decision.majority == "simple"
    assert decision.text == first.text
    assert AgendaItem.objects.get(motion=first).outcome == "carried"
    entry = RecordEntry.objects.filter(action="conference.decided").get()
    assert entry.payload["outcome"] == "carried"
    assert (entry.payload["for"], entry.payload["against"]) == (40, 39)


def test_a_tie_is_lost_and_a_lost_motion_keeps_no_text(tree, conference, chair, north):
    first = motion(north, conference, tree["north"])
    on_the_agenda(chair, conference, first)
    decision = decide(chair, conference, first, (30, 30))
    assert decision.outcome == Decision.Outcome.LOST
    assert decision.text == ""


def test_conference_decides_only_while_it_sits_and_once(tree, conference, chair, north):
    first = motion(north, conference, tree["north"])
    on_the_agenda(chair, conference, first)
    for day in (conference.opens_on - DAY, conference.closes_on + DAY):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        with pytest.raises(OutsideWindow, match="while it sits"):
            decide(chair, conference, first, (3, 1), now=moment)
    decide(chair, conference, first, (3, 1))
    with pytest.raises(AlreadyDone, match="already decided"):
        decide(chair, conference, first, (1, 3))
    assert Decision.objects.get().outcome == "carried"


def test_only_the_standing_orders_committee_enters_decisions(tree, conference, chair, north):
    first = motion(north, conference, tree["north"])
    on_the_agenda(chair, conference, first)
    with pytest.raises(NotPermitted, match="standing orders committee"):
        decide(north, conference, first, (3, 1))
    assert not Decision.objects.exists()


def test_only_business_on_the_published_agenda_is_decided(tree, conference, chair, north):
    first = motion(north, conference, tree["north"])
    with pytest.raises(InvalidInput, match="not on the published agenda"):
        decide(chair, conference, first, (3, 1))


def test_carried_amendments_and_friendly_ones_make_the_text_carried(
    tree, conference, chair, north, south
):
    text = "Conference notes the cost of living.\n\nConference resolves to fight.\n\nFor all."
    first = motion(north, conference, tree["north"], text=text)
    carried = amend(south, first, tree["south"], text=text.replace("fight", "strike"))
    friendly = amend(south, first, tree["south"], text=text.replace("For all.", "For all of us."))
    services.amendment_accept_as_friendly(person=north.person, member=north, amendment=friendly)
    on_the_agenda(chair, conference, first)
    decision = decide(chair, conference, first, (9, 2), amendments=(carried,))
    assert decision.text == (
        "Conference notes the cost of living.\n\nConference resolves to strike.\n\nFor all of us."
    )
    assert list(decision.amendments.all()) == [carried]


def test_amendments_that_change_the_same_lines_cannot_both_have_carried(
    tree, conference, chair, north, south
):
    first = motion(north, conference, tree["north"])
    one = amend(south, first, tree["south"], text=first.text.replace("fight", "strike"))
    two = amend(south, first, tree["south"], text=first.text.replace("fight", "march"))
    on_the_agenda(chair, conference, first)
    with pytest.raises(InvalidInput, match="cannot have carried both"):
        decide(chair, conference, first, (9, 2), amendments=(one, two))
    assert not Decision.objects.exists()


def test_a_friendly_amendment_is_not_carried_again(tree, conference, chair, north, south):
    first = motion(north, conference, tree["north"])
    friendly = amend(south, first, tree["south"])
    services.amendment_accept_as_friendly(person=north.person, member=north, amendment=friendly)
    on_the_agenda(chair, conference, first)
    with pytest.raises(InvalidInput, match="friendly"):
        decide(chair, conference, first, (9, 2), amendments=(friendly,))


# A rule change carried is the next version of the rules


def test_a_rule_change_needs_the_rulebooks_majority(tree, conference, chair, north):
    change = rule_change(north, conference, tree["north"])
    on_the_agenda(chair, conference, change)
    decision = decide(chair, conference, change, (65, 35))
    assert decision.outcome == Decision.Outcome.LOST
    assert decision.majority == "2/3"
    assert rules_selectors.latest_version(tree["international"]).number == 1


def test_a_rule_change_carried_is_the_next_version_of_the_rules_at_once(
    tree, conference, chair, north
):
    change = rule_change(north, conference, tree["north"])
    on_the_agenda(chair, conference, change)
    decision = decide(chair, conference, change, (70, 30))
    assert decision.outcome == Decision.Outcome.CARRIED
    version = rules_selectors.latest_version(tree["international"])
    assert (version.number, version.parameters["motions.max_words"]) == (2, 80)
    assert decision.version == version
    assert version.source == f"conference:{conference.pk}:motion:{change.pk}"
    assert version.conference_motion == change.pk
    assert version.effective_on == conference.opens_on
    adopted = RecordEntry.objects.filter(action="rules.adopted").get()
    assert adopted.payload["version"] == 2
    assert selectors.decision_of(change) == decision


def test_a_rule_change_carried_after_another_on_the_same_lines_is_not_applied(
    tree, conference, chair, north, south
):
    first = rule_change(north, conference, tree["north"], **{"motions.max_words": "80"})
    second = rule_change(south, conference, tree["south"], **{"motions.max_words": "100"})
    on_the_agenda(chair, conference, first, second)
    decide(chair, conference, first, (70, 30))
    decision = decide(chair, conference, second, (70, 30))
    assert decision.outcome == Decision.Outcome.CARRIED
    assert decision.version is None
    assert "Version 2, adopted since, changes the same lines" in decision.not_applied
    assert rules_selectors.latest_version(tree["international"]).number == 2


def test_a_rule_change_carried_after_another_on_other_lines_is_applied_to_it(
    tree, conference, chair, north, south
):
    first = rule_change(north, conference, tree["north"], **{"motions.max_words": "80"})
    second = rule_change(south, conference, tree["south"], **{"meeting.quorum": "15%"})
    on_the_agenda(chair, conference, first, second)
    decide(chair, conference, first, (70, 30))
    decision = decide(chair, conference, second, (70, 30))
    version = rules_selectors.latest_version(tree["international"])
    assert decision.not_applied == ""
    assert decision.version == version
    assert version.number == 3
    assert version.parameters["motions.max_words"] == 80
    assert version.parameters["meeting.quorum"] == "3/20"


# From the command line


def test_the_agenda_command_prints_each_decision_and_the_motion_its_rule_change(
    tree, conference, chair, north, capsys
):
    change = rule_change(north, conference, tree["north"])
    on_the_agenda(chair, conference, change)
    decide(chair, conference, change, (70, 30, 2))
    call_command("conference", "agenda", str(conference.pk))
    out = capsys.readouterr().out.splitlines()
    assert out[-2].strip() == "carried 70-30-2 (2/3); rules version 2"
    call_command("conference", "motion", str(change.pk))
    out = capsys.readouterr().out
    assert "A rule change to version 1 of the rules:" in out
    assert "each of at most 80" in out
    assert "Conference's decision: carried 70-30-2 (2/3); rules version 2" in out


def test_a_rule_change_is_never_composited(tree, conference, chair, north, south):
    change = rule_change(north, conference, tree["north"])
    other = motion(south, conference, tree["south"])
    with pytest.raises(InvalidInput, match="not composited"):
        services.composite_draft(
            person=chair.person,
            member=chair,
            conference=conference,
            motions=[change, other],
            title="Both",
            text="Conference resolves.",
        )


@pytest.mark.parametrize(
    ("rulebook_parameters", "refused"),
    [
        ({**RULEBOOK, "rule_change.notice_days": "28"}, False),
        ({**RULEBOOK, "rule_change.notice_days": "56"}, True),
    ],
)
def test_a_rule_change_comes_with_the_notice_the_rules_require(tree, conference, north, refused):
    # The congress opens six weeks after it was called: 28 days' notice is met, 56 is not.
    assert (conference.opens_on - timezone.localdate()).days == 42
    if refused:
        with pytest.raises(OutsideWindow, match="56 days' notice"):
            rule_change(north, conference, tree["north"])
    else:
        assert rule_change(north, conference, tree["north"]).amends is not None


def test_a_rule_change_carried_first_does_not_lower_the_majority_a_later_one_needs(
    tree, conference, chair, north, south
):
    simple = rule_change(north, conference, tree["north"], **{"rule_change.majority": "simple"})
    longer = rule_change(south, conference, tree["south"], **{"motions.max_words": "80"})
    on_the_agenda(chair, conference, simple, longer)
    assert decide(chair, conference, simple, (70, 30)).outcome == "carried"
    later = decide(chair, conference, longer, (55, 45))
    assert (later.outcome, later.majority) == ("lost", "2/3")


def test_amendments_to_different_lines_both_carry_even_at_the_motions_last_line(
    tree, conference, chair, north, south
):
    text = "Conference notes the cost of living.\n\nConference resolves to fight."
    first = motion(north, conference, tree["north"], text=text)
    strike = amend(south, first, tree["south"], text=text.replace("fight", "strike"))
    more = amend(south, first, tree["south"], text=text + "\n\nFor all of us.")
    on_the_agenda(chair, conference, first)
    decision = decide(chair, conference, first, (9, 2), amendments=(strike, more))
    assert decision.text == (
        "Conference notes the cost of living.\n\nConference resolves to strike.\n\nFor all of us."
    )
