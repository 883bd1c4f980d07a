"""The BLT ballot format (OpenSTV, OpaVote, the Scottish councils' preference profiles).

    4 2                 candidates, seats
    -3                  optional: withdrawn candidates as negative numbers
    12 1 2 4 0          weight, then candidate numbers in order of preference, then 0
    3 2=4 1 0           `=` joins candidates ranked equal; `-` is a skipped rank
    0                   end of the ballots
    "Ann Apple"         one name per candidate (quoted or not)
    "Bob Banana"
    "Cat Cherry"
    "Dan Damson"
    "The election"      title

Reading works on the file's bytes in bulk: the end of the ballots is found by searching the
bytes for the line holding only 0, the ballot lines are split a slice at a time and identical
lines counted by their raw bytes (in C, via `collections.Counter`), and each distinct line is
parsed once, most of them by one table look-up a rank. So a million papers with a few
thousand distinct rankings parse in a fraction of a second. Any irregularity drops to a
line-by-line reader that reports the exact line of a problem.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from typing import IO, Any

from ._errors import BallotFileError
from ._model import Ballot, Election, Ranking

_CHUNK = 1 << 22
_BOM = b"\xef\xbb\xbf"  # a UTF-8 byte-order mark, as some spreadsheets write

PathOrStream = str | os.PathLike[str] | IO[Any]


class _Fallback(Exception):
    """The fast path met something unusual: reparse line by line."""


def _source_name(source: PathOrStream) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def read_blt(source: PathOrStream) -> Election:
    """Read a BLT file (a path, or an open text or binary stream)."""
    path = _source_name(source)
    data = _read_all(source)
    try:
        return _fast(path, data)
    except (_Fallback, BallotFileError):
        pass  # the line-by-line reader finds (and places) any problem
    return _slow(path, data)


def _read_all(source: PathOrStream) -> bytes:
    """The file's bytes (a text stream is encoded as UTF-8)."""
    if isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as f:
                return f.read()
        except OSError as e:
            raise BallotFileError(e.strerror or str(e), path=os.fspath(source)) from None
    data = source.read()
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


# --------------------------------------------------------------------------- fast path


def _fast(path: str, data: bytes) -> Election:
    """Read a regular file in bulk; `_Fallback` on anything the slow path must look at."""
    head, start = _head_lines(data)
    end = _terminator(data, start)
    counts: Counter[bytes] = Counter()
    # Ballot lines are counted by their raw bytes a slice at a time, so the list of lines in
    # memory at once stays small whatever the size of the file.
    while start < end:
        stop = end if end - start <= _CHUNK else data.index(b"\n", start + _CHUNK) + 1
        counts.update(data[start : stop - 1].split(b"\n"))
        start = stop
    tail = data[end:].split(b"\n")[1:]  # the lines after the terminating 0
    try:
        head[0] = head[0].removeprefix(_BOM)
        text_head = [h.decode("utf-8") for h in head]
        text_tail = [t.decode("utf-8") for t in tail]
    except UnicodeDecodeError:
        raise _Fallback from None
    ncand, seats = _parse_header(path, text_head[0], 1)
    withdrawn = (
        _parse_withdrawn(path, text_head[1], 2, ncand) if len(text_head) > 1 else frozenset()
    )
    grouped = _group_rankings(counts, ncand)
    names, title = _parse_names(path, text_tail, ncand, None)
    return _finish(path, names, seats, grouped, withdrawn, title, None)


def _head_lines(data: bytes) -> tuple[list[bytes], int]:
    """The header line and any withdrawn line, and where the ballots start."""
    first = data.find(b"\n")
    if first < 0 or not data[:first].strip():
        raise _Fallback  # no ballots, or leading blank lines: the slow path places them
    head = [data[:first]]
    start = first + 1
    second = data.find(b"\n", start)
    if second >= 0 and data[start:second].lstrip().startswith(b"-"):
        head.append(data[start:second])
        start = second + 1
    return head, start


def _terminator(data: bytes, start: int) -> int:
    """Where the first line holding only `0` (ended by a newline) begins, at or after `start`."""
    i = data.find(b"\n0", start - 1)
    while i >= 0:
        after = data[i + 2 : i + 4]
        if after[:1] == b"\n" or after == b"\r\n":
            return i + 1
        i = data.find(b"\n0", i + 2)
    raise _Fallback


def _group_rankings(counts: Counter[bytes], ncand: int) -> dict[Ranking, int]:
    """Each distinct ballot line parsed once, its weight times its number of copies.

    Most lines rank single candidates by their plain numbers: those map token by token through
    one table (in C); any other line goes through `_parse_ranking`.
    """
    single = {str(c + 1).encode(): (c,) for c in range(ncand)}
    plain = single.__getitem__
    grouped: dict[Ranking, int] = {}
    for raw, n in counts.items():
        tokens = raw.split()
        if not tokens:
            continue  # blank line
        if tokens[-1] != b"0" or not tokens[0].isdigit():
            raise _Fallback
        weight = int(tokens[0])
        if weight <= 0:
            raise _Fallback
        ranks = tokens[1:-1]
        try:
            ranking: Ranking = tuple(map(plain, ranks))
            if len(set(ranks)) != len(ranks):
                raise KeyError  # a candidate ranked twice
        except KeyError:
            try:
                ranking = _parse_ranking(ranks, ncand)
            except ValueError:
                raise _Fallback from None
        grouped[ranking] = grouped.get(ranking, 0) + weight * n
    return grouped


# --------------------------------------------------------------------------- slow path


def _slow(path: str, data: bytes) -> Election:
    data = data.removeprefix(_BOM)
    raw_lines = data.split(b"\n")
    lines: list[str] = []
    for i, raw in enumerate(raw_lines, 1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise BallotFileError("not UTF-8 text", path=path, line=i) from None
    # Skip leading blank lines.
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        raise BallotFileError("empty file: no header line", path=path, line=1)
    ncand, seats = _parse_header(path, lines[i], i + 1)
    i += 1
    withdrawn: frozenset[int] = frozenset()
    if i < len(lines) and lines[i].lstrip().startswith("-"):
        withdrawn = _parse_withdrawn(path, lines[i], i + 1, ncand)
        i += 1
    grouped: dict[Ranking, int] = {}
    terminated = False
    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        i += 1
        tokens = line.split()
        if not tokens:
            continue
        if tokens == ["0"]:
            terminated = True
            break
        if tokens[0].startswith("(") and tokens[0].endswith(")"):
            tokens = tokens[1:]  # a ballot id, as some writers put before the weight
            if not tokens:
                raise BallotFileError("a ballot id with no ballot", path=path, line=lineno)
        w = _parse_weight(path, tokens[0], lineno)
        if len(tokens) < 2 or tokens[-1] != "0":
            raise BallotFileError(
                "missing terminator: a ballot line must end with 0", path=path, line=lineno
            )
        try:
            ranking = _parse_ranking([t.encode() for t in tokens[1:-1]], ncand)
        except ValueError as e:
            raise BallotFileError(str(e), path=path, line=lineno) from None
        grouped[ranking] = grouped.get(ranking, 0) + w
    if not terminated:
        raise BallotFileError(
            "missing terminator: the ballots must end with a line holding only 0",
            path=path,
            line=max((k + 1 for k, ln in enumerate(lines) if ln.strip()), default=1),
        )
    names, title = _parse_names(path, lines[i:], ncand, i + 1)
    return _finish(path, names, seats, grouped, withdrawn, title, i)


# --------------------------------------------------------------------------- pieces


def _parse_header(path: str, line: str, lineno: int) -> tuple[int, int]:
    tokens = line.split()
    if len(tokens) != 2 or not all(t.isdigit() for t in tokens):
        raise BallotFileError(
            f"bad header {line.strip()!r}: expected two whole numbers, candidates and seats",
            path=path,
            line=lineno,
        )
    ncand, seats = int(tokens[0]), int(tokens[1])
    if ncand < 1:
        raise BallotFileError("bad header: the election has no candidates", path=path, line=lineno)
    if seats < 1:
        raise BallotFileError(
            "bad header: the number of seats must be at least 1", path=path, line=lineno
        )
    if seats > ncand:
        raise BallotFileError(
            f"more seats ({seats}) than candidates ({ncand})", path=path, line=lineno
        )
    return ncand, seats


def _parse_withdrawn(path: str, line: str, lineno: int, ncand: int) -> frozenset[int]:
    out = set()
    for t in line.split():
        try:
            v = int(t)
        except ValueError:
            raise BallotFileError(
                f"bad withdrawn candidate {t!r}: expected a negative candidate number",
                path=path,
                line=lineno,
            ) from None
        if v >= 0 or -v > ncand:
            raise BallotFileError(
                f"withdrawn candidate {t} names no candidate (there are {ncand})",
                path=path,
                line=lineno,
            )
        out.add(-v - 1)
    return frozenset(out)


def _parse_weight(path: str, token: str, lineno: int) -> int:
    if not token.isdigit() or int(token) <= 0:
        raise BallotFileError(
            f"ballot weight {token!r} is not a positive whole number", path=path, line=lineno
        )
    return int(token)


def _parse_ranking(tokens: list[bytes], ncand: int) -> Ranking:
    """Parse rank tokens; raises ValueError with a message for the caller to place."""
    seen: set[int] = set()
    out: list[tuple[int, ...]] = []
    for tok in tokens:
        if tok == b"-":
            continue  # a skipped rank
        group: list[int] = []
        for part in tok.split(b"="):
            if not part.isdigit():
                raise ValueError(
                    f"rank {part.decode('utf-8', 'replace')!r} is not a candidate number"
                )
            c = int(part)
            if not 1 <= c <= ncand:
                raise ValueError(f"rank {c} names no candidate (there are {ncand})")
            c -= 1
            if c not in seen:  # a candidate ranked twice counts at the first mention
                seen.add(c)
                group.append(c)
        if group:
            out.append(tuple(group))
    return tuple(out)


def _unquote_all(line: str) -> list[str] | None:
    """Split a line of double-quoted strings ("" inside doubles a quote); None if not one."""
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        while i < n and line[i].isspace():
            i += 1
        if i >= n:
            break
        if line[i] != '"':
            return None
        i += 1
        buf: list[str] = []
        while True:
            if i >= n:
                return None
            ch = line[i]
            if ch == '"':
                if i + 1 < n and line[i + 1] == '"':
                    buf.append('"')
                    i += 2
                    continue
                i += 1
                break
            buf.append(ch)
            i += 1
        out.append("".join(buf))
    return out


def _name_of(line: str) -> str:
    s = line.strip()
    parts = _unquote_all(s) if s.startswith('"') else None
    if parts is None or not parts:
        return s
    name = parts[0].strip()
    if len(parts) > 1:  # `"Name" "Party"`: keep the party the way the other forms show it
        name = f"{name} ({' '.join(p.strip() for p in parts[1:])})"
    return name


def _parse_names(
    path: str, lines: list[str], ncand: int, first_lineno: int | None
) -> tuple[list[str], str]:
    numbered = [(k, ln.strip()) for k, ln in enumerate(lines) if ln.strip()]
    if len(numbered) in (ncand, ncand + 1):
        names = [_name_of(s) for _, s in numbered[:ncand]]
        title = _name_of(numbered[ncand][1]) if len(numbered) > ncand else ""
    else:
        # Some writers put several quoted names on one line.
        tokens: list[str] = []
        for _, s in numbered:
            parts = _unquote_all(s)
            if parts is None:
                tokens = []
                break
            tokens.extend(parts)
        if len(tokens) not in (ncand, ncand + 1):
            where = None
            if first_lineno is not None:
                where = first_lineno + (numbered[-1][0] if numbered else 0)
            raise BallotFileError(
                f"expected {ncand} candidate names and a title after the ballots, "
                f"found {len(numbered)} line{'' if len(numbered) == 1 else 's'}",
                path=path,
                line=where,
            )
        names = [t.strip() for t in tokens[:ncand]]
        title = tokens[ncand].strip() if len(tokens) > ncand else ""
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise BallotFileError(f"two candidates are both named {dup!r}", path=path)
    return names, title


def _finish(
    path: str,
    names: list[str],
    seats: int,
    grouped: dict[Ranking, int],
    withdrawn: frozenset[int],
    title: str,
    end_lineno: int | None,
) -> Election:
    standing = len(names) - len(withdrawn)
    if seats > standing:
        raise BallotFileError(
            f"more seats ({seats}) than standing candidates ({standing})", path=path, line=1
        )
    ballots = tuple(Ballot(r, w) for r, w in grouped.items())
    if not ballots:
        raise BallotFileError("the election is empty: no ballots", path=path, line=end_lineno)
    return Election(tuple(names), seats, ballots, withdrawn, title)


# --------------------------------------------------------------------------- writing


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def blt_text(election: Election) -> str:
    """The election as BLT text."""
    out = io.StringIO()
    _write(election, out)
    return out.getvalue()


def _write(election: Election, out: IO[str]) -> None:
    out.write(f"{len(election.candidates)} {election.seats}\n")
    if election.withdrawn:
        out.write(" ".join(str(-(c + 1)) for c in sorted(election.withdrawn)) + "\n")
    lines = []
    for b in election.ballots:
        ranks = " ".join("=".join(str(c + 1) for c in g) for g in b.ranking if g)
        lines.append(f"{b.weight} {ranks} 0\n" if ranks else f"{b.weight} 0\n")
    out.write("".join(lines))
    out.write("0\n")
    for name in election.candidates:
        out.write(_quote(name) + "\n")
    out.write(_quote(election.title) + "\n")


def write_blt(election: Election, path: str | os.PathLike[str] | IO[str]) -> None:
    """Write `election` as a BLT file (a path, or an open text stream)."""
    if isinstance(path, str | os.PathLike):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            _write(election, f)
    else:
        _write(election, path)
