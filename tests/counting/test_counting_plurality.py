"""Plurality, block plurality and approval: which marks on a ranked paper count as votes."""

import pytest

from newcourse.counting import Ballot, Election, ElectionError, Lot, default_seed
from newcourse.counting._plurality import (
    count_approval,
    count_block_plurality,
    count_plurality,
)


def _election(names, papers, *, seats=1, withdrawn=()):
    """Build an election from papers written `"A>B=C"` with a weight each."""
    index = {name: i for i, name in enumerate(names)}
    ballots = tuple(
        Ballot(
            tuple(tuple(index[n] for n in group.split("=")) for group in text.split(">"))
            if text
            else (),
            weight,
        )
        for text, weight in papers
    )
    return Election(
        candidates=tuple(names),
        seats=seats,
        ballots=ballots,
        withdrawn=frozenset(index[n] for n in withdrawn),
    )


def test_plurality_elects_most_first_preferences():
    election = _election("ABC", [("A>B", 4), ("B>A", 5), ("C", 3), ("C>A", 1)])

    report = count_plurality(election)

    assert report.method == "plurality"
    assert report.elected == [1]
    assert report.precision == 0
    assert len(report.stages) == 1
    assert report.stages[0].action == "first"
    assert report.stages[0].votes == (4, 5, 4)
    assert report.stages[0].non_transferable == 0
    assert report.stages[0].elected == (1,)
    assert report.tie_breaks == []


def test_plurality_voids_equal_first_preferences_and_blank_papers():
    election = _election("ABC", [("A=B>C", 6), ("", 2), ("C", 3), ("A", 1)])

    report = count_plurality(election)

    assert report.stages[0].votes == (1, 0, 3)
    assert report.stages[0].non_transferable == 8
    assert report.elected == [2]


def test_plurality_passes_over_withdrawn_candidates():
    election = _election("ABC", [("A>C", 4), ("B", 3), ("C", 2)], withdrawn="A")

    report = count_plurality(election)

    assert report.stages[0].votes == (None, 3, 6)
    assert report.elected == [2]


def test_plurality_with_two_seats_elects_the_two_highest():
    election = _election("ABCD", [("A", 7), ("B", 2), ("C", 5), ("D", 4)], seats=2)

    report = count_plurality(election)

    assert report.elected == [0, 2]


def test_plurality_tie_for_the_seat_is_settled_by_lot_and_recorded():
    election = _election("ABC", [("A", 3), ("B", 3), ("C", 1)])

    report = count_plurality(election, seed="meeting 12")

    expected = Lot("meeting 12").choose([0, 1], election.candidates)
    assert report.elected == [expected]
    assert report.seed == "meeting 12"
    assert len(report.tie_breaks) == 1
    tie = report.tie_breaks[0]
    assert (tie.stage, tie.between, tie.chosen, tie.rule, tie.purpose) == (
        1,
        (0, 1),
        expected,
        "lot",
        "election",
    )


def test_plurality_tie_inside_the_seats_needs_no_lot():
    election = _election("ABC", [("A", 3), ("B", 3), ("C", 1)], seats=2)

    report = count_plurality(election, seed="s")

    assert report.elected == [0, 1]
    assert report.tie_breaks == []


def test_plurality_three_way_tie_for_two_seats_draws_twice():
    election = _election("ABCD", [("A", 3), ("B", 3), ("C", 3), ("D", 9)], seats=3)

    report = count_plurality(election, seed="s")

    assert report.elected[0] == 3
    assert report.tie_breaks[0].between == (0, 1, 2)
    assert len(report.tie_breaks) == 2
    assert report.tie_breaks[1].between == tuple(
        c for c in (0, 1, 2) if c != report.tie_breaks[0].chosen
    )
    assert report.elected[1:] == [t.chosen for t in report.tie_breaks]


def test_block_plurality_votes_for_as_many_as_there_are_seats():
    election = _election("ABCD", [("A>B>C>D", 1)], seats=3)

    assert count_block_plurality(election).stages[0].votes == (1, 1, 1, 0)


def test_block_plurality_takes_equal_groups_only_while_they_fit():
    election = _election("ABCD", [("A=B>C=D", 1)], seats=3)

    report = count_block_plurality(election)

    assert report.stages[0].votes == (1, 1, 0, 0)


def test_block_plurality_allows_plumping():
    election = _election("ABCD", [("A>B", 2)], seats=3)

    assert count_block_plurality(election).stages[0].votes == (2, 2, 0, 0)


def test_block_plurality_paper_whose_first_group_is_too_large_is_void():
    election = _election("ABCD", [("A=B=C=D", 5), ("A>C>D", 1)], seats=3)

    report = count_block_plurality(election)

    assert report.stages[0].votes == (1, 0, 1, 1)
    assert report.stages[0].non_transferable == 5


def test_block_plurality_elects_the_top_candidates_by_weighted_votes():
    election = _election("ABCDE", [("A>B>C", 10), ("D>E>A", 8), ("E>D>B", 3), ("C", 4)], seats=2)

    report = count_block_plurality(election)

    assert report.method == "block-plurality"
    # With two seats "A>B>C" votes for A and B only, so D and E overtake A.
    assert report.stages[0].votes == (10, 10, 4, 11, 11)
    assert report.elected == [3, 4]


def test_block_plurality_skips_withdrawn_candidates_before_counting_places():
    election = _election("ABCD", [("A>B>C>D", 1)], seats=2, withdrawn="B")

    assert count_block_plurality(election).stages[0].votes == (1, None, 1, 0)


def test_approval_approves_everyone_named_whatever_the_order():
    election = _election("ABCD", [("A>B", 3), ("C=A", 2), ("D>C>B>A", 1), ("", 4)], seats=2)

    report = count_approval(election)

    assert report.method == "approval"
    assert report.stages[0].votes == (6, 4, 3, 1)
    assert report.stages[0].non_transferable == 4
    assert report.elected == [0, 1]


def test_approval_ignores_withdrawn_candidates():
    election = _election("ABC", [("A>B", 3), ("B", 1)], withdrawn="B")

    report = count_approval(election)

    assert report.stages[0].votes == (3, None, 0)
    assert report.stages[0].non_transferable == 1


@pytest.mark.parametrize("count", [count_plurality, count_block_plurality, count_approval])
def test_single_round_counts_refuse_more_seats_than_candidates(count):
    election = _election("AB", [("A", 1)], seats=3)

    with pytest.raises(ElectionError):
        count(election)


@pytest.mark.parametrize("count", [count_plurality, count_block_plurality, count_approval])
def test_single_round_counts_refuse_an_election_without_ballots(count):
    election = _election("AB", [])

    with pytest.raises(ElectionError):
        count(election)


def test_plurality_without_a_seed_uses_the_seed_derived_from_the_ballots():
    election = _election("ABC", [("A", 3), ("B", 3), ("C", 1)])

    report = count_plurality(election)

    assert report.seed == default_seed(election)
    assert report.elected == [Lot(default_seed(election)).choose([0, 1], election.candidates)]
