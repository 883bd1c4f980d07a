"""The entitlement: the rule applied to the register, with the arithmetic for every branch.

The table is published on the open record, so each row carries how its seats were reached
(members, quotient, rounding, seats), not only the result: a branch secretary must be able to
redo the sum by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from newcourse.apportionment._divisor import share
from newcourse.apportionment._errors import BranchesRefused, EntitlementImpossible
from newcourse.apportionment._limits import MAX_MEMBERS
from newcourse.apportionment._lot import lot_tickets
from newcourse.apportionment._rule import Apportion, Bands, PerMembers, Rule

_METHOD_NAMES = {
    "hare": "Hare (largest remainder)",
    "dhondt": "D'Hondt",
    "sainte-lague": "Sainte-Laguë",
    "adams": "Adams",
}
_ROUNDING_WORDS = {"dhondt": "down", "sainte-lague": "to nearest", "adams": "up"}


@dataclass(frozen=True, slots=True)
class Allotment:
    """One branch's row: its members, the quotient, how it was rounded, and its seats.

    ``quotient`` is exact: members / per (per members), the members beyond the first band /
    ``every`` (bands), or members / divisor (apportionment, in pairs: pairs).  ``rounding``
    says in words how the quotient became ``seats``.
    """

    branch: str
    members: int
    quotient: Fraction
    rounding: str
    seats: int


@dataclass(frozen=True, slots=True)
class Entitlement:
    """The delegate table for a conference: one :class:`Allotment` per branch, in input order.

    ``divisor`` is, for an apportionment, the members per seat (per pair when in pairs) that
    gives this table: the quota for Hare, the priority of the last seat given for a divisor
    method; ``None`` for the other rules.
    """

    rule: Rule
    rows: tuple[Allotment, ...]
    divisor: Fraction | None = None

    @property
    def total(self) -> int:
        """All the seats given."""
        return sum(row.seats for row in self.rows)

    @property
    def delegates(self) -> dict[str, int]:
        """Seats per branch, in input order."""
        return {row.branch: row.seats for row in self.rows}

    def as_json(self) -> dict[str, object]:
        """``{"delegates": {branch: seats, ...}, "total": N}``, what ``--format json`` prints."""
        return {"delegates": self.delegates, "total": self.total}


def entitlement(members: Mapping[str, int], rule: Rule) -> Entitlement:
    """Apply ``rule`` to the memberships of the branches: the delegate table.

    A branch with no members gets no delegate, under every rule (under Adams too).

    * :class:`PerMembers`: ``base`` plus the quotient members / ``per`` rounded up, to nearest
      (a half rounds up) or down; then raised to ``minimum`` and capped at ``maximum``.
    * :class:`Bands`: ``first_seats`` for any membership up to ``first``, plus one per further
      ``every`` members or part; capped at ``maximum``.
    * :class:`Apportion`: exactly ``seats`` shared by Hare or a divisor method; in pairs the
      method shares ``seats / 2`` pairs and each branch gets twice its pairs.  Ties go to the
      larger membership, then to a reproducible lot: each branch's ticket is the SHA-256 of a
      seed and its name, the seed being the SHA-256 of the sorted (branch, members) input, so
      the same input always gives the same table, whatever the order of the branches.

    Raises :class:`BranchesRefused` for no branches or a membership that is not a whole number
    from 0 to 10⁹, and :class:`EntitlementImpossible` (key ``seats``) when no branch has
    members to share seats among, or Adams has fewer seats (pairs) than branches with members.
    """
    _check_members(members)
    if isinstance(rule, PerMembers):
        return Entitlement(rule, tuple(_per_members(b, v, rule) for b, v in members.items()))
    if isinstance(rule, Bands):
        return Entitlement(rule, tuple(_bands(b, v, rule) for b, v in members.items()))
    return _apportion(members, rule)


def _check_members(members: Mapping[str, int]) -> None:
    if not members:
        raise BranchesRefused("no branch is listed")
    for branch, count in members.items():
        if not isinstance(count, int) or isinstance(count, bool):
            raise BranchesRefused(f"the membership of {branch!r} must be a whole number")
        if not 0 <= count <= MAX_MEMBERS:
            raise BranchesRefused(
                f"the membership of {branch!r} must be from 0 to {MAX_MEMBERS}, not {count}"
            )


def _per_members(branch: str, members: int, rule: PerMembers) -> Allotment:
    quotient = Fraction(members, rule.per)
    if members == 0:
        return Allotment(branch, 0, quotient, "no members, no delegate", 0)
    if rule.rounding == "up":
        rounded = -(-members // rule.per)
    elif rule.rounding == "nearest":
        rounded = (2 * members + rule.per) // (2 * rule.per)
    else:
        rounded = members // rule.per
    steps = [f"{rule.rounding} {rounded}"]
    seats = rounded
    if rule.base:
        seats += rule.base
        steps.append(f"+ base {rule.base} = {seats}")
    if seats < rule.minimum:
        seats = rule.minimum
        steps.append(f"raised to minimum {seats}")
    if rule.maximum is not None and seats > rule.maximum:
        seats = rule.maximum
        steps.append(f"capped at maximum {seats}")
    return Allotment(branch, members, quotient, ", ".join(steps), seats)


def _bands(branch: str, members: int, rule: Bands) -> Allotment:
    beyond = max(members - rule.first, 0)
    quotient = Fraction(beyond, rule.every)
    if members == 0:
        return Allotment(branch, 0, quotient, "no members, no delegate", 0)
    further = -(-beyond // rule.every)
    seats = rule.first_seats + further
    text = f"{rule.first_seats} for the first {rule.first}"
    if further:
        text += f" + {further} for {beyond} more = {seats}"
    if rule.maximum is not None and seats > rule.maximum:
        seats = rule.maximum
        text += f", capped at maximum {seats}"
    return Allotment(branch, members, quotient, text, seats)


def _apportion(members: Mapping[str, int], rule: Apportion) -> Entitlement:
    sharing = {b: v for b, v in members.items() if v > 0}
    if not sharing:
        raise EntitlementImpossible("no branch has members to share the seats", key="seats")
    units = rule.seats // 2 if rule.in_pairs else rule.seats
    if rule.divisor == "adams" and len(sharing) > units:
        what = f"{units} pairs" if rule.in_pairs else f"{units} seats"
        raise EntitlementImpossible(
            f"{what} cannot give each of the {len(sharing)} branches with members one under Adams",
            key="seats",
        )
    tickets = cache(lambda: lot_tickets(members))
    shares = share(sharing, units, rule.divisor, tickets)
    per_unit = 2 if rule.in_pairs else 1
    rows = []
    for branch, count in members.items():
        got = shares.units.get(branch, 0)
        quotient = Fraction(count) / shares.divisor
        if count == 0:
            text = "no members, no delegate"
        elif rule.divisor == "hare":
            whole = quotient.numerator // quotient.denominator
            text = f"whole {whole}" + (
                " + 1 for the remainder" if branch in shares.remainder_units else ""
            )
        else:
            text = f"{_ROUNDING_WORDS[rule.divisor]} {got}"
            if _rounded(quotient, rule.divisor) != got:
                text += " (a tie at the divisor, settled by membership, then lot)"
        if rule.in_pairs and count:
            text += f" pairs × 2 = {got * 2}"
        rows.append(Allotment(branch, count, quotient, text, got * per_unit))
    return Entitlement(rule, tuple(rows), shares.divisor)


def _rounded(quotient: Fraction, method: str) -> int:
    """The seats a quotient gives under the method, ties counted as won."""
    n, d = quotient.numerator, quotient.denominator
    if method == "dhondt":
        return n // d
    if method == "sainte-lague":
        return (2 * n + d) // (2 * d)
    return -(-n // d)  # adams: up


def method_name(rule: Rule) -> str:
    """The rule in words, for the table's heading."""
    if isinstance(rule, PerMembers):
        words = f"one delegate per {rule.per} members, rounded {rule.rounding}"
        if rule.base:
            words += f", plus {rule.base} base"
        if rule.minimum:
            words += f", at least {rule.minimum}"
        if rule.maximum is not None:
            words += f", at most {rule.maximum}"
        return words
    if isinstance(rule, Bands):
        words = (
            f"{rule.first_seats} for the first {rule.first} members, one more per further "
            f"{rule.every} or part"
        )
        return words + (f", at most {rule.maximum}" if rule.maximum is not None else "")
    words = f"{rule.seats} seats by {_METHOD_NAMES[rule.divisor]}"
    return words + (" in pairs" if rule.in_pairs else "")
