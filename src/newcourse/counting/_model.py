"""The ballots a count reads, as the counting methods see them.

Candidates are numbered 0..n-1 in the order the ballot file lists them; names live on the
`Election`. A ballot is a ranking of groups of candidates (a group of more than one is an equal
ranking) with a positive integer weight; identical rankings are grouped once, so every method's
work grows with the number of distinct patterns, not the number of papers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._errors import ElectionError

Ranking = tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class Ballot:
    """One distinct ranking and the number (or total card weight) of papers that carry it."""

    ranking: Ranking
    weight: int = 1


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
    if not election.ballots or election.total_weight <= 0:
        raise ElectionError(f"{where}the election has no ballots")
    for b in election.ballots:
        if isinstance(b.weight, bool) or not isinstance(b.weight, int) or b.weight < 1:
            raise ElectionError(
                f"{where}a ballot weight must be a positive integer, not {b.weight!r}"
            )
        for group in b.ranking:
            for c in group:
                if not 0 <= c < n:
                    raise ElectionError(f"{where}a ballot ranks candidate {c}, who does not exist")
    return seats
