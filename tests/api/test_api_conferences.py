"""Conferences through the API: a body's conferences (its own and those above it), one with its
timetable and delegates, and calling one as the body's officer; bad input refused, nothing
called."""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests.conferences.steps import DAY, call, dates, fixed

from newcourse.conferences.models import Conference


@pytest.fixture
def rulebook_parameters():
    return {"delegates.members_per_delegate": "3", "delegates.minimum": "1"}


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    return [make_member(tree["north"]) for _ in range(4)]


def call_body(start, **extra):
    return {
        "title": "Congress 2027",
        **{name: day.isoformat() for name, day in dates(start).items()},
        **extra,
    }


def test_a_branch_lists_the_conferences_above_it(as_member, tree, secretary, north):
    conference = call(secretary, tree["international"])
    response = as_member(north[0]).get("/api/v1/bodies/north/conferences/")
    assert response.status_code == 200
    assert response.json() == {
        "body": "north",
        "conferences": [
            {
                "id": conference.pk,
                "title": "Congress 2027",
                "body": "international",
                "freeze_on": conference.freeze_on.isoformat(),
                "opens_on": conference.opens_on.isoformat(),
                "closes_on": conference.closes_on.isoformat(),
                "entitlement_fixed": False,
            }
        ],
    }


def test_a_fixed_conference_gives_its_entitlement_with_the_arithmetic(
    as_member, tree, secretary, north
):
    conference = fixed(secretary, tree["international"])
    data = as_member(north[0]).get(f"/api/v1/conferences/{conference.pk}/").json()
    assert data["entitlement"] == {
        "fixed": True,
        "rule": "one delegate per 3 members, or part thereof, at least 1",
        "rulebook_version": 1,
        "total": 3,
        "rows": [
            {"unit": "north", "members": 4, "seats": 2, "arithmetic": "4 / 3, up 2 → 2"},
            {"unit": "south", "members": 0, "seats": 0, "arithmetic": "no members, no delegate"},
            {"unit": "far", "members": 1, "seats": 1, "arithmetic": "1 / 3, up 1 → 1"},
        ],
    }
    assert [(row["name"], row["passed"]) for row in data["timetable"][:2]] == [
        ("freeze_on", False),
        ("delegates_by", False),
    ]
    assert [(d["unit"], d["seats"], d["elected"]) for d in data["delegations"]] == [
        ("north", 2, 0),
        ("far", 1, 0),
    ]


def test_a_conference_not_open_to_the_caller_is_not_found(as_member, tree, officer_of, north):
    conference = call(officer_of(tree["other_section"]), tree["other_section"])
    response = as_member(north[0]).get(f"/api/v1/conferences/{conference.pk}/")
    assert response.status_code == 404
    assert as_member(north[0]).get("/api/v1/conferences/999/").status_code == 404


def test_the_officer_calls_a_conference(bearer, post, tree, secretary):
    response = post(
        bearer(secretary),
        "/api/v1/bodies/international/conferences/",
        call_body(timezone.localdate() + DAY, unit_kind="Branch"),
    )
    conference = Conference.objects.get()
    assert response.status_code == 201
    assert (response.json()["id"], response.json()["unit_kind"]) == (conference.pk, "Branch")
    assert response.json()["entitlement"]["fixed"] is False


def test_a_member_who_is_not_an_officer_may_not_call_one(bearer, post, tree, north):
    response = post(
        bearer(north[0]),
        "/api/v1/bodies/international/conferences/",
        call_body(timezone.localdate()),
    )
    assert response.status_code == 403
    assert not Conference.objects.exists()


def test_a_date_that_is_not_one_is_refused(bearer, post, tree, secretary):
    response = post(
        bearer(secretary),
        "/api/v1/bodies/international/conferences/",
        call_body(timezone.localdate(), motions_by="soon"),
    )
    assert response.status_code == 400
    assert "motions_by" in response.json()["detail"]
    assert not Conference.objects.exists()


def test_a_freeze_in_the_past_is_refused(bearer, post, tree, secretary):
    response = post(
        bearer(secretary),
        "/api/v1/bodies/international/conferences/",
        call_body(timezone.localdate() - DAY),
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "The membership freeze cannot be in the past."
    assert not Conference.objects.exists()
