"""Properties: every value survives being written and read back; nothing written crashes the
reader; a rule change by set_parameter changes that parameter and no other."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newcourse.rulebook import (
    CATALOGUE,
    KINDS,
    SIMPLE,
    Kind,
    Majority,
    Money,
    ParameterChange,
    RulebookError,
    Sanctions,
    Value,
    format_value,
    json_value,
    parameter_changes,
    parse_rulebook,
    parse_value,
    set_parameter,
)
from newcourse.rulebook._values import compare

share = st.fractions(min_value=0, max_value=1, max_denominator=10**6).filter(lambda f: f > 0)
VALUES: dict[Kind, st.SearchStrategy[Value]] = {
    "fraction": share,
    "majority": st.just(SIMPLE)
    | st.fractions(min_value=Fraction(1, 2), max_value=1, max_denominator=10**6).map(Majority),
    "count": st.integers(min_value=0, max_value=10**15),
    "days": st.integers(min_value=0, max_value=10**6),
    "months": st.integers(min_value=0, max_value=10**6),
    "limit": st.none() | st.integers(min_value=1, max_value=10**6),
    "rounding": st.sampled_from(["up", "nearest", "down"]),
    "mandate": st.sampled_from(["free", "mandated"]),
    "card": st.sampled_from(["split", "whole"]),
    "measure": st.sampled_from(["delegates", "members"]),
    "sectional": st.sampled_from(["pooled", "equal"]),
    "visibility": st.sampled_from(["public", "members", "contacts"]),
    "sanctions": st.builds(
        Sanctions,
        st.booleans(),
        st.booleans(),
        st.none() | st.integers(min_value=1, max_value=10**6),
        st.booleans(),
    ).filter(lambda sanctions: bool(sanctions.names())),
    # Clauses the test rulebook has, so a rule change naming them is a rulebook still.
    "clauses": st.lists(
        st.sampled_from(["1.1", "1.4", "2.2", "5.2", "6.1", "6.3"]), min_size=1, unique=True
    ).map(tuple),
    "money": st.builds(
        lambda cents, currency: Money(Decimal(cents).scaleb(-2), currency),
        st.integers(min_value=0, max_value=10**12),
        st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3),
    ),
}
kind_and_value = st.sampled_from(KINDS).flatmap(lambda k: st.tuples(st.just(k), VALUES[k]))


@given(kind_and_value)
def test_parse_value_reads_back_format_value(case: tuple[Kind, Value]) -> None:
    kind, value = case

    assert parse_value(kind, format_value(kind, value)) == value


@given(kind_and_value)
def test_json_value_keeps_the_value(case: tuple[Kind, Value]) -> None:
    kind, value = case

    as_json = json_value(kind, value)

    if isinstance(value, Fraction):
        assert Fraction(str(as_json)) == value
    elif isinstance(value, Majority):
        assert as_json == ("simple" if value == SIMPLE else str(value.share))
    elif isinstance(value, Money | Sanctions | tuple):
        assert as_json == format_value(kind, value)
    else:
        assert as_json == value


@given(st.sampled_from(KINDS), st.text(max_size=40))
def test_parse_value_refuses_anything_it_cannot_read_as_rulebook_error(
    kind: Kind, written: str
) -> None:
    try:
        value = parse_value(kind, written)
    except RulebookError:
        return
    assert parse_value(kind, format_value(kind, value)) == value


@given(st.sampled_from(["fraction", "majority"]).flatmap(
    lambda k: st.tuples(st.just(k), VALUES[k], VALUES[k])
))  # fmt: skip
def test_compare_agrees_with_order_of_shares(case: tuple[Kind, Value, Value]) -> None:
    kind, a, b = case

    assert compare(kind, a, b) == -compare(kind, b, a)
    assert (compare(kind, a, b) == 0) == (a == b)


RULEBOOK_TEXT = (Path(__file__).parent / "data" / "rulebook.md").read_text(encoding="utf-8")
RULEBOOK = parse_rulebook(RULEBOOK_TEXT)
# Parameters whose mentions give no limits, so any value within the catalogue's bounds will do.
# The reply and decision times are left out: one is bounded by the other
# (test_parse_rulebook_refuses_decision_time_within_reply_time).
SETTABLE = sorted(
    name
    for name, setting in RULEBOOK.settings.items()
    if setting.limits is None and name not in ("discipline.reply_days", "discipline.decision_days")
)


@st.composite
def rule_change(draw: st.DrawFn) -> tuple[str, Value]:
    name = draw(st.sampled_from(SETTABLE))
    parameter = CATALOGUE[name]
    value = draw(VALUES[parameter.kind])
    if (
        isinstance(value, int)
        and isinstance(parameter.low, int)
        and isinstance(parameter.high, int)
    ):
        value = parameter.low + value % (parameter.high - parameter.low + 1)
    if isinstance(value, Money):
        value = Money(value.amount, "GBP")
    return name, value


@given(rule_change())
def test_set_parameter_changes_that_parameter_only(case: tuple[str, Value]) -> None:
    name, value = case
    kind = CATALOGUE[name].kind
    before = RULEBOOK

    after = parse_rulebook(set_parameter(RULEBOOK_TEXT, name, format_value(kind, value)))

    assert after.value(name) == value
    expected = (
        ()
        if before.value(name) == value
        else (
            ParameterChange(
                name, format_value(kind, before.value(name)), format_value(kind, value)
            ),
        )
    )
    assert parameter_changes(before, after) == expected
