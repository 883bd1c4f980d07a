"""The rules of a list: their defaults, their checks, and the time each kind of speaker has."""

from __future__ import annotations

import pytest

from newcourse.speakers import (
    GenderOrder,
    ListRules,
    ProgressiveStack,
    Role,
    RulesRefused,
    SpeakingTimes,
    Stance,
)


def test_default_rules_are_the_plain_queue() -> None:
    rules = ListRules()
    assert (rules.alternate_stances, rules.gender_order, rules.progressive_stack) == (
        False,
        GenderOrder.NONE,
        ProgressiveStack.OFF,
    )
    assert rules.points_of_order_when_closed is True


def test_rules_take_their_enums_string_values() -> None:
    rules = ListRules(gender_order="alternate-women-first", progressive_stack="conference")  # type: ignore[arg-type]
    assert rules.gender_order is GenderOrder.ALTERNATE
    assert rules.progressive_stack is ProgressiveStack.CONFERENCE


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"gender_order": "men-first"}, "unknown gender order 'men-first'"),
        ({"progressive_stack": "yes"}, "unknown progressive stack 'yes'"),
        ({"alternate_stances": 1}, "alternate_stances must be true or false"),
    ],
)
def test_rules_refuse_unknown_values(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(RulesRefused, match=message):
        ListRules(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stance", "role", "seconds"),
    [
        (Stance.FOR, Role.MOVER, 420),
        (Stance.FOR, Role.SECONDER, 240),
        (Stance.AGAINST, Role.SPEAKER, 180),
        (Stance.NEUTRAL, Role.SPEAKER, 180),
        (Stance.FOR, Role.REPLY, 120),
        (Stance.POINT_OF_ORDER, Role.SPEAKER, 30),
    ],
)
def test_speaking_time_per_kind_of_speaker(stance: Stance, role: Role, seconds: int) -> None:
    times = SpeakingTimes(mover=420, seconder=240, speaker=180, reply=120, point_of_order=30)
    assert times.allowed(stance, role) == seconds


def test_speaking_time_none_is_no_limit() -> None:
    assert SpeakingTimes(point_of_order=None).allowed("point-of-order") is None


@pytest.mark.parametrize("seconds", [0, -60, 1.5, True])
def test_speaking_time_refused_unless_whole_seconds_above_zero(seconds: object) -> None:
    with pytest.raises(RulesRefused, match="mover's speaking time"):
        SpeakingTimes(mover=seconds)  # type: ignore[arg-type]
