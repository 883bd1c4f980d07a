"""Signed heads: Ed25519 through libsodium, a head that verifies and forgeries that do not."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse import crypto
from newcourse.crypto import _sodium

SEED = bytes(range(32))
HASH = "ab" * 32


def test_ed25519_matches_rfc8032_test_vector_1() -> None:
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")

    public, secret = _sodium.sign_keypair(seed)

    assert public.hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    assert _sodium.sign_detached(b"", secret).hex() == (
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
        "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    )


def signed(seq: int = 7, hash_: str = HASH) -> crypto.SignedHead:
    return crypto.head_sign(
        seed=SEED, installation="north", seq=seq, hash_=hash_, signed_at="2026-12-07T02:00:00Z"
    )


def test_signed_head_verifies_with_its_key() -> None:
    crypto.signed_head_check(signed(), crypto.signing_public_key(SEED))


def test_signed_head_survives_its_json_form() -> None:
    head = signed()

    again = crypto.SignedHead.from_json(head.to_json())

    assert again == head
    crypto.signed_head_check(again, crypto.signing_public_key(SEED))


@pytest.mark.parametrize(
    "change",
    [
        {"seq": 8},
        {"hash": "cd" * 32},
        {"installation": "south"},
        {"signed_at": "2026-12-08T02:00:00Z"},
    ],
)
def test_forged_head_does_not_verify(change: dict[str, object]) -> None:
    forged = dataclasses.replace(signed(), **change)  # type: ignore[arg-type]

    with pytest.raises(crypto.InvalidProof):
        crypto.signed_head_check(forged, crypto.signing_public_key(SEED))


def test_head_signed_by_another_key_does_not_verify() -> None:
    other = crypto.head_sign(
        seed=bytes(32), installation="north", seq=7, hash_=HASH, signed_at="2026-12-07T02:00:00Z"
    )

    with pytest.raises(crypto.InvalidProof):
        crypto.signed_head_check(other, crypto.signing_public_key(SEED))


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"format": "other"},
        {**signed().to_json(), "seq": -1},
        {**signed().to_json(), "seq": True},
        {**signed().to_json(), "hash": "AB" * 32},
        {**signed().to_json(), "signature": "00"},
        {**signed().to_json(), "installation": ""},
    ],
)
def test_signed_head_from_json_refuses_what_is_not_one(data: object) -> None:
    with pytest.raises(crypto.InvalidEncoding):
        crypto.SignedHead.from_json(data)


@given(seq=st.integers(0, 2**63), hash_=st.text("0123456789abcdef", min_size=64, max_size=64))
def test_sign_then_check_holds_for_every_head(seq: int, hash_: str) -> None:
    crypto.signed_head_check(signed(seq, hash_), crypto.signing_public_key(SEED))
