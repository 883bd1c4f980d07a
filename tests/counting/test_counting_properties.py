"""Properties of the ranked counts (Scottish STV, Meek, ERS97, IRV), checked by Hypothesis."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newcourse.counting import Ballot, Election, count, report_to_json
from newcourse.counting._render import parse_figure

STV = ("scottish-stv", "meek", "ers97")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def elections(draw: st.DrawFn, *, max_seats: int = 3, equal_ranks: bool = True) -> Election:
    n = draw(st.integers(2, 7))
    seats = draw(st.integers(1, min(max_seats, n)))
    names = tuple(f"C{i}" for i in range(n))
    ballots = []
    for _ in range(draw(st.integers(1, 14))):
        order = draw(st.permutations(range(n)))
        depth = draw(st.integers(1, n))
        ranking: list[tuple[int, ...]] = [(c,) for c in order[:depth]]
        if equal_ranks and depth >= 2 and draw(st.integers(0, 9)) == 0:
            k = draw(st.integers(0, depth - 2))
            ranking[k : k + 2] = [ranking[k] + ranking[k + 1]]
        ballots.append(Ballot(tuple(ranking), draw(st.integers(1, 30))))
    withdrawn: frozenset[int] = frozenset()
    if n - seats >= 2 and draw(st.integers(0, 5)) == 0:
        withdrawn = frozenset({draw(st.integers(0, n - 1))})

    # At least one paper must have a clear first preference, or there is nothing to count.
    def clear_first(b: Ballot) -> bool:
        for g in b.ranking:
            live = [c for c in g if c not in withdrawn]
            if live:
                return len(live) == 1
        return False

    assume(any(clear_first(b) for b in ballots))
    return Election(names, seats, tuple(ballots), withdrawn)


def _valid_units(report) -> int:  # type: ignore[no-untyped-def]
    first = report.stages[0]
    return sum(v for v in first.votes if v is not None) + first.non_transferable


@SETTINGS
@given(elections(), st.sampled_from((*STV, "irv")))
def test_votes_are_conserved_at_every_stage(election: Election, method: str) -> None:
    if method == "irv":
        election = dataclasses.replace(election, seats=1)
    report = count(election, method, seed="p")
    valid = report.details["valid_ballots"] * 10**report.precision
    for stage in report.stages:
        # Totals of candidates in the count plus non-transferable votes (which include what
        # truncation of transfer values lost) equal the valid votes exactly.
        total = sum(v for v in stage.votes if v is not None) + stage.non_transferable
        assert total == valid, (stage.number, total, valid)
        assert stage.non_transferable >= 0
        assert all(v is None or v >= 0 for v in stage.votes)
    assert len(report.elected) == election.seats
    assert len(set(report.elected)) == election.seats
    assert not set(report.elected) & election.withdrawn


@SETTINGS
@given(elections(), st.sampled_from((*STV, "irv")), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_ballot_order(
    election: Election, method: str, rnd: random.Random
) -> None:
    if method == "irv":
        election = dataclasses.replace(election, seats=1)
    shuffled = list(election.ballots)
    rnd.shuffle(shuffled)
    # Splitting a weighted ballot into several papers is also only a change of order.
    split: list[Ballot] = []
    for b in shuffled:
        if b.weight > 1 and rnd.random() < 0.5:
            k = rnd.randint(1, b.weight - 1)
            split += [Ballot(b.ranking, k), Ballot(b.ranking, b.weight - k)]
        else:
            split.append(b)
    other = dataclasses.replace(election, ballots=tuple(split))
    assert report_to_json(count(election, method)) == report_to_json(count(other, method))


@SETTINGS
@given(elections(), st.sampled_from((*STV, "irv")), st.randoms(use_true_random=False))
def test_renaming_candidates_renames_the_result(
    election: Election, method: str, rnd: random.Random
) -> None:
    if method == "irv":
        election = dataclasses.replace(election, seats=1)
    report = count(election, method, seed="s")
    assume(all(t.rule != "lot" for t in report.tie_breaks))
    new_names = [f"New {i}" for i in range(len(election.candidates))]
    rnd.shuffle(new_names)
    renamed = dataclasses.replace(election, candidates=tuple(new_names))
    other = count(renamed, method, seed="s")
    assert other.elected == report.elected
    assert [s.votes for s in other.stages] == [s.votes for s in report.stages]


@SETTINGS
@given(elections(), st.sampled_from(("scottish-stv", "ers97")))
def test_a_candidate_who_reaches_the_quota_is_elected(election: Election, method: str) -> None:
    report = count(election, method, seed="q")
    assert report.quota is not None
    elected_so_far: set[int] = set()
    quotas = [report.quota] * len(report.stages)
    if method == "ers97":  # rule 5.4.8 lowers the quota while no one is elected
        quotas = [parse_figure(q, 2) for q in report.details["stage_quotas"]]
    for stage, quota in zip(report.stages, quotas, strict=True):
        assert quota is not None
        elected_so_far |= set(stage.elected)
        for c, v in enumerate(stage.votes):
            # ERS97's quota is not rounded up past an exact division, so candidates exactly
            # at it can be more than the places left (rule 5.6.2 then elects by the earliest
            # difference, or none); anyone over it is elected.
            reached = v is not None and (v >= quota if method == "scottish-stv" else v > quota)
            if reached:
                assert c in elected_so_far, (stage.number, c)


@SETTINGS
@given(elections(max_seats=1))
def test_one_seat_stv_agrees_with_irv(election: Election) -> None:
    election = dataclasses.replace(election, seats=1)
    stv = count(election, "scottish-stv", seed="same")
    irv = count(election, "irv", seed="same")
    assert stv.elected == irv.elected
    # Until IRV finds its majority, the two counts exclude the same candidates in turn.
    assert stv.excluded[: len(irv.excluded)] == irv.excluded


@SETTINGS
@given(elections())
def test_scottish_transfer_values_are_truncated_to_five_places(election: Election) -> None:
    report = count(election, "scottish-stv", seed="t")
    # Every figure is a whole number of hundred-thousandths, by construction of the units;
    # the quota is a whole number of votes.
    assert report.quota is not None and report.quota % 10**5 == 0
