"""The checks every count makes, and the compiled patterns the ranked methods count."""

from __future__ import annotations

import pytest

from newcourse.counting import Ballot, Election, ElectionError, check_election
from newcourse.counting._prep import Patterns


def test_check_election_names_the_first_bad_ballot_when_weight_comes_first() -> None:
    election = Election(("A", "B"), 1, (Ballot(((0,),), 2), Ballot(((1,),), 0), Ballot(((7,),), 1)))

    with pytest.raises(ElectionError, match="weight must be a positive integer, not 0"):
        check_election(election)


def test_check_election_names_the_first_bad_ballot_when_candidate_comes_first() -> None:
    election = Election(
        ("A", "B"), 1, (Ballot(((0,),), 2), Ballot(((0,), (7,)), 1), Ballot(((1,),), 0))
    )

    with pytest.raises(ElectionError, match="ranks candidate 7, who does not exist"):
        check_election(election, method="irv")


def test_check_election_refuses_a_negative_candidate_in_an_equal_ranking() -> None:
    election = Election(("A", "B"), 1, (Ballot(((0, -1),), 1),))

    with pytest.raises(ElectionError, match="ranks candidate -1"):
        check_election(election)


def test_check_election_refuses_a_weight_that_is_a_boolean() -> None:
    election = Election(("A", "B"), 1, (Ballot(((0,),), 2), Ballot(((1,),), True)))

    with pytest.raises(ElectionError, match="not True"):
        check_election(election)


def test_check_election_accepts_a_valid_election_and_returns_the_seats() -> None:
    election = Election(("A", "B", "C"), 2, (Ballot(((0,), (1, 2)), 3), Ballot((), 1)))

    assert check_election(election) == 2
    assert check_election(election, seats=1) == 1


def test_patterns_compile_single_candidates_and_number_equal_rankings() -> None:
    election = Election(
        ("A", "B", "C", "D"),
        1,
        (
            Ballot(((0,), (1, 2), (3,)), 2),
            Ballot(((3,), (1, 2)), 1),
            Ballot(((2, 3),), 4),
        ),
    )

    patterns = Patterns(election)

    assert patterns.rankings == [(0, ~0, 3), (3, ~0), (~1,)]
    assert patterns.weights == [2, 1, 4]
    assert patterns.groups == [(1, 2), (2, 3)]


def test_patterns_merge_rankings_that_coincide_once_withdrawn_are_struck_out() -> None:
    election = Election(
        ("A", "B", "C"),
        1,
        (
            Ballot(((0,), (2,), (1,)), 3),
            Ballot(((0,), (1,)), 2),
            Ballot(((2,),), 1),
            Ballot(((0, 1, 2),), 4),
            Ballot(((1, 2), (0,)), 5),
        ),
        withdrawn=frozenset({2}),
    )

    patterns = Patterns(election)

    assert patterns.rankings == [(0, 1), (), (~0,), (1, 0)]
    assert patterns.weights == [5, 1, 4, 5]
    assert patterns.groups == [(0, 1)]
