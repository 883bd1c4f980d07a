"""Demands from the floor: enough delegates asking, by number or by share, taken exactly."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.counting import ElectionError, demand_met

QUARTER = Fraction(1, 4)


def test_demand_a_quarter_of_50_needs_13():
    # A quarter of 50 is 12 1/2: 12 is short, 13 is enough.
    short = demand_met(demanding=12, needed=QUARTER, delegates=50)
    enough = demand_met(demanding=13, needed=QUARTER, delegates=50)

    assert short.met is False
    assert short.needed == Fraction(25, 2)
    assert (
        short.reason == "Not met: 12 asked, and at least 12 1/2 (1/4 of 50 delegates) were needed."
    )
    assert enough.met is True
    assert enough.reason == "Met: 13 asked, and at least 12 1/2 (1/4 of 50 delegates) were needed."


def test_demand_exactly_a_quarter_is_enough():
    assert demand_met(demanding=12, needed=QUARTER, delegates=48).met is True


def test_demand_ten_women_by_number():
    # Frauenstatut § 3: a women's vote on the motion of at least 10 voting women.
    assert demand_met(demanding=10, needed=10).met is True
    nine = demand_met(demanding=9, needed=10)
    assert nine.met is False
    assert nine.reason == "Not met: 9 asked, and at least 10 were needed."


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"demanding": 3, "needed": QUARTER}, "needs the number of delegates"),
        ({"demanding": 3, "needed": Fraction(0), "delegates": 10}, "between 0 and 1"),
        ({"demanding": 3, "needed": Fraction(5, 4), "delegates": 10}, "between 0 and 1"),
        ({"demanding": -1, "needed": 2}, "demanding must be a whole number"),
        ({"demanding": 1, "needed": -2}, "the number needed must be a whole number"),
        ({"demanding": 1, "needed": 0.25, "delegates": 8}, "the number needed must be"),
        ({"demanding": 11, "needed": 2, "delegates": 10}, "11 cannot demand among 10"),
        ({"demanding": 1, "needed": 2, "delegates": -3}, "the delegates must be a whole"),
    ],
)
def test_demand_refuses_invalid_input(arguments, message):
    with pytest.raises(ElectionError, match=message):
        demand_met(**arguments)


@given(st.integers(0, 500), st.integers(0, 500), st.fractions(Fraction(1, 100), 1))
def test_demand_is_met_from_the_share_rounded_up(delegates, asking, share):
    demanding = min(asking, delegates)
    fewest = math.ceil(share * delegates)

    result = demand_met(demanding=demanding, needed=share, delegates=delegates)

    assert result.met is (demanding >= fewest)
