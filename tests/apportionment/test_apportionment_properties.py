"""Properties of the engine, and agreement with the one-seat-at-a-time definition."""

from __future__ import annotations

import hashlib
import random
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newcourse.apportionment import (
    Apportion,
    PerMembers,
    entitlement,
    lot_seed,
)
from newcourse.apportionment._rule import DIVISORS

HIGHEST_AVERAGES = ("dhondt", "sainte-lague", "adams")

# Small memberships make ties common, so the tie rules are exercised.
registers = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=3),
    st.integers(min_value=0, max_value=40),
    min_size=1,
    max_size=12,
).filter(lambda m: any(m.values()))


def _ticket(members: dict[str, int], branch: str) -> bytes:
    return hashlib.sha256(lot_seed(members) + branch.encode("utf-8")).digest()


def _reference(members: dict[str, int], units: int, method: str) -> dict[str, int]:
    """The textbook definition: one unit at a time to the best claim; ties to the larger
    membership, then to the lower lot ticket."""
    seats = dict.fromkeys(members, 0)
    live = [b for b, v in members.items() if v > 0]
    if method == "hare":
        total = sum(members.values())
        for b in live:
            seats[b] = members[b] * units // total
        left = units - sum(seats.values())
        order = sorted(
            live,
            key=lambda b: (
                -(Fraction(members[b] * units, total) % 1),
                -members[b],
                _ticket(members, b),
            ),
        )
        for b in order[:left]:
            seats[b] += 1
        return seats
    step = {"dhondt": Fraction(1), "sainte-lague": Fraction(1, 2), "adams": Fraction(0)}[method]

    def claim(b: str) -> tuple[int, Fraction, int, bytes]:
        d = seats[b] + step if method != "dhondt" else Fraction(seats[b] + 1)
        infinite = 1 if d == 0 else 0
        priority = Fraction(0) if d == 0 else members[b] / d
        return (infinite, priority, members[b], bytes(255 - x for x in _ticket(members, b)))

    for _ in range(units):
        seats[max(live, key=claim)] += 1
    return seats


@settings(max_examples=300, deadline=None)
@given(registers, st.integers(min_value=1, max_value=60), st.sampled_from(DIVISORS), st.booleans())
def test_apportion_matches_one_seat_at_a_time(
    members: dict[str, int], units: int, divisor: str, in_pairs: bool
) -> None:
    live = sum(1 for v in members.values() if v > 0)
    assume(divisor != "adams" or units >= live)
    seats = units * 2 if in_pairs else units
    table = entitlement(members, Apportion(seats, divisor, in_pairs))  # type: ignore[arg-type]
    expected = _reference(members, units, divisor)
    assert table.delegates == {b: n * (2 if in_pairs else 1) for b, n in expected.items()}
    assert table.total == seats
    if in_pairs:
        assert all(n % 2 == 0 for n in table.delegates.values())
    assert all(table.delegates[b] == 0 for b, v in members.items() if v == 0)


large_registers = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=4),
    st.integers(min_value=0, max_value=100_000),
    min_size=1,
    max_size=40,
).filter(lambda m: any(m.values()))


@settings(max_examples=100, deadline=None)
@given(large_registers, st.integers(min_value=40, max_value=400), st.sampled_from(DIVISORS))
def test_apportion_matches_one_seat_at_a_time_on_large_registers(
    members: dict[str, int], seats: int, divisor: str
) -> None:
    """Larger registers, where the jump-start divisor is off by several seats either way."""
    table = entitlement(members, Apportion(seats, divisor))  # type: ignore[arg-type]
    assert table.delegates == _reference(members, seats, divisor)
    assert table.total == seats


@settings(max_examples=200, deadline=None)
@given(
    registers,
    st.integers(min_value=1, max_value=60),
    st.sampled_from(HIGHEST_AVERAGES),
    st.data(),
)
def test_divisor_methods_monotonic_in_membership(
    members: dict[str, int], seats: int, divisor: str, data: st.DataObject
) -> None:
    assume(divisor != "adams" or seats >= sum(1 for v in members.values() if v > 0))
    branch = data.draw(st.sampled_from(sorted(members)))
    more = dict(members)
    more[branch] += data.draw(st.integers(min_value=1, max_value=50))
    rule = Apportion(seats, divisor)  # type: ignore[arg-type]
    assert entitlement(more, rule).delegates[branch] >= entitlement(members, rule).delegates[branch]


@settings(max_examples=200, deadline=None)
@given(registers, st.integers(min_value=1, max_value=60), st.sampled_from(DIVISORS), st.randoms())
def test_apportion_invariant_under_branch_order(
    members: dict[str, int], seats: int, divisor: str, rnd: random.Random
) -> None:
    assume(divisor != "adams" or seats >= sum(1 for v in members.values() if v > 0))
    items = list(members.items())
    rnd.shuffle(items)
    rule = Apportion(seats, divisor)  # type: ignore[arg-type]
    assert entitlement(dict(items), rule).delegates == entitlement(members, rule).delegates


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 100_000), min_size=1),
    st.integers(1, 5000),
    st.sampled_from(("up", "nearest", "down")),
    st.integers(0, 3),
    st.integers(0, 10),
    st.integers(0, 30),
)
def test_per_members_stays_within_minimum_and_maximum(
    members: dict[str, int], per: int, rounding: str, base: int, minimum: int, spread: int
) -> None:
    rule = PerMembers(per, rounding, base, minimum, minimum + spread)  # type: ignore[arg-type]
    table = entitlement(members, rule)
    for row in table.rows:
        if row.members:
            assert minimum <= row.seats <= minimum + spread
        else:
            assert row.seats == 0


def test_tie_goes_to_the_larger_membership() -> None:
    """D'Hondt, 2 seats: A's second seat (20/2) ties B's first (10/1); A has more members."""
    table = entitlement({"B": 10, "A": 20}, Apportion(2, "dhondt"))
    assert table.delegates == {"B": 0, "A": 2}
    assert (
        table.rows[0].rounding == "down 0 (a tie at the divisor, settled by membership, then lot)"
    )


def test_tie_between_equals_goes_by_the_reproducible_lot() -> None:
    """Equal branches, one seat: the lower SHA-256 ticket wins, whatever the input order."""
    members = {"Leeds": 40, "York": 40, "Hull": 40}
    winner = min(members, key=lambda b: _ticket(members, b))
    for method in ("hare", "dhondt", "sainte-lague"):
        forward = entitlement(members, Apportion(1, method))  # type: ignore[arg-type]
        backward = entitlement(dict(reversed(members.items())), Apportion(1, method))  # type: ignore[arg-type]
        assert forward.delegates == backward.delegates
        assert forward.delegates[winner] == 1
        assert forward.total == 1
