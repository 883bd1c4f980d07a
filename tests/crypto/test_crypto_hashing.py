import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.crypto import (
    Point,
    Scalar,
    base_mul,
    challenge,
    digest,
    encode_field,
    hash_input,
    hash_to_point,
)

points = st.integers(1, 50).map(lambda k: base_mul(Scalar(k)))
scalars = st.integers(0, 2**252).map(Scalar)
leaves = (
    st.binary(max_size=40) | st.text(max_size=20) | st.integers(0, 2**64 - 1) | points | scalars
)
fields = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4), max_leaves=12)


def _decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """Parse one E(x) back: proves the encoding is unambiguous (prefix-free)."""
    kind, length = data[at], int.from_bytes(data[at + 1 : at + 5], "big")
    payload = data[at + 5 : at + 5 + length]
    assert len(payload) == length
    end = at + 5 + length
    if kind == 6:
        count, position, items = int.from_bytes(payload[:4], "big"), at + 9, []
        for _ in range(count):
            item, position = _decode(data, position)
            items.append(item)
        assert position == end
        return ("list", items), end
    return (kind, payload), end


def _shape(value: Any) -> Any:
    if isinstance(value, list):
        return ("list", [_shape(v) for v in value])
    return (encode_field(value)[0], encode_field(value)[5:])


@settings(max_examples=200, deadline=None)
@given(value=fields)
def test_hashing_encoding_decodes_back_to_the_same_fields(value: Any) -> None:
    encoded = encode_field(value)
    decoded, end = _decode(encoded)
    assert end == len(encoded)
    assert decoded == _shape(value)


@settings(max_examples=100, deadline=None)
@given(a=st.lists(fields, max_size=3), b=st.lists(fields, max_size=3))
def test_hashing_different_field_lists_give_different_inputs(a: list[Any], b: list[Any]) -> None:
    if [_shape(x) for x in a] != [_shape(x) for x in b]:
        assert hash_input("t", *a) != hash_input("t", *b)


def test_hashing_tag_separates_domains() -> None:
    assert challenge("ballot-choice", 1) != challenge("ballot-sum", 1)
    assert digest("tracker", b"x") != digest("board-entry", b"x")


def test_hashing_str_and_bytes_of_same_content_differ() -> None:
    assert hash_input("t", "ab") != hash_input("t", b"ab")


@pytest.mark.parametrize("bad", [-1, 2**64])
def test_hashing_integer_outside_u64_is_refused(bad: int) -> None:
    with pytest.raises(ValueError, match="2\\^64"):
        encode_field(bad)


def test_hashing_boolean_is_refused() -> None:
    with pytest.raises(TypeError, match="booleans"):
        encode_field(True)


def test_hashing_hash_to_point_maps_the_whole_sha512_of_the_input() -> None:
    expected = Point.from_uniform(hashlib.sha512(hash_input("g", b"seed", 3)).digest())

    assert hash_to_point("g", b"seed", 3) == expected
    assert hash_to_point("g", b"seed", 4) != expected
    assert hash_to_point("h", b"seed", 3) != expected
