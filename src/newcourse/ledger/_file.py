"""Verifying an export file byte for byte, fast enough for millions of entries.

Each entry line is checked in full: the SHA-256 of its own bytes (minus the hash suffix)
must be its stated hash, those bytes must be exactly the canonical encoding of what they
parse to, the fields must be well typed, and the numbering and links must follow.  Hashing
the line's bytes and comparing them with one canonical re-encoding is what keeps this a full
check while costing one parse, one encode and one hash per line.

Large files are cut into line-aligned chunks checked by worker processes, each taking the
numbering and link of its first line on trust; the parent then checks that the chunks join
up.  When a chunk fails, or does not join, the parent re-checks it alone from the known
state, so the error reported is exactly the one a single pass would have reported.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from datetime import datetime
from typing import BinaryIO, NamedTuple

from newcourse.ledger._chain import (
    HASH_PROBLEM,
    ChainReport,
    KeptHead,
    Progress,
    check_head_argument,
    head_problem,
    holds_kept_head,
    kept_head_missing,
    prev_problem,
    seq_problem,
)
from newcourse.ledger._encoding import (
    ACTION_SHAPE,
    CANONICAL_ENCODER,
    FORMAT,
    GENESIS_HASH,
    HEX64,
    RECORDED_AT_SHAPE,
    STRICT_DECODER,
    parse_json_object,
)
from newcourse.ledger._entry import Entry
from newcourse.ledger._errors import ChainBroken, LedgerError, MalformedEntry
from newcourse.ledger._jsonl import END_PREFIX, HEADER_LINE, check_end, check_header, end_line

_HASH_MARK = b',"hash":"'
_SUFFIX = len(_HASH_MARK) + 64 + 2  # ,"hash":"<64 hex>"}
_MIN_LINE = _SUFFIX + 2
_END_PREFIX = END_PREFIX.encode()
_HEADER = HEADER_LINE.encode()
_HEADER_HINT = f"it must be exactly {HEADER_LINE}"
_ENTRY_KEYS = frozenset(("format", *Entry.__dataclass_fields__.keys())) - {"hash"}
_PARALLEL_FROM_BYTES = 32 << 20
_MIN_PIECE = 4 << 20
_MAX_PIECE = 64 << 20
_PROGRESS_EVERY = 16384


class _Span(NamedTuple):
    """What checking a run of consecutive lines established."""

    lines: int
    first_seq: int
    first_prev: str
    last_hash: str


def verify_file(
    path: str | os.PathLike[str],
    *,
    head: str | None = None,
    kept: KeptHead | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ChainReport:
    """Verify an export file byte for byte and return its count and head hash.

    Beyond :func:`verify_chain`'s checks, every line must be exactly as the exporter wrote
    it (so changing any byte fails), the first line must be the header and the last the end
    line, whose count and head must agree with the entries.  If ``head`` is given the last
    entry's hash must equal it: a consistent export with entries removed from the end (and
    its end line rewritten) is only caught that way.  If ``kept`` is given, the record must
    hold that head (as in :func:`verify_chain`).  ``progress(bytes_checked,
    file_size)`` is called now and then.  ``workers`` caps the processes used for large
    files (default: the CPUs available; 1 checks in this process).

    Raises :class:`ChainBroken` at the first problem, :class:`UnreadableRecord` if the file
    is not an export of this format, ``OSError`` if it cannot be read, and ``ValueError``
    if ``head`` is not a hex SHA-256.
    """
    head = check_head_argument(head)
    path = os.fspath(path)
    with open(path, "rb") as source:
        size = os.fstat(source.fileno()).st_size
        first = source.readline(1 << 16)  # the header is short; a binary blob is not
        last_start, last = _last_line(source, size)
    check_header(first.rstrip(b"\n"))
    if first.rstrip(b"\n") != _HEADER:
        raise ChainBroken(1, 1, f"the header line is not in its exact form: {_HEADER_HINT}")
    region_start = len(first)
    if last_start >= region_start and last.startswith(_END_PREFIX):
        region_end, end = last_start, last
    else:
        region_end, end = size, None
    count, lines, prev = _verify_region_maybe_parallel(
        path, region_start, region_end, size, progress, workers
    )
    end_lineno = 1 + lines + 1
    if end is None:
        raise ChainBroken(
            count + 1,
            end_lineno,
            f"the file ends after entry {count} without its end line: it may have been cut short",
        )
    problem = check_end(end, count, prev)
    if problem is None and end.rstrip(b"\n") != end_line(count, prev).encode():
        problem = "the end line of the file is not in its exact form"
    if problem is not None:
        raise ChainBroken(count + 1, end_lineno, problem)
    if progress is not None:
        progress(size, size)
    if head is not None and head != prev:
        raise head_problem(count, prev, head)
    if kept is not None and not _file_holds(path, kept, region_start):
        raise kept_head_missing(kept, count)
    return ChainReport(count=count, head=prev)


def _file_holds(path: str, kept: KeptHead, start: int) -> bool:
    """True if the (already verified) file has the kept head as one of its entries.

    Every entry line of a verified file ends in its own true hash and lines are numbered
    from 1, so the line's number and suffix are all that need reading.
    """
    if holds_kept_head(kept, 0, GENESIS_HASH):
        return True
    suffix = _HASH_MARK + kept.hash.encode() + b'"}'
    with open(path, "rb") as source:
        source.seek(start)
        for seq, raw in enumerate(source, start=1):
            if raw.rstrip(b"\n").endswith(suffix) and kept.seq in (None, seq):
                return True
            if kept.seq is not None and seq >= kept.seq:
                return False
    return False


def _last_line(source: BinaryIO, size: int) -> tuple[int, bytes]:
    """Return where the file's last line starts, and that line, if it is a short one.

    A last line longer than the tail read is an entry, not an end line, so it is reported
    as starting at ``size`` with no bytes: the caller then treats the whole rest as entries.
    """
    tail_size = min(size, 4096)
    source.seek(size - tail_size)
    tail = source.read(tail_size)
    body = tail[:-1] if tail.endswith(b"\n") else tail
    cut = body.rfind(b"\n")
    if cut == -1:
        return (0, tail) if tail_size == size else (size, b"")
    return size - tail_size + cut + 1, tail[cut + 1 :]


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _verify_region_maybe_parallel(
    path: str,
    start: int,
    end: int,
    size: int,
    progress: Progress | None,
    workers: int | None,
) -> tuple[int, int, str]:
    """Check the entry lines in ``[start, end)``; return (entries, lines, last hash)."""
    processes = _available_cpus() if workers is None else max(1, workers)
    if multiprocessing.current_process().daemon:
        processes = 1  # a daemonic process (a task worker, say) may not start children
    if processes == 1 or end - start < _PARALLEL_FROM_BYTES:
        span = _verify_region(path, start, end, 1, 1, GENESIS_HASH, progress, size)
        return span.lines, span.lines, span.last_hash if span.lines else GENESIS_HASH
    jobs = _chunks(path, start, end, processes)
    expected, prev, lineno = 1, GENESIS_HASH, 1
    # spawn, not fork: the caller may be a Django process with open database connections
    # and threads, none of which a worker needs or should inherit.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        for job, found in zip(jobs, pool.imap(_verify_chunk, jobs), strict=True):
            if found is None or found.first_seq != expected or found.first_prev != prev:
                # Re-check alone from the known state: raises exactly the single-pass error.
                found = _verify_region(path, job[1], job[2], lineno, expected, prev, None, 0)
            expected += found.lines
            lineno += found.lines
            prev = found.last_hash
            if progress is not None:
                progress(job[2], size)
    return expected - 1, lineno - 1, prev


def _chunks(path: str, start: int, end: int, processes: int) -> list[tuple[str, int, int]]:
    """Cut ``[start, end)`` into line-aligned pieces, several per process to share work."""
    piece = max(_MIN_PIECE, min(_MAX_PIECE, (end - start) // (processes * 8) + 1))
    bounds = [start]
    with open(path, "rb") as source:
        at = start + piece
        while at < end:
            source.seek(at - 1)
            source.readline()  # the rest of the line holding byte at-1; next starts >= at
            aligned = source.tell()
            if aligned >= end:
                break
            bounds.append(aligned)
            at = aligned + piece
    bounds.append(end)
    return [(path, bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _verify_chunk(job: tuple[str, int, int]) -> _Span | None:
    """Worker: check one chunk taking its first line's number and link on trust."""
    path, start, end = job
    try:
        return _verify_region(path, start, end, 0, None, None, None, 0)
    except (LedgerError, OSError):
        return None


def _verify_region(
    path: str,
    start: int,
    end: int,
    lineno: int,
    expected: int | None,
    prev: str | None,
    progress: Progress | None,
    total: int,
) -> _Span:
    """Check every line in ``[start, end)``; ``lineno`` is the line number before ``start``.

    With ``expected`` and ``prev`` None the first line's number and link are adopted
    rather than checked (a worker's chunk); its other checks still apply.
    """
    sha256 = hashlib.sha256
    decode = STRICT_DECODER.decode
    encode = CANONICAL_ENCODER.encode
    lines = 0
    first_seq = expected
    first_prev = prev
    last_hash = prev if prev is not None else GENESIS_HASH
    position = start
    with open(path, "rb") as source:
        source.seek(start)
        for raw in source:
            if position >= end:
                break
            position += len(raw)
            lineno += 1
            seq_here = expected if expected is not None else 0
            if raw.endswith(b"\n"):
                raw = raw[:-1]
            if (
                len(raw) < _MIN_LINE
                or raw[-_SUFFIX : -_SUFFIX + len(_HASH_MARK)] != _HASH_MARK
                or not raw.endswith(b'"}')
            ):
                raise ChainBroken(seq_here, lineno, _shape_problem(raw))
            hashed = raw[:-_SUFFIX] + b"}"
            try:
                text = hashed.decode("utf-8")
                fields = decode(text)
            except (ValueError, RecursionError):
                raise ChainBroken(seq_here, lineno, _shape_problem(raw)) from None
            if sha256(hashed).hexdigest().encode() != raw[-66:-2]:
                raise ChainBroken(seq_here, lineno, HASH_PROBLEM)
            if type(fields) is not dict or encode(fields) != text:
                raise ChainBroken(seq_here, lineno, "it is not in canonical form")
            if not _well_formed(fields):
                raise ChainBroken(seq_here, lineno, _field_problem(fields))
            seq = fields["seq"]
            if expected is None:
                expected = first_seq = seq
                prev = first_prev = fields["prev_hash"]
            if seq != expected:
                raise ChainBroken(expected, lineno, seq_problem(expected, seq))
            if fields["prev_hash"] != prev:
                raise ChainBroken(expected, lineno, prev_problem(expected))
            prev = last_hash = raw[-66:-2].decode("ascii")
            expected += 1
            lines += 1
            if progress is not None and lines % _PROGRESS_EVERY == 0:
                progress(position, total)
    return _Span(lines, first_seq or 0, first_prev or GENESIS_HASH, last_hash)


def _well_formed(fields: dict[str, object]) -> bool:
    """The checks of :class:`Entry` minus the payload walk (the parser allowed no floats)."""
    seq = fields.keys() == _ENTRY_KEYS and fields["seq"]
    recorded_at = fields.get("recorded_at")
    action = fields.get("action")
    body = fields.get("body")
    prev_hash = fields.get("prev_hash")
    if not (
        type(seq) is int
        and seq >= 1
        and fields["format"] == FORMAT
        and type(recorded_at) is str
        and RECORDED_AT_SHAPE.fullmatch(recorded_at) is not None
        and type(fields["actor"]) is str
        and fields["actor"] != ""
        and type(fields["subject"]) is str
        and fields["subject"] != ""
        and type(action) is str
        and ACTION_SHAPE.fullmatch(action) is not None
        and (body is None or (type(body) is str and body != ""))
        and type(fields["payload"]) is dict
        and type(prev_hash) is str
        and HEX64.fullmatch(prev_hash) is not None
    ):
        return False
    try:
        datetime.fromisoformat(recorded_at[:-1])
    except ValueError:
        return False
    return True


def _field_problem(fields: dict[str, object]) -> str:
    """Name what :class:`Entry` finds wrong with fields the fast check refused."""
    if "format" not in fields:
        return "its field 'format' is missing"
    try:
        Entry.from_dict({**fields, "hash": GENESIS_HASH})
    except MalformedEntry as error:
        return error.reason
    return "its fields are not well formed"


def _shape_problem(raw: bytes) -> str:
    """Say why a line is not an entry line at all, as helpfully as the bytes allow."""
    if not raw:
        return "the line is empty"
    if raw.endswith(b"\r"):
        return (
            "the line ends with a carriage return (was the file converted to Windows line endings?)"
        )
    if raw.startswith(_END_PREFIX):
        return "an end line appears before the end of the file"
    if raw == _HEADER:
        return "a second header line appears"
    try:
        parse_json_object(raw)
    except MalformedEntry as error:
        return f"{error.reason} (the line is damaged or cut short)"
    return "its hash is not the last field of the line, where the format puts it"
