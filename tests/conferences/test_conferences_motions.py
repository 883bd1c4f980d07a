"""A body brings a motion to conference once a quorate meeting of its members carried it, by
its officers, before the motions deadline, within the rules' number and length; each motion
is numbered, line-numbered and on the open record."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.steps import DAY, call

from newcourse.conferences import selectors, services
from newcourse.conferences.models import Motion
from newcourse.offices import services as office_services
from newcourse.organisation import services as organisation_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow

TEXT = "Conference notes the cost of living.\n\nConference resolves to fight for a pay rise."


@pytest.fixture
def rulebook_parameters():
    """A fifth of a body's members make a meeting quorate; two motions of at most 30 words."""
    return {"meeting.quorum": "20%", "motions.per_body": "2", "motions.max_words": "30"}


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north_secretary(tree, make_member):
    member = make_member(tree["north"], name="North Secretary")
    office = office_services.office_create(actor="t", body=tree["north"], title="Secretary")
    office_services.term_record_founding(actor="t", office=office, members=[member])
    for _ in range(9):
        make_member(tree["north"])
    return member  # North: ten members, so a quorum of 2


@pytest.fixture
def conference(tree, secretary):
    return call(secretary, tree["international"])


def submit(
    member, conference, body, *, title="Cost of living", text=TEXT, votes=(5, 1, 0), **extra
):
    return services.motion_submit(
        person=member.person,
        member=member,
        conference=conference,
        body=body,
        title=title,
        text=text,
        meeting_on=extra.pop("meeting_on", timezone.localdate()),
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2],
        **extra,
    )


def test_a_branch_motion_carried_by_a_quorate_meeting_is_numbered_and_recorded(
    tree, conference, north_secretary
):
    motion = submit(north_secretary, conference, tree["north"])
    assert (motion.number, motion.body.slug) == (1, "north")
    entry = RecordEntry.objects.get(action="conference.motion_submitted")
    assert (entry.payload["for"], entry.payload["number"]) == (5, 1)
    lines = selectors.motion_lines(motion)
    assert [line.text for line in lines] == [
        "Cost of living",
        "Conference notes the cost of living.",
        "Conference resolves to fight for a pay rise.",
    ]


def test_a_meeting_short_of_its_quorum_carries_nothing(tree, conference, north_secretary):
    with pytest.raises(NotEligible, match="1 voted, and North needs 2"):
        submit(north_secretary, conference, tree["north"], votes=(1, 0, 0))
    assert not Motion.objects.exists()


def test_a_meeting_that_did_not_carry_it_is_refused(tree, conference, north_secretary):
    with pytest.raises(NotEligible, match="more have to vote for than against"):
        submit(north_secretary, conference, tree["north"], votes=(3, 3, 0))


def test_after_the_motions_deadline_nothing_is_submitted(tree, conference, north_secretary):
    late = timezone.now() + (conference.motions_by - timezone.localdate() + DAY)
    with pytest.raises(OutsideWindow, match="closed on"):
        submit(north_secretary, conference, tree["north"], now=late)


def test_a_motion_longer_than_the_rules_allow_is_refused(tree, conference, north_secretary):
    with pytest.raises(InvalidInput, match="31 words; the rules allow 30"):
        submit(north_secretary, conference, tree["north"], text="word " * 31)


def test_a_body_submits_no_more_motions_than_the_rules_allow(tree, conference, north_secretary):
    submit(north_secretary, conference, tree["north"])
    submit(north_secretary, conference, tree["north"], title="Second")
    with pytest.raises(AlreadyDone, match="2 motions the rules allow"):
        submit(north_secretary, conference, tree["north"], title="Third")


def test_only_the_bodys_officers_submit_its_motions(tree, conference, north_secretary, make_member):
    member = make_member(tree["north"])
    with pytest.raises(NotPermitted):
        submit(member, conference, tree["north"])


def test_a_body_that_sends_no_delegates_brings_no_motion(tree, conference, officer_of):
    regional = officer_of(tree["region"], title="Regional secretary")
    with pytest.raises(NotPermitted, match="does not send delegates"):
        submit(regional, conference, tree["region"])


def test_a_meeting_in_the_future_is_refused(tree, conference, north_secretary):
    with pytest.raises(InvalidInput, match="has to have been held"):
        submit(
            north_secretary,
            conference,
            tree["north"],
            meeting_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_braces_in_a_motion_are_its_own_words(tree, conference, north_secretary):
    motion = submit(north_secretary, conference, tree["north"], text="We want {more}.")
    assert selectors.motion_lines(motion)[1].text == "We want {more}."


def test_more_votes_than_the_body_has_members_is_refused(tree, conference, north_secretary):
    with pytest.raises(InvalidInput, match="11 votes were counted, but North has 10"):
        submit(north_secretary, conference, tree["north"], votes=(11, 0, 0))


def test_a_motion_of_few_words_but_many_characters_is_refused(tree, conference, north_secretary):
    with pytest.raises(InvalidInput, match="characters long"):
        submit(north_secretary, conference, tree["north"], text="x" * 3000)


def test_after_the_freeze_a_body_added_below_a_branch_still_brings_its_motions(
    tree, conference, north_secretary
):
    services.conferences_tick()
    organisation_services.body_create(
        actor="t", name="North Shop", kind="Workplace", parent=tree["north"]
    )
    assert submit(north_secretary, conference, tree["north"]).number == 1


# Emergency motions


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_after_the_motions_deadline_a_motion_is_an_emergency_motion(
    tree, conference, north_secretary
):
    day = conference.motions_by + DAY
    motion = submit(north_secretary, conference, tree["north"], meeting_on=day, now=_at(day))
    assert motion.emergency is True
    entry = RecordEntry.objects.get(action="conference.motion_submitted")
    assert entry.payload["emergency"] is True


def test_an_emergency_motion_is_carried_by_a_meeting_after_the_motions_deadline(
    tree, conference, north_secretary
):
    with pytest.raises(OutsideWindow) as refused:
        submit(
            north_secretary,
            conference,
            tree["north"],
            meeting_on=conference.motions_by,
            now=_at(conference.motions_by + DAY),
        )
    assert "emergency motion" in refused.value.message
    assert not Motion.objects.exists()


def test_emergency_motions_are_counted_apart_from_the_others(tree, conference, north_secretary):
    for n in range(2):
        submit(north_secretary, conference, tree["north"], title=f"Ordinary {n}")
    day = conference.motions_by + DAY
    for n in range(2):
        submit(
            north_secretary,
            conference,
            tree["north"],
            title=f"Emergency {n}",
            meeting_on=day,
            now=_at(day),
        )
    with pytest.raises(AlreadyDone) as refused:
        submit(north_secretary, conference, tree["north"], meeting_on=day, now=_at(day))
    assert "emergency motions" in refused.value.message


def test_after_the_emergency_motions_date_nothing_is_submitted(tree, conference, north_secretary):
    day = conference.emergency_by + DAY
    with pytest.raises(OutsideWindow):
        submit(north_secretary, conference, tree["north"], meeting_on=day, now=_at(day))
