"""The only module that talks to libsodium, through `rbcl`.

rbcl ships no type stubs; wrapping it here keeps the rest of the library typed and lets us
swap the binding without touching the protocol code. Every function takes and returns
canonical 32-byte encodings.
"""

from __future__ import annotations

import rbcl  # type: ignore[import-untyped]

POINT_BYTES = 32
SCALAR_BYTES = 32


def is_valid_point(encoded: bytes) -> bool:
    """True if `encoded` is the canonical encoding of a ristretto255 element (identity included)."""
    return bool(rbcl.crypto_core_ristretto255_is_valid_point(encoded))


def add(p: bytes, q: bytes) -> bytes:
    """p + q."""
    return bytes(rbcl.crypto_core_ristretto255_add(p, q))


def sub(p: bytes, q: bytes) -> bytes:
    """p - q."""
    return bytes(rbcl.crypto_core_ristretto255_sub(p, q))


def scalarmult(scalar: bytes, point: bytes) -> bytes:
    """scalar · point, returning the identity (32 zero bytes) when that is the result.

    The `_allow_scalar_zero` variant is used because the plain one refuses to return the
    identity, which is a legitimate result (m = 0, an empty aggregate)."""
    return bytes(rbcl.crypto_scalarmult_ristretto255_allow_scalar_zero(scalar, point))


def scalarmult_base(scalar: bytes) -> bytes:
    """scalar · B for the standard generator B, identity allowed."""
    return bytes(rbcl.crypto_scalarmult_ristretto255_base_allow_scalar_zero(scalar))


def from_hash(digest64: bytes) -> bytes:
    """The element derived from 64 uniform bytes (RFC 9496 one-way map)."""
    return bytes(rbcl.crypto_core_ristretto255_from_hash(digest64))


def random_bytes(length: int) -> bytes:
    """`length` bytes from libsodium's CSPRNG."""
    return bytes(rbcl.randombytes(length))
