"""Private parts: the commitment an entry carries to personal details kept off the chain."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.ledger import (
    GENESIS_HASH,
    PRIVATE_KEY,
    CommitmentMismatch,
    Entry,
    LedgerError,
    MalformedEntry,
    new_salt,
    private_commitment,
    seal,
    verify_opening,
)

SALT = "0123456789abcdef" * 4
FIELDS = {"reason": "arrears", "name": "Zoë Martin"}
# The bytes hashed, written out by hand: keys sorted, no spaces, UTF-8 as is.
GOLDEN_OPENING = (
    b'{"fields":{"name":"Zo\xc3\xab Martin","reason":"arrears"},'
    b'"salt":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}'
)

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
fields_strategy = st.dictionaries(text, st.one_of(text, st.integers(), st.booleans(), st.none()))


def entry_committing_to(salt: str, fields: dict[str, object]) -> Entry:
    return seal(
        seq=1,
        recorded_at=datetime(2026, 11, 28, 17, 2, 3, tzinfo=UTC),
        actor="system",
        action="member.expelled",
        subject="member:000162",
        body="paris-nord",
        payload={"on": "2026-11-28", PRIVATE_KEY: private_commitment(salt=salt, fields=fields)},
        prev_hash=GENESIS_HASH,
    )


GOLDEN_COMMITMENT = "c120adc33517fe38a5a6282b7efe8a139e457b968661a659b29b698634aba528"


def test_commitment_is_sha256_of_the_canonical_opening() -> None:
    assert hashlib.sha256(GOLDEN_OPENING).hexdigest() == GOLDEN_COMMITMENT
    assert private_commitment(salt=SALT, fields=FIELDS) == GOLDEN_COMMITMENT


def test_commitment_does_not_depend_on_key_order() -> None:
    reordered = dict(reversed(list(FIELDS.items())))
    assert private_commitment(salt=SALT, fields=reordered) == private_commitment(
        salt=SALT, fields=FIELDS
    )


def test_commitment_changes_with_the_salt() -> None:
    other = "f" * 64
    assert private_commitment(salt=other, fields=FIELDS) != private_commitment(
        salt=SALT, fields=FIELDS
    )


def test_new_salt_is_64_hex_digits_and_fresh() -> None:
    first, second = new_salt(), new_salt()
    assert len(first) == 64 and int(first, 16) >= 0
    assert first != second


@pytest.mark.parametrize("salt", ["", "abc", "0" * 31, "G" * 64, "A" * 64, "0" * 129, 7])
def test_commitment_refuses_a_malformed_salt(salt: object) -> None:
    with pytest.raises(MalformedEntry, match="salt"):
        private_commitment(salt=salt, fields=FIELDS)  # type: ignore[arg-type]


def test_commitment_refuses_floats_in_the_fields() -> None:
    with pytest.raises(MalformedEntry, match="float"):
        private_commitment(salt=SALT, fields={"dues": 1.5})


def test_verify_opening_accepts_the_fields_committed_to() -> None:
    entry = entry_committing_to(SALT, FIELDS)
    assert verify_opening(entry, salt=SALT, fields=dict(FIELDS)) is None


def test_verify_opening_refuses_changed_fields() -> None:
    entry = entry_committing_to(SALT, FIELDS)
    with pytest.raises(CommitmentMismatch, match="do not match") as raised:
        verify_opening(entry, salt=SALT, fields={**FIELDS, "reason": "dissent"})
    assert raised.value.seq == 1
    assert isinstance(raised.value, LedgerError)


def test_verify_opening_refuses_another_salt() -> None:
    entry = entry_committing_to(SALT, FIELDS)
    with pytest.raises(CommitmentMismatch):
        verify_opening(entry, salt="e" * 64, fields=FIELDS)


def test_verify_opening_refuses_an_entry_without_commitment() -> None:
    entry = seal(
        seq=1,
        recorded_at="2026-11-28T17:02:03.000000Z",
        actor="system",
        action="body.created",
        subject="body:paris-nord",
        body="paris-nord",
        payload={"name": "Paris Nord"},
        prev_hash=GENESIS_HASH,
    )
    with pytest.raises(CommitmentMismatch, match="no private parts"):
        verify_opening(entry, salt=SALT, fields={})


@given(fields=fields_strategy, salt=st.text("0123456789abcdef", min_size=32, max_size=128))
def test_every_opening_verifies_against_its_own_commitment(
    fields: dict[str, object], salt: str
) -> None:
    verify_opening(entry_committing_to(salt, fields), salt=salt, fields=fields)


@given(fields=fields_strategy, extra=text)
def test_any_added_field_breaks_the_opening(fields: dict[str, object], extra: str) -> None:
    entry = entry_committing_to(SALT, fields)
    changed = {**fields, "\x00" + extra: "added"}
    with pytest.raises(CommitmentMismatch):
        verify_opening(entry, salt=SALT, fields=changed)
