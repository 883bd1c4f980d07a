"""A unit's instructions through the API: its officers give them and read them, its delegates
read them, another unit's officers get the 404 a unit with no delegation gets; free delegates
and bad input answered as problem details, nothing changed. Every response is checked against
the OpenAPI description (conftest)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests.conferences.amending import branch_secretary, motion
from tests.conferences.credentialing import seat
from tests.conferences.mandating import RULEBOOK, instruct, rule
from tests.conferences.steps import committee, fixed

from newcourse.conferences.models import Delegation, Instruction

FREE = {**RULEBOOK, "delegates.mandate": "free"}


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def conference(tree, secretary, north_secretary, south_secretary):
    return fixed(secretary, tree["international"])


@pytest.fixture
def north_motion(tree, make_member, secretary, conference, north_secretary):
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    submitted = motion(north_secretary, conference, tree["north"])
    rule(chair, conference, motion=submitted)
    return submitted


def path(conference, slug="north"):
    return f"/api/v1/conferences/{conference.pk}/instructions/{slug}/"


def decision(**fields):
    return {
        "vote": "for",
        "meeting_on": timezone.localdate().isoformat(),
        "votes_for": 6,
        "votes_against": 1,
        "votes_abstain": 0,
        **fields,
    }


def test_the_officers_give_an_instruction_and_read_it_back(
    bearer, post, conference, north_secretary, north_motion
):
    client = bearer(north_secretary)

    given = post(client, path(conference), decision(motion=north_motion.pk))
    read = client.get(path(conference)).json()

    assert given.status_code == 201
    assert given.json()["item"] == f"motion:{north_motion.pk}"
    assert (read["mandate"], read["clause"], read["rulebook_version"]) == ("mandated", "5.5", 1)
    assert [(row["item"], row["instruction"]["vote"]) for row in read["items"]] == [
        (f"motion:{north_motion.pk}", "for")
    ]
    assert [each["id"] for each in read["instructions"]] == [given.json()["id"]]


def test_a_delegate_reads_the_instructions_and_another_unit_does_not(
    bearer, tree, make_member, conference, north_secretary, south_secretary, north_motion
):
    instruct(north_secretary, Delegation.objects.get(conference=conference, unit=tree["north"]),
             "against", motion=north_motion)  # fmt: skip
    delegate = make_member(tree["north"], name="North Delegate")
    seat(conference, tree["north"], [delegate])

    read = bearer(delegate).get(path(conference))
    refused = bearer(south_secretary).get(path(conference))

    assert read.json()["items"][0]["instruction"]["vote"] == "against"
    assert (refused.status_code, refused.json()["status"]) == (404, 404)


def test_a_delegate_gives_no_instruction(bearer, post, tree, make_member, conference, north_motion):
    delegate = make_member(tree["north"], name="North Delegate")
    seat(conference, tree["north"], [delegate])

    response = post(bearer(delegate), path(conference), decision(motion=north_motion.pk))

    assert response.status_code == 403
    assert "Only the officers of North instruct" in response.json()["detail"]
    assert not Instruction.objects.exists()


@pytest.mark.parametrize("rulebook_parameters", [FREE])
def test_free_delegates_are_refused_an_instruction_citing_the_rule(
    bearer, post, conference, north_secretary, north_motion
):
    client = bearer(north_secretary)

    response = post(client, path(conference), decision(motion=north_motion.pk))

    assert response.status_code == 403
    assert (
        "(rule 5.5 of the rulebook, version 1: delegates.mandate = free)"
        in (response.json()["detail"])
    )
    assert client.get(path(conference)).json()["mandate"] == "free"
    assert not Instruction.objects.exists()


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"vote": "maybe"}, 400),
        ({"motion": None}, 400),
        ({"votes_for": -1}, 400),
        ({"meeting_on": "yesterday"}, 400),
        ({"votes_for": 1, "votes_against": 0}, 403),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(
    bearer, post, conference, north_secretary, north_motion, fields, status
):
    response = post(
        bearer(north_secretary), path(conference), decision(**{"motion": north_motion.pk, **fields})
    )

    assert response.status_code == status
    assert not Instruction.objects.exists()


def test_an_item_of_another_conference_is_refused(
    bearer, post, tree, secretary, conference, north_secretary, north_motion
):
    other = fixed(secretary, tree["international"])

    response = post(bearer(north_secretary), path(other), decision(motion=north_motion.pk))

    assert response.status_code == 400
    assert not Instruction.objects.exists()
