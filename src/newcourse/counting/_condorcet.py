"""Condorcet counts: the Schulze method and Tideman's ranked pairs.

Both read every paper as a set of pairwise contests: a paper prefers one candidate to another
when it ranks the first strictly higher, or ranks the first and leaves the second unranked.
Candidates a paper ranks equal, or leaves unranked together, get nothing from it in their
contest. A paper's weight (a card vote) counts that many times. Withdrawn candidates are
passed over, as if no paper had named them.

The pairwise matrix is the whole of what the methods need, and it is built from the grouped
ballot patterns, never from single papers, so a count's time grows with the number of distinct
rankings. For each pattern the work is one step per pair of ranked candidates, unranked
candidates being settled for all patterns at once (see `pairwise_matrix`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ._lot import Lot
from ._model import Election
from ._plurality import continuing_ranking, elect_in_order, standing_candidates, stated_seed
from ._report import Report, Stage, TieBreak

Matrix = list[list[int]]
_Majority = tuple[int, int, int]  # winner, loser, margin


def pairwise_matrix(election: Election) -> Matrix:
    """Return `d` where `d[a][b]` is the weight of papers preferring candidate `a` to `b`.

    Rows and columns of withdrawn candidates stay zero, as does the diagonal.

    A ranked candidate `a` beats every candidate that is not ranked at or above it, so
    instead of visiting every pair on every paper this adds the paper's weight once to
    `ranked[a]` (the weight of papers ranking `a` at all) and to `at_or_above[a][b]` for the
    candidates `b` ranked at or above `a`; then `d[a][b] = ranked[a] - at_or_above[a][b]`.
    A paper ranking k of n candidates costs about k*k/2 steps instead of n*n.
    """
    n = len(election.candidates)
    withdrawn = election.withdrawn
    ranked = [0] * n
    at_or_above = [[0] * n for _ in range(n)]
    for ballot in election.ballots:
        weight = ballot.weight
        seen: list[int] = []
        for group in continuing_ranking(ballot.ranking, withdrawn):
            seen.extend(group)
            for a in group:
                ranked[a] += weight
                row = at_or_above[a]
                for b in seen:
                    row[b] += weight
    matrix = [[0] * n for _ in range(n)]
    continuing = [c for c in range(n) if c not in withdrawn]
    for a in continuing:
        row, counted, total = matrix[a], at_or_above[a], ranked[a]
        for b in continuing:
            if b != a:
                row[b] = total - counted[b]
    return matrix


def count_schulze(election: Election, *, seed: str | None = None) -> Report:
    """Elect by the Schulze method (beatpath), strengths measured by winning votes.

    A direct defeat of `b` by `a` has strength `d[a][b]` (the weight preferring the winner)
    when `d[a][b] > d[b][a]`, and a path's strength is that of its weakest link; `p[a][b]` is
    the strength of the strongest path from `a` to `b`. Candidate `a` ranks above `b` when
    `p[a][b] > p[b][a]`, a relation Schulze proved transitive. The ranking lists, in turn, the
    candidates no remaining candidate ranks above; candidates listed together are tied. (The
    relation is a partial order, not always a ranking with ties: a candidate can be tied with
    one listed a place higher and still rank below another there, so it is listed lower.)

    With more than one seat the top `seats` candidates of this ranking are elected: this is
    the Schulze ranking, not Schulze STV, and it makes no claim to proportionality. A tied
    group that straddles the last seat is settled by lot, each draw recorded in the report.
    `details` carries `pairwise`, `strongest_paths` and `ranking` (a list of names, or of
    lists of names when the ranking has ties).
    """
    continuing = standing_candidates(election, "schulze")
    seed = stated_seed(election, seed)
    names = election.candidates
    d = pairwise_matrix(election)
    p = _strongest_paths(d, continuing)
    layers = _layers(continuing, lambda a, b: p[a][b] > p[b][a])
    elected, tie_breaks = elect_in_order(layers, election.seats, lot=Lot(seed), names=names)
    return _report(
        election,
        method="schulze",
        elected=elected,
        tie_breaks=tie_breaks,
        seed=seed,
        details={
            "pairwise": _by_name(d, continuing, names),
            "strongest_paths": _by_name(p, continuing, names),
            "ranking": _ranking_names(layers, names),
        },
    )


def count_ranked_pairs(election: Election, *, seed: str | None = None) -> Report:
    """Elect by Tideman's ranked pairs, majorities measured by margins.

    Every pair whose contest was not tied is a majority for its winner, of strength
    `d[a][b] - d[b][a]`. Majorities are taken largest first and locked in unless they would
    close a cycle with those already locked; the locked majorities then order every
    candidate, and the top `seats` are elected (with more than one seat this is the ranked
    pairs ordering, not a proportional method).

    Ties follow Zavist and Tideman (1989): a tie-breaking ranking of the candidates is drawn
    by lot (one recorded draw per place); equally large majorities are taken in the order of
    their winners in it (for one winner, the majority whose loser ranks lower first), and a
    tied contest counts, after every real majority, as a win for the candidate ranked higher.
    The ranking is drawn only when it could change the result: when equally large majorities
    cannot all be locked together, or a tied contest is not already settled by the locked
    majorities. Either way the result is a complete order. `details` carries `pairwise`,
    `locked` and `skipped` (majorities as winner, loser, margin; a tied contest appears in
    `locked`, with margin 0, only when it decided something) and `ranking`.
    """
    continuing = standing_candidates(election, "ranked-pairs")
    seed = stated_seed(election, seed)
    names = election.candidates
    d = pairwise_matrix(election)
    majorities, tied_contests = _contests(d, continuing, names)
    tie_breaks: list[TieBreak] = []
    drawn: dict[int, int] = {}  # candidate -> place in the tie-breaking ranking, once drawn

    def tie_breaking_place() -> dict[int, int]:
        if not drawn:
            order = _tie_breaking_ranking(continuing, seed, names, tie_breaks)
            drawn.update((c, place) for place, c in enumerate(order))
        return drawn

    order = _lock(majorities, tied_contests, len(names), tie_breaking_place)
    # Every contest is now locked or implied by the locked ones, so the order is complete
    # and each candidate's place is the number of candidates above it.
    ranking = sorted(continuing, key=lambda c: len(order.above[c]))
    elected = ranking[: election.seats]
    return _report(
        election,
        method="ranked-pairs",
        elected=elected,
        tie_breaks=tie_breaks,
        seed=seed,
        details={
            "pairwise": _by_name(d, continuing, names),
            "locked": [_majority_entry(m, names) for m in order.locked],
            "skipped": [_majority_entry(m, names) for m in order.skipped],
            "ranking": [names[c] for c in ranking],
        },
    )


def _contests(
    d: Matrix, continuing: Sequence[int], names: Sequence[str]
) -> tuple[list[_Majority], list[tuple[int, int]]]:
    """Every majority, largest first (equal ones by name, so numbering never matters), and
    every tied contest."""
    majorities: list[_Majority] = []
    tied_contests: list[tuple[int, int]] = []
    for i, a in enumerate(continuing):
        for b in continuing[i + 1 :]:
            margin = d[a][b] - d[b][a]
            if margin > 0:
                majorities.append((a, b, margin))
            elif margin < 0:
                majorities.append((b, a, -margin))
            else:
                tied_contests.append((a, b))
    majorities.sort(key=lambda m: (-m[2], names[m[0]], names[m[1]]))
    return majorities, tied_contests


def _lock(
    majorities: Sequence[_Majority],
    tied_contests: Sequence[tuple[int, int]],
    n: int,
    tie_breaking_place: Callable[[], dict[int, int]],
) -> _LockedOrder:
    """Lock the majorities, then the tied contests, asking for the drawn ranking only when
    the order within equal majorities, or a tie, could change what is locked."""
    order = _LockedOrder(n)
    start = 0
    while start < len(majorities):
        stop = start
        while stop < len(majorities) and majorities[stop][2] == majorities[start][2]:
            stop += 1
        block = list(majorities[start:stop])
        if len(block) > 1 and not order.accepts_all(block):
            place = tie_breaking_place()
            block.sort(key=lambda m: (place[m[0]], -place[m[1]]))
        for majority in block:
            order.add(majority)
        start = stop
    unsettled = [(a, b) for a, b in tied_contests if not order.settles(a, b)]
    if unsettled:
        place = tie_breaking_place()
        wins = [(a, b, 0) if place[a] < place[b] else (b, a, 0) for a, b in unsettled]
        for winner, loser, margin in sorted(wins, key=lambda m: (place[m[0]], -place[m[1]])):
            # A tie settled by the ties locked before it would change nothing.
            if not order.settles(winner, loser):
                order.add((winner, loser, margin))
    return order


def _strongest_paths(d: Matrix, continuing: Sequence[int]) -> Matrix:
    """Widest paths (Floyd-Warshall on min/max) over winning-votes link strengths."""
    n = len(d)
    p = [[0] * n for _ in range(n)]
    for a in continuing:
        for b in continuing:
            if a != b and d[a][b] > d[b][a]:
                p[a][b] = d[a][b]
    for k in continuing:
        row_k = p[k]
        for a in continuing:
            if a == k:
                continue
            row_a = p[a]
            through = row_a[k]
            if through == 0:
                continue
            for b in continuing:
                if b != a and b != k:
                    via = min(through, row_k[b])
                    if via > row_a[b]:
                        row_a[b] = via
    return p


def _layers(continuing: Sequence[int], above: Callable[[int, int], bool]) -> list[list[int]]:
    """Split a strict partial order into successive groups of candidates nobody left beats."""
    remaining = list(continuing)
    layers: list[list[int]] = []
    while remaining:
        top = [a for a in remaining if not any(above(b, a) for b in remaining if b != a)]
        layers.append(top)
        remaining = [c for c in remaining if c not in top]
    return layers


def _tie_breaking_ranking(
    continuing: Sequence[int], seed: str, names: Sequence[str], record: list[TieBreak]
) -> list[int]:
    """Draw a full order of the candidates by lot, one recorded draw per place."""
    lot = Lot(seed)
    pool = sorted(continuing)
    order: list[int] = []
    while len(pool) > 1:
        chosen = lot.choose(pool, names)
        record.append(
            TieBreak(
                stage=1,
                between=tuple(pool),
                chosen=chosen,
                rule="lot",
                purpose="tie-breaking ranking",
            )
        )
        order.append(chosen)
        pool.remove(chosen)
    return order + pool


class _LockedOrder:
    """The majorities locked so far, with the order they imply kept transitively closed."""

    def __init__(self, n: int) -> None:
        self.below: list[set[int]] = [set() for _ in range(n)]
        self.above: list[set[int]] = [set() for _ in range(n)]
        self.locked: list[_Majority] = []
        self.skipped: list[_Majority] = []

    def add(self, majority: _Majority) -> bool:
        """Lock the majority unless its loser is already above its winner; say which."""
        winner, loser, _ = majority
        if winner in self.below[loser]:
            self.skipped.append(majority)
            return False
        self.locked.append(majority)
        uppers = self.above[winner] | {winner}
        lowers = self.below[loser] | {loser}
        for u in uppers:
            self.below[u] |= lowers
        for v in lowers:
            self.above[v] |= uppers
        return True

    def accepts_all(self, block: Sequence[_Majority]) -> bool:
        """Whether every majority of the block can be locked, in whatever order.

        If they can all be locked in one order, the locked graph plus the block has no
        cycle, so every order locks them all and the order of the block cannot matter.
        """
        trial = _LockedOrder(0)
        trial.below = [set(s) for s in self.below]
        trial.above = [set(s) for s in self.above]
        return all(trial.add(majority) for majority in block)

    def settles(self, a: int, b: int) -> bool:
        """Whether the locked majorities already put one of `a`, `b` above the other."""
        return b in self.below[a] or a in self.below[b]


def _report(
    election: Election,
    *,
    method: str,
    elected: list[int],
    tie_breaks: list[TieBreak],
    seed: str,
    details: dict[str, Any],
) -> Report:
    """One "first" stage of first preferences, so every renderer can show the count."""
    withdrawn = election.withdrawn
    firsts = [0] * len(election.candidates)
    no_single_first = 0
    for ballot in election.ballots:
        ranking = continuing_ranking(ballot.ranking, withdrawn)
        if ranking and len(ranking[0]) == 1:
            firsts[ranking[0][0]] += ballot.weight
        else:
            no_single_first += ballot.weight
    stage = Stage(
        number=1,
        action="first",
        action_candidates=(),
        votes=tuple(None if c in withdrawn else v for c, v in enumerate(firsts)),
        non_transferable=no_single_first,
        elected=tuple(elected),
        note="First preferences for information; the result comes from the pairwise contests.",
    )
    return Report(
        method=method,
        candidates=election.candidates,
        seats=election.seats,
        precision=0,
        elected=elected,
        stages=[stage],
        tie_breaks=tie_breaks,
        seed=seed,
        title=election.title,
        details=details,
    )


def _by_name(m: Matrix, continuing: Sequence[int], names: Sequence[str]) -> dict[str, Any]:
    return {names[a]: {names[b]: m[a][b] for b in continuing if b != a} for a in continuing}


def _ranking_names(layers: list[list[int]], names: Sequence[str]) -> list[Any]:
    if all(len(layer) == 1 for layer in layers):
        return [names[layer[0]] for layer in layers]
    return [[names[c] for c in layer] for layer in layers]


def _majority_entry(majority: tuple[int, int, int], names: Sequence[str]) -> dict[str, Any]:
    winner, loser, margin = majority
    return {"winner": names[winner], "loser": names[loser], "margin": margin}
