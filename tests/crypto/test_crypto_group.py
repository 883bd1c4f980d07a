import pytest

from newcourse.crypto import BASE, IDENTITY, ORDER, InvalidEncoding, Point, Scalar, base_mul

# RFC 9496 appendix A.1: encodings of 0·B, 1·B, 2·B.
RFC_MULTIPLES = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
]
# RFC 9496 appendix A.2: invalid encodings (non-canonical field element, negative, ...).
RFC_BAD = [
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
]


def test_group_base_multiples_match_rfc_9496() -> None:
    assert [base_mul(Scalar(k)).hex() for k in range(3)] == RFC_MULTIPLES
    assert BASE.hex() == RFC_MULTIPLES[1]


@pytest.mark.parametrize("encoding", RFC_BAD)
def test_group_point_rejects_non_canonical_encoding(encoding: str) -> None:
    with pytest.raises(InvalidEncoding, match="canonical"):
        Point.from_hex(encoding)


def test_group_point_rejects_identity_unless_allowed() -> None:
    with pytest.raises(InvalidEncoding, match="identity"):
        Point.from_hex(IDENTITY.hex())
    assert Point.from_hex(IDENTITY.hex(), allow_identity=True) == IDENTITY


def test_group_point_rejects_uppercase_and_wrong_length_hex() -> None:
    with pytest.raises(InvalidEncoding, match="lowercase"):
        Point.from_hex(RFC_MULTIPLES[1].upper())
    with pytest.raises(InvalidEncoding, match="64"):
        Point.from_hex(RFC_MULTIPLES[1][:-2])


def test_group_scalar_rejects_values_at_or_above_order() -> None:
    with pytest.raises(InvalidEncoding, match="ℓ"):
        Scalar.from_bytes(ORDER.to_bytes(32, "little"))
    assert Scalar.from_bytes((ORDER - 1).to_bytes(32, "little")).value == ORDER - 1


def test_group_scalar_multiplication_to_identity_is_allowed() -> None:
    assert BASE * Scalar(0) == IDENTITY
    assert base_mul(Scalar(ORDER - 1)) + BASE == IDENTITY


def test_group_point_roundtrips_through_hex() -> None:
    point = base_mul(Scalar(123456789))
    assert Point.from_hex(point.hex()) == point


@pytest.mark.parametrize("encoding", RFC_BAD)
def test_group_point_constructor_also_rejects_non_canonical_encoding(encoding: str) -> None:
    with pytest.raises(InvalidEncoding, match="canonical"):
        Point(bytes.fromhex(encoding))
