"""Reading the rule: every refusal names the key at fault."""

from __future__ import annotations

import pytest

from newcourse.apportionment import (
    Apportion,
    ApportionmentError,
    Bands,
    PerMembers,
    RuleRefused,
    parse_rule,
)


def test_parse_rule_reads_each_method_with_defaults() -> None:
    assert parse_rule('method = "per-members"\nper = 75\nrounding = "nearest"') == PerMembers(
        75, "nearest"
    )
    assert parse_rule('method = "bands"\nfirst = 749\nevery = 250\nmaximum = 6') == Bands(
        749, 250, 1, 6
    )
    assert parse_rule(
        'method = "apportion"\nseats = 500\ndivisor = "adams"\nin_pairs = true'
    ) == Apportion(500, "adams", True)


@pytest.mark.parametrize(
    ("text", "key", "phrase"),
    [
        ('per = 3\nrounding = "up"', "method", "missing"),
        ('method = "lottery"', "method", "unknown method 'lottery'"),
        ('method = "per-members"\nrounding = "up"', "per", "missing"),
        ('method = "per-members"\nper = 10\nrounding = "up"\nseats = 4', "seats", "not a key"),
        ('method = "per-members"\nper = 10\nrounding = "sideways"', "rounding", "not one of"),
        ('method = "per-members"\nper = 0\nrounding = "up"', "per", "between 1"),
        ('method = "per-members"\nper = 2.5\nrounding = "up"', "per", "whole number"),
        ('method = "per-members"\nper = true\nrounding = "up"', "per", "whole number"),
        ('method = "per-members"\nper = 9\nrounding = "up"\nbase = -1', "base", "between 0"),
        (
            'method = "per-members"\nper = 9\nrounding = "up"\nminimum = 3\nmaximum = 2',
            "maximum",
            "below the minimum",
        ),
        ('method = "bands"\nfirst = 749', "every", "missing"),
        (
            'method = "bands"\nfirst = 7\nevery = 2\nfirst_seats = 3\nmaximum = 2',
            "maximum",
            "below",
        ),
        ('method = "apportion"\nseats = 501\ndivisor = "adams"\nin_pairs = true', "seats", "odd"),
        ('method = "apportion"\nseats = 5\ndivisor = "jefferson"', "divisor", "not one of"),
        ('method = "apportion"\nseats = 5\ndivisor = "hare"\nin_pairs = "yes"', "in_pairs", "true"),
        ('method = "apportion"\nseats = 0\ndivisor = "hare"', "seats", "between 1"),
        ('method = "apportion"\nseats = 10000001\ndivisor = "hare"', "seats", "between 1"),
    ],
)
def test_parse_rule_refuses_naming_the_key(text: str, key: str, phrase: str) -> None:
    with pytest.raises(RuleRefused) as caught:
        parse_rule(text)
    assert caught.value.key == key
    assert phrase in caught.value.reason
    assert str(caught.value).startswith(f"key '{key}': ")


def test_parse_rule_refuses_text_that_is_not_toml() -> None:
    with pytest.raises(RuleRefused, match="not valid TOML"):
        parse_rule("method = ")


def test_parse_rule_refuses_oversized_text() -> None:
    with pytest.raises(RuleRefused, match="larger than 64 KiB"):
        parse_rule("# " + "x" * 70_000)


def test_rule_refusal_is_a_value_error_in_the_hierarchy() -> None:
    with pytest.raises(ValueError) as caught:
        parse_rule('method = "x"')
    assert isinstance(caught.value, ApportionmentError)
