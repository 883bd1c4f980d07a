"""Alternates through the API: the credentials report lists each delegation's alternates in
line; a delegate (or an officer of their body) stands down with a reason, and the first
alternate in line takes the seat; refusals answered as problem details, nothing changed."""

from __future__ import annotations

import pytest
from tests.conferences.credentialing import RULEBOOK, issued, seat, seat_alternates
from tests.conferences.steps import fixed

from newcourse.conferences.models import Credential


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    return [make_member(tree["north"], name=f"North {n}") for n in range(1, 5)]


@pytest.fixture
def conference(tree, secretary, north):
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], north[:2])
    seat_alternates(conference, tree["north"], [north[2]])
    return conference


@pytest.fixture
def credentials(conference):
    return issued(conference)


def north_row(client, conference):
    data = client.get(f"/api/v1/conferences/{conference.pk}/credentials/").json()
    return next(row for row in data["senders"] if row["unit"] == "north")


def test_the_report_lists_the_alternates_in_line(as_member, conference, credentials, north):
    row = north_row(as_member(north[3]), conference)
    assert row["alternates"] == [{"place": 1, "name": "North 3", "state": "waiting", "seat_of": ""}]
    assert (row["stood_down"], row["held"]) == (0, 2)


def test_the_conference_names_the_office_of_each_delegations_alternates(
    as_member, conference, north
):
    data = as_member(north[3]).get(f"/api/v1/conferences/{conference.pk}/").json()
    delegation = next(d for d in data["delegations"] if d["unit"] == "north")
    assert (
        delegation["alternates_office"]
        == conference.delegations.get(unit__slug="north").alternates_id
    )


def test_a_delegate_stands_down_and_the_alternate_takes_the_seat(
    bearer, post, as_member, conference, credentials, north
):
    credential = credentials["North 1"]
    response = post(
        bearer(north[0]),
        f"/api/v1/credentials/{credential.pk}/stand-down/",
        {"reason": "Taken ill"},
    )
    assert response.status_code == 200
    entry = response.json()
    assert (entry["status"], entry["seated"], entry["taken_by"], entry["seat_empty"]) == (
        "stood-down",
        False,
        "North 3",
        False,
    )
    assert entry["stood_down_reason"] == "Taken ill"
    row = north_row(as_member(north[3]), conference)
    assert row["alternates"] == [
        {"place": 1, "name": "North 3", "state": "seated", "seat_of": "North 1"}
    ]
    taken = next(d for d in row["delegates"] if d["name"] == "North 3")
    assert (taken["alternate_for"], taken["seated"], taken["status"]) == (
        "North 1",
        True,
        "pending",
    )
    assert (row["stood_down"], row["held"]) == (1, 2)


def test_standing_down_twice_is_refused(bearer, post, credentials, north):
    url = f"/api/v1/credentials/{credentials['North 1'].pk}/stand-down/"
    delegate = bearer(north[0])
    post(delegate, url, {"reason": "Taken ill"})
    response = post(delegate, url, {"reason": "Still ill"})
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "This delegate has stood down: the credential is no longer valid."
    )
    assert Credential.objects.filter(alternate_for__isnull=False).count() == 1


def test_standing_down_without_a_reason_is_refused(bearer, post, credentials, north):
    credential = credentials["North 1"]
    response = post(bearer(north[0]), f"/api/v1/credentials/{credential.pk}/stand-down/", {})
    assert response.status_code == 400
    assert Credential.objects.get(pk=credential.pk).status == "pending"


def test_a_fellow_delegate_may_not_stand_a_delegate_down(bearer, post, credentials, north):
    credential = credentials["North 1"]
    response = post(
        bearer(north[1]),
        f"/api/v1/credentials/{credential.pk}/stand-down/",
        {"reason": "Rival"},
    )
    assert response.status_code == 403
    assert Credential.objects.get(pk=credential.pk).status == "pending"
