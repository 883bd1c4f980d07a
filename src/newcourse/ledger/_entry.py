"""One entry of the open record, and sealing: computing its hash as it is appended."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newcourse.ledger._encoding import (
    ACTION_SHAPE,
    FORMAT,
    JSONValue,
    canonical_bytes,
    canonical_text,
    encode_plain,
    is_hash,
    is_recorded_at,
    normalise_recorded_at,
    parse_json_object,
    plain_json,
)
from newcourse.ledger._errors import MalformedEntry

HASHED_FIELDS = (
    "seq",
    "recorded_at",
    "actor",
    "action",
    "subject",
    "body",
    "payload",
    "prev_hash",
)
"""The entry fields covered by ``hash`` (with ``format`` added), in documentation order."""

ENTRY_FIELDS = (*HASHED_FIELDS, "hash")


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the open record, exactly as format ``newcourse-record/1`` defines it.

    Constructing an entry checks the *type and shape* of every field and raises
    :class:`MalformedEntry` otherwise, so an ``Entry`` in hand is always well formed.  It
    does not check that ``hash`` matches the content, nor how the entry links to its
    neighbours: that is :func:`~newcourse.ledger.verify_chain`'s job, because an entry
    read back from storage is evidence to examine, not something to refuse to load.

    ``payload`` is a private deep copy; treat it as read-only.
    """

    seq: int
    recorded_at: str
    actor: str
    action: str
    subject: str
    body: str | None
    payload: dict[str, JSONValue]
    prev_hash: str
    hash: str

    def __post_init__(self) -> None:
        seq: object = self.seq
        if isinstance(seq, bool) or not isinstance(seq, int):
            raise MalformedEntry(f"its field 'seq' must be an integer, not {seq!r}")
        if seq < 1:
            raise MalformedEntry(f"its field 'seq' must be 1 or more, not {seq}")
        if not is_recorded_at(self.recorded_at):
            raise MalformedEntry(
                f"its field 'recorded_at' ({self.recorded_at!r}) is not a UTC time in the "
                "form 2026-11-28T17:02:03.123456Z"
            )
        for name in ("actor", "subject"):
            value: object = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise MalformedEntry(f"its field {name!r} must be a non-empty string")
        action: object = self.action
        if not isinstance(action, str) or ACTION_SHAPE.fullmatch(action) is None:
            raise MalformedEntry(
                f"its field 'action' ({action!r}) must be dotted lowercase, like 'member.admitted'"
            )
        body: object = self.body
        if body is not None and (not isinstance(body, str) or not body):
            raise MalformedEntry("its field 'body' must be a non-empty string or null")
        payload: object = self.payload
        if not isinstance(payload, Mapping):
            raise MalformedEntry("its field 'payload' must be a JSON object")
        for name in ("prev_hash", "hash"):
            if not is_hash(getattr(self, name)):
                raise MalformedEntry(f"its field {name!r} must be 64 lowercase hexadecimal digits")
        object.__setattr__(self, "seq", int(seq))
        object.__setattr__(self, "payload", plain_json(payload, "its field 'payload'"))

    @classmethod
    def from_dict(cls, fields: Mapping[str, object]) -> Entry:
        """Build an entry from a mapping such as a parsed export line or a database row.

        The mapping must have exactly the nine entry fields; a ``format`` key is allowed
        only if it names this format.  Raises :class:`MalformedEntry` for anything else,
        including values of the wrong type.
        """
        if not isinstance(fields, Mapping):
            raise MalformedEntry("it is not a JSON object")
        if "format" in fields and fields["format"] != FORMAT:
            raise MalformedEntry(f"its format is {fields['format']!r}, not {FORMAT!r}")
        unknown = sorted(str(key) for key in fields if key not in ENTRY_FIELDS)
        unknown = [key for key in unknown if key != "format"]
        if unknown:
            raise MalformedEntry(f"it has an unknown field {unknown[0]!r}")
        missing = [name for name in ENTRY_FIELDS if name not in fields]
        if missing:
            raise MalformedEntry(f"its field {missing[0]!r} is missing")
        values: dict[str, Any] = {name: fields[name] for name in ENTRY_FIELDS}
        return cls(**values)

    @classmethod
    def from_json_line(cls, line: str | bytes) -> Entry:
        """Parse one entry line of an export (any JSON object form is accepted here).

        This reads; it does not verify.  Byte-exact checking of export lines is done by
        :func:`~newcourse.ledger.verify_file`.
        """
        return cls.from_dict(parse_json_object(line))

    def hashed_object(self) -> dict[str, JSONValue]:
        """Return the object whose canonical encoding is hashed: the fields plus ``format``."""
        return {
            "format": FORMAT,
            "seq": self.seq,
            "recorded_at": self.recorded_at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "body": self.body,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
        }

    def hashed_bytes(self) -> bytes:
        """Return the exact bytes whose SHA-256 the ``hash`` field must be."""
        return encode_plain(self.hashed_object())

    def expected_hash(self) -> str:
        """Return the hash this entry's content calls for (compare it with ``hash``)."""
        return hashlib.sha256(self.hashed_bytes()).hexdigest()

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the nine fields as a plain dict (no ``format``), e.g. for a database row."""
        return {
            "seq": self.seq,
            "recorded_at": self.recorded_at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "body": self.body,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    def to_json_line(self) -> str:
        """Return the entry's export line, without the newline.

        The line is the canonical encoding of the hashed object with ``,"hash":"<hex>"``
        inserted before its final ``}``.  So an auditor can check a line with any tool:
        cut the last 75 characters, put back the ``}``, and SHA-256 the rest.
        """
        hashed = canonical_text(self.hashed_object())
        return f'{hashed[:-1]},"hash":"{self.hash}"}}'


def entry_hash(fields: Mapping[str, object]) -> str:
    """Return the SHA-256 (lowercase hex) of an entry's canonical encoding.

    ``fields`` holds the eight hashed fields (``seq`` to ``prev_hash``); a ``hash`` key is
    ignored and a ``format`` key must name this format, so ``Entry.to_dict()`` or a parsed
    export line can be passed directly.  Raises :class:`MalformedEntry` if a field is
    missing or holds something JSON cannot carry canonically (a float, say).
    """
    if "format" in fields and fields["format"] != FORMAT:
        raise MalformedEntry(f"its format is {fields['format']!r}, not {FORMAT!r}")
    hashed: dict[str, object] = {"format": FORMAT}
    for name in HASHED_FIELDS:
        if name not in fields:
            raise MalformedEntry(f"its field {name!r} is missing")
        hashed[name] = fields[name]
    return hashlib.sha256(canonical_bytes(hashed)).hexdigest()


def seal(
    *,
    seq: int,
    recorded_at: datetime | str,
    actor: str,
    action: str,
    subject: str,
    body: str | None,
    payload: Mapping[str, object],
    prev_hash: str,
) -> Entry:
    """Make the next entry of the record: check its fields and compute its hash.

    This is what appending calls, inside the same transaction as the change it records.
    ``recorded_at`` may be an aware datetime (converted to UTC) or the string form
    ``2026-11-28T17:02:03.123456Z``.  ``payload`` is deep-copied into plain JSON; floats,
    non-string keys and other non-JSON values raise :class:`MalformedEntry`, as does any
    ill-typed field.  Linking (``seq`` one more than the previous entry's, ``prev_hash``
    its hash, :data:`GENESIS_HASH` for entry 1) is the caller's to supply.
    """
    plain_payload = plain_json(payload, "its field 'payload'")
    if not isinstance(plain_payload, dict):
        raise MalformedEntry("its field 'payload' must be a JSON object")
    unsealed = Entry(
        seq=seq,
        recorded_at=normalise_recorded_at(recorded_at),
        actor=actor,
        action=action,
        subject=subject,
        body=body,
        payload=plain_payload,
        prev_hash=prev_hash,
        hash="0" * 64,
    )
    # The entry was made here and is not yet shared: filling in its hash in place saves
    # validating and copying the payload a second time on every append.
    object.__setattr__(unsealed, "hash", unsealed.expected_hash())
    return unsealed
