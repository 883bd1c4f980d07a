"""The ballots a count reads, as the counting methods see them.

Candidates are numbered 0..n-1 in the order the ballot file lists them; names live on the
`Election`. A ballot is a ranking of groups of candidates (a group of more than one is an equal
ranking) with a positive integer weight; identical rankings are grouped once, so every method's
work grows with the number of distinct patterns, not the number of papers.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from ._errors import ElectionError

Ranking = tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True, init=False)
class Ballot:
    """One distinct ranking and the number (or total card weight) of papers that carry it."""

    ranking: Ranking
    weight: int = 1

    def __init__(self, ranking: Ranking, weight: int = 1) -> None:
        # The generated __init__ of a frozen dataclass sets each field by object.__setattr__;
        # setting the slots directly does the same a third faster, and an election is built
        # from tens of thousands of ballots.
        _set_ranking(self, ranking)
        _set_weight(self, weight)


_set_ranking: Callable[[Ballot, Ranking], None] = Ballot.__dict__["ranking"].__set__
_set_weight: Callable[[Ballot, int], None] = Ballot.__dict__["weight"].__set__


@dataclass(frozen=True, slots=True)
class Election:
    """Everything a count needs: candidates, seats, withdrawals and the grouped ballots."""

    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[Ballot, ...]
    withdrawn: frozenset[int] = field(default_factory=frozenset)
    title: str = ""

    @property
    def total_weight(self) -> int:
        """The number of papers (the sum of the weights), blank papers included."""
        return sum(b.weight for b in self.ballots)


def check_election(election: Election, *, seats: int | None = None, method: str = "") -> int:
    """Raise `ElectionError` unless `election` can be counted for `seats` (default: its own).

    Returns the number of seats. Checks: at least one seat, no more seats than standing
    (not withdrawn) candidates, distinct candidate names, rankings that name only real
    candidates, positive integer weights, and at least one paper.
    """
    return check_election_groups(election, None, seats=seats, method=method)


def check_election_groups(
    election: Election,
    groups: Collection[tuple[int, ...]] | None,
    *,
    seats: int | None = None,
    method: str = "",
) -> int:
    """`check_election`, given every distinct group the rankings hold when the caller has
    collected them already (compiling the patterns does), so the ballots are not walked twice.
    """
    n = len(election.candidates)
    seats = election.seats if seats is None else seats
    where = f"{method}: " if method else ""
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise ElectionError(f"{where}the number of seats must be a positive integer, not {seats!r}")
    if len(set(election.candidates)) != n:
        raise ElectionError(f"{where}two candidates have the same name")
    for w in election.withdrawn:
        if not 0 <= w < n:
            raise ElectionError(f"{where}withdrawn candidate {w} is not a candidate")
    standing = n - len(election.withdrawn)
    if seats > standing:
        raise ElectionError(
            f"{where}{seats} seats but only {standing} standing candidate"
            f"{'' if standing == 1 else 's'}"
        )
    ballots = election.ballots
    weights = list(map(attrgetter("weight"), ballots))
    if not ballots or sum(weights) <= 0:
        raise ElectionError(f"{where}the election has no ballots")
    # Checked in bulk: the weights in one pass, the candidates once per distinct group (an
    # election has few, however many papers). Only a failure walks the ballots one by one, to
    # name the first bad one.
    try:
        if groups is None:
            groups = set(chain.from_iterable(map(attrgetter("ranking"), ballots)))
        ok = (
            set(map(type, weights)) == {int}
            and min(weights) >= 1
            and set(chain.from_iterable(groups)) <= set(range(n))
        )
    except TypeError:  # an unhashable group: leave it to the ballot-by-ballot check
        ok = False
    if not ok:
        _name_first_bad_ballot(ballots, n, where)
    return seats


def _name_first_bad_ballot(ballots: tuple[Ballot, ...], n: int, where: str) -> None:
    """Raise `ElectionError` for the first ballot with a bad weight or a bad candidate."""
    for b in ballots:
        if isinstance(b.weight, bool) or not isinstance(b.weight, int) or b.weight < 1:
            raise ElectionError(
                f"{where}a ballot weight must be a positive integer, not {b.weight!r}"
            )
        for group in b.ranking:
            for c in group:
                if not 0 <= c < n:
                    raise ElectionError(f"{where}a ballot ranks candidate {c}, who does not exist")
