"""Requests, speeches and the debate: what they accept and what they refuse."""

from __future__ import annotations

import pytest

from newcourse.speakers import (
    Debate,
    Gender,
    RequestRefused,
    Role,
    SpeakingRequest,
    Speech,
    SpeechRefused,
    Stance,
    is_woman,
)


def test_request_takes_the_string_values_a_table_holds() -> None:
    request = SpeakingRequest("7", "42", "against", 3, "woman", "seconder")  # type: ignore[arg-type]
    assert (request.stance, request.gender, request.role) == (
        Stance.AGAINST,
        Gender.WOMAN,
        Role.SECONDER,
    )
    assert not request.is_point_of_order


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": ""}, "the id must be a non-empty string"),
        ({"speaker": 5}, "the speaker's key must be a non-empty string"),
        ({"sequence": "1"}, "the order of asking must be an integer"),
        ({"sequence": True}, "the order of asking must be an integer"),
        ({"placed_at": 0}, "the chair's position must be 1 or more"),
        ({"stance": "pro"}, "unknown stance 'pro'"),
        ({"gender": "w"}, "unknown gender 'w'"),
        ({"role": "chair"}, "unknown role 'chair'"),
        (
            {"stance": "point-of-order", "role": "mover"},
            "a point of order cannot be the mover's speech",
        ),
    ],
)
def test_request_refused_with_the_reason(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"id": "1", "speaker": "ann", "stance": "for", "sequence": 1}
    with pytest.raises(RequestRefused, match=message):
        SpeakingRequest(**{**fields, **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seconds": -1}, "seconds cannot be negative"),
        ({"seconds": 2.5}, "seconds must be an integer"),
        ({"stance": "maybe"}, "unknown stance"),
        ({"branch": 3}, "the branch key must be a string"),
    ],
)
def test_speech_refused_with_the_reason(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(SpeechRefused, match=message):
        Speech(**{"speaker": "ann", "stance": "for", **kwargs})  # type: ignore[arg-type]


def test_debate_speakers_leave_out_points_of_order() -> None:
    debate = Debate(
        speeches=(Speech("ann", Stance.FOR), Speech("bob", Stance.POINT_OF_ORDER)),
        earlier_speakers=frozenset({"cat"}),
    )
    assert debate.speakers() == frozenset({"ann"})


@pytest.mark.parametrize(
    ("gender", "woman"),
    [(Gender.WOMAN, True), (Gender.MAN, False), (Gender.NON_BINARY, False), (None, False)],
)
def test_only_women_are_on_the_womens_list(gender: Gender | None, woman: bool) -> None:
    assert is_woman(gender) is woman
