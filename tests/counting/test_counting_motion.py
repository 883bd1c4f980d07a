"""Motions: the majorities rule books use, tested at the boundaries where they differ."""

from fractions import Fraction

import pytest

from newcourse.counting import Ballot, Election, ElectionError
from newcourse.counting._motion import MotionResult, count_motion, decide_motion

TWO_THIRDS = Fraction(2, 3)


def test_motion_simple_majority_carries_by_one_vote():
    result = decide_motion(yes=10, no=9)

    assert result.carried is True
    assert result.quorate is True
    assert result.base == 19
    assert result.threshold == Fraction(19, 2)
    assert result.reason == (
        "Carried: 10 for, and the motion needed more than a half of the 19 voting "
        "for or against (more than 9 1/2)."
    )


def test_motion_simple_majority_falls_on_a_tie():
    result = decide_motion(yes=10, no=10)

    assert result.carried is False
    assert result.threshold == Fraction(10)
    assert result.reason == (
        "Not carried: 10 for, and the motion needed more than a half of the 20 voting "
        "for or against (more than 10)."
    )


def test_motion_simple_majority_ignores_abstentions_by_default():
    result = decide_motion(yes=10, no=9, abstain=100)

    assert result.carried is True
    assert result.base == 19


def test_motion_majority_of_those_voting_counts_abstentions_against():
    result = decide_motion(yes=10, no=9, abstain=2, abstentions_count=True)

    assert result.carried is False
    assert result.base == 21
    assert result.threshold == Fraction(21, 2)


def test_motion_majority_of_those_voting_carries_when_abstentions_are_few():
    result = decide_motion(yes=11, no=9, abstain=1, abstentions_count=True)

    assert result.carried is True
    assert "abstentions included" in result.reason


def test_motion_two_thirds_carries_at_exactly_two_thirds():
    result = decide_motion(yes=20, no=10, majority=TWO_THIRDS, strict=False)

    assert result.carried is True
    assert result.threshold == Fraction(20)
    assert result.reason == (
        "Carried: 20 for, and the motion needed at least 2/3 of the 30 voting "
        "for or against (at least 20)."
    )


def test_motion_two_thirds_falls_just_below_two_thirds():
    result = decide_motion(yes=19, no=10, majority=TWO_THIRDS, strict=False)

    assert result.carried is False
    assert result.threshold == Fraction(58, 3)
    assert result.reason.endswith("(at least 19 1/3).")


def test_motion_more_than_two_thirds_falls_at_exactly_two_thirds():
    result = decide_motion(yes=20, no=10, majority=TWO_THIRDS, strict=True)

    assert result.carried is False


def test_motion_two_thirds_with_card_votes_uses_weights():
    # Three delegations casting cards of 1200, 600 and 1: 1200 of 1801 is short of two thirds.
    result = decide_motion(yes=1200, no=601, majority=TWO_THIRDS, strict=False)

    assert result.carried is False
    assert result.threshold == Fraction(3602, 3)


def test_motion_absolute_majority_of_electorate_needs_more_than_half_the_members():
    exactly_half = decide_motion(yes=50, no=0, electorate=100, majority_of="electorate")
    one_more = decide_motion(yes=51, no=40, electorate=100, majority_of="electorate")

    assert exactly_half.carried is False
    assert exactly_half.base == 100
    assert one_more.carried is True
    assert "the electorate of 100" in one_more.reason


def test_motion_quorum_by_number_just_missed_makes_motion_fall():
    result = decide_motion(yes=30, no=19, quorum=50, quorum_counts_abstentions=True)

    assert result.quorate is False
    assert result.carried is False
    assert result.turnout == 49
    assert result.quorum_needed == Fraction(50)
    assert result.reason == "Not quorate: 49 took part and the quorum is 50, so the motion falls."


def test_motion_quorum_reached_by_an_abstention():
    result = decide_motion(yes=30, no=19, abstain=1, quorum=50)

    assert result.quorate is True
    assert result.carried is True
    assert result.turnout == 50


def test_motion_quorum_without_abstentions_is_not_reached_by_them():
    result = decide_motion(yes=30, no=19, abstain=1, quorum=50, quorum_counts_abstentions=False)

    assert result.quorate is False
    assert result.turnout == 49


def test_motion_quorum_as_share_of_electorate_rounds_nothing():
    # A quarter of 201 members is 50 1/4: 50 present is short, 51 is enough.
    short = decide_motion(yes=40, no=10, electorate=201, quorum=Fraction(1, 4))
    enough = decide_motion(yes=41, no=10, electorate=201, quorum=Fraction(1, 4))

    assert short.quorum_needed == Fraction(201, 4)
    assert short.quorate is False
    assert enough.quorate is True
    assert enough.carried is True


def test_motion_quorum_by_headcount_with_card_vote():
    # Card votes decide the motion, but only 12 delegates are present against a quorum of 15.
    result = decide_motion(yes=5000, no=1000, quorum=15, turnout=12)

    assert result.quorate is False
    assert result.carried is False
    assert result.turnout == 12


def test_motion_with_no_votes_cast_never_carries():
    result = decide_motion(yes=0, no=0, majority=Fraction(1, 2), strict=False)

    assert result.carried is False
    assert result.reason.startswith("Not carried: nothing was cast for the motion")


def test_motion_unanimity_carries_only_without_a_vote_against():
    unanimous = decide_motion(yes=12, no=0, abstain=3, majority=Fraction(1), strict=False)
    one_against = decide_motion(yes=12, no=1, majority=Fraction(1), strict=False)

    assert unanimous.carried is True
    assert one_against.carried is False


def test_motion_result_is_frozen():
    result = decide_motion(yes=1, no=0)

    assert isinstance(result, MotionResult)
    with pytest.raises(AttributeError):
        result.carried = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"yes": -1, "no": 0}, "the yes vote cannot be negative"),
        ({"yes": 1, "no": 0, "abstain": -2}, "the abstain vote cannot be negative"),
        ({"yes": 1, "no": 0, "majority": Fraction(0)}, "a majority must be a share"),
        ({"yes": 1, "no": 0, "majority": Fraction(3, 2)}, "a majority must be a share"),
        ({"yes": 1, "no": 0, "majority": Fraction(1)}, "more than the whole"),
        ({"yes": 1, "no": 0, "quorum": Fraction(1, 3)}, "needs the electorate"),
        ({"yes": 1, "no": 0, "quorum": Fraction(4, 3), "electorate": 9}, "between 0 and 1"),
        ({"yes": 1, "no": 0, "quorum": -1}, "a quorum cannot be negative"),
        ({"yes": 1, "no": 0, "majority_of": "electorate"}, "needs the electorate"),
    ],
)
def test_motion_rejects_impossible_rules(arguments, message):
    with pytest.raises(ElectionError, match=message):
        decide_motion(**arguments)


def _motion_election(names, papers):
    index = {name: i for i, name in enumerate(names)}
    ballots = tuple(
        Ballot(tuple(tuple(index[n] for n in group.split("=")) for group in text.split(">")), w)
        if text
        else Ballot((), w)
        for text, w in papers
    )
    return Election(candidates=tuple(names), seats=1, ballots=ballots, title="Motion 4")


def test_motion_count_carries_with_weighted_papers():
    election = _motion_election(
        ("Yes", "No", "Abstain"), [("Yes", 300), ("No", 250), ("Abstain", 400), ("Yes=No", 7)]
    )

    report = count_motion(election)

    assert report.method == "motion"
    assert report.elected == [0]
    assert report.stages[0].votes == (300, 250, 400)
    assert report.stages[0].non_transferable == 7
    assert report.details["carried"] is True
    assert report.details["void"] == 7
    assert report.details["threshold"] == "275"
    assert report.title == "Motion 4"


def test_motion_count_tie_is_not_carried_and_no_prevails():
    election = _motion_election(("No", "Yes"), [("Yes", 5), ("No>Yes", 5)])

    report = count_motion(election)

    assert report.details["carried"] is False
    assert report.elected == [0]  # "No" is candidate 0 in this file
    assert report.stages[0].votes == (5, 5)


def test_motion_count_matches_options_in_any_letter_case():
    election = _motion_election(("YES", "no"), [("YES", 2), ("no", 1)])

    assert count_motion(election).details["carried"] is True


def test_motion_count_rejects_other_options():
    election = _motion_election(("Yes", "No", "Maybe"), [("Yes", 1)])

    with pytest.raises(ElectionError, match="a motion's options are Yes and No"):
        count_motion(election)


# Exact weights from split cards, and majorities of those present.


def test_motion_decides_split_card_fractions_exactly():
    # 1201/2 for, 600 against: the base is 1200 1/2 and more than 600 1/4 is needed.
    result = decide_motion(yes=Fraction(1201, 2), no=600)

    assert result.carried is True
    assert result.base == Fraction(2401, 2)
    assert result.threshold == Fraction(2401, 4)
    assert result.reason == (
        "Carried: 600 1/2 for, and the motion needed more than a half of the 1200 1/2 voting "
        "for or against (more than 600 1/4)."
    )


def test_motion_tie_of_fractions_falls_under_a_simple_majority_and_carries_at_least_half():
    simple = decide_motion(yes=Fraction(200, 3), no=Fraction(200, 3))
    at_least_half = decide_motion(yes=Fraction(200, 3), no=Fraction(200, 3), strict=False)

    assert simple.carried is False
    assert at_least_half.carried is True


def test_motion_whole_numbers_stay_whole_numbers():
    result = decide_motion(yes=3, no=1)

    assert type(result.yes) is int
    assert type(result.base) is int


def test_motion_two_thirds_of_those_present_counts_the_silent_against():
    # 20 for, 5 against, 31 present: at least 20 2/3 needed, so 20 falls; with 30 present,
    # at least 20 is needed and reached.
    short = decide_motion(
        yes=20, no=5, majority=TWO_THIRDS, strict=False, majority_of="present", present=31
    )
    enough = decide_motion(
        yes=20, no=5, majority=TWO_THIRDS, strict=False, majority_of="present", present=30
    )

    assert short.carried is False
    assert short.base == 31
    assert short.reason == (
        "Not carried: 20 for, and the motion needed at least 2/3 of the 31 present "
        "(at least 20 2/3)."
    )
    assert enough.carried is True


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"yes": 1.5, "no": 0}, "the yes vote must be a whole number or a Fraction"),
        ({"yes": 1, "no": "2"}, "the no vote must be a whole number or a Fraction"),
        ({"yes": 1, "no": 0, "turnout": 0.5}, "the turnout must be"),
        ({"yes": 1, "no": 0, "majority_of": "present"}, "needs the weight present"),
        ({"yes": 3, "no": 2, "present": 4}, r"fewer present \(4\) than voted \(5\)"),
        ({"yes": 1, "no": 0, "present": -1}, "the weight present cannot be negative"),
        ({"yes": 1, "no": 0, "majority_of": "members"}, "'voting', 'electorate' or 'present'"),
    ],
)
def test_motion_rejects_inexact_or_inconsistent_figures(arguments, message):
    with pytest.raises(ElectionError, match=message):
        decide_motion(**arguments)
