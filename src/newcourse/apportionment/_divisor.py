"""Sharing a fixed number of seats: largest remainder (Hare) and the divisor methods.

Exact integer arithmetic throughout (no floats), because a seat decided by a rounding error is
a seat nobody can defend.  A divisor method gives seats in order of priority
``members / d(k)`` for a branch's (k+1)-th seat, with d(k) = k+1 (D'Hondt), k+½
(Sainte-Laguë) or k (Adams: the first seat of every branch with members comes first).
Instead of handing out seats one at a time, the allocation starts from a divisor near the
final one (Pukelsheim's jump-start) and then adds or removes the few seats it is off by, in
priority order; the result is the one-at-a-time result.  Ties in priority go to the larger
membership, then to the lower lot ticket (see ``_lot``).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from newcourse.apportionment._rule import Divisor

Tickets = Callable[[], dict[str, bytes]]


@dataclass(frozen=True, slots=True)
class Shares:
    """Units (seats, or pairs) per branch, and the divisor (members per unit) that gives them.

    For Hare the divisor is the quota (total members / units): each branch has the whole
    part of its quotient, and the units left over went to the largest remainders.
    """

    units: dict[str, int]
    divisor: Fraction
    remainder_units: frozenset[str]


# Priority of the (k+1)-th seat is members * _SCALE / _denominator(k).
_SCALE: dict[str, int] = {"dhondt": 1, "sainte-lague": 2, "adams": 1}


def _denominator(method: str, k: int) -> int:
    if method == "dhondt":
        return k + 1
    if method == "sainte-lague":
        return 2 * k + 1
    return k  # adams: 0 for the first seat, an infinite priority


class _Claim:
    """A branch's claim to one more (or to keep its last) seat, ordered for a heap.

    ``best_first``: the heap pops the highest priority (for adding seats); otherwise the
    lowest (for taking seats back), with ties reversed accordingly.
    """

    __slots__ = ("best_first", "branch", "den", "members", "num", "tickets")

    def __init__(
        self, branch: str, num: int, den: int, members: int, best_first: bool, tickets: Tickets
    ) -> None:
        self.branch = branch
        self.num = num
        self.den = den
        self.members = members
        self.best_first = best_first
        self.tickets = tickets

    def _beats(self, other: _Claim) -> bool:
        # num/den > other.num/other.den, with den == 0 as infinity.
        left = self.num * other.den
        right = other.num * self.den
        if left != right:
            return left > right
        if self.members != other.members:
            return self.members > other.members
        tickets = self.tickets()
        return tickets[self.branch] < tickets[other.branch]

    def __lt__(self, other: _Claim) -> bool:
        return self._beats(other) if self.best_first else other._beats(self)


def share(members: dict[str, int], units: int, method: Divisor, tickets: Tickets) -> Shares:
    """Share ``units`` among the branches with members by ``method``.

    ``members`` holds only branches with at least one member; the caller has checked that
    Adams has enough units for all of them.  ``tickets`` is called only if a tie needs a lot.
    """
    if method == "hare":
        return _hare(members, units, tickets)
    return _highest_averages(members, units, method, tickets)


def _hare(members: dict[str, int], units: int, tickets: Tickets) -> Shares:
    total = sum(members.values())
    whole = {branch: count * units // total for branch, count in members.items()}
    left = units - sum(whole.values())
    remainders = {branch: count * units % total for branch, count in members.items()}
    order = sorted(members, key=lambda b: (-remainders[b], -members[b]))
    boundary = {(remainders[b], members[b]) for b in order[left - 1 : left + 1]} if left else set()
    if left and len(boundary) == 1 and len(order) > left:
        # A tie across the last remainder seat: the lot decides among equals.
        drawn = tickets()
        order.sort(key=lambda b: (-remainders[b], -members[b], drawn[b]))
    extra = frozenset(order[:left])
    shares = {branch: whole[branch] + (branch in extra) for branch in members}
    return Shares(shares, Fraction(total, units), extra)


def _highest_averages(
    members: dict[str, int], units: int, method: Divisor, tickets: Tickets
) -> Shares:
    total = sum(members.values())
    branches = len(members)
    scale = _SCALE[method]
    # Jump-start divisor total/(units + shift): D'Hondt tends to give about half a seat too
    # few per branch, Adams half a seat too many, Sainte-Laguë neither.
    if method == "dhondt":
        dn, dd = 2 * total, 2 * units + branches
        given = {b: v * dd // dn for b, v in members.items()}
    elif method == "sainte-lague":
        dn, dd = total, units
        given = {b: (2 * v * dd + dn) // (2 * dn) for b, v in members.items()}
    else:
        dn, dd = 2 * total, max(2 * units - branches, 1)
        given = {b: v * dd // dn + 1 for b, v in members.items()}
    count = sum(given.values())
    if count < units:
        heap = [
            _Claim(b, v * scale, _denominator(method, given[b]), v, True, tickets)
            for b, v in members.items()
        ]
        heapq.heapify(heap)
        for _ in range(units - count):
            claim = heap[0]
            given[claim.branch] += 1
            nxt = _denominator(method, given[claim.branch])
            heapq.heapreplace(
                heap, _Claim(claim.branch, claim.num, nxt, claim.members, True, tickets)
            )
    elif count > units:
        heap = [
            _Claim(b, v * scale, _denominator(method, given[b] - 1), v, False, tickets)
            for b, v in members.items()
            if given[b] > 0
        ]
        heapq.heapify(heap)
        for _ in range(count - units):
            claim = heapq.heappop(heap)
            given[claim.branch] -= 1
            if given[claim.branch] > 0:
                last = _denominator(method, given[claim.branch] - 1)
                heapq.heappush(
                    heap, _Claim(claim.branch, claim.num, last, claim.members, False, tickets)
                )
    return Shares(given, _final_divisor(members, given, method), frozenset())


def _final_divisor(members: dict[str, int], given: dict[str, int], method: Divisor) -> Fraction:
    """A divisor that yields this table when each quotient members/divisor is rounded.

    Rounding down (D'Hondt) or to nearest (Sainte-Laguë): the priority of the last seat given,
    the largest such divisor.  Rounding up (Adams): the priority of the best seat not given,
    the smallest such divisor.
    """
    if method == "adams":
        return max(Fraction(members[b], seats) for b, seats in given.items())
    scale = _SCALE[method]
    num, den = 0, 0
    for branch, seats in given.items():
        if seats == 0:
            continue
        d = _denominator(method, seats - 1)
        v = members[branch] * scale
        if den == 0 or v * den < num * d:
            num, den = v, d
    return Fraction(num, den)
