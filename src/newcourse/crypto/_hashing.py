"""The one hashing rule: SHA-512 over a domain tag and length-prefixed, typed fields.

    input  = E("newcourse/1") ‖ E(tag) ‖ E(field_1) ‖ … ‖ E(field_k)
    E(x)   = type byte ‖ u32be(len(payload)) ‖ payload
    types  0x01 bytes (raw)          0x02 str (UTF-8)
           0x03 int (u64be, 0 ≤ x < 2^64)
           0x04 Point (32-byte canonical encoding)
           0x05 Scalar (32 bytes little-endian)
           0x06 list: payload = u32be(count) ‖ E(item_1) ‖ … ‖ E(item_count)

`challenge` reads SHA-512(input) as a little-endian integer and reduces it mod ℓ;
`digest` keeps the first 32 bytes of SHA-512(input); `hash_to_point` maps all 64 bytes of
SHA-512(input) to the group (RFC 9496 one-way map). Fingerprints, trackers and board hashes
are digests; every Fiat–Shamir challenge is a challenge; the shuffle's generators, which
nobody may know a logarithm of, are hashed to points. Both domain strings are
E-encoded so no two (tag, fields) sequences share an input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Final, TypeAlias

from ._group import ORDER, Point, Scalar

DOMAIN: Final = "newcourse/1"

Field: TypeAlias = bytes | str | int | Point | Scalar | Sequence["Field"]
"""What can go into a hash: bytes, str, non-negative int, Point, Scalar, or a list of these."""

_U64: Final = 2**64


def encode_field(value: Field) -> bytes:
    """E(value): the typed, length-prefixed encoding of one field."""
    if isinstance(value, Point):
        return b"\x04\x00\x00\x00\x20" + value.encoded
    if isinstance(value, Scalar):
        return b"\x05\x00\x00\x00\x20" + value.to_bytes()
    if isinstance(value, bytes):
        return b"\x01" + len(value).to_bytes(4, "big") + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return b"\x02" + len(raw).to_bytes(4, "big") + raw
    if isinstance(value, bool):
        raise TypeError("booleans are not hashable fields; use 0 or 1")
    if isinstance(value, int):
        if not 0 <= value < _U64:
            raise ValueError("integer fields must be in [0, 2^64)")
        return b"\x03\x00\x00\x00\x08" + value.to_bytes(8, "big")
    items = [encode_field(item) for item in value]
    payload = len(items).to_bytes(4, "big") + b"".join(items)
    return b"\x06" + len(payload).to_bytes(4, "big") + payload


def hash_input(tag: str, *fields: Field) -> bytes:
    """The exact bytes hashed for (tag, fields); exposed for test vectors."""
    return encode_field(DOMAIN) + encode_field(tag) + b"".join(encode_field(f) for f in fields)


def challenge(tag: str, *fields: Field) -> Scalar:
    """SHA-512(hash_input(tag, fields)) as a little-endian integer, mod ℓ."""
    digest = hashlib.sha512(hash_input(tag, *fields)).digest()
    return Scalar(int.from_bytes(digest, "little") % ORDER)


def digest(tag: str, *fields: Field) -> bytes:
    """The first 32 bytes of SHA-512(hash_input(tag, fields))."""
    return hashlib.sha512(hash_input(tag, *fields)).digest()[:32]


def hash_to_point(tag: str, *fields: Field) -> Point:
    """The group element RFC 9496's one-way map gives for SHA-512(hash_input(tag, fields)).

    Its discrete logarithm to any other generator is unknown to everyone, which is what a
    commitment generator must be: whoever knew one could open a commitment two ways (the
    trapdoor that broke the Swiss Post shuffle). Anyone can recompute it from the tag and
    fields, so nobody has to trust whoever chose it."""
    return Point.from_uniform(hashlib.sha512(hash_input(tag, *fields)).digest())
