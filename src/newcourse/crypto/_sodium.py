"""The only module that talks to libsodium, through `rbcl`.

rbcl ships no type stubs; wrapping it here keeps the rest of the library typed and lets us
swap the binding without touching the protocol code. Every function takes and returns
canonical 32-byte encodings.
"""

from __future__ import annotations

import ctypes

import rbcl  # type: ignore[import-untyped]

POINT_BYTES = 32
SCALAR_BYTES = 32

_lib = rbcl._sodium
"""rbcl's own ctypes handle on the libsodium it bundles, for what rbcl does not wrap."""


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


def scalarmult_checked_point(scalar: bytes, point: bytes) -> bytes:
    """scalar · point (identity allowed) for a point already known to be canonical: decoded
    through `Point`, or made by libsodium. rbcl checks the point again on every call, about a
    tenth of the cost; the shuffle's loops make hundreds of thousands of these products on
    points checked once when they were read. Never call it on unchecked bytes: libsodium
    answers an invalid point with the identity."""
    out = ctypes.create_string_buffer(POINT_BYTES)
    # -1 means the product is the identity; `out` then holds the 32 zero bytes that encode it.
    _lib.crypto_scalarmult_ristretto255(out, scalar, point)
    return out.raw


def random_bytes(length: int) -> bytes:
    """`length` bytes from libsodium's CSPRNG."""
    return bytes(rbcl.randombytes(length))


# Ed25519 signatures (the record's signed heads). rbcl wraps only ristretto255, but the
# libsodium it bundles is whole: its signing functions are called through rbcl's own handle.
SIGN_SEED_BYTES = 32
SIGN_PUBLIC_BYTES = 32
SIGNATURE_BYTES = 64
_lib.crypto_sign_seed_keypair.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
_lib.crypto_sign_detached.argtypes = [
    ctypes.c_char_p,
    ctypes.c_void_p,
    ctypes.c_char_p,
    ctypes.c_ulonglong,
    ctypes.c_char_p,
]
_lib.crypto_sign_verify_detached.argtypes = [
    ctypes.c_char_p,
    ctypes.c_char_p,
    ctypes.c_ulonglong,
    ctypes.c_char_p,
]


def sign_keypair(seed: bytes) -> tuple[bytes, bytes]:
    """The Ed25519 (public key, secret key) made from a 32-byte seed."""
    if len(seed) != SIGN_SEED_BYTES:
        raise ValueError("an Ed25519 seed is 32 bytes")
    public = ctypes.create_string_buffer(SIGN_PUBLIC_BYTES)
    secret = ctypes.create_string_buffer(64)
    if _lib.crypto_sign_seed_keypair(public, secret, seed) != 0:
        raise ValueError("libsodium refused the seed")
    return public.raw, secret.raw


def sign_detached(message: bytes, secret: bytes) -> bytes:
    """The 64-byte Ed25519 signature of `message` by the 64-byte secret key."""
    signature = ctypes.create_string_buffer(SIGNATURE_BYTES)
    if _lib.crypto_sign_detached(signature, None, message, len(message), secret) != 0:
        raise ValueError("libsodium could not sign")
    return signature.raw


def sign_verify_detached(signature: bytes, message: bytes, public: bytes) -> bool:
    """True if `signature` is a valid Ed25519 signature of `message` by `public`."""
    if len(signature) != SIGNATURE_BYTES or len(public) != SIGN_PUBLIC_BYTES:
        return False
    return bool(_lib.crypto_sign_verify_detached(signature, message, len(message), public) == 0)
