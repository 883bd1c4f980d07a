"""Amendments through the API: a motion's amendments with their changes line by line and their
conflicts, submitting one as another sending body's officer, accepting one as friendly as the
motion's body's officer; refusals answered as problem details, nothing changed."""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests.conferences.amending import AMENDED, RULEBOOK, TEXT, amend, branch_secretary, motion
from tests.conferences.steps import DAY, call

from newcourse.conferences.models import Amendment


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def conference(tree, officer_of):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    return call(secretary, tree["international"], unit_kind="Branch")


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def north_motion(tree, conference, north_secretary):
    return motion(north_secretary, conference, tree["north"])


def amendment_body(**extra):
    return {
        "body": "south",
        "text": AMENDED,
        "meeting_on": timezone.localdate().isoformat(),
        "votes_for": 5,
        "votes_against": 1,
        **extra,
    }


def test_a_motion_lists_its_amendments_with_changes_and_conflicts(
    as_member, tree, north_motion, south_secretary, make_member
):
    first = amend(south_secretary, north_motion, tree["south"])
    amend(south_secretary, north_motion, tree["south"], text=AMENDED.replace("strike", "march"))
    client = as_member(make_member(tree["far"]))
    data = client.get(f"/api/v1/motions/{north_motion.pk}/amendments/").json()
    assert (data["motion"], data["conflicts"]) == (north_motion.pk, [[1, 2]])
    listed = data["amendments"][0]
    assert (listed["id"], listed["number"], listed["body"], listed["friendly"]) == (
        first.pk,
        1,
        "south",
        False,
    )
    assert listed["hunks"] == [
        {
            "old_start": 3,
            "old_lines": ["Conference resolves to fight for a pay rise."],
            "new_start": 3,
            "new_lines": ["Conference resolves to strike for a pay rise."],
        }
    ]
    assert (listed["conflicts_with"], data["amendments"][1]["conflicts_with"]) == ([2], [1])


def test_the_officer_submits_an_amendment(bearer, post, tree, north_motion, south_secretary):
    response = post(
        bearer(south_secretary),
        f"/api/v1/motions/{north_motion.pk}/amendments/",
        amendment_body(votes_abstain=2),
    )
    amendment = Amendment.objects.get()
    assert response.status_code == 201
    assert (response.json()["id"], response.json()["number"]) == (amendment.pk, 1)
    assert (amendment.body, amendment.votes_abstain, amendment.text) == (tree["south"], 2, AMENDED)


def test_the_motions_own_body_may_not_amend_it(bearer, post, tree, north_motion, north_secretary):
    response = post(
        bearer(north_secretary),
        f"/api/v1/motions/{north_motion.pk}/amendments/",
        amendment_body(body="north"),
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "A body does not amend its own motion."
    assert not Amendment.objects.exists()


def test_an_amendment_that_changes_nothing_is_refused(
    bearer, post, tree, north_motion, south_secretary
):
    response = post(
        bearer(south_secretary),
        f"/api/v1/motions/{north_motion.pk}/amendments/",
        amendment_body(text=TEXT),
    )
    assert response.status_code == 400
    assert not Amendment.objects.exists()


def test_after_the_amendments_deadline_nothing_is_submitted(
    bearer, post, tree, conference, north_motion, south_secretary
):
    conference.amendments_by = timezone.localdate() - DAY
    conference.save(update_fields=["amendments_by"])
    response = post(
        bearer(south_secretary),
        f"/api/v1/motions/{north_motion.pk}/amendments/",
        amendment_body(),
    )
    assert response.status_code == 409
    assert not Amendment.objects.exists()


def test_the_motions_officer_accepts_an_amendment_once(
    bearer, post, tree, north_motion, north_secretary, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])
    client = bearer(north_secretary)
    response = post(client, f"/api/v1/amendments/{amendment.pk}/accept/")
    assert (response.status_code, response.json()["friendly"]) == (200, True)
    again = post(client, f"/api/v1/amendments/{amendment.pk}/accept/")
    assert again.status_code == 409


def test_another_bodys_officer_may_not_accept(bearer, post, tree, north_motion, south_secretary):
    amendment = amend(south_secretary, north_motion, tree["south"])
    client = bearer(south_secretary)
    response = post(client, f"/api/v1/amendments/{amendment.pk}/accept/")
    assert response.status_code == 403
    amendment.refresh_from_db()
    assert amendment.friendly is False
    missing = post(client, f"/api/v1/amendments/{amendment.pk + 1}/accept/")
    assert missing.status_code == 404
