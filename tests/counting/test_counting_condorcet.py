"""Schulze and ranked pairs on the hand-worked examples of their literature."""

import pytest

from newcourse.counting import Ballot, Election, ElectionError, Lot, count, default_seed
from newcourse.counting._condorcet import count_ranked_pairs, count_schulze, pairwise_matrix


def _election(names, papers, *, seats=1, withdrawn=()):
    """Build an election from papers written `"A>B=C"` (or names joined by ">") and weights."""
    names = tuple(names)
    index = {name: i for i, name in enumerate(names)}
    ballots = tuple(
        Ballot(tuple(tuple(index[n] for n in group.split("=")) for group in text.split(">")), w)
        for text, w in papers
    )
    return Election(
        candidates=names,
        seats=seats,
        ballots=ballots,
        withdrawn=frozenset(index[n] for n in withdrawn),
    )


# Schulze's own example (Schulze 2011, section 3.1; also the Wikipedia article): 45 voters.
SCHULZE_45 = [
    ("A>C>B>E>D", 5),
    ("A>D>E>C>B", 5),
    ("B>E>D>A>C", 8),
    ("C>A>B>E>D", 3),
    ("C>A>E>B>D", 7),
    ("C>B>A>D>E", 2),
    ("D>C>E>B>A", 7),
    ("E>B>A>D>C", 8),
]

# Tideman's Tennessee capital example: each city's voters rank by distance.
TENNESSEE = ("Memphis", "Nashville", "Chattanooga", "Knoxville")
TENNESSEE_PAPERS = [
    ("Memphis>Nashville>Chattanooga>Knoxville", 42),
    ("Nashville>Chattanooga>Knoxville>Memphis", 26),
    ("Chattanooga>Knoxville>Nashville>Memphis", 15),
    ("Knoxville>Chattanooga>Nashville>Memphis", 17),
]


def test_schulze_example_pairwise_matrix_matches_the_paper():
    report = count_schulze(_election("ABCDE", SCHULZE_45))

    assert report.details["pairwise"] == {
        "A": {"B": 20, "C": 26, "D": 30, "E": 22},
        "B": {"A": 25, "C": 16, "D": 33, "E": 18},
        "C": {"A": 19, "B": 29, "D": 17, "E": 24},
        "D": {"A": 15, "B": 12, "C": 28, "E": 14},
        "E": {"A": 23, "B": 27, "C": 21, "D": 31},
    }


def test_schulze_example_strongest_paths_match_the_paper():
    report = count_schulze(_election("ABCDE", SCHULZE_45))

    assert report.details["strongest_paths"] == {
        "A": {"B": 28, "C": 28, "D": 30, "E": 24},
        "B": {"A": 25, "C": 28, "D": 33, "E": 24},
        "C": {"A": 25, "B": 29, "D": 29, "E": 24},
        "D": {"A": 25, "B": 28, "C": 28, "E": 24},
        "E": {"A": 25, "B": 28, "C": 28, "D": 31},
    }


def test_schulze_example_ranks_e_a_c_b_d():
    report = count_schulze(_election("ABCDE", SCHULZE_45))

    assert report.method == "schulze"
    assert report.details["ranking"] == ["E", "A", "C", "B", "D"]
    assert report.elected == [4]
    assert report.tie_breaks == []


def test_schulze_with_three_seats_elects_the_top_of_the_ranking():
    report = count_schulze(_election("ABCDE", SCHULZE_45, seats=3))

    assert report.elected == [4, 0, 2]
    assert report.stages[0].elected == (4, 0, 2)


def test_schulze_report_has_one_first_stage_of_first_preferences():
    report = count_schulze(_election("ABCDE", SCHULZE_45))

    assert len(report.stages) == 1
    stage = report.stages[0]
    assert stage.action == "first"
    assert stage.votes == (10, 8, 12, 7, 8)
    assert stage.non_transferable == 0
    assert report.precision == 0


def test_ranked_pairs_tennessee_elects_nashville():
    report = count_ranked_pairs(_election(TENNESSEE, TENNESSEE_PAPERS), seed="capital")

    assert report.method == "ranked-pairs"
    assert report.elected == [1]
    assert report.details["ranking"] == ["Nashville", "Chattanooga", "Knoxville", "Memphis"]


def test_ranked_pairs_tennessee_locks_every_majority_largest_first():
    report = count_ranked_pairs(_election(TENNESSEE, TENNESSEE_PAPERS), seed="capital")

    locked = [(m["winner"], m["loser"], m["margin"]) for m in report.details["locked"]]
    assert locked[0] == ("Chattanooga", "Knoxville", 66)
    assert {m[:2] for m in locked[1:3]} == {
        ("Nashville", "Chattanooga"),
        ("Nashville", "Knoxville"),
    }
    assert [m[2] for m in locked] == [66, 36, 36, 16, 16, 16]
    assert report.details["skipped"] == []


def test_ranked_pairs_equal_majorities_that_lock_together_need_no_lot():
    report = count_ranked_pairs(_election(TENNESSEE, TENNESSEE_PAPERS), seed="capital")

    # Margins 36, 36 and 16, 16, 16 are equal, but each group locks whole in any order.
    assert report.tie_breaks == []


def test_ranked_pairs_tied_contest_settled_by_locked_majorities_needs_no_lot():
    # A beats B and B beats C, each by one paper; A and C tie, but A is already above C.
    election = _election("ABC", [("A>B>C", 1), ("C>A>B", 1), ("B>A=C", 1)])

    report = count_ranked_pairs(election, seed="s")

    assert report.details["pairwise"]["A"] == {"B": 2, "C": 1}
    assert report.details["pairwise"]["C"]["A"] == 1
    assert report.details["ranking"] == ["A", "B", "C"]
    assert report.tie_breaks == []
    assert report.details["skipped"] == []


def test_ranked_pairs_skips_the_weakest_majority_of_a_cycle():
    report = count_ranked_pairs(_election("ABCDE", SCHULZE_45))

    skipped = [(m["winner"], m["loser"], m["margin"]) for m in report.details["skipped"]]
    assert skipped == [("D", "C", 11), ("B", "A", 5), ("E", "A", 1)]
    assert report.details["ranking"] == ["A", "C", "E", "B", "D"]
    assert report.elected == [0]
    assert report.tie_breaks == []


def test_schulze_tennessee_also_elects_the_condorcet_winner():
    report = count_schulze(_election(TENNESSEE, TENNESSEE_PAPERS))

    assert report.elected == [1]
    assert report.details["ranking"] == ["Nashville", "Chattanooga", "Knoxville", "Memphis"]


def test_pairwise_equal_ranks_give_nothing_and_ranked_beats_unranked():
    election = _election("ABCD", [("A=B>C", 3)])

    assert pairwise_matrix(election) == [
        [0, 0, 3, 3],
        [0, 0, 3, 3],
        [0, 0, 0, 3],
        [0, 0, 0, 0],
    ]


def test_pairwise_weights_count_like_repeated_papers():
    weighted = _election("ABC", [("B>C>A", 4), ("A", 1)])
    repeated = _election("ABC", [("B>C>A", 1)] * 4 + [("A", 1)])

    assert pairwise_matrix(weighted) == pairwise_matrix(repeated)
    assert pairwise_matrix(weighted)[1][0] == 4


def test_pairwise_passes_over_withdrawn_candidates():
    election = _election("ABC", [("A>B>C", 2), ("C>B", 1)], withdrawn="B")

    report = count_schulze(election)

    assert report.details["pairwise"] == {"A": {"C": 2}, "C": {"A": 1}}
    assert report.details["ranking"] == ["A", "C"]
    assert report.stages[0].votes == (2, None, 1)


def test_schulze_cycle_of_equal_strength_is_settled_by_lot():
    election = _election("ABC", [("A>B>C", 1), ("B>C>A", 1), ("C>A>B", 1)])

    report = count_schulze(election, seed="conference")

    expected = Lot("conference").choose([0, 1, 2], election.candidates)
    assert report.details["ranking"] == [["A", "B", "C"]]
    assert report.elected == [expected]
    assert [(t.between, t.chosen, t.rule) for t in report.tie_breaks] == [
        ((0, 1, 2), expected, "lot")
    ]


def test_schulze_ranking_lists_tied_candidates_together():
    # A and B tie their contest, and both beat C.
    election = _election("ABC", [("A>B>C", 2), ("B>A>C", 2)], seats=2)

    report = count_schulze(election, seed="s")

    assert report.details["ranking"] == [["A", "B"], ["C"]]
    assert report.elected == [0, 1]
    assert report.tie_breaks == []


def test_ranked_pairs_cycle_of_equal_margins_follows_the_drawn_ranking():
    election = _election("ABC", [("A>B>C", 1), ("B>C>A", 1), ("C>A>B", 1)])

    report = count_ranked_pairs(election, seed="conference")

    drawn = [t.chosen for t in report.tie_breaks]
    assert len(drawn) == 2
    assert all(t.purpose == "tie-breaking ranking" for t in report.tie_breaks)
    # The majority whose winner is drawn first is locked first, so that winner is elected.
    assert report.elected == [drawn[0]]
    assert len(report.details["locked"]) == 2
    assert len(report.details["skipped"]) == 1


def test_ranked_pairs_tied_contest_goes_to_the_candidate_drawn_higher():
    election = _election("AB", [("A", 2), ("B", 2)])

    report = count_ranked_pairs(election, seed="tie")

    winner = report.tie_breaks[0].chosen
    assert report.elected == [winner]
    assert report.details["locked"] == [
        {"winner": "AB"[winner], "loser": "AB"[1 - winner], "margin": 0}
    ]


@pytest.mark.parametrize("count", [count_schulze, count_ranked_pairs])
def test_condorcet_counts_refuse_more_seats_than_candidates(count):
    with pytest.raises(ElectionError):
        count(_election("AB", [("A>B", 1)], seats=3))


@pytest.mark.parametrize(("method", "winner"), [("schulze", 4), ("ranked-pairs", 0)])
def test_condorcet_counts_are_reached_through_the_dispatcher(method, winner):
    report = count(_election("ABCDE", SCHULZE_45), method)

    assert report.method == method
    assert report.elected == [winner]


def test_condorcet_count_without_a_seed_draws_from_the_ballots_own_seed():
    election = _election("ABC", [("A>B>C", 1), ("B>C>A", 1), ("C>A>B", 1)])

    first, again = count_schulze(election), count_schulze(election)

    assert first.seed == default_seed(election)
    assert first.elected == again.elected
    assert first.elected == count_schulze(election, seed=default_seed(election)).elected


def test_schulze_ranking_lists_a_candidate_below_one_that_beats_it_though_tied_with_another():
    # D beats C; A ties both D and C. A and D head the ranking, so C comes a place lower.
    election = _election("ABCD", [("A>B>D", 2), ("D>C>A>B", 3), ("A", 1)])

    report = count_schulze(election, seed="s")

    paths = report.details["strongest_paths"]
    assert (paths["D"]["C"], paths["C"]["D"]) == (5, 0)
    assert (paths["A"]["C"], paths["C"]["A"]) == (0, 0)
    assert (paths["A"]["D"], paths["D"]["A"]) == (0, 0)
    assert report.details["ranking"] == [["A", "D"], ["C"], ["B"]]
