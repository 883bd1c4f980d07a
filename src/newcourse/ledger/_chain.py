"""Verifying a chain of entries: the checks, and the plain-English reasons they fail."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from newcourse.ledger._encoding import GENESIS_HASH, is_hash
from newcourse.ledger._entry import Entry
from newcourse.ledger._errors import ChainBroken, MalformedEntry

Progress = Callable[[int, int | None], None]
"""``progress(done, total)``: entries checked (``verify_chain``) or bytes read
(``verify_file``), and the total when known."""

HASH_PROBLEM = "its hash does not match its content"
_PROGRESS_EVERY = 16384


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What a successful verification established.

    ``count`` entries, numbered 1 to ``count``, each correctly hashed and linked to the one
    before; ``head`` is the hash of the last (:data:`GENESIS_HASH` for an empty record).
    Publishing ``head`` is what lets anyone later notice entries dropped from the end.
    """

    count: int
    head: str


def seq_problem(expected: int, found: int) -> str:
    """Say why entry ``found`` cannot stand where entry ``expected`` should be."""
    if found > expected:
        missing = (
            f"entry {expected} is missing or out of order"
            if found == expected + 1
            else f"entries {expected} to {found - 1} are missing or out of order"
        )
    else:
        missing = f"entry {found} is repeated or out of order"
    return f"found entry {found} where entry {expected} should be: {missing}"


def prev_problem(seq: int) -> str:
    """Say that entry ``seq`` does not link to the entry before it."""
    if seq == 1:
        return "its prev_hash is not the genesis hash (64 zeros)"
    return f"its prev_hash does not match the hash of entry {seq - 1}"


def head_problem(count: int, head: str, expected: str) -> ChainBroken:
    """The error for a record whose last hash is not the head it was expected to have."""
    return ChainBroken(
        count + 1,
        None,
        f"the record ends at entry {count} with head {head}, not the expected head "
        f"{expected}: entries may have been dropped from the end or changed, or the record "
        "has grown since that head was taken",
    )


@dataclass(frozen=True, slots=True)
class KeptHead:
    """A head a member kept: entry ``seq`` had hash ``hash`` (``seq`` None if only the hash
    was kept).  A record that still holds it has not been rewritten up to that entry."""

    seq: int | None
    hash: str

    def __str__(self) -> str:
        return self.hash if self.seq is None else f"#{self.seq} {self.hash}"


def parse_kept_head(text: str) -> KeptHead:
    """Read a kept head written ``HASH``, ``SEQ:HASH`` or ``#SEQ HASH`` (hex in any case).

    Raises ``ValueError`` for anything else: a typo must not read as a rewritten history.
    """
    cleaned = text.strip().lstrip("#").replace(" ", ":") if isinstance(text, str) else ""
    seq_text, _, hash_text = cleaned.rpartition(":")
    hash_text = hash_text.lower()
    if not is_hash(hash_text) or (seq_text and not (seq_text.isascii() and seq_text.isdigit())):
        raise ValueError(
            f"a kept head is a SHA-256 hash (64 hexadecimal digits), optionally preceded by "
            f"its entry number and a colon (1234:HASH), not {text!r}"
        )
    return KeptHead(int(seq_text) if seq_text else None, hash_text)


def kept_head_missing(kept: KeptHead, count: int) -> ChainBroken:
    """The error for a record that does not hold a head a member kept."""
    reason = f"the head you kept, {kept}, is not in this record: the history has been rewritten"
    if kept.seq is not None and kept.seq > count:
        reason += f" or cut short (the record ends at entry {count})"
    return ChainBroken(kept.seq if kept.seq is not None else count + 1, None, reason)


def holds_kept_head(kept: KeptHead | None, seq: int, hash_: str) -> bool:
    """True if entry ``seq`` with ``hash_`` is the kept head."""
    return kept is not None and hash_ == kept.hash and kept.seq in (None, seq)


def check_head_argument(head: str | None) -> str | None:
    """Return a pinned head in lowercase; refuse one that is not a hash at all.

    A typo must not read as tampering, so it is a ``ValueError``, not a broken record.
    """
    if head is None:
        return None
    if not isinstance(head, str) or not is_hash(head.lower()):
        raise ValueError(f"head must be a SHA-256 hash (64 hexadecimal digits), not {head!r}")
    return head.lower()


def verify_chain(
    entries: Iterable[Entry | Mapping[str, object]],
    *,
    head: str | None = None,
    kept: KeptHead | None = None,
    progress: Progress | None = None,
) -> ChainReport:
    """Check a whole record, in order, and return its count and head hash.

    Each entry must be well formed, numbered one more than the entry before (starting at
    1), carry the previous entry's hash as ``prev_hash`` (:data:`GENESIS_HASH` for entry 1)
    and a ``hash`` equal to the SHA-256 of its canonical encoding.  Mappings (database
    rows, parsed lines) are checked with :meth:`Entry.from_dict`.  If ``head`` is given,
    the last entry's hash must equal it: that is the only way to notice entries dropped from
    the *end* (upper-case hex is accepted).  If ``kept`` is given (a head a member kept,
    :func:`parse_kept_head`), the record must hold it: an entry with that hash, at that
    number if one was kept; a history re-sealed after an edit no longer does.
    ``progress(entries_checked, total_or_None)`` is called now and then.

    Raises :class:`ChainBroken` at the first problem; a :class:`MalformedEntry` raised
    while iterating ``entries`` (e.g. by :func:`read_jsonl`) becomes one too.  Raises
    ``ValueError`` if ``head`` is not a hex SHA-256.
    """
    head = check_head_argument(head)
    total = len(entries) if isinstance(entries, list | tuple) else None
    expected = 1
    prev = GENESIS_HASH
    found = holds_kept_head(kept, 0, GENESIS_HASH)  # the empty record's head, #0 genesis
    iterator = iter(entries)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except MalformedEntry as error:
            raise ChainBroken(expected, error.line, error.reason) from error
        try:
            entry = item if isinstance(item, Entry) else Entry.from_dict(item)
            content_hash = entry.expected_hash()
        except MalformedEntry as error:
            raise ChainBroken(expected, error.line, error.reason) from error
        if content_hash != entry.hash:
            raise ChainBroken(expected, None, HASH_PROBLEM)
        if entry.seq != expected:
            raise ChainBroken(expected, None, seq_problem(expected, entry.seq))
        if entry.prev_hash != prev:
            raise ChainBroken(expected, None, prev_problem(expected))
        prev = entry.hash
        found = found or holds_kept_head(kept, expected, prev)
        if progress is not None and expected % _PROGRESS_EVERY == 0:
            progress(expected, total)
        expected += 1
    count = expected - 1
    if progress is not None:
        progress(count, total)
    if head is not None and head != prev:
        raise head_problem(count, prev, head)
    if kept is not None and not found:
        raise kept_head_missing(kept, count)
    return ChainReport(count=count, head=prev)
