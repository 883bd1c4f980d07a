"""Signed heads: an installation's word, under its Ed25519 key, that its open record stood
at entry `seq` with hash `hash` at time `signed_at`.

A head copied by many members, and countersigned by other installations, is what makes a
rewritten history visible: the operator can re-seal every entry after the one changed, but
not the copies of the old head in other hands, nor forge the signatures on them.

The signed bytes are `hash_input("record-head/1", installation, seq, hash, signed_at)`, the
library's one typed, length-prefixed encoding, so no two heads share a statement. The JSON
form (`SIGNED_HEAD_FORMAT`) is documented in docs/record.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from . import _sodium
from ._errors import InvalidEncoding, InvalidProof
from ._hashing import hash_input

SIGNED_HEAD_FORMAT: Final = "newcourse-signed-head/1"
_TAG: Final = "record-head/1"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")


def signing_key_new() -> bytes:
    """A fresh 32-byte Ed25519 seed: the installation's secret signing key."""
    return _sodium.random_bytes(_sodium.SIGN_SEED_BYTES)


def signing_public_key(seed: bytes) -> str:
    """The public key of `seed`, as 64 lowercase hex digits (what peers and members keep)."""
    public, _secret = _sodium.sign_keypair(seed)
    return public.hex()


@dataclass(frozen=True, slots=True)
class SignedHead:
    """One signed head. `hash` and `signature` are lowercase hex; `signed_at` is the signer's
    clock, carried for readers and signed, never trusted for ordering (`seq` orders heads)."""

    installation: str
    seq: int
    hash: str
    signed_at: str
    signature: str

    def statement(self) -> bytes:
        """The exact bytes the signature covers."""
        return head_statement(self.installation, self.seq, self.hash, self.signed_at)

    def to_json(self) -> dict[str, Any]:
        """The published form, e.g. at /record/head.json."""
        return {
            "format": SIGNED_HEAD_FORMAT,
            "installation": self.installation,
            "seq": self.seq,
            "hash": self.hash,
            "signed_at": self.signed_at,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, data: object) -> SignedHead:
        """Read a published signed head; `InvalidEncoding` if it is not one (the signature is
        not checked here: see `signed_head_check`)."""
        if not isinstance(data, dict):
            raise InvalidEncoding("a signed head is a JSON object")
        if data.get("format") != SIGNED_HEAD_FORMAT:
            raise InvalidEncoding(f"a signed head's format must be {SIGNED_HEAD_FORMAT!r}")
        installation, seq = data.get("installation"), data.get("seq")
        hash_, signed_at, signature = data.get("hash"), data.get("signed_at"), data.get("signature")
        if not isinstance(installation, str) or not installation:
            raise InvalidEncoding("a signed head names its installation")
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
            raise InvalidEncoding("a signed head's seq is a whole number")
        if not isinstance(hash_, str) or _HEX64.fullmatch(hash_) is None:
            raise InvalidEncoding("a signed head's hash is 64 lowercase hex digits")
        if not isinstance(signed_at, str) or not signed_at:
            raise InvalidEncoding("a signed head carries the time it was signed")
        if not isinstance(signature, str) or _HEX128.fullmatch(signature) is None:
            raise InvalidEncoding("a signed head's signature is 128 lowercase hex digits")
        return cls(installation, seq, hash_, signed_at, signature)


def head_statement(installation: str, seq: int, hash_: str, signed_at: str) -> bytes:
    """The bytes signed for a head: domain-separated and length-prefixed field by field."""
    return hash_input(_TAG, installation, seq, hash_, signed_at)


def head_sign(
    *, seed: bytes, installation: str, seq: int, hash_: str, signed_at: str
) -> SignedHead:
    """Sign the head (`seq`, `hash_`) of `installation`'s record with its signing key."""
    _public, secret = _sodium.sign_keypair(seed)
    signature = _sodium.sign_detached(head_statement(installation, seq, hash_, signed_at), secret)
    return SignedHead(installation, seq, hash_, signed_at, signature.hex())


def signed_head_check(head: SignedHead, public_key: str) -> None:
    """Raise `InvalidProof` unless `head` is signed by the key `public_key` (64 hex digits).

    This is the check a member or a peer runs on a head they were sent: a head whose any
    field was changed after signing, or signed by another key, fails it."""
    if _HEX64.fullmatch(public_key) is None:
        raise InvalidEncoding("a public key is 64 lowercase hex digits")
    valid = _sodium.sign_verify_detached(
        bytes.fromhex(head.signature), head.statement(), bytes.fromhex(public_key)
    )
    if not valid:
        raise InvalidProof("the head's signature does not verify with this public key")
