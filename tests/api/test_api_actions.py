"""The actions' endpoints: a body's actions (the generated report), one action with its
history, and the owner's update; a member and an officer who is not the owner are refused, and
no update drops an action. Every response is checked against the OpenAPI description."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.amending import RULEBOOK, branch_secretary, motion
from tests.conferences.deciding import carried
from tests.conferences.steps import call, committee

from newcourse.actions import services
from newcourse.actions.models import ActionStatus
from newcourse.offices.models import Office

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rulebook_parameters():
    return {**RULEBOOK}


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def member(tree, make_member):
    return make_member(tree["south"], name="Plain Member")


@pytest.fixture
def action(tree, make_member, secretary, north):
    """An action of the International's carried decision, owned by North's secretary's office,
    created a week ago and due three days ago: overdue."""
    conference = call(secretary, tree["international"], unit_kind="Branch")
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    (decision,) = carried(chair, conference, motion(north, conference, tree["north"]))
    now = timezone.now() - 7 * DAY
    return services.action_create(
        person=secretary.person,
        member=secretary,
        body=tree["international"],
        decision=decision,
        task="Write to every branch.",
        owner_office=Office.objects.get(body=tree["north"], title="Secretary"),
        due_on=timezone.localdate(now) + 4 * DAY,
        now=now,
    )


def url(action, rest=""):
    return f"/api/v1/actions/{action.pk}/{rest}"


def test_a_member_lists_the_bodys_actions_with_the_overdue_flag(
    bearer, member, tree, action
) -> None:
    response = bearer(member).get(f"/api/v1/bodies/{tree['international'].slug}/actions/")

    data = response.json()
    assert response.status_code == 200
    assert [(a["id"], a["status"], a["overdue"]) for a in data["actions"]] == [
        (action.pk, "not-started", True)
    ]
    assert data["actions"][0]["owner"] == f"office:{action.owner_office_id}"


def test_a_bad_since_is_a_bad_request(bearer, member, tree, action) -> None:
    response = bearer(member).get(
        f"/api/v1/bodies/{tree['international'].slug}/actions/", {"since": "soon"}
    )
    assert response.status_code == 400


def test_the_owner_posts_an_update_and_the_history_shows_it(bearer, north, action, post) -> None:
    response = post(bearer(north), url(action, "updates/"), {"status": "done", "note": "Sent."})

    data = response.json()
    assert (response.status_code, data["status"], data["overdue"]) == (201, "done", False)
    assert [(u["status"], u["note"]) for u in data["updates"]] == [("done", "Sent.")]


@pytest.mark.parametrize("who", ["member", "secretary"])
def test_only_the_owner_posts_updates(bearer, request, action, post, who) -> None:
    response = post(
        bearer(request.getfixturevalue(who)), url(action, "updates/"), {"status": "done"}
    )

    action.refresh_from_db()
    assert (response.status_code, response.json()["type"]) == (
        403,
        "/api/v1/problems/not-permitted",
    )
    assert action.status == ActionStatus.NOT_STARTED


def test_no_update_drops_an_action(bearer, north, action, post) -> None:
    response = post(bearer(north), url(action, "updates/"), {"status": "dropped"})

    assert response.status_code == 403
    assert "cannot drop" in response.json()["detail"]


def test_an_unknown_status_is_a_bad_request(bearer, north, action, post) -> None:
    response = post(bearer(north), url(action, "updates/"), {"status": "finished"})
    assert response.status_code == 400


def test_any_member_within_the_body_reads_an_action_and_a_missing_one_is_not_found(
    bearer, tree, make_member, action
) -> None:
    client = bearer(make_member(tree["far"]))

    found = client.get(url(action))
    missing = client.get("/api/v1/actions/999999/")

    assert (found.status_code, found.json()["task"]) == (200, "Write to every branch.")
    assert missing.status_code == 404
