"""Delegates' credentials through the API: the credentials report for whoever sees the
conference; a review by the credentials committee, a challenge by another delegate; refusals
answered as problem details, nothing changed; no card's token ever in an answer."""

from __future__ import annotations

import pytest
from tests.conferences.credentialing import RULEBOOK, credentials_committee, issued, seat
from tests.conferences.steps import call, fixed

from newcourse.conferences.models import Challenge, Credential


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
    return conference


@pytest.fixture
def chair(tree, make_member, secretary, conference):
    member = make_member(tree["south"], name="Credentials Chair")
    credentials_committee(secretary, conference, [member])
    return member


@pytest.fixture
def credentials(conference):
    return issued(conference)


def test_the_report_lists_each_sending_body_and_its_delegates(
    as_member, conference, credentials, north
):
    response = as_member(north[3]).get(f"/api/v1/conferences/{conference.pk}/credentials/")
    data = response.json()
    (north_row,) = [row for row in data["senders"] if row["unit"] == "north"]
    assert (data["conference"], north_row["entitled"], north_row["elected"]) == (
        conference.pk,
        2,
        2,
    )
    assert [(d["name"], d["status"], d["seated"]) for d in north_row["delegates"]] == [
        ("North 1", "pending", True),
        ("North 2", "pending", True),
    ]
    assert credentials["North 1"].token not in response.content.decode()


def test_the_committee_verifies_a_credential(bearer, post, credentials, chair):
    credential = credentials["North 1"]
    response = post(
        bearer(chair), f"/api/v1/credentials/{credential.pk}/review/", {"verified": True}
    )
    assert (response.status_code, response.json()["status"]) == (200, "verified")
    assert Credential.objects.get(pk=credential.pk).status == "verified"


def test_a_rejection_without_a_reason_is_refused(bearer, post, credentials, chair):
    credential = credentials["North 1"]
    response = post(
        bearer(chair), f"/api/v1/credentials/{credential.pk}/review/", {"verified": False}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Give the reason the credential is rejected."
    assert Credential.objects.get(pk=credential.pk).status == "pending"


def test_a_review_must_say_verified_true_or_false(bearer, post, credentials, chair):
    credential = credentials["North 1"]
    response = post(
        bearer(chair), f"/api/v1/credentials/{credential.pk}/review/", {"verified": "yes"}
    )
    assert response.status_code == 400


def test_a_review_outside_the_committee_is_refused(bearer, post, credentials, north):
    credential = credentials["North 1"]
    response = post(
        bearer(north[1]), f"/api/v1/credentials/{credential.pk}/review/", {"verified": True}
    )
    assert response.status_code == 403
    assert Credential.objects.get(pk=credential.pk).status == "pending"


def test_another_delegate_challenges_a_credential(bearer, post, credentials, north):
    credential = credentials["North 1"]
    response = post(
        bearer(north[1]),
        f"/api/v1/credentials/{credential.pk}/challenge/",
        {"reason": "Elected after the deadline"},
    )
    assert response.status_code == 201
    assert [c["reason"] for c in response.json()["challenges"]] == ["Elected after the deadline"]


def test_a_challenge_by_a_member_who_is_no_delegate_is_refused(bearer, post, credentials, north):
    response = post(
        bearer(north[3]),
        f"/api/v1/credentials/{credentials['North 1'].pk}/challenge/",
        {"reason": "No"},
    )
    assert response.status_code == 403
    assert not Challenge.objects.exists()


def test_a_credential_of_a_conference_not_open_to_the_caller_is_not_found(
    bearer, post, as_member, tree, officer_of, make_member, credentials
):
    section_secretary = officer_of(tree["section"])
    hidden = call(section_secretary, tree["section"], title="Section conference")
    outsider = make_member(tree["far"])
    client = as_member(outsider)
    assert client.get(f"/api/v1/conferences/{hidden.pk}/credentials/").status_code == 404
    missing = max(c.pk for c in credentials.values()) + 1
    response = post(bearer(outsider), f"/api/v1/credentials/{missing}/challenge/", {"reason": "No"})
    assert response.status_code == 404


def test_a_hidden_credential_is_refused_in_the_same_words_as_a_missing_one(
    bearer, post, tree, officer_of, make_member
):
    section_secretary = officer_of(tree["section"])
    delegate = make_member(tree["north"], name="Section Delegate")
    hidden = fixed(section_secretary, tree["section"])
    seat(hidden, tree["north"], [delegate])
    (credential,) = issued(hidden).values()
    outsider = bearer(make_member(tree["far"]))
    answers = [
        post(outsider, f"/api/v1/credentials/{pk}/challenge/", {"reason": "No"}).json()["detail"]
        for pk in (credential.pk, credential.pk + 1000)
    ]
    assert answers[0] == answers[1] == "There is no such credential, or you may not see it."
