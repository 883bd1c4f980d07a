"""The canonical encoding: the exact bytes that are hashed, so every verifier agrees.

A hash chain is only as good as the agreement on *what* is hashed.  JSON text is not unique
(key order, spacing, escapes, and above all floats, whose text form differs between
languages), so the record pins one form: keys sorted by code point, no spaces, UTF-8 without
``\\u`` escapes for non-ASCII, and no floats at all.  See ``docs/record.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TypeAlias

from newcourse.ledger._errors import MalformedEntry

FORMAT = "newcourse-record/1"
"""The format name bound into every entry's hash and written in every export header."""

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of entry 1: there is no previous entry."""

JSONValue: TypeAlias = bool | int | str | list["JSONValue"] | dict[str, "JSONValue"] | None
"""What a payload may hold: JSON without floats."""

HEX64 = re.compile(r"[0-9a-f]{64}")
RECORDED_AT_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
ACTION_SHAPE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+")

CANONICAL_ENCODER = json.JSONEncoder(
    skipkeys=False,
    ensure_ascii=False,
    check_circular=True,
    allow_nan=False,
    sort_keys=True,
    separators=(",", ":"),
)


def canonical_text(value: Mapping[str, object]) -> str:
    """Encode a JSON object canonically, as text; see :func:`canonical_bytes`.

    The value must already be plain JSON (dicts, lists, str, int, bool, None): callers
    that accept arbitrary input pass it through :func:`plain_json` first.
    """
    return CANONICAL_ENCODER.encode(value)


def canonical_bytes(fields: Mapping[str, object]) -> bytes:
    """Return the canonical encoding of a JSON object: the bytes the record hashes.

    JSON with keys sorted by code point, separators ``","`` and ``":"``, non-ASCII written
    as UTF-8 rather than escaped, and no NaN or infinities.  Floats are refused because their
    text is not canonical (``1e3``, ``1000.0`` and ``1000.00`` are one number); so are keys
    that are not strings and strings that are not valid Unicode (lone surrogates).

    Raises :class:`MalformedEntry` naming the offending value.
    """
    plain = plain_json(fields, "the object")
    if not isinstance(plain, dict):
        raise MalformedEntry("it is not a JSON object")
    return encode_plain(plain)


def encode_plain(value: Mapping[str, JSONValue]) -> bytes:
    """Canonically encode a value already known to be plain JSON (skips the deep copy)."""
    text = canonical_text(value)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise MalformedEntry(
            "it contains a string that is not valid Unicode (a lone surrogate at "
            f"character {error.start} of its encoding)"
        ) from None


def _refuse_float(text: str) -> JSONValue:
    raise MalformedEntry(
        f"it contains a float ({text}); floats are not allowed because their text form "
        "is not canonical"
    )


def _refuse_constant(text: str) -> JSONValue:
    raise MalformedEntry(f"it contains {text}, which is not JSON")


STRICT_DECODER = json.JSONDecoder(parse_float=_refuse_float, parse_constant=_refuse_constant)
"""A JSON decoder that raises :class:`MalformedEntry` on floats, NaN and infinities."""


def parse_json_object(line: str | bytes) -> dict[str, JSONValue]:
    """Parse one line of JSON that must be an object, refusing floats and non-JSON constants.

    Raises :class:`MalformedEntry` for invalid UTF-8, invalid JSON or a non-object.
    """
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
        value = STRICT_DECODER.decode(text)
    except UnicodeDecodeError:
        raise MalformedEntry("it is not valid UTF-8") from None
    except RecursionError:
        raise MalformedEntry("it is nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, and int too long to convert
        if isinstance(error, MalformedEntry):
            raise
        raise MalformedEntry("it is not valid JSON") from None
    if not isinstance(value, dict):
        raise MalformedEntry("it is not a JSON object")
    return value


def plain_json(value: object, where: str) -> JSONValue:
    """Return a deep copy of ``value`` made only of dict, list, str, int, bool and None.

    Copying (rather than only checking) means a sealed entry cannot change when the caller
    later mutates the dict it passed in, and turns tuples and other mappings into the two
    container types JSON has.  ``where`` names the value in error messages.
    """
    if value is None or value is True or value is False:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        raise MalformedEntry(
            f"{where} is a float ({value!r}); floats are not allowed because their text "
            "form is not canonical: use an integer (e.g. cents) or a string"
        )
    if isinstance(value, Mapping):
        copied: dict[str, JSONValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise MalformedEntry(f"{where} has a key that is not a string ({key!r})")
            copied[str.__str__(key)] = plain_json(item, f"{where}[{key!r}]")
        return copied
    if isinstance(value, list | tuple):
        return [plain_json(item, f"{where}[{index}]") for index, item in enumerate(value)]
    raise MalformedEntry(
        f"{where} is a {type(value).__name__}, which the record cannot hold: use "
        "dicts, lists, strings, integers, booleans or None"
    )


def is_hash(value: object) -> bool:
    """Say whether ``value`` is a lowercase hex SHA-256 digest (64 characters)."""
    return isinstance(value, str) and HEX64.fullmatch(value) is not None


def is_recorded_at(value: object) -> bool:
    """Say whether ``value`` is a timestamp in the record's one form.

    That form is UTC with microseconds and a ``Z``: ``2026-11-28T17:02:03.123456Z``.  The
    pattern fixes the shape; parsing rejects impossible dates such as February 30th.
    """
    if not isinstance(value, str) or RECORDED_AT_SHAPE.fullmatch(value) is None:
        return False
    try:
        datetime.fromisoformat(value[:-1])
    except ValueError:
        return False
    return True


def normalise_recorded_at(value: datetime | str) -> str:
    """Turn an aware datetime, or a string already in the record's form, into that form.

    Naive datetimes are refused: guessing their time zone would put a wrong but plausible
    time into a permanent record.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise MalformedEntry(
                "its field 'recorded_at' is a naive datetime; give an aware one (UTC)"
            )
        utc = value.astimezone(UTC).replace(tzinfo=None)
        return utc.isoformat(timespec="microseconds") + "Z"
    if is_recorded_at(value):
        return value
    raise MalformedEntry(
        f"its field 'recorded_at' ({value!r}) is not a UTC time in the form "
        "2026-11-28T17:02:03.123456Z"
    )
