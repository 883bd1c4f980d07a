"""A conference's speaking totals, checked against sums worked out by hand."""

from __future__ import annotations

from fractions import Fraction

from tests.speakers.builders import MAN, WOMAN, spoke

from newcourse.speakers import Gender, Stance, Tally, speaking_statistics

SPEECHES = [
    spoke("ann", "for", WOMAN, role="mover", branch="north", seconds=300),
    spoke("bob", "against", MAN, branch="south", seconds=180),
    spoke("cat", "against", WOMAN, branch="north", seconds=120),
    spoke("dan", "neutral", None, branch=None, seconds=60),
    spoke("bob", "point-of-order", MAN, branch="south", seconds=30),
    spoke("ann", "for", WOMAN, role="reply", branch="north", seconds=90),
]


def test_statistics_totals_every_speech() -> None:
    assert speaking_statistics(SPEECHES).total == Tally(speeches=6, seconds=780)


def test_statistics_by_gender_with_undeclared_last() -> None:
    by_gender = speaking_statistics(SPEECHES).by_gender
    assert list(by_gender.items()) == [
        (Gender.WOMAN, Tally(3, 510)),
        (Gender.MAN, Tally(2, 210)),
        (None, Tally(1, 60)),
    ]


def test_statistics_by_branch_with_none_last() -> None:
    by_branch = speaking_statistics(SPEECHES).by_branch
    assert list(by_branch.items()) == [
        ("north", Tally(3, 510)),
        ("south", Tally(2, 210)),
        (None, Tally(1, 60)),
    ]


def test_statistics_by_stance_in_the_stances_order() -> None:
    by_stance = speaking_statistics(SPEECHES).by_stance
    assert list(by_stance.items()) == [
        (Stance.FOR, Tally(2, 390)),
        (Stance.AGAINST, Tally(2, 300)),
        (Stance.NEUTRAL, Tally(1, 60)),
        (Stance.POINT_OF_ORDER, Tally(1, 30)),
    ]


def test_statistics_by_speaker_longest_first() -> None:
    by_speaker = speaking_statistics(SPEECHES).by_speaker
    assert list(by_speaker.items()) == [
        ("ann", Tally(2, 390)),
        ("bob", Tally(2, 210)),
        ("cat", Tally(1, 120)),
        ("dan", Tally(1, 60)),
    ]


def test_womens_share_of_time_and_speeches() -> None:
    found = speaking_statistics(SPEECHES)
    assert found.women_share_of_time == Fraction(510, 780)
    assert found.women_share_of_speeches == Fraction(1, 2)


def test_statistics_of_no_speeches_share_nothing() -> None:
    found = speaking_statistics([])
    assert found.total == Tally(0, 0)
    assert (found.women_share_of_time, found.women_share_of_speeches) == (None, None)
    assert dict(found.by_gender) == {}


def test_share_of_time_is_none_when_no_time_was_recorded() -> None:
    found = speaking_statistics([spoke("ann", gender=WOMAN)])
    assert found.women_share_of_time is None
    assert found.women_share_of_speeches == Fraction(1)
