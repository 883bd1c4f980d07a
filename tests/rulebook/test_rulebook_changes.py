"""Rule changes: setting a parameter in the text, and the changes between two versions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from newcourse.rulebook import (
    ParameterChange,
    Rulebook,
    RulebookError,
    parameter_changes,
    parse_rulebook,
    parse_standing_orders,
    set_parameter,
)


def test_set_parameter_changes_every_mention_and_nothing_else(rulebook_text: str) -> None:
    changed = set_parameter(rulebook_text, "recall.threshold", "25%")

    assert changed == rulebook_text.replace(
        "{recall.threshold = 20% [", "{recall.threshold = 25% ["
    ).replace("{recall.threshold = 1/5}", "{recall.threshold = 25%}")
    assert parse_rulebook(changed).value("recall.threshold") == Fraction(1, 4)


@pytest.mark.parametrize(
    ("name", "written", "message"),
    [
        ("recall.threshold", "2", "the recall threshold (recall.threshold) must be above 0% and "
         "at most 100%, not 2"),
        ("recall.floor", "2", "unknown parameter 'recall.floor'"),
        ("term.months.post", "0", "the term of office of a post (term.months.post) must be "
         "between 1 and 120, not 0"),
    ],
)  # fmt: skip
def test_set_parameter_refuses_bad_value_or_name(
    rulebook_text: str, name: str, written: str, message: str
) -> None:
    with pytest.raises(RulebookError) as caught:
        set_parameter(rulebook_text, name, written)

    assert str(caught.value) == message


def test_set_parameter_refuses_text_without_the_parameter() -> None:
    with pytest.raises(RulebookError) as caught:
        set_parameter("# Standing orders\n\nNothing.\n", "pay.cap", "3000 GBP")

    assert str(caught.value) == "the document has no tagged run {pay.cap = ...}"


def test_parameter_changes_lists_changed_values_and_limits(
    rulebook: Rulebook, rulebook_text: str
) -> None:
    text = set_parameter(rulebook_text, "pay.cap", "3000 GBP").replace(
        "{meeting.quorum = 10% [5%..50%]}", "{meeting.quorum = 10% [5%..40%]}"
    )

    changes = parameter_changes(rulebook, parse_rulebook(text))

    assert changes == (
        ParameterChange("meeting.quorum", "10% [5%..50%]", "10% [5%..40%]"),
        ParameterChange("pay.cap", "2850.00 GBP", "3000.00 GBP"),
    )


def test_parameter_changes_same_value_written_differently_is_no_change(
    rulebook: Rulebook, rulebook_text: str
) -> None:
    text = rulebook_text.replace("{tendency.signatures = 2.5%}", "{tendency.signatures = 1/40}")

    assert parameter_changes(rulebook, parse_rulebook(text)) == ()


def test_parameter_changes_between_standing_orders(rulebook: Rulebook) -> None:
    old = parse_standing_orders("# SO\n\n1.1 {recall.threshold = 30%}.\n", rulebook)
    new = parse_standing_orders("# SO\n\n1.1 {term.months.post = 12}.\n", rulebook)

    assert parameter_changes(old, new) == (
        ParameterChange("recall.threshold", "30%", None),
        ParameterChange("term.months.post", None, "12"),
    )
