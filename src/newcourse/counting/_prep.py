"""Shared machinery of the ranked methods: compiled ballot patterns, ties, seeds, figures.

A compiled pattern is a tuple of ints: `c >= 0` is a candidate, `~g < 0` is the equal-ranking
group `groups[g]`. Withdrawn candidates are struck out at compile time, so the counts never
see them, and patterns that become identical are merged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from itertools import repeat
from operator import attrgetter
from typing import cast

from ._lot import Lot
from ._model import Ballot, Election, check_election, check_election_groups
from ._report import Report, TieBreak

Progress = Callable[[str, float], None]


class Patterns:
    """The distinct rankings of an election, ready for counting."""

    __slots__ = ("groups", "ranked_groups", "rankings", "weights")

    def __init__(self, election: Election) -> None:
        compiled = _CompiledGroups(election.withdrawn)
        ballots = election.ballots
        lookup = compiled.__getitem__
        rankings = list(map(attrgetter("ranking"), ballots))
        keys: list[tuple[int | None, ...]]
        try:
            # In C: every ranking mapped through the compiled groups, then grouped by pattern.
            keys = list(map(tuple, map(map, repeat(lookup), rankings)))
        except TypeError:  # a group that is a list, not a tuple
            keys = [tuple(lookup(tuple(g)) for g in ranking) for ranking in rankings]
        if compiled.dropped:  # withdrawals emptied a group: strike it out
            keys = [tuple(x for x in key if x is not None) for key in keys]
        weights = list(map(attrgetter("weight"), ballots))
        merged = dict(zip(keys, weights, strict=True))
        if len(merged) < len(keys):  # patterns that coincide: add their weights
            merged = {}
            for key, weight in zip(keys, weights, strict=True):
                merged[key] = merged.get(key, 0) + weight
        self.rankings = cast(list[tuple[int, ...]], list(merged))
        self.weights: list[int] = list(merged.values())
        self.groups: list[tuple[int, ...]] = compiled.groups
        # Every distinct group of the ballots as given, for `checked_patterns`.
        self.ranked_groups: Collection[tuple[int, ...]] = compiled.keys()


def checked_patterns(election: Election, *, method: str) -> tuple[int, Patterns]:
    """`check_election`, then `Patterns`: the number of seats and the compiled patterns.

    The patterns are compiled first, and the check is handed the distinct groups compiling
    found, so that the papers' rankings are walked once rather than twice.
    """
    try:
        patterns = Patterns(election)
    except TypeError:  # malformed ballots: the check says what is wrong with them
        check_election(election, method=method)
        raise
    return check_election_groups(election, patterns.ranked_groups, method=method), patterns


def start_count(
    election: Election, *, method: str, precision: int, seed: str | None
) -> tuple[int, Patterns, Lot, Report]:
    """What every ranked count begins with: the checked, compiled patterns; the lot drawn from
    the stated seed (or, without one, from the ballots themselves); and an empty report that
    names both, so the seed is in the report before any lot is drawn."""
    seats, patterns = checked_patterns(election, method=method)
    if seed is None:
        seed = default_seed(election)
    report = Report(
        method=method,
        candidates=election.candidates,
        seats=seats,
        precision=precision,
        seed=seed,
        title=election.title,
    )
    return seats, patterns, Lot(seed), report


class _CompiledGroups(dict[tuple[int, ...], int | None]):
    """A ranking's group -> its compiled entry, each distinct group compiled once.

    An election has few distinct groups however many patterns it has, so the per-paper work of
    compiling is one dictionary look-up a rank. A group compiles to its candidate, to `~k` for
    an equal ranking (`groups[k]`, numbered in order of first appearance), or to None when
    withdrawals leave it empty (`dropped` is then set, and the caller strikes the None out).
    """

    def __init__(self, withdrawn: frozenset[int]) -> None:
        super().__init__()
        self.withdrawn = withdrawn
        self.groups: list[tuple[int, ...]] = []
        self.index: dict[tuple[int, ...], int] = {}
        self.dropped = False

    def __missing__(self, group: tuple[int, ...]) -> int | None:
        g = tuple(c for c in group if c not in self.withdrawn) if self.withdrawn else group
        entry: int | None
        if len(g) == 1:
            entry = g[0]
        elif g:
            k = self.index.get(g)
            if k is None:
                k = self.index[g] = len(self.groups)
                self.groups.append(g)
            entry = ~k
        else:
            entry = None
            self.dropped = True
        self[group] = entry
        return entry


def next_preference(
    ranking: tuple[int, ...],
    pos: int,
    continuing: Sequence[bool],
    groups: Sequence[tuple[int, ...]],
) -> tuple[int, int]:
    """The next continuing candidate after position `pos`, and its position; (-1, len) if none.

    An equal ranking that still holds two or more continuing candidates is an ambiguous
    preference: the paper stops there (it is non-transferable), as a returning officer would
    treat two papers' worth of marks with the same number.
    """
    n = len(ranking)
    pos += 1
    while pos < n:
        c = ranking[pos]
        if c >= 0:
            if continuing[c]:
                return c, pos
        else:
            live = [x for x in groups[~c] if continuing[x]]
            if len(live) == 1:
                return live[0], pos
            if live:
                return -1, n
        pos += 1
    return -1, n


def default_seed(election: Election, *, board_head: str | None = None) -> str:
    """A seed derived from the ballots themselves: any two counts of the same ballots agree,
    and nobody can choose it before the ballot box is closed.

    The hash covers the candidates, the seats, the withdrawals and the grouped ballots in a
    canonical order, so it does not depend on the order of the ballots in the file. For a
    verifiable election, whose count reads only the decrypted totals, `board_head` (the final
    hash of the bulletin board, fixed by the last encrypted ballot) is hashed first, under its
    own tag. docs/counting.md ("Ties and lots") states the formula byte by byte. It is a hash
    of the grouped ballots, never of a file's bytes, so that the same ballots written in
    another order, format or line ending draw the same lots.
    """
    h = hashlib.sha256()
    tag = "newcourse-seed/1" if board_head is None else f"newcourse-seed/1+board\x1e{board_head}"
    h.update(f"{tag}\x1e{election.seats}\x1e".encode())
    h.update("\x1f".join(election.candidates).encode("utf-8"))
    h.update(b"\x1e" + ",".join(str(c) for c in sorted(election.withdrawn)).encode() + b"\x1e")
    merged: dict[str, int] = {}
    for key, weight in zip(
        _ranking_keys(election), map(_seed_weight, election.ballots), strict=True
    ):
        merged[key] = merged.get(key, 0) + weight
    h.update("".join([f"{key}:{merged[key]}\n" for key in sorted(merged)]).encode())
    return h.hexdigest()[:20]


def _ranking_keys(election: Election) -> list[str]:
    """Each ballot's ranking as the seed writes it: groups of numbers joined by "," and ";".

    Each distinct group is written once (an election has few, however many rankings), and
    every ranking is joined from those in C.
    """
    rankings = list(map(attrgetter("ranking"), election.ballots))
    try:
        written = _WrittenGroups()
        return [";".join(map(written.__getitem__, ranking)) for ranking in rankings]
    except TypeError:  # a group that is a list, not a tuple
        return [";".join(",".join(map(str, g)) for g in ranking) for ranking in rankings]


class _WrittenGroups(dict[tuple[int, ...], str]):
    """A group -> its candidate numbers joined by ",", each distinct group written once."""

    def __missing__(self, group: tuple[int, ...]) -> str:
        text = self[group] = ",".join(map(str, group))
        return text


def _seed_weight(ballot: Ballot) -> int:
    """The weight as the seed adds it: as written in decimal, so a weight that is not a whole
    number fails here as it always has (a count refuses it in `check_election` later)."""
    weight = ballot.weight
    return weight if type(weight) is int else int(f"{weight}")


def break_tie(
    tied: Sequence[int],
    history: Sequence[Sequence[int | None]],
    *,
    lowest: bool,
    lot: Lot,
    names: Sequence[str],
    stage: int,
    purpose: str,
    tie_breaks: list[TieBreak],
    skip_last: bool = True,
) -> int:
    """Choose among `tied` by the most recent earlier stage at which their votes differed.

    At that stage the candidates with the fewest (`lowest`) or most votes stay in the tie; if
    more than one does, look further back with just them; if they were equal at every stage,
    draw lots. `history` holds the totals at the end of each stage so far; with `skip_last`
    the last of them (where the tie is) is not consulted.
    """
    candidates = sorted(tied)
    if len(candidates) == 1:
        return candidates[0]
    stages = list(range(len(history) - (2 if skip_last else 1), -1, -1))
    for s in stages:
        row = history[s]
        vals = {c: row[c] for c in candidates}
        if any(v is None for v in vals.values()):
            continue
        distinct = set(vals.values())
        if len(distinct) > 1:
            pick = min(distinct) if lowest else max(distinct)  # type: ignore[type-var]
            candidates = [c for c in candidates if vals[c] == pick]
            if len(candidates) == 1:
                tie_breaks.append(
                    TieBreak(stage, tuple(sorted(tied)), candidates[0], "previous-stage", purpose)
                )
                return candidates[0]
    chosen = lot.choose(candidates, names)
    tie_breaks.append(TieBreak(stage, tuple(sorted(tied)), chosen, "lot", purpose))
    return chosen
