"""Shared machinery of the ranked methods: compiled ballot patterns, ties, seeds, figures.

A compiled pattern is a tuple of ints: `c >= 0` is a candidate, `~g < 0` is the equal-ranking
group `groups[g]`. Withdrawn candidates are struck out at compile time, so the counts never
see them, and patterns that become identical are merged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from ._lot import Lot
from ._model import Election
from ._report import TieBreak

Progress = Callable[[str, float], None]


class Patterns:
    """The distinct rankings of an election, ready for counting."""

    __slots__ = ("groups", "rankings", "weights")

    def __init__(self, election: Election) -> None:
        withdrawn = election.withdrawn
        group_index: dict[tuple[int, ...], int] = {}
        groups: list[tuple[int, ...]] = []
        merged: dict[tuple[int, ...], int] = {}
        for ballot in election.ballots:
            out: list[int] = []
            for g in ballot.ranking:
                if withdrawn:
                    g = tuple(c for c in g if c not in withdrawn)
                if len(g) == 1:
                    out.append(g[0])
                elif g:
                    k = group_index.get(g)
                    if k is None:
                        k = group_index[g] = len(groups)
                        groups.append(g)
                    out.append(~k)
            key = tuple(out)
            merged[key] = merged.get(key, 0) + ballot.weight
        self.rankings: list[tuple[int, ...]] = list(merged)
        self.weights: list[int] = list(merged.values())
        self.groups: list[tuple[int, ...]] = groups


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


def default_seed(election: Election) -> str:
    """A seed derived from the ballots themselves: any two counts of the same ballots agree.

    The hash covers the candidates, the seats, the withdrawals and the grouped ballots in a
    canonical order, so it does not depend on the order of the ballots in the file.
    """
    h = hashlib.sha256()
    h.update(f"newcourse-seed/1\x1e{election.seats}\x1e".encode())
    h.update("\x1f".join(election.candidates).encode("utf-8"))
    h.update(b"\x1e" + ",".join(str(c) for c in sorted(election.withdrawn)).encode() + b"\x1e")
    lines = sorted(
        ";".join(",".join(map(str, g)) for g in b.ranking) + f":{b.weight}"
        for b in election.ballots
    )
    merged: dict[str, int] = {}
    for line in lines:
        key, _, w = line.rpartition(":")
        merged[key] = merged.get(key, 0) + int(w)
    for key in sorted(merged):
        h.update(f"{key}:{merged[key]}\n".encode())
    return h.hexdigest()[:20]


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
