"""A body's standing orders: only what the rulebook lets a body set, within its limits."""

from __future__ import annotations

from fractions import Fraction

import pytest

from newcourse.rulebook import (
    CATALOGUE,
    Rulebook,
    Setting,
    StandingOrderError,
    in_force,
    parse_standing_orders,
    standing_orders_in_force,
)

ORDERS = """\
# Standing orders of Leeds branch

## 1. Recall

1.1 The recall threshold here is {recall.threshold = 30%}, that is {recall.threshold = 3/10}.

1.2 Posts are held for {term.months.post = 36} months; {term.limit.post = none}.
"""


def test_parse_standing_orders_keeps_what_they_set(rulebook: Rulebook) -> None:
    orders = parse_standing_orders(ORDERS, rulebook)

    assert dict(orders.settings) == {
        "recall.threshold": Setting("recall.threshold", Fraction(3, 10), "30%", "1.1", None),
        "term.months.post": Setting("term.months.post", 36, "36", "1.2", None),
        "term.limit.post": Setting("term.limit.post", None, "none", "1.2", None),
    }


def test_in_force_prefers_standing_orders_where_they_set(rulebook: Rulebook) -> None:
    orders = parse_standing_orders(ORDERS, rulebook)

    values = in_force(rulebook, orders)

    assert list(values) == list(CATALOGUE)
    assert (values["recall.threshold"], values["term.months.post"], values["term.limit.post"]) == (
        Fraction(3, 10),
        36,
        None,
    )
    assert values["meeting.quorum"] == rulebook.value("meeting.quorum")


def test_in_force_without_standing_orders_is_the_rulebook(rulebook: Rulebook) -> None:
    assert in_force(rulebook) == {name: s.value for name, s in rulebook.settings.items()}


def test_parse_standing_orders_need_not_set_anything(rulebook: Rulebook) -> None:
    assert (
        dict(parse_standing_orders("# Nothing special\n\nWe meet monthly.\n", rulebook).settings)
        == {}
    )


@pytest.mark.parametrize(
    ("old", "new", "message", "rulebook_clause"),
    [
        ("{recall.threshold = 30%}", "{recall.threshold = 5%}",
         "clause 1.1: the rulebook sets recall.threshold between 10% and 50%; 5% is outside",
         "3.1"),
        ("{term.months.post = 36}", "{term.months.post = 48}",
         "clause 1.2: the rulebook sets term.months.post between 12 and 36; 48 is outside", "1.1"),
        ("{term.limit.post = none}", "{recall.majority = 2/3}",
         "clause 1.2: the rulebook does not let a body set recall.majority", "3.2"),
        ("{term.limit.post = none}", "{recall.floor = 2}",
         "clause 1.2: unknown parameter 'recall.floor'", None),
        ("{recall.threshold = 30%}", "{recall.threshold = 30% [10%..20%]}",
         "clause 1.1: only the rulebook sets limits; write {recall.threshold = 30%}", None),
        ("{recall.threshold = 3/10}", "{recall.threshold = 2/5}",
         "clause 1.1: recall.threshold is 2/5 here but 30% in clause 1.1; a parameter has one "
         "value", None),
        ("{term.months.post = 36}", "{term.months.post = 3 years}",
         "clause 1.2: the term of office of a post (term.months.post) must be a whole number of "
         "months, not 3 years", None),
        ("# Standing orders", "Standing orders",
         "line 1: a document starts with its title: '# Title'", None),
    ],
)  # fmt: skip
def test_parse_standing_orders_refuses_with_clause(
    rulebook: Rulebook, old: str, new: str, message: str, rulebook_clause: str | None
) -> None:
    assert old in ORDERS

    with pytest.raises(StandingOrderError) as caught:
        parse_standing_orders(ORDERS.replace(old, new), rulebook)

    assert (str(caught.value), caught.value.rulebook_clause) == (message, rulebook_clause)


def test_standing_orders_json_holds_only_what_they_set(rulebook: Rulebook) -> None:
    orders = parse_standing_orders(ORDERS, rulebook)

    assert orders.json_parameters() == {
        "recall.threshold": "3/10",
        "term.limit.post": None,
        "term.months.post": 36,
    }


def test_standing_orders_the_rulebook_no_longer_allows_give_way_and_the_rest_hold(
    rulebook: Rulebook,
) -> None:
    orders = ORDERS + "\n2.1 And {recall.majority = 2/3}.\n"

    read = standing_orders_in_force(orders, rulebook)

    assert set(read.settings) == {"recall.threshold", "term.months.post", "term.limit.post"}
    (aside,) = read.set_aside
    assert (aside.clause, "recall.majority" in aside.reason) == ("2.1", True)
    with pytest.raises(StandingOrderError):
        parse_standing_orders(orders, rulebook)


def test_standing_orders_that_cannot_be_read_set_nothing(rulebook: Rulebook) -> None:
    read = standing_orders_in_force("no title at all {", rulebook)
    assert (dict(read.settings), len(read.set_aside)) == ({}, 1)
