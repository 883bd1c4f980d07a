"""The floor through the API: the chair opens a vote, delegates vote from any client, the
chair closes it, anyone who sees the conference reads the hall and the result; refusals are
problem details and change nothing. Every response is checked against the OpenAPI
description (conftest)."""

from __future__ import annotations

import pytest
from tests.floor.sitting import RULEBOOK, sitting_hall, sitting_today

from newcourse.floor.models import FloorVote


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def hall(tree, make_member, secretary):
    return sitting_today(sitting_hall(tree, make_member, secretary))


def url(hall, tail=""):
    return f"/api/v1/conferences/{hall.conference.pk}/floor/{tail}"


def test_a_vote_from_check_in_to_result(bearer, post, hall):
    chair = bearer(hall.chair)
    for delegate in hall.delegates:
        response = post(
            chair, url(hall, "check-in/"), {"token": hall.credentials[delegate.pk].token}
        )
        assert response.status_code == 201
    opened = post(chair, url(hall, "votes/"), {"kind": "open", "motion": hall.motion.pk})
    assert opened.status_code == 201
    vote = opened.json()
    assert (vote["number"], vote["state"], vote["cast"], vote["present_at_opening"]) == (
        1,
        "open",
        0,
        3,
    )
    clients = {delegate.pk: bearer(delegate) for delegate in hall.delegates}
    for delegate, choice in zip(hall.delegates, ("for", "for", "against"), strict=True):
        cast = post(
            clients[delegate.pk], url(hall, f"votes/{vote['id']}/cast/"), {"choice": choice}
        )
        assert cast.status_code == 201
    hall_now = clients[hall.delegates[0].pk].get(url(hall)).json()
    assert hall_now["vote"]["cast"] == 3
    assert hall_now["you"] == {
        "credential": hall.credentials[hall.delegates[0].pk].pk,
        "present": True,
        "voted": True,
    }
    assert hall_now["vote"]["for"] is None

    closed = post(chair, url(hall, f"votes/{vote['id']}/close/"), {})
    assert closed.status_code == 200
    result = closed.json()
    assert (result["for"], result["against"], result["outcome"]) == (2, 1, "carried")
    assert result["decision"] == FloorVote.objects.get().decision_id
    assert sorted(row["vote"] for row in result["roll"]) == ["against", "for", "for"]


def test_refusals_are_problems_and_change_nothing(bearer, post, hall):
    delegate = bearer(hall.delegates[0])
    refused = post(delegate, url(hall, "votes/"), {"kind": "open", "question": "That we adjourn"})
    assert refused.status_code == 403
    chair = bearer(hall.chair)
    not_quorate = post(chair, url(hall, "votes/"), {"kind": "open", "question": "That we adjourn"})
    assert not_quorate.status_code == 409
    assert "not quorate" in not_quorate.json()["detail"]
    bad_kind = post(chair, url(hall, "votes/"), {"kind": "loud", "question": "That we adjourn"})
    assert bad_kind.status_code == 400
    bad_code = post(chair, url(hall, "check-in/"), {"token": 7})
    assert bad_code.status_code == 400
    assert not FloorVote.objects.exists()
    assert chair.get(url(hall)).json()["attendance"]["present"] == 0


def test_the_chair_takes_up_an_item_and_changes_self_check_in(bearer, post, hall):
    chair = bearer(hall.chair)
    assert post(chair, url(hall, "take-up/"), {"item": 1}).json()["debating"] == 1
    assert post(chair, url(hall, "take-up/"), {"item": 9}).status_code == 400
    assert post(chair, url(hall), {"self_check_in": True}).json()["self_check_in"] is True
    delegate = hall.delegates[1]
    as_delegate = bearer(delegate)
    me = post(
        as_delegate,
        url(hall, "check-in/"),
        {"token": hall.credentials[delegate.pk].token, "remote": True},
    )
    assert me.status_code == 201
    assert me.json()["attendance"]["remote"] == 1
    out = post(
        as_delegate, url(hall, "check-out/"), {"credential": hall.credentials[delegate.pk].pk}
    )
    assert out.json()["attendance"]["present"] == 0


def test_a_demanded_card_vote_through_the_api_shows_each_card(
    bearer, post, tree, make_member, secretary
):
    hall = sitting_today(sitting_hall(tree, make_member, secretary, south=2))
    chair = bearer(hall.chair)
    clients = {delegate.pk: bearer(delegate) for delegate in hall.delegates}
    for delegate in hall.delegates:
        post(chair, url(hall, "check-in/"), {"token": hall.credentials[delegate.pk].token})
    vote = post(chair, url(hall, "votes/"), {"kind": "hands", "motion": hall.motion.pk}).json()
    south_one, south_two = hall.delegates[3:]
    made = post(clients[south_one.pk], url(hall, f"votes/{vote['id']}/demand/"), {"kind": "card"})
    assert made.json()["demands"] == {"card": 1}
    post(clients[south_two.pk], url(hall, f"votes/{vote['id']}/demand/"), {"kind": "card"})
    retaken = post(
        chair, url(hall, f"votes/{vote['id']}/close/"), {"for": 3, "against": 2, "abstain": 0}
    ).json()
    assert (retaken["outcome"], retaken["retaken_for"], retaken["for"]) == (
        "retaken",
        ["card"],
        None,
    )
    card = post(chair, url(hall, "votes/"), {"kind": "card", "motion": hall.motion.pk}).json()
    for delegate, choice in zip(
        hall.delegates, ("for", "against", "for", "against", "for"), strict=True
    ):
        post(clients[delegate.pk], url(hall, f"votes/{card['id']}/cast/"), {"choice": choice})
    result = post(chair, url(hall, f"votes/{card['id']}/close/"), {}).json()
    # North's 10 split three ways (2 for, 1 against); South's 10 split two ways (1 and 1).
    assert {c["unit"]: (c["for"], c["against"]) for c in result["cards"]} == {
        "North": ("6 2/3", "3 1/3"),
        "South": (5, 5),
    }
    assert (result["for"], result["against"], result["outcome"]) == (12, 8, "carried")
    bad = post(clients[south_one.pk], url(hall, "declare/"), {"gender": "robot"})
    assert bad.status_code == 400
    declared = post(clients[south_one.pk], url(hall, "declare/"), {"gender": "woman"})
    assert declared.json()["gender"] == "woman"


def test_the_speakers_list_through_the_api(bearer, post, hall):
    chair = bearer(hall.chair)
    one, two, _three = hall.delegates
    as_one, as_two = bearer(one), bearer(two)
    for delegate in hall.delegates:
        post(chair, url(hall, "check-in/"), {"token": hall.credentials[delegate.pk].token})
    assert post(as_one, url(hall, "speakers/"), {"stance": "for"}).status_code == 409
    post(chair, url(hall, "take-up/"), {"item": 1})
    asked = post(as_one, url(hall, "speakers/"), {"stance": "for"})
    assert asked.status_code == 201
    added = post(
        chair,
        url(hall, "speakers/"),
        {"stance": "for", "role": "mover", "credential": hall.credentials[two.pk].pk},
    ).json()
    assert [s["name"] for s in chair.get(url(hall)).json()["speakers"]] == [
        "Delegate 2",
        "North Secretary",
    ]
    assert post(as_two, url(hall, f"speakers/{added['id']}/remove/")).status_code == 403
    assert post(chair, url(hall, f"speakers/{added['id']}/shout/")).status_code == 404
    hall_now = post(chair, url(hall, "speakers/next/")).json()
    assert (hall_now["speaking"]["name"], hall_now["speaking"]["allowed_seconds"]) == (
        "Delegate 2",
        300,
    )
    rules = post(chair, url(hall, "speakers/rules/"), {"closed": True, "speaker_seconds": 90})
    assert rules.status_code == 200
    assert (
        post(bearer(hall.delegates[2]), url(hall, "speakers/"), {"stance": "against"}).status_code
        == 409
    )
    assert post(as_one, url(hall, f"speakers/{asked.json()['id']}/withdraw/")).status_code == 200
    assert post(chair, url(hall, "speakers/end/")).json()["speaking"] is None
