"""Kinds of value: how each is written, its canonical form, its JSON, and what is refused."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from newcourse.rulebook import (
    CATALOGUE,
    SANCTION_GRADES,
    SIMPLE,
    Kind,
    Majority,
    Money,
    RulebookError,
    Sanctions,
    Value,
    format_value,
    json_value,
    parse_value,
)


@pytest.mark.parametrize(
    ("kind", "written", "value"),
    [
        ("fraction", "20%", Fraction(1, 5)),
        ("fraction", "12.5%", Fraction(1, 8)),
        ("fraction", "1/5", Fraction(1, 5)),
        ("fraction", "0.2", Fraction(1, 5)),
        ("fraction", " 100% ", Fraction(1)),
        ("fraction", "1", Fraction(1)),
        ("majority", "simple", SIMPLE),
        ("majority", "2/3", Majority(Fraction(2, 3), False)),
        ("majority", "66.7%", Majority(Fraction(667, 1000), False)),
        ("majority", "1/2", Majority(Fraction(1, 2), False)),
        ("count", "500", 500),
        ("count", "0", 0),
        ("days", "14", 14),
        ("months", "24", 24),
        ("limit", "none", None),
        ("limit", "3", 3),
        ("money", "2850 GBP", Money(Decimal("2850.00"), "GBP")),
        ("money", "2850.5 EUR", Money(Decimal("2850.50"), "EUR")),
        ("mandate", "free", "free"),
        ("mandate", " mandated ", "mandated"),
    ],
)
def test_parse_value_reads_each_written_form(kind: Kind, written: str, value: Value) -> None:
    assert parse_value(kind, written) == value


def test_simple_majority_is_more_than_half() -> None:
    assert Majority(Fraction(1, 2), True) == SIMPLE


@pytest.mark.parametrize(
    ("kind", "written", "message"),
    [
        ("fraction", "0%", "a fraction must be above 0% and at most 100%, not 0%"),
        ("fraction", "120%", "a fraction must be above 0% and at most 100%, not 120%"),
        ("fraction", "3/2", "a fraction must be above 0% and at most 100%, not 3/2"),
        ("fraction", "-1/5", "a fraction must be a share such as 20%, 12.5%, 1/5 or 0.2, not -1/5"),
        ("fraction", "1/0", "a fraction must be a share such as 20%, 12.5%, 1/5 or 0.2, not 1/0"),
        ("majority", "40%", "a majority must be at least 50% and at most 100%, not 40%"),
        ("majority", "Simple", "a majority must be 'simple' or a share of at least one half, "
         "such as 2/3 or 60%, not Simple"),
        ("count", "1.5", "a count must be a whole number such as 500, not 1.5"),
        ("days", "-3", "a number of days must be a whole number of days, not -3"),
        ("months", "", "a number of months must be a whole number of months, not "),
        ("limit", "0", "a limit must be 'none' or a whole number of at least 1, not 0"),
        ("money", "2850.123 GBP", "an amount of money must be an amount and a currency, "
         "such as 2850 GBP or 2850.00 EUR, not 2850.123 GBP"),
        ("money", "2850 gbp", "an amount of money must be an amount and a currency, "
         "such as 2850 GBP or 2850.00 EUR, not 2850 gbp"),
        ("count", "1" * 31, "a count must be a whole number such as 500, not " + "1" * 31),
        ("mandate", "bound", "a mandate must be 'free' or 'mandated', not bound"),
        ("mandate", "Free", "a mandate must be 'free' or 'mandated', not Free"),
    ],
)  # fmt: skip
def test_parse_value_refuses_badly_written_values(kind: Kind, written: str, message: str) -> None:
    with pytest.raises(RulebookError) as caught:
        parse_value(kind, written)

    assert (caught.value.clause, str(caught.value)) == (None, message)


@pytest.mark.parametrize(
    ("kind", "value", "written", "as_json"),
    [
        ("fraction", Fraction(1, 5), "20%", "1/5"),
        ("fraction", Fraction(1, 8), "12.5%", "1/8"),
        ("fraction", Fraction(2, 3), "2/3", "2/3"),
        ("fraction", Fraction(1, 30000), "1/30000", "1/30000"),
        ("fraction", Fraction(1, 16), "6.25%", "1/16"),
        ("majority", SIMPLE, "simple", "simple"),
        ("majority", Majority(Fraction(2, 3)), "2/3", "2/3"),
        ("count", 500, "500", 500),
        ("limit", None, "none", None),
        ("limit", 2, "2", 2),
        ("money", Money(Decimal("2850.00"), "GBP"), "2850.00 GBP", "2850.00 GBP"),
        ("mandate", "mandated", "mandated", "mandated"),
    ],
)  # fmt: skip
def test_format_and_json_value_give_canonical_forms(
    kind: Kind, value: Value, written: str, as_json: object
) -> None:
    assert (format_value(kind, value), json_value(kind, value)) == (written, as_json)


def test_format_value_refuses_value_of_another_kind() -> None:
    with pytest.raises(ValueError, match="is not a value of kind 'days'"):
        format_value("days", Fraction(1, 2))


def test_catalogue_has_exactly_the_specified_parameters() -> None:
    assert {name: (p.kind, p.low, p.high) for name, p in CATALOGUE.items()} == {
        "recall.threshold": ("fraction", None, None),
        "recall.majority": ("majority", None, None),
        "term.months.post": ("months", 1, 120),
        "term.months.committee": ("months", 1, 120),
        "term.months.delegation": ("months", 1, 120),
        "term.months.tellers": ("months", 1, 120),
        "term.months.panel": ("months", 1, 120),
        "term.limit.post": ("limit", 1, 20),
        "term.limit.committee": ("limit", 1, 20),
        "term.limit.delegation": ("limit", 1, 20),
        "term.limit.tellers": ("limit", 1, 20),
        "term.limit.panel": ("limit", 1, 20),
        "stand.good_standing_months": ("months", 0, 120),
        "election.notice_days": ("days", 1, 365),
        "election.nomination_days": ("days", 1, 90),
        "election.voting_days": ("days", 1, 60),
        "tellers.decryption_days": ("days", 1, 90),
        "meeting.quorum": ("fraction", None, None),
        "rule_change.majority": ("majority", None, None),
        "rule_change.notice_days": ("days", 0, 365),
        "rule_change.voting_days": ("days", 1, 60),
        "standing_orders.majority": ("majority", None, None),
        "standing_orders.notice_days": ("days", 0, 365),
        "tendency.signatures": ("fraction", None, None),
        "tendency.minimum": ("count", 1, 100_000),
        "tendency.signatories": ("visibility", None, None),
        "delegates.members_per_delegate": ("count", 1, 1_000_000),
        "delegates.rounding": ("rounding", None, None),
        "delegates.minimum": ("count", 0, 100),
        "delegates.mandate": ("mandate", None, None),
        "motions.per_body": ("count", 0, 100),
        "motions.max_words": ("count", 1, 100_000),
        "conference.quorum": ("fraction", None, None),
        "conference.quorum_by": ("measure", None, None),
        "conference.majority": ("majority", None, None),
        "conference.sections": ("sectional", None, None),
        "conference.card": ("card", None, None),
        "conference.card_vote_demand": ("count", 1, 10_000),
        "conference.double_majority_demand": ("fraction", None, None),
        "conference.womens_vote_demand": ("count", 1, 10_000),
        "discipline.reply_days": ("days", 7, 90),
        "discipline.decision_days": ("days", 14, 365),
        "discipline.appeal_days": ("days", 7, 90),
        "discipline.quorum": ("count", 1, 25),
        "discipline.sanctions": ("sanctions", None, None),
        "discipline.protected": ("clauses", None, None),
        "suspension.max_days": ("days", 1, 365),
        "pay.cap": ("money", None, None),
    }


@pytest.mark.parametrize(
    ("name", "written", "message"),
    [
        ("term.months.post", "0", "the term of office of a post (term.months.post) must be "
         "between 1 and 120, not 0"),
        ("term.limit.post", "21", "the term limit of a post (term.limit.post) must be "
         "between 1 and 20, or none, not 21"),
        ("delegates.minimum", "101", "the minimum number of delegates (delegates.minimum) "
         "must be between 0 and 100, not 101"),
        ("recall.threshold", "0", "the recall threshold (recall.threshold) must be "
         "above 0% and at most 100%, not 0"),
    ],
)  # fmt: skip
def test_parameter_parse_refuses_value_outside_bounds(
    name: str, written: str, message: str
) -> None:
    with pytest.raises(RulebookError) as caught:
        CATALOGUE[name].parse(written)

    assert str(caught.value) == message


def test_parameter_parse_allows_no_term_limit() -> None:
    assert CATALOGUE["term.limit.post"].parse("none") is None


def test_every_parameter_states_its_bounds_in_words() -> None:
    assert CATALOGUE["recall.threshold"].bounds() == "above 0% and at most 100%"
    assert CATALOGUE["term.months.post"].bounds() == "between 1 and 120"
    assert all("None" not in parameter.bounds() for parameter in CATALOGUE.values())


def test_sanctions_read_as_a_graded_list() -> None:
    assert parse_value("sanctions", "warning, suspension up to 30 days, expulsion") == Sanctions(
        warning=True, removal=False, suspension_days=30, expulsion=True
    )


@pytest.mark.parametrize(
    "written",
    [
        "expulsion, warning",
        "warning, warning",
        "suspension",
        "suspension up to 0 days",
        "caning",
        "",
    ],
)
def test_sanctions_out_of_order_unknown_or_without_limit_refused(written: str) -> None:
    with pytest.raises(RulebookError, match="list of sanctions must be"):
        parse_value("sanctions", written)


def test_sanctions_allow_only_those_listed() -> None:
    sanctions = parse_value("sanctions", "warning, suspension up to 30 days")

    assert isinstance(sanctions, Sanctions)
    assert [grade for grade in SANCTION_GRADES if sanctions.allows(grade)] == [
        "warning",
        "suspension",
    ]


def test_clauses_read_as_clause_numbers() -> None:
    assert parse_value("clauses", "1.4, 10.1") == ("1.4", "10.1")


@pytest.mark.parametrize("written", ["1.4, 1.4", "one", "1.4,", ""])
def test_clauses_badly_written_or_twice_refused(written: str) -> None:
    with pytest.raises(RulebookError, match="list of clauses must be"):
        parse_value("clauses", written)
