"""Reading a rulebook: every parameter set once, with a valid value and sound limits."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from newcourse.rulebook import (
    CATALOGUE,
    SIMPLE,
    Money,
    Rulebook,
    RulebookError,
    Setting,
    parse_rulebook,
)


def test_parse_rulebook_sets_every_catalogue_parameter(rulebook: Rulebook) -> None:
    assert list(rulebook.settings) == list(CATALOGUE)


def test_parse_rulebook_keeps_value_clause_and_limits(rulebook: Rulebook) -> None:
    assert rulebook.settings["recall.threshold"] == Setting(
        "recall.threshold", Fraction(1, 5), "20%", "3.1", (Fraction(1, 10), Fraction(1, 2))
    )
    assert rulebook.settings["term.limit.post"] == Setting(
        "term.limit.post", 3, "3", "1.1", (1, None)
    )
    assert rulebook.settings["pay.cap"] == Setting(
        "pay.cap", Money(Decimal("2850.00"), "GBP"), "2850 GBP", "6.3", None
    )


def test_rulebook_value_reads_one_parameter(rulebook: Rulebook) -> None:
    assert (rulebook.value("recall.majority"), rulebook.value("term.limit.committee")) == (
        SIMPLE,
        None,
    )


def test_rulebook_value_refuses_unknown_parameter(rulebook: Rulebook) -> None:
    with pytest.raises(RulebookError, match=r"unknown parameter 'recall\.floor'"):
        rulebook.value("recall.floor")


def test_json_parameters_sorted_by_name(rulebook: Rulebook) -> None:
    parameters = rulebook.json_parameters()

    assert list(parameters) == sorted(CATALOGUE)
    assert {k: parameters[k] for k in ("recall.threshold", "pay.cap", "term.limit.committee")} == {
        "recall.threshold": "1/5",
        "pay.cap": "2850.00 GBP",
        "term.limit.committee": None,
    }


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        ("20% [10%..50%]", "120%",
         "clause 3.1: the recall threshold (recall.threshold) must be above 0% and at most "
         "100%, not 120%", 31),
        ("20% [10%..50%]", "20% [30%..50%]",
         "clause 3.1: recall.threshold: its value 20% is outside its own limits 30%..50%", 31),
        ("20% [10%..50%]", "20% [50%..10%]",
         "clause 3.1: recall.threshold: its limits 50%..10% have the low one above the high one",
         31),
        ("20% [10%..50%]", "20% [10%-50%]",
         "clause 3.1: the limits of recall.threshold are written [low..high], not [10%-50%]", 31),
        ("20% [10%..50%]", "20% [0%..50%]",
         "clause 3.1: the recall threshold (recall.threshold) must be above 0% and at most "
         "100%, not 0%", 31),
        ("{recall.threshold = 1/5}", "{recall.threshold = 1/4}",
         "clause 3.2: recall.threshold is 1/4 here but 20% in clause 3.1; a parameter has one "
         "value", 35),
        ("{recall.threshold = 1/5}", "{recall.threshold = 1/5 [5%..50%]}",
         "clause 3.2: recall.threshold has limits 5%..50% here but 10%..50% in clause 3.1", 35),
        ("{recall.threshold = 1/5}", "{recall.treshold = 1/5}",
         "clause 3.2: unknown parameter 'recall.treshold'", 35),
        ("{pay.cap = 2850 GBP}", "{pay.cap = 2850 GBP [1 EUR..3000 GBP]}",
         "clause 6.3: pay.cap: 1.00 EUR and 3000.00 GBP are in different currencies", 72),
        ("24 [12..36]", "-2",
         "clause 1.1: the term of office of a post (term.months.post) must be a whole number "
         "of months, not -2", 7),
        ("## 1. Offices and terms", "## 1. Offices {a = 1} terms",
         "line 5: a tagged run belongs in a paragraph, not in a heading", 5),
        ("These rules", "These {rules", "line 3: '{' does not start a tagged run {name = value} "
         "or {name = value [extra]} (names are lower case, with dots); write '{{' for a "
         "literal '{'", 3),
    ],
)  # fmt: skip
def test_parse_rulebook_refuses_with_clause_and_reason(
    rulebook_text: str, old: str, new: str, message: str, line: int
) -> None:
    assert old in rulebook_text

    with pytest.raises(RulebookError) as caught:
        parse_rulebook(rulebook_text.replace(old, new, 1))

    assert (str(caught.value), caught.value.line) == (message, line)


def test_parse_rulebook_later_mention_may_give_the_limits(rulebook_text: str) -> None:
    text = rulebook_text.replace("20% [10%..50%]", "20%").replace(
        "{recall.threshold = 1/5}", "{recall.threshold = 1/5 [10%..40%]}"
    )

    limits = parse_rulebook(text).settings["recall.threshold"].limits

    assert limits == (Fraction(1, 10), Fraction(2, 5))


def test_parse_rulebook_names_every_missing_parameter(rulebook_text: str) -> None:
    text = rulebook_text.replace("{pay.cap = 2850 GBP}", "2850 GBP").replace(
        "{delegates.minimum = 1}", "1"
    )

    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)

    assert (caught.value.clause, str(caught.value)) == (
        None,
        "missing parameters: delegates.minimum, pay.cap",
    )


def test_parse_rulebook_names_one_missing_parameter(rulebook_text: str) -> None:
    with pytest.raises(RulebookError) as caught:
        parse_rulebook(rulebook_text.replace("{pay.cap = 2850 GBP}", "2850 GBP"))

    assert str(caught.value) == "missing parameter: pay.cap"


def test_parse_rulebook_refuses_untitled_text() -> None:
    with pytest.raises(RulebookError) as caught:
        parse_rulebook("{recall.threshold = 20%}\n")

    assert str(caught.value) == "line 1: a document starts with its title: '# Title'"


def test_parse_rulebook_refuses_protecting_a_clause_it_does_not_have(rulebook_text: str) -> None:
    text = rulebook_text.replace(
        "{discipline.protected = 6.1}", "{discipline.protected = 6.1, 9.9}"
    )

    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)

    assert str(caught.value) == (
        "clause 6.4: discipline.protected names clause 9.9, which this rulebook does not have"
    )


def test_parse_rulebook_refuses_limits_on_sanctions(rulebook_text: str) -> None:
    text = rulebook_text.replace(
        "{discipline.sanctions = warning, removal, suspension up to 365 days, expulsion}",
        "{discipline.sanctions = warning [warning..expulsion]}",
    )

    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)

    assert str(caught.value) == (
        "clause 6.4: discipline.sanctions: a list of sanctions has no order and cannot be "
        "given limits"
    )


def test_rulebook_clauses_are_those_a_charge_may_cite(rulebook: Rulebook) -> None:
    assert rulebook.clauses()[:3] == ("1.1", "1.2", "1.3")
    assert rulebook.clause_text("6.3") == "6.3 No official is paid more than 2850 GBP a month."
    assert rulebook.clause_text("9.9") == ""


def test_parse_rulebook_refuses_decision_time_within_reply_time(rulebook_text: str) -> None:
    text = rulebook_text.replace(
        "{discipline.decision_days = 90}", "{discipline.decision_days = 21}"
    )

    with pytest.raises(RulebookError) as caught:
        parse_rulebook(text)

    assert str(caught.value) == (
        "clause 6.4: the panel's days to decide (discipline.decision_days = 21) must be more "
        "than the accused's days to reply (discipline.reply_days = 21)"
    )
