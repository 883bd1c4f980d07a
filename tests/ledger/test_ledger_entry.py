"""Entries: sealing, the canonical encoding, strict validation and the line form."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.ledger import (
    FORMAT,
    GENESIS_HASH,
    Entry,
    LedgerError,
    MalformedEntry,
    canonical_bytes,
    entry_hash,
    seal,
)

GOLDEN_BYTES = (
    b'{"action":"member.admitted","actor":"member:42","body":"branch-north",'
    b'"format":"newcourse-record/1","payload":{"big":12345678901234567890,"card":7,'
    b'"name":"Zo\xc3\xab","note":null,"officer":true,"tags":["b","a"],'
    b'"text":"a\\"b\\\\c\\n\\u001f"},'
    b'"prev_hash":"abababababababababababababababababababababababababababababababab",'
    b'"recorded_at":"2026-11-28T17:02:03.123456Z","seq":17,"subject":"member:42"}'
)
GOLDEN_HASH = "888a94ee05f89616c83ae1f4088dd76b68caa6b2a4340d34f24529cf29631af1"


def _fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "seq": 17,
        "recorded_at": "2026-11-28T17:02:03.123456Z",
        "actor": "member:42",
        "action": "member.admitted",
        "subject": "member:42",
        "body": "branch-north",
        "payload": {
            "name": "Zoë",
            "card": 7,
            "officer": True,
            "note": None,
            "tags": ["b", "a"],
            "text": 'a"b\\c\n\x1f',
            "big": 12345678901234567890,
        },
        "prev_hash": "ab" * 32,
    }
    fields.update(changes)
    return fields


def test_seal_golden_vector_hashes_exact_bytes() -> None:
    entry = seal(**_fields())

    assert entry.hashed_bytes() == GOLDEN_BYTES
    assert hashlib.sha256(GOLDEN_BYTES).hexdigest() == GOLDEN_HASH
    assert entry.hash == GOLDEN_HASH
    assert entry_hash(entry.to_dict()) == GOLDEN_HASH


def test_entry_line_is_hashed_bytes_with_hash_appended() -> None:
    entry = seal(**_fields())

    line = entry.to_json_line().encode("utf-8")

    assert line == GOLDEN_BYTES[:-1] + b',"hash":"' + GOLDEN_HASH.encode() + b'"}'
    assert hashlib.sha256(line[:-75] + b"}").hexdigest() == GOLDEN_HASH


def test_seal_aware_datetime_normalised_to_utc_string() -> None:
    plus_two = timezone(timedelta(hours=2))
    when = datetime(2026, 11, 28, 19, 2, 3, 123456, tzinfo=plus_two)

    entry = seal(**_fields(recorded_at=when))

    assert entry.recorded_at == "2026-11-28T17:02:03.123456Z"
    assert entry.hash == GOLDEN_HASH


def test_seal_whole_second_datetime_keeps_microseconds() -> None:
    entry = seal(**_fields(recorded_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)))

    assert entry.recorded_at == "2026-01-02T03:04:05.000000Z"


def test_seal_naive_datetime_refused() -> None:
    with pytest.raises(MalformedEntry, match="naive datetime"):
        seal(**_fields(recorded_at=datetime(2026, 11, 28, 17, 2, 3)))


@pytest.mark.parametrize(
    "recorded_at",
    [
        "2026-11-28T17:02:03Z",
        "2026-11-28T17:02:03.123456",
        "2026-11-28T17:02:03.123456+00:00",
        "2026-02-30T17:02:03.123456Z",
        "2026-11-28 17:02:03.123456Z",
    ],
)
def test_seal_recorded_at_in_other_form_refused(recorded_at: str) -> None:
    with pytest.raises(MalformedEntry, match="recorded_at"):
        seal(**_fields(recorded_at=recorded_at))


@pytest.mark.parametrize(
    "payload",
    [{"share": 0.5}, {"deep": [1, {"x": 1.0}]}, {"nan": float("nan")}],
)
def test_seal_float_payload_refused(payload: dict[str, Any]) -> None:
    with pytest.raises(MalformedEntry, match="float"):
        seal(**_fields(payload=payload))


def test_canonical_bytes_float_refused() -> None:
    with pytest.raises(MalformedEntry, match="is a float"):
        canonical_bytes({"a": 1.5})


def test_seal_non_string_key_refused() -> None:
    with pytest.raises(MalformedEntry, match="key that is not a string"):
        seal(**_fields(payload={1: "one"}))


def test_seal_unsupported_value_refused() -> None:
    with pytest.raises(MalformedEntry, match="is a set"):
        seal(**_fields(payload={"s": {1}}))


def test_seal_lone_surrogate_refused() -> None:
    with pytest.raises(MalformedEntry, match="not valid Unicode"):
        seal(**_fields(payload={"s": "\ud800"}))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"seq": 0}, "'seq' must be 1 or more"),
        ({"seq": True}, "'seq' must be an integer"),
        ({"seq": "17"}, "'seq' must be an integer"),
        ({"actor": ""}, "'actor' must be a non-empty string"),
        ({"subject": 42}, "'subject' must be a non-empty string"),
        ({"action": "Member.Admitted"}, "'action'"),
        ({"action": "admitted"}, "'action'"),
        ({"body": ""}, "'body' must be a non-empty string or null"),
        ({"payload": [1, 2]}, "'payload' must be a JSON object"),
        ({"prev_hash": "AB" * 32}, "'prev_hash' must be 64 lowercase"),
        ({"prev_hash": "ab" * 31}, "'prev_hash' must be 64 lowercase"),
    ],
)
def test_seal_ill_typed_field_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(MalformedEntry, match=message):
        seal(**_fields(**changes))


def test_seal_copies_payload_so_later_mutation_cannot_change_entry() -> None:
    payload: dict[str, Any] = {"tags": ["a"]}
    entry = seal(**_fields(payload=payload))

    payload["tags"].append("b")

    assert entry.payload == {"tags": ["a"]}
    assert entry.expected_hash() == entry.hash


def test_seal_tuples_and_mappings_become_json_containers() -> None:
    entry = seal(**_fields(payload={"pair": (1, 2)}))

    assert entry.payload == {"pair": [1, 2]}


def test_entry_from_dict_round_trips_export_line() -> None:
    entry = seal(**_fields())

    again = Entry.from_json_line(entry.to_json_line())

    assert again == entry


def test_entry_from_dict_unknown_field_refused() -> None:
    fields = {**seal(**_fields()).to_dict(), "extra": 1}

    with pytest.raises(MalformedEntry, match="unknown field 'extra'"):
        Entry.from_dict(fields)


def test_entry_from_dict_missing_field_refused() -> None:
    fields = seal(**_fields()).to_dict()
    del fields["body"]

    with pytest.raises(MalformedEntry, match="field 'body' is missing"):
        Entry.from_dict(fields)


def test_entry_from_dict_other_format_refused() -> None:
    fields = {**seal(**_fields()).to_dict(), "format": "newcourse-record/2"}

    with pytest.raises(MalformedEntry, match="newcourse-record/2"):
        Entry.from_dict(fields)


def test_entry_from_json_line_float_refused() -> None:
    line = seal(**_fields(payload={"n": 1})).to_json_line().replace('"n":1', '"n":1.0')

    with pytest.raises(MalformedEntry, match="float"):
        Entry.from_json_line(line)


def test_entry_from_json_line_nan_refused() -> None:
    line = seal(**_fields(payload={"n": 1})).to_json_line().replace('"n":1', '"n":NaN')

    with pytest.raises(MalformedEntry, match="NaN"):
        Entry.from_json_line(line)


def test_malformed_entry_is_a_value_error_and_ledger_error() -> None:
    assert issubclass(MalformedEntry, ValueError)
    assert issubclass(MalformedEntry, LedgerError)


def test_format_and_genesis_constants() -> None:
    assert FORMAT == "newcourse-record/1"
    assert GENESIS_HASH == "0" * 64


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@given(
    payload=st.dictionaries(st.text(max_size=8), json_values, max_size=5),
    actor=st.text(min_size=1, max_size=20),
)
def test_entry_non_ascii_text_round_trips(payload: dict[str, Any], actor: str) -> None:
    try:
        entry = seal(**_fields(payload=payload, actor=actor))
    except MalformedEntry as error:  # only lone surrogates may be refused
        assert "not valid Unicode" in error.reason
        return

    line = entry.to_json_line()
    again = Entry.from_json_line(line.encode("utf-8"))

    assert again == entry
    assert again.expected_hash() == entry.hash
    assert json.loads(line)["payload"] == payload
