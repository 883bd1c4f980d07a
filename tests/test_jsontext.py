"""The one walk that finds, in parsed JSON, what a reader must refuse: nesting past its limit,
lone surrogates anywhere (keys too), and NUL characters where a database will store them."""

import json

import pytest

from newcourse.jsontext import text_fault


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_plain_json_has_no_fault():
    document = json.loads('{"a": [1, "é", {"b": null}], "c": "text"}')
    assert text_fault(document, max_depth=3, refuse_nul=True) is None


def test_nesting_up_to_the_limit_passes_and_one_more_is_refused():
    assert text_fault(json.loads(nested(5)), max_depth=4) is None
    assert text_fault(json.loads(nested(6)), max_depth=4) == "nested"


@pytest.mark.parametrize("document", ['"\\ud800"', '{"\\udfff": 1}', '[["x", "\\ud83d"]]'])
def test_a_lone_surrogate_in_a_value_or_a_key_is_refused(document):
    assert text_fault(json.loads(document), max_depth=8) == "surrogate"


def test_a_nul_is_refused_only_where_it_must_be_stored():
    document = json.loads('{"name": "a\\u0000b"}')
    assert text_fault(document, max_depth=8) is None
    assert text_fault(document, max_depth=8, refuse_nul=True) == "nul"


def test_the_walk_never_meets_the_recursion_limit():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert text_fault(deep, max_depth=64) == "nested"
