"""Counts run in bounded time and memory: the ranked and Condorcet methods refuse more than
MAX_CANDIDATES_RANKED candidates before counting; plurality and approval count 10,000.
The measured figures are in benchmarks/counting_limits.py (no test asserts a time)."""

from __future__ import annotations

import random

import pytest

from newcourse.counting import Ballot, Election, ElectionError, count
from newcourse.counting._count import MAX_CANDIDATES_RANKED, candidate_limit

RANKED = ["scottish-stv", "meek", "ers97", "irv", "schulze", "ranked-pairs", "motion"]


def many(candidates: int, *, papers: int = 300, seats: int = 1) -> Election:
    """`candidates` standing, each paper ranking ten of them at random."""
    rnd = random.Random(candidates)
    return Election(
        tuple(f"Candidate {n}" for n in range(candidates)),
        seats,
        tuple(
            Ballot(tuple((c,) for c in rnd.sample(range(candidates), 10))) for _ in range(papers)
        ),
    )


@pytest.mark.parametrize("method", RANKED)
def test_ten_thousand_candidates_are_refused_by_ranked_methods(method: str) -> None:
    with pytest.raises(ElectionError) as refusal:
        count(many(10_000), method)
    assert str(refusal.value) == (
        f"{method}: 10000 candidates, more than the {MAX_CANDIDATES_RANKED} this method "
        "counts in bounded time and memory"
    )


@pytest.mark.parametrize("method", ["plurality", "block-plurality", "approval"])
def test_ten_thousand_candidates_are_counted_by_marked_methods(method: str) -> None:
    election = many(10_000, seats=2 if method != "plurality" else 1)
    report = count(election, method)
    assert len(report.elected) == election.seats


def test_the_ranked_limit_itself_is_counted() -> None:
    assert candidate_limit("meek") == MAX_CANDIDATES_RANKED
    report = count(many(MAX_CANDIDATES_RANKED, papers=50), "irv")
    assert len(report.elected) == 1
