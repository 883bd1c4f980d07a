"""Motions through the API: a conference's motions, one with the meeting's decision and its
numbered lines, and submitting one as a sending body's officer; bad input and refusals answered
as problem details, nothing submitted."""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests.conferences.steps import DAY, call

from newcourse.conferences import services
from newcourse.conferences.models import Motion
from newcourse.offices import services as office_services

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
    return call(secretary, tree["international"], unit_kind="Branch")


def motion_body(**extra):
    return {
        "body": "north",
        "title": "Cost of living",
        "text": TEXT,
        "meeting_on": timezone.localdate().isoformat(),
        "votes_for": 5,
        "votes_against": 1,
        **extra,
    }


def submit(member, conference, body, votes=(5, 1, 2)):
    return services.motion_submit(
        person=member.person,
        member=member,
        conference=conference,
        body=body,
        title="Cost of living",
        text=TEXT,
        meeting_on=timezone.localdate(),
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2],
    )


def test_a_conference_lists_its_motions(as_member, tree, conference, north_secretary):
    motion = submit(north_secretary, conference, tree["north"])
    response = as_member(north_secretary).get(f"/api/v1/conferences/{conference.pk}/motions/")
    assert response.status_code == 200
    assert response.json() == {
        "conference": conference.pk,
        "motions": [{"id": motion.pk, "number": 1, "title": "Cost of living", "body": "north"}],
    }


def test_a_motion_gives_the_decision_and_the_numbered_lines(
    as_member, tree, conference, north_secretary, make_member
):
    motion = submit(north_secretary, conference, tree["north"])
    data = as_member(make_member(tree["far"])).get(f"/api/v1/motions/{motion.pk}/").json()
    assert (
        data["meeting_on"],
        data["votes_for"],
        data["votes_against"],
        data["votes_abstain"],
    ) == (
        timezone.localdate().isoformat(),
        5,
        1,
        2,
    )
    assert (data["conference"], data["text"]) == (conference.pk, TEXT)
    assert data["lines"] == [
        {"number": 1, "text": "Cost of living", "clause": None},
        {"number": 2, "text": "Conference notes the cost of living.", "clause": None},
        {"number": 3, "text": "Conference resolves to fight for a pay rise.", "clause": None},
    ]


def test_a_motion_not_open_to_the_caller_is_not_found(as_member, tree, officer_of, make_member):
    conference = call(officer_of(tree["section"]), tree["section"], unit_kind="Branch")
    branch_secretary = officer_of(tree["north"], title="Branch secretary")
    motion = submit(branch_secretary, conference, tree["north"], votes=(1, 0, 0))
    client = as_member(make_member(tree["far"]))
    assert client.get(f"/api/v1/motions/{motion.pk}/").status_code == 404
    assert client.get(f"/api/v1/motions/{motion.pk + 1}/").status_code == 404
    assert client.get(f"/api/v1/conferences/{conference.pk}/motions/").status_code == 404


def test_the_officer_submits_a_motion(bearer, post, tree, conference, north_secretary):
    response = post(
        bearer(north_secretary),
        f"/api/v1/conferences/{conference.pk}/motions/",
        motion_body(votes_abstain=3),
    )
    motion = Motion.objects.get()
    assert response.status_code == 201
    assert (response.json()["id"], response.json()["number"]) == (motion.pk, 1)
    assert (motion.body, motion.votes_abstain) == (tree["north"], 3)


def test_a_meeting_short_of_its_quorum_is_refused(bearer, post, tree, conference, north_secretary):
    response = post(
        bearer(north_secretary),
        f"/api/v1/conferences/{conference.pk}/motions/",
        motion_body(votes_for=1, votes_against=0),
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("The meeting was not quorate: 1 voted")
    assert not Motion.objects.exists()


def test_after_the_motions_deadline_only_an_emergency_motion_is_submitted(
    bearer, post, tree, conference, north_secretary
):
    conference.motions_by = timezone.localdate() - DAY
    conference.save(update_fields=["motions_by"])
    client = bearer(north_secretary)
    url = f"/api/v1/conferences/{conference.pk}/motions/"
    before = motion_body(meeting_on=conference.motions_by.isoformat())
    assert post(client, url, before).status_code == 409
    assert not Motion.objects.exists()
    response = post(client, url, motion_body())
    assert (response.status_code, response.json()["emergency"]) == (201, True)


def test_a_member_who_is_not_an_officer_may_not_submit(bearer, post, tree, conference, make_member):
    response = post(
        bearer(make_member(tree["north"])),
        f"/api/v1/conferences/{conference.pk}/motions/",
        motion_body(),
    )
    assert response.status_code == 403
    assert not Motion.objects.exists()


def test_a_body_that_sends_no_delegates_is_refused(bearer, post, tree, conference, north_secretary):
    response = post(
        bearer(north_secretary),
        f"/api/v1/conferences/{conference.pk}/motions/",
        motion_body(body="region"),
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "region does not send delegates to Congress 2027."
    assert not Motion.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("votes_for", -1), ("votes_against", "2"), ("votes_for", True), ("meeting_on", "soon")],
)
def test_a_figure_or_date_that_is_not_one_is_refused(
    bearer, post, tree, conference, north_secretary, field, value
):
    response = post(
        bearer(north_secretary),
        f"/api/v1/conferences/{conference.pk}/motions/",
        motion_body(**{field: value}),
    )
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert not Motion.objects.exists()
