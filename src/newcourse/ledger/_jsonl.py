"""The JSON Lines export: a header line, one line per entry, and an end line.

The end line (entry count and head hash) is written *after* the entries so an export can be
streamed straight from the database without counting first, and so a file cut short in a
copy or download is recognised as such rather than passing as a shorter record.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeAlias

from newcourse.ledger._chain import ChainReport
from newcourse.ledger._encoding import FORMAT, GENESIS_HASH, canonical_text, parse_json_object
from newcourse.ledger._entry import Entry
from newcourse.ledger._errors import MalformedEntry, UnreadableRecord

PathOrFile: TypeAlias = str | os.PathLike[str] | IO[bytes] | IO[str]

HEADER_LINE = canonical_text({"format": FORMAT, "kind": "header"})
"""The first line of every export, exactly: ``{"format":"newcourse-record/1","kind":"header"}``."""

END_PREFIX = '{"count":'
"""How an end line starts (its keys sorted: ``count``, ``head``, ``kind``)."""

_WRITE_BATCH = 1024


def end_line(count: int, head: str) -> str:
    """Return the last line of an export of ``count`` entries whose last hash is ``head``."""
    return canonical_text({"count": count, "head": head, "kind": "end"})


def check_header(line: str | bytes) -> None:
    """Raise :class:`UnreadableRecord` unless ``line`` is a ``newcourse-record/1`` header.

    Only the header's meaning is checked here; :func:`verify_file` also wants its exact bytes.
    """
    try:
        header = parse_json_object(line)
    except MalformedEntry:
        header = {}
    if header.get("kind") != "header" or "format" not in header:
        raise UnreadableRecord(
            f"this is not a {FORMAT} export: its first line is not the record header"
        )
    if header["format"] != FORMAT:
        raise UnreadableRecord(
            f"this export is in format {header['format']!r}, which this version cannot read "
            f"(it reads {FORMAT!r})"
        )


def check_end(line: str | bytes, count: int, head: str) -> str | None:
    """Say what is wrong with an export's end line, given what the entries showed, or None."""
    try:
        end = parse_json_object(line)
    except MalformedEntry:
        return "the end line of the file is damaged"
    if set(end) != {"count", "head", "kind"} or end["kind"] != "end":
        return "the end line of the file is damaged"
    if end["count"] != count or isinstance(end["count"], bool):
        return (
            f"the end line says the record has {end['count']!r} entries, but the file has "
            f"{count}: entries may have been dropped from the end"
        )
    if end["head"] != head:
        return f"the end line names a head hash that is not the hash of entry {count}"
    return None


def write_jsonl(entries: Iterable[Entry], path_or_file: PathOrFile) -> ChainReport:
    """Write an export: the header, each entry's line, then the end line.

    ``path_or_file`` is a path (opened for writing in binary, replacing any file there) or
    an open file, binary or text (a text file must not translate newlines).  Nothing is
    verified on the way out: an export of a damaged record must still be possible, so it can
    be examined.  Returns the count and head hash written in the end line.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "wb") as out:
            return _write(entries, _binary_writer(out))
    if isinstance(path_or_file, io.TextIOBase):
        return _write(entries, path_or_file.write)
    return _write(entries, _binary_writer(path_or_file))  # type: ignore[arg-type]


def export_chunks(entries: Iterable[Entry]) -> Iterator[str]:
    """Yield an export as text in pieces (the header, batches of entry lines, the end line).

    The same bytes :func:`write_jsonl` writes, for a server streaming a download.
    """
    yield HEADER_LINE + "\n"
    count = 0
    head = GENESIS_HASH
    batch: list[str] = []
    for entry in entries:
        batch.append(entry.to_json_line())
        head = entry.hash
        count += 1
        if len(batch) == _WRITE_BATCH:
            batch.append("")
            yield "\n".join(batch)
            batch.clear()
    if batch:
        batch.append("")
        yield "\n".join(batch)
    yield end_line(count, head) + "\n"


def _binary_writer(out: IO[bytes]) -> Callable[[str], object]:
    return lambda text: out.write(text.encode("utf-8"))


def _write(entries: Iterable[Entry], write: Callable[[str], object]) -> ChainReport:
    tally = {"count": 0}
    head = [GENESIS_HASH]

    def counted() -> Iterator[Entry]:
        for entry in entries:
            tally["count"] += 1
            head[0] = entry.hash
            yield entry

    for piece in export_chunks(counted()):
        write(piece)
    return ChainReport(count=tally["count"], head=head[0])


def read_jsonl(path_or_file: PathOrFile) -> Iterator[Entry]:
    """Read an export lazily, yielding each entry in file order.

    This parses and type-checks; it does not check hashes or links (pass the result to
    :func:`verify_chain`, or use :func:`verify_file`, which also insists on the exact
    bytes).  Raises :class:`UnreadableRecord` if the header is missing or names another
    format, and :class:`MalformedEntry` (with ``line``) for a line that is not an entry, a
    missing end line (a file cut short) or an end line that disagrees with the entries.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "rb") as source:
            yield from _read(source)
    else:
        yield from _read(path_or_file)


def _read(lines: Iterable[str | bytes]) -> Iterator[Entry]:
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None:
        raise UnreadableRecord(f"this is not a {FORMAT} export: it is empty")
    check_header(first)
    count = 0
    head = GENESIS_HASH
    number = 1
    for line in iterator:
        number += 1
        try:
            fields = parse_json_object(line)
            if fields.get("kind") == "end":
                problem = check_end(line, count, head)
                if problem is not None:
                    raise MalformedEntry(problem)
                if next(iterator, None) is not None:
                    raise MalformedEntry("the file goes on after its end line", line=number + 1)
                return
            entry = Entry.from_dict(fields)
        except MalformedEntry as error:
            raise MalformedEntry(error.reason, line=error.line or number) from None
        count += 1
        head = entry.hash
        yield entry
    raise MalformedEntry(
        f"the file ends after {count} entries without its end line: it may have been cut short",
        line=number + 1,
    )
