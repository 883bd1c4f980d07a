"""The standing orders committee rules on every motion, amendment and composite with a kind and
a published reason; it composites motions on one subject, which go forward as one only when
every mover consents. Nothing is disposed of silently: every act is on the open record."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.amending import RULEBOOK, amend, branch_secretary, motion
from tests.conferences.steps import call, committee

from newcourse.conferences import selectors, services
from newcourse.conferences.models import Composite, Consent
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow

SOUTH_TEXT = "Conference notes rents doubled.\n\nConference resolves to fight for rent controls."
COMPOSITE = (
    "Conference notes the cost of living.\n\nConference notes rents doubled.\n\n"
    "Conference resolves to fight for a pay rise.\n\n"
    "Conference resolves to fight for rent controls in every city.\n\n"
    "Conference instructs the executive to report back."
)


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def chair(tree, make_member, secretary, conference):
    """The chair of the standing orders committee, elected by the International."""
    member = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [member])
    return member


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def north_motion(tree, conference, north_secretary):
    return motion(north_secretary, conference, tree["north"])


@pytest.fixture
def south_motion(tree, conference, south_secretary):
    return motion(south_secretary, conference, tree["south"], text=SOUTH_TEXT)


def rule(chair, conference, kind, reason="Within the conference's business.", **item):
    return services.ruling_make(
        person=chair.person, member=chair, conference=conference, kind=kind, reason=reason, **item
    )


def draft(chair, conference, motions, text=COMPOSITE, **extra):
    return services.composite_draft(
        person=chair.person,
        member=chair,
        conference=conference,
        motions=motions,
        title="Pay and rent",
        text=text,
        **extra,
    )


def answer(secretary, composite, motion, consents=True, **extra):
    return services.composite_answer(
        person=secretary.person,
        member=secretary,
        composite=composite,
        motion=motion,
        consents=consents,
        **extra,
    )


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


# Rulings


def test_a_ruling_is_numbered_published_with_its_reason_and_becomes_the_standing(
    chair, conference, north_motion
):
    ruling = rule(
        chair, conference, "out-of-order", "Not the union's business.", motion=north_motion
    )
    assert (ruling.number, ruling.kind, ruling.reason) == (
        1,
        "out-of-order",
        "Not the union's business.",
    )
    entry = RecordEntry.objects.get(action="conference.ruling")
    assert (entry.payload["kind"], entry.payload["reason"], entry.payload["motion"]) == (
        "out-of-order",
        "Not the union's business.",
        north_motion.pk,
    )
    standing = selectors.standings_of(conference)[north_motion.pk]
    assert (standing.ruling, standing.goes_forward) == (ruling, False)


def test_a_later_ruling_replaces_the_standing_and_the_earlier_one_stays(
    chair, conference, north_motion
):
    rule(chair, conference, "out-of-order", motion=north_motion)
    rule(chair, conference, "admissible", "Reconsidered: it is about pay.", motion=north_motion)
    assert [r.kind for r in selectors.rulings_of(conference)] == ["out-of-order", "admissible"]
    assert selectors.standings_of(conference)[north_motion.pk].goes_forward is True


def test_a_motion_not_yet_ruled_on_does_not_go_forward(conference, north_motion):
    standing = selectors.standings_of(conference)[north_motion.pk]
    assert (standing.ruling, standing.composite, standing.goes_forward) == (None, None, False)


def test_a_ruling_that_repeats_the_standing_is_refused(chair, conference, north_motion):
    rule(chair, conference, "admissible", motion=north_motion)
    with pytest.raises(AlreadyDone):
        rule(chair, conference, "admissible", motion=north_motion)


def test_a_ruling_without_a_reason_is_refused_and_nothing_recorded(chair, conference, north_motion):
    with pytest.raises(InvalidInput):
        rule(chair, conference, "out-of-order", "   ", motion=north_motion)
    assert not RecordEntry.objects.filter(action="conference.ruling").exists()


def test_an_unknown_kind_of_ruling_is_refused(chair, conference, north_motion):
    with pytest.raises(InvalidInput):
        rule(chair, conference, "dismissed", motion=north_motion)


def test_a_ruling_is_on_exactly_one_item(chair, conference, north_motion, tree, south_secretary):
    amendment = amend(south_secretary, north_motion, tree["south"])
    with pytest.raises(InvalidInput):
        rule(chair, conference, "admissible")
    with pytest.raises(InvalidInput):
        rule(chair, conference, "admissible", motion=north_motion, amendment=amendment)


def test_an_amendment_is_ruled_on_in_its_own_right(
    chair, conference, north_motion, tree, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])
    ruling = rule(chair, conference, "out-of-order", "It wrecks the motion.", amendment=amendment)
    assert selectors.latest_ruling(amendment) == ruling
    assert selectors.latest_ruling(north_motion) is None


def test_only_a_motion_is_to_be_composited(chair, conference, north_motion, tree, south_secretary):
    amendment = amend(south_secretary, north_motion, tree["south"])
    with pytest.raises(InvalidInput):
        rule(chair, conference, "composite-required", amendment=amendment)


def test_another_conferences_motion_is_refused(chair, conference, north_motion, secretary, tree):
    other = call(secretary, tree["international"], title="Special conference")
    committee(secretary, other, [chair], title="Special committee")
    with pytest.raises(InvalidInput):
        rule(chair, other, "admissible", motion=north_motion)


def test_only_the_committees_members_rule(conference, north_motion, secretary, north_secretary):
    for outsider in (secretary, north_secretary):
        with pytest.raises(NotPermitted):
            rule(outsider, conference, "out-of-order", motion=north_motion)


def test_a_conference_without_a_committee_has_nobody_to_rule(conference, north_motion, secretary):
    assert not selectors.rulings_of(conference)
    with pytest.raises(NotPermitted):
        rule(secretary, conference, "admissible", motion=north_motion)


def test_no_ruling_once_the_conference_has_closed(chair, conference, north_motion):
    with pytest.raises(OutsideWindow):
        rule(
            chair,
            conference,
            "guillotined",
            motion=north_motion,
            now=at(conference.closes_on + datetime.timedelta(days=1)),
        )


# Composites


def test_a_composite_waits_for_every_movers_consent(
    chair, conference, north_motion, south_motion, north_secretary, south_secretary
):
    composite = draft(chair, conference, [south_motion, north_motion])
    assert (composite.number, composite.state) == (1, Composite.State.PENDING)
    assert [c.motion.number for c in composite.consents.all()] == [1, 2]
    answer(north_secretary, composite, north_motion)
    assert Composite.objects.get(pk=composite.pk).state == Composite.State.PENDING
    answer(south_secretary, composite, south_motion)
    assert Composite.objects.get(pk=composite.pk).state == Composite.State.AGREED
    standings = selectors.standings_of(conference)
    assert standings[north_motion.pk].composite == composite
    assert standings[north_motion.pk].goes_forward is False
    assert [
        e.payload["state"]
        for e in RecordEntry.objects.filter(action="conference.composite_answered").order_by("seq")
    ] == ["pending", "agreed"]


def test_one_refusal_and_the_composite_falls_and_the_motions_stay(
    chair, conference, north_motion, south_motion, north_secretary, south_secretary
):
    composite = draft(chair, conference, [north_motion, south_motion])
    answer(north_secretary, composite, north_motion, consents=False)
    assert Composite.objects.get(pk=composite.pk).state == Composite.State.FALLEN
    with pytest.raises(AlreadyDone):
        answer(south_secretary, composite, south_motion)
    assert selectors.standings_of(conference)[north_motion.pk].composite is None
    # The motions are free to be composited again.
    assert draft(chair, conference, [north_motion, south_motion]).number == 2


def test_each_line_of_a_composite_shows_the_motion_it_came_from(
    chair, conference, north_motion, south_motion
):
    composite = draft(chair, conference, [north_motion, south_motion])
    lines = selectors.composite_lines(composite)
    assert [(line.kind, line.motion and line.motion.number) for line in lines] == [
        ("title", None),
        ("paragraph", 1),
        ("paragraph", 2),
        ("paragraph", 1),
        ("paragraph", 2),
        ("paragraph", None),
    ]


def test_a_mover_answers_once(chair, conference, north_motion, south_motion, north_secretary):
    composite = draft(chair, conference, [north_motion, south_motion])
    answer(north_secretary, composite, north_motion)
    with pytest.raises(AlreadyDone):
        answer(north_secretary, composite, north_motion, consents=False)


def test_only_the_motions_own_officers_answer_for_it(
    chair, conference, north_motion, south_motion, south_secretary
):
    composite = draft(chair, conference, [north_motion, south_motion])
    with pytest.raises(NotPermitted):
        answer(south_secretary, composite, north_motion)
    with pytest.raises(NotPermitted):
        answer(chair, composite, north_motion)
    assert set(Consent.objects.values_list("answer", flat=True)) == {"pending"}


def test_a_motion_outside_the_composite_cannot_answer(
    chair, conference, north_motion, south_motion, north_secretary, tree
):
    second = motion(north_secretary, conference, tree["north"], text="Conference backs the strike.")
    composite = draft(chair, conference, [north_motion, south_motion])
    with pytest.raises(InvalidInput):
        answer(north_secretary, composite, second)


def test_the_movers_answer_before_the_conference_opens(
    chair, conference, north_motion, south_motion, north_secretary
):
    composite = draft(chair, conference, [north_motion, south_motion])
    with pytest.raises(OutsideWindow):
        answer(north_secretary, composite, north_motion, now=at(conference.opens_on))


def test_a_composite_joins_two_motions_or_more(chair, conference, north_motion):
    with pytest.raises(InvalidInput):
        draft(chair, conference, [north_motion, north_motion])


def test_a_motion_ruled_out_of_order_is_not_composited(
    chair, conference, north_motion, south_motion
):
    rule(chair, conference, "out-of-order", motion=north_motion)
    with pytest.raises(InvalidInput):
        draft(chair, conference, [north_motion, south_motion])
    assert not Composite.objects.exists()


def test_a_motion_is_in_one_standing_composite_at_a_time(
    chair, conference, north_motion, south_motion, north_secretary, tree
):
    third = motion(north_secretary, conference, tree["north"], text="Conference backs the strike.")
    draft(chair, conference, [north_motion, south_motion])
    with pytest.raises(AlreadyDone):
        draft(chair, conference, [north_motion, third])


def test_a_composited_motion_is_ruled_on_through_its_composite(
    chair, conference, north_motion, south_motion, north_secretary, south_secretary
):
    composite = draft(chair, conference, [north_motion, south_motion])
    answer(north_secretary, composite, north_motion)
    answer(south_secretary, composite, south_motion)
    with pytest.raises(InvalidInput):
        rule(chair, conference, "guillotined", motion=north_motion)
    ruling = rule(chair, conference, "admissible", composite=composite)
    assert selectors.latest_ruling(composite) == ruling


def test_composites_are_drafted_before_the_conference_opens(
    chair, conference, north_motion, south_motion
):
    with pytest.raises(OutsideWindow):
        draft(chair, conference, [north_motion, south_motion], now=at(conference.opens_on))


def test_a_motion_ruled_out_of_order_takes_its_pending_composite_down(
    chair, conference, north_motion, south_motion, north_secretary, south_secretary
):
    composite = draft(chair, conference, [north_motion, south_motion])
    answer(north_secretary, composite, north_motion)
    rule(chair, conference, "out-of-order", "Not our business.", motion=south_motion)
    assert Composite.objects.get(pk=composite.pk).state == Composite.State.FALLEN
    entry = RecordEntry.objects.get(action="conference.composite_fallen")
    assert entry.payload["motion"] == south_motion.pk
    with pytest.raises(AlreadyDone):
        answer(south_secretary, composite, south_motion)
    assert selectors.going_forward(conference) == {}


def test_only_the_committee_drafts_a_composite(
    conference, north_motion, south_motion, north_secretary
):
    with pytest.raises(NotPermitted):
        draft(north_secretary, conference, [north_motion, south_motion])


def test_an_empty_or_overlong_composite_is_refused(chair, conference, north_motion, south_motion):
    for text in ("", "   \n  ", "Conference resolves. " * 4000):
        with pytest.raises(InvalidInput):
            draft(chair, conference, [north_motion, south_motion], text=text)
