"""The group: ristretto255 (RFC 9496), prime order ℓ, through libsodium.

`Point` holds a canonical 32-byte encoding; because ristretto255 encodings are canonical, two
points are equal exactly when their encodings are. `Scalar` holds an int in [0, ℓ). Decoding
from outside input goes through `Point.from_bytes` / `Scalar.from_bytes` (or their hex forms),
which reject non-canonical encodings, the identity unless asked for, and scalars >= ℓ — every
time, because an unchecked scalar s + ℓ would pass a proof check made with s (malleability).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Final

from . import _sodium
from ._errors import InvalidEncoding

ORDER: Final = 2**252 + 27742317777372353535851937790883648493
"""ℓ, the prime order of ristretto255."""

_IDENTITY_BYTES: Final = bytes(32)


class Scalar:
    """An integer modulo ℓ, encoded as 32 bytes little-endian."""

    __slots__ = ("value",)
    value: int

    def __init__(self, value: int) -> None:
        if not 0 <= value < ORDER:
            raise InvalidEncoding("scalar out of range [0, ℓ)")
        self.value = value

    @classmethod
    def reduce(cls, value: int) -> Scalar:
        """The scalar congruent to `value` (any int, negative included) modulo ℓ."""
        return cls(value % ORDER)

    @classmethod
    def from_bytes(cls, data: bytes) -> Scalar:
        """Decode 32 little-endian bytes, rejecting values >= ℓ."""
        if len(data) != 32:
            raise InvalidEncoding(f"scalar must be 32 bytes, not {len(data)}")
        value = int.from_bytes(data, "little")
        if value >= ORDER:
            raise InvalidEncoding("non-canonical scalar (>= ℓ)")
        return cls(value)

    @classmethod
    def from_hex(cls, text: object) -> Scalar:
        """Decode 64 lowercase hex characters (see `_decode_hex`)."""
        return cls.from_bytes(_decode_hex(text, "scalar"))

    def to_bytes(self) -> bytes:
        """The canonical 32-byte little-endian encoding."""
        return self.value.to_bytes(32, "little")

    def hex(self) -> str:
        """The canonical encoding as 64 lowercase hex characters."""
        return self.to_bytes().hex()

    def __add__(self, other: Scalar) -> Scalar:
        return Scalar((self.value + other.value) % ORDER)

    def __sub__(self, other: Scalar) -> Scalar:
        return Scalar((self.value - other.value) % ORDER)

    def __mul__(self, other: Scalar) -> Scalar:
        return Scalar((self.value * other.value) % ORDER)

    def __neg__(self) -> Scalar:
        return Scalar((-self.value) % ORDER)

    def inverse(self) -> Scalar:
        """1/self modulo ℓ; zero has no inverse."""
        if self.value == 0:
            raise ZeroDivisionError("zero has no inverse modulo ℓ")
        return Scalar(pow(self.value, -1, ORDER))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scalar) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"Scalar({self.hex()})"

    def __reduce__(self) -> tuple[type[Scalar], tuple[int]]:
        return (Scalar, (self.value,))


class Point:
    """An element of ristretto255, stored as its canonical 32-byte encoding."""

    __slots__ = ("encoded",)
    encoded: bytes

    def __init__(self, encoded: bytes) -> None:
        """Any canonical encoding, the identity included (`from_bytes` refuses it by default)."""
        if len(encoded) != 32 or not _sodium.is_valid_point(encoded):
            raise InvalidEncoding("not a canonical ristretto255 encoding")
        self.encoded = bytes(encoded)

    @classmethod
    def _trusted(cls, encoded: bytes) -> Point:
        """Skip the check, for libsodium's own outputs only (they are canonical by
        construction, and checking each would cost ~5 µs per group operation)."""
        point = object.__new__(cls)
        point.encoded = encoded
        return point

    @classmethod
    def from_bytes(cls, data: bytes, *, allow_identity: bool = False) -> Point:
        """Decode a canonical encoding; reject anything else, and the identity unless allowed."""
        if len(data) != 32:
            raise InvalidEncoding(f"point must be 32 bytes, not {len(data)}")
        if not _sodium.is_valid_point(data):
            raise InvalidEncoding("not a canonical ristretto255 encoding")
        if data == _IDENTITY_BYTES and not allow_identity:
            raise InvalidEncoding("identity element not allowed here")
        return cls._trusted(bytes(data))

    @classmethod
    def from_hex(cls, text: object, *, allow_identity: bool = False) -> Point:
        """Decode 64 lowercase hex characters (see `from_bytes`)."""
        return cls.from_bytes(_decode_hex(text, "point"), allow_identity=allow_identity)

    @classmethod
    def from_uniform(cls, data64: bytes) -> Point:
        """The element for 64 uniform bytes (RFC 9496 hash-to-group map)."""
        return cls._trusted(_sodium.from_hash(data64))

    def hex(self) -> str:
        """The canonical encoding as 64 lowercase hex characters."""
        return self.encoded.hex()

    def is_identity(self) -> bool:
        """True for the neutral element."""
        return self.encoded == _IDENTITY_BYTES

    def __add__(self, other: Point) -> Point:
        return Point._trusted(_sodium.add(self.encoded, other.encoded))

    def __sub__(self, other: Point) -> Point:
        return Point._trusted(_sodium.sub(self.encoded, other.encoded))

    def __neg__(self) -> Point:
        return Point._trusted(_sodium.sub(_IDENTITY_BYTES, self.encoded))

    def __mul__(self, scalar: Scalar) -> Point:
        return Point._trusted(_sodium.scalarmult(scalar.to_bytes(), self.encoded))

    __rmul__ = __mul__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Point) and other.encoded == self.encoded

    def __hash__(self) -> int:
        return hash(self.encoded)

    def __repr__(self) -> str:
        return f"Point({self.hex()})"

    def __reduce__(self) -> tuple[type[Point], tuple[bytes]]:
        return (Point, (self.encoded,))


IDENTITY: Final = Point._trusted(_IDENTITY_BYTES)
"""The neutral element (encoded as 32 zero bytes)."""


def base_mul(scalar: Scalar) -> Point:
    """scalar · B, B the standard ristretto255 generator."""
    return Point._trusted(_sodium.scalarmult_base(scalar.to_bytes()))


BASE: Final = base_mul(Scalar(1))
"""B, the standard generator of ristretto255."""

_SMALL_MULTIPLES: dict[int, Point] = {}


def small_mul(m: int) -> Point:
    """m · B for a small non-negative int (vote values, weights), cached."""
    point = _SMALL_MULTIPLES.get(m)
    if point is None:
        point = base_mul(Scalar.reduce(m))
        if m < 4096:
            _SMALL_MULTIPLES[m] = point
    return point


RandomScalars = Callable[[], Scalar]
"""A source of uniformly random non-zero scalars (OS randomness, or seeded for test vectors)."""


def random_scalar() -> Scalar:
    """A uniformly random non-zero scalar from the OS CSPRNG (64 bytes reduced mod ℓ)."""
    while True:
        value = int.from_bytes(_sodium.random_bytes(64), "little") % ORDER
        if value:
            return Scalar(value)


def seeded_scalars(seed: bytes) -> RandomScalars:
    """A deterministic scalar source for test vectors and simulations; never for real ballots.

    The i-th scalar (i = 0, 1, ...) is SHA-512(seed ‖ u64be(i)) read little-endian mod ℓ,
    skipping zero."""
    counter = 0

    def draw() -> Scalar:
        nonlocal counter
        while True:
            digest = hashlib.sha512(seed + counter.to_bytes(8, "big")).digest()
            counter += 1
            value = int.from_bytes(digest, "little") % ORDER
            if value:
                return Scalar(value)

    return draw


def _decode_hex(text: object, what: str) -> bytes:
    """64 lowercase hex characters to 32 bytes; anything else (uppercase too) is rejected so
    that each value has exactly one textual form."""
    if not isinstance(text, str) or len(text) != 64:
        raise InvalidEncoding(f"{what} must be 64 lowercase hex characters")
    try:
        data = bytes.fromhex(text)
    except ValueError:
        raise InvalidEncoding(f"{what} is not hex") from None
    if data.hex() != text:
        raise InvalidEncoding(f"{what} must be lowercase hex")
    return data


def decode_digest(text: object, what: str) -> bytes:
    """A 32-byte digest written as 64 lowercase hex characters."""
    return _decode_hex(text, what)
