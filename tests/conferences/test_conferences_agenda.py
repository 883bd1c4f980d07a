"""The standing orders committee publishes the agenda: every motion ruled admissible and every
agreed composite on it exactly once, nothing else of the conference's business, reports and
elections by title, each with its time; published again as business changes, until the final
agenda date, each version on the record; the scheduler prints each version's papers as a PDF."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.amending import RULEBOOK, amend, branch_secretary, motion

from newcourse.conferences import selectors, services
from newcourse.conferences.models import AgendaItem, Conference, Papers
from newcourse.conferences.services.agenda import Entry
from newcourse.record.models import RecordEntry
from newcourse.refusals import InvalidInput, NotPermitted, OutsideWindow

SOUTH_TEXT = "Conference notes rents doubled.\n\nConference resolves to fight for rent controls."


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def motions(tree, conference, make_member):
    north = branch_secretary(tree["north"], make_member)
    south = branch_secretary(tree["south"], make_member)
    first = motion(north, conference, tree["north"])
    amend(south, first, tree["south"])
    return first, motion(south, conference, tree["south"], text=SOUTH_TEXT)


def rule(chair, conference, kind, **item):
    return services.ruling_make(
        person=chair.person, member=chair, conference=conference, kind=kind, reason="So.", **item
    )


def publish(chair, conference, entries, **extra):
    return services.agenda_publish(
        person=chair.person, member=chair, conference=conference, entries=entries, **extra
    )


def test_the_agenda_holds_what_goes_forward_and_the_business_named_by_title(
    chair, conference, motions
):
    first, second = motions
    rule(chair, conference, "admissible", motion=first)
    rule(chair, conference, "out-of-order", motion=second)
    publish(
        chair,
        conference,
        [
            Entry(kind="report", minutes=30, title="The executive's report"),
            Entry(kind="motion", minutes=20, motion=first),
            Entry(kind="election", minutes=15, title="Election of the president"),
        ],
    )
    agenda = selectors.agenda_of(conference)
    assert [(i.position, i.kind, i.title, i.minutes) for i in agenda] == [
        (1, "report", "The executive's report", 30),
        (2, "motion", "Cost of living", 20),
        (3, "election", "Election of the president", 15),
    ]
    entry = RecordEntry.objects.get(action="conference.agenda_published")
    assert (entry.payload["version"], entry.payload["minutes"]) == (1, 65)
    assert Conference.objects.get(pk=conference.pk).agenda_version == 1


def test_a_motion_that_goes_forward_is_never_left_off(chair, conference, motions):
    rule(chair, conference, "admissible", motion=motions[0])
    with pytest.raises(InvalidInput) as refused:
        publish(chair, conference, [Entry(kind="report", minutes=30, title="Report")])
    assert "1. Cost of living" in refused.value.message
    assert not AgendaItem.objects.exists()


def test_a_motion_not_ruled_admissible_is_not_on_it(chair, conference, motions):
    rule(chair, conference, "out-of-order", motion=motions[1])
    for entry in (
        Entry(kind="motion", minutes=5, motion=motions[0]),
        Entry(kind="motion", minutes=5, motion=motions[1]),
    ):
        with pytest.raises(InvalidInput):
            publish(chair, conference, [entry])
    assert not AgendaItem.objects.exists()


def test_a_motion_is_on_it_once(chair, conference, motions):
    rule(chair, conference, "admissible", motion=motions[0])
    entry = Entry(kind="motion", minutes=5, motion=motions[0])
    with pytest.raises(InvalidInput):
        publish(chair, conference, [entry, entry])


def test_an_agreed_composite_goes_on_it_in_its_motions_place(chair, conference, motions, tree):
    first, second = motions
    composite = services.composite_draft(
        person=chair.person,
        member=chair,
        conference=conference,
        motions=[first, second],
        title="Pay and rent",
        text="Conference notes the cost of living.\n\nConference notes rents doubled.",
    )
    for each in (first, second):
        officer = each.submitted_by
        services.composite_answer(
            person=officer.person, member=officer, composite=composite, motion=each, consents=True
        )
    assert selectors.going_forward(conference) == {f"composite:{composite.pk}": "C1. Pay and rent"}
    publish(chair, conference, [Entry(kind="composite", minutes=25, composite=composite)])
    assert [i.composite for i in selectors.agenda_of(conference)] == [composite]


@pytest.mark.parametrize(
    "entry",
    [
        Entry(kind="report", minutes=0, title="Report"),
        Entry(kind="report", minutes=481, title="Report"),
        Entry(kind="report", minutes=30, title="  "),
        Entry(kind="speeches", minutes=30, title="Speeches"),
        Entry(kind="motion", minutes=30),
    ],
)
def test_a_bad_item_is_refused_naming_it(chair, conference, entry):
    with pytest.raises(InvalidInput) as refused:
        publish(chair, conference, [Entry(kind="report", minutes=10, title="Opening"), entry])
    assert refused.value.message.startswith("Item 2:")


def test_an_empty_agenda_is_refused(chair, conference):
    with pytest.raises(InvalidInput):
        publish(chair, conference, [])


def test_published_again_it_replaces_the_last_and_both_versions_are_on_the_record(
    chair, conference
):
    publish(chair, conference, [Entry(kind="report", minutes=10, title="First")])
    publish(chair, conference, [Entry(kind="report", minutes=10, title="Second")])
    assert [i.title for i in selectors.agenda_of(conference)] == ["Second"]
    versions = RecordEntry.objects.filter(action="conference.agenda_published").order_by("seq")
    assert [e.payload["items"][0]["title"] for e in versions] == ["First", "Second"]


def test_only_the_committee_publishes_it(secretary, conference):
    with pytest.raises(NotPermitted):
        publish(secretary, conference, [Entry(kind="report", minutes=10, title="Report")])


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_after_the_final_agenda_date_it_is_published_again_until_the_conference_opens(
    chair, conference
):
    late = _at(conference.agenda_by + datetime.timedelta(days=1))
    publish(chair, conference, [Entry(kind="report", minutes=10, title="R")], now=late)
    with pytest.raises(OutsideWindow):
        publish(
            chair,
            conference,
            [Entry(kind="report", minutes=10, title="R")],
            now=_at(conference.opens_on),
        )


def test_an_agenda_that_business_has_overtaken_is_marked_so(chair, conference, motions):
    publish(chair, conference, [Entry(kind="report", minutes=10, title="Report")])
    assert selectors.agenda_current(conference) is True
    rule(chair, conference, "admissible", motion=motions[0])
    assert selectors.agenda_current(conference) is False


def test_the_scheduler_prints_each_versions_papers_once(pdf_printing, chair, conference, motions):
    rule(chair, conference, "admissible", motion=motions[0])
    publish(chair, conference, [Entry(kind="motion", minutes=20, motion=motions[0])])
    assert selectors.conferences_due_for_papers() == [conference]
    assert services.conferences_tick() == []
    papers = Papers.objects.get()
    assert (papers.version, bytes(papers.pdf)[:5]) == (1, b"%PDF-")
    assert selectors.conferences_due_for_papers() == []
    assert services.papers_render(conference=Conference.objects.get(pk=conference.pk)) is False
    publish(chair, conference, [Entry(kind="motion", minutes=25, motion=motions[0])])
    services.conferences_tick()
    assert list(Papers.objects.values_list("version", flat=True)) == [2, 1]


def test_the_papers_carry_each_motion_by_line_with_its_amendments(chair, conference, motions):
    rule(chair, conference, "admissible", motion=motions[0])
    publish(chair, conference, [Entry(kind="motion", minutes=20, motion=motions[0])])
    (paper,) = selectors.papers_of(conference)
    assert [line.number for line in paper.lines] == [1, 2, 3]
    assert [shown.amendment.number for shown in paper.amendments] == [1]


def test_the_papers_leave_out_an_amendment_ruled_out_of_order(chair, conference, motions):
    rule(chair, conference, "admissible", motion=motions[0])
    (amendment,) = motions[0].amendments.all()
    rule(chair, conference, "out-of-order", amendment=amendment)
    publish(chair, conference, [Entry(kind="motion", minutes=20, motion=motions[0])])
    (paper,) = selectors.papers_of(conference)
    assert paper.amendments == []
