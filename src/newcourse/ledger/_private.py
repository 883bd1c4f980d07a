"""Private parts: personal details kept beside an entry, bound to it by a commitment.

An entry about one member (an admission, an expulsion) has a public part everyone may read
and check: that member 000162 of Paris Nord was admitted on a date.  The member's name and
the reasons given are for fewer readers.  They are stored apart, with a random salt, and the
entry's payload carries only :func:`private_commitment` of them under the key
:data:`PRIVATE_KEY`.  The chain hashes the payload, so the chain verifies for everyone; a
reader shown the private parts checks them against the entry with :func:`verify_opening`.

The salt is what keeps the commitment hiding: without it, anyone could hash a guess ("was
the reason 'arrears'?") and compare.  See ``docs/record.md``, "Private parts".
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping

from newcourse.ledger._encoding import canonical_bytes
from newcourse.ledger._entry import Entry
from newcourse.ledger._errors import CommitmentMismatch, MalformedEntry

PRIVATE_KEY = "private"
"""The payload key that holds the commitment to an entry's private parts."""

SALT_SHAPE = re.compile(r"[0-9a-f]{32,128}")


def new_salt() -> str:
    """Return a fresh random salt: 32 bytes from the system's CSPRNG, as lowercase hex."""
    return secrets.token_hex(32)


def private_commitment(*, salt: str, fields: Mapping[str, object]) -> str:
    """Return the commitment to private ``fields`` under ``salt``: SHA-256, lowercase hex.

    It is the hash of the canonical encoding (as for entries) of
    ``{"salt": salt, "fields": fields}``.  ``salt`` is 32 to 128 lowercase hex digits
    (:func:`new_salt` makes one); ``fields`` is a JSON object without floats.  Raises
    :class:`MalformedEntry` otherwise.
    """
    if not isinstance(salt, str) or SALT_SHAPE.fullmatch(salt) is None:
        raise MalformedEntry("its salt must be 32 to 128 lowercase hexadecimal digits")
    if not isinstance(fields, Mapping):
        raise MalformedEntry("its private fields must be a JSON object")
    opened = canonical_bytes({"salt": salt, "fields": fields})
    return hashlib.sha256(opened).hexdigest()


def verify_opening(entry: Entry, *, salt: str, fields: Mapping[str, object]) -> None:
    """Check that ``salt`` and ``fields`` are the private parts ``entry`` committed to.

    Returns nothing when they are.  Raises :class:`CommitmentMismatch` when the entry has no
    commitment or the commitment differs (the private parts shown were changed, or belong to
    another entry), and :class:`MalformedEntry` when ``salt`` or ``fields`` are ill-formed.
    Check the entry itself with :func:`~newcourse.ledger.verify_chain` first: an opening is
    only as good as the entry it opens.
    """
    committed = entry.payload.get(PRIVATE_KEY)
    if not isinstance(committed, str):
        raise CommitmentMismatch(entry.seq, "the entry commits to no private parts")
    if private_commitment(salt=salt, fields=fields) != committed:
        raise CommitmentMismatch(
            entry.seq, "the private parts shown do not match the entry's commitment"
        )
