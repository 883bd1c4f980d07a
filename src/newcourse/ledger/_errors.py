"""The one exception hierarchy of ``newcourse.ledger``.

Every error the library raises on purpose is a :class:`LedgerError`, so callers that only
want to know "did the record check out?" catch one class.  The subclasses say *what kind*
of failure it was, because each calls for a different response: a malformed entry is a bug
or damage in one place, a broken chain means the record can no longer be trusted from that
entry on, and an unreadable record is not a record this version understands at all.
"""

from __future__ import annotations


class LedgerError(Exception):
    """Base class of every error raised by ``newcourse.ledger``."""


class MalformedEntry(LedgerError, ValueError):
    """An entry (or a line of an export) does not have the shape the format requires.

    It is also a :class:`ValueError`, because it is raised for bad values handed to
    :func:`~newcourse.ledger.seal` and :meth:`~newcourse.ledger.Entry.from_dict`, exactly
    where Python code would expect one.

    ``reason`` is a plain-English phrase about the entry ("its field 'seq' must be an
    integer"); ``line`` is the 1-based line of the export it came from, when known.
    """

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(reason if line is None else f"line {line}: {reason}")


class ChainBroken(LedgerError):
    """The record fails verification: the first entry at which it stops being trustworthy.

    ``seq`` is the position in the chain where the problem was found, i.e. the entry number
    that *should* have been there (for a gap, the first missing number); ``line`` is the
    1-based line of the export file when the record came from one, else ``None``;
    ``reason`` says what is wrong in plain English.
    """

    def __init__(self, seq: int, line: int | None, reason: str) -> None:
        self.seq = seq
        self.line = line
        self.reason = reason
        where = f"entry {seq}" if line is None else f"entry {seq} (line {line})"
        super().__init__(f"{where}: {reason}")


class UnreadableRecord(LedgerError):
    """The input is not a record export this version can read (no or foreign header).

    Kept apart from :class:`ChainBroken` because it says nothing about the record itself:
    the file may be another format, a future version, or not a record at all.
    """


class CommitmentMismatch(LedgerError):
    """Private parts shown for an entry are not the ones its payload committed to.

    ``seq`` is the entry's number; ``reason`` says what is wrong.  The chain itself may be
    intact: this says only that the opening is false (the stored private parts were changed,
    or belong to another entry).
    """

    def __init__(self, seq: int, reason: str) -> None:
        self.seq = seq
        self.reason = reason
        super().__init__(f"entry {seq}: {reason}")
