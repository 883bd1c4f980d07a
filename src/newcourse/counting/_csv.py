"""Rankings as CSV: one ballot, or one weighted ballot pattern, per row.

    # seats: 2                       optional directives before the header, one per line
    # title: Committee 2025
    # candidate: Ann Apple           (one per candidate, in ballot-paper order; optional)
    # withdrawn: Dan Damson
    weight,rank1,rank2,rank3         header: `weight` (or `count`), then one column per rank
    12,Ann Apple,Bob Banana,
    3,Bob Banana=Cat Cherry,Ann Apple,
    1,overvote,Ann Apple,undervote

Cells: a candidate's name; empty, `undervote` or `skipped` for a rank left blank; `overvote`
for a rank with more than one mark whose names are not known; `A=B` for an equal ranking of
named candidates. A candidate ranked again further down is ignored there.

Candidates not declared by `# candidate:` lines are added in alphabetical order, so the
numbering never depends on the order of the rows. Seats default to 1.

Reading options (keyword arguments of `read_csv`) for cast-vote records from other systems:
`overvote="exhaust"` (default: the paper stops at an `overvote` rank) or `"skip"` (the rank is
passed over); `max_skipped=N` exhausts a paper at the point where more than N consecutive blank
ranks are followed by a later preference (default: blank ranks are simply passed over).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any, Literal

from ._errors import BallotFileError
from ._model import Ballot, Election

BLANKS = frozenset({"", "undervote", "skipped"})
OVERVOTE = "overvote"


def _lines(source: str | os.PathLike[str] | IO[Any], path: str) -> Iterator[str]:
    if isinstance(source, str | os.PathLike):
        try:
            f = open(source, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
        except OSError as e:
            raise BallotFileError(e.strerror or str(e), path=path) from None
        with f:
            try:
                yield from f
            except UnicodeDecodeError:
                raise BallotFileError("not UTF-8 text", path=path) from None
        return
    for line in source:
        yield line.decode("utf-8") if isinstance(line, bytes) else line


def read_csv(
    source: str | os.PathLike[str] | IO[Any],
    *,
    seats: int | None = None,
    overvote: Literal["exhaust", "skip"] = "exhaust",
    max_skipped: int | None = None,
) -> Election:
    """Read a CSV of rankings (a path or an open stream); see the module text for the format."""
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
    else:
        path = getattr(source, "name", None) or "<stream>"
        if not isinstance(path, str):
            path = "<stream>"
    if overvote not in ("exhaust", "skip"):
        raise ValueError("overvote must be 'exhaust' or 'skip'")
    declared: list[str] = []
    withdrawn_names: list[str] = []
    title = ""
    file_seats: int | None = None
    lineno = 0
    lines = _lines(source, path)

    def numbered() -> Iterable[str]:
        nonlocal lineno
        for line in lines:
            lineno += 1
            yield line

    it = iter(numbered())
    header: list[str] | None = None
    pending_row: str | None = None
    for line in it:
        s = line.strip()
        if not s:
            continue
        if s.startswith("#"):
            key, sep, val = s[1:].partition(":")
            key = key.strip().lower()
            val = val.strip()
            if not sep:
                continue  # a plain comment
            if key == "seats":
                if not val.isdigit() or int(val) < 1:
                    raise BallotFileError(
                        f"bad seats {val!r}: expected a positive whole number",
                        path=path,
                        line=lineno,
                    )
                file_seats = int(val)
            elif key == "title":
                title = val
            elif key == "candidate":
                if val in declared:
                    raise BallotFileError(
                        f"candidate {val!r} declared twice", path=path, line=lineno
                    )
                declared.append(val)
            elif key == "withdrawn":
                withdrawn_names.append(val)
            continue
        pending_row = line
        break
    if pending_row is None:
        raise BallotFileError("empty file: no header row", path=path, line=max(lineno, 1))
    header_line = lineno
    header = next(csv.reader([pending_row]))
    if not header or header[0].strip().lower() not in ("weight", "count"):
        raise BallotFileError(
            "bad header: the first column must be 'weight' (or 'count')",
            path=path,
            line=header_line,
        )
    index: dict[str, int] = {name: i for i, name in enumerate(declared)}
    extra: list[str] = []
    raw: dict[tuple[tuple[str, ...], ...], int] = {}
    row_line = header_line

    def rows() -> Iterator[list[str]]:
        nonlocal row_line
        for line in it:
            row_line = lineno
            if not line.strip():
                continue
            yield next(csv.reader([line]))

    for row in rows():
        weight_text = row[0].strip()
        if not weight_text.isdigit() or int(weight_text) <= 0:
            raise BallotFileError(
                f"ballot weight {weight_text!r} is not a positive whole number",
                path=path,
                line=row_line,
            )
        ranking: list[tuple[str, ...]] = []
        seen: set[str] = set()
        blanks = 0
        for cell in row[1:]:
            cell = cell.strip()
            low = cell.lower()
            if low in BLANKS:
                blanks += 1
                continue
            if max_skipped is not None and blanks > max_skipped:
                break  # too many blank ranks in a row: the paper stops there
            blanks = 0
            if low == OVERVOTE:
                if overvote == "exhaust":
                    break
                continue
            group = []
            for part in cell.split("="):
                name = part.strip()
                if not name:
                    raise BallotFileError(f"bad equal ranking {cell!r}", path=path, line=row_line)
                if name not in seen:
                    seen.add(name)
                    group.append(name)
                    if name not in index and name not in extra:
                        if declared:
                            raise BallotFileError(
                                f"{name!r} is not a declared candidate", path=path, line=row_line
                            )
                        extra.append(name)
            if group:
                ranking.append(tuple(group))
        pattern = tuple(ranking)
        raw[pattern] = raw.get(pattern, 0) + int(weight_text)
    if not raw:
        raise BallotFileError("the election is empty: no ballots", path=path, line=row_line)
    for name in sorted(extra, key=lambda s: (s.casefold(), s)):
        index[name] = len(index)
    names = tuple(index)
    for w in withdrawn_names:
        if w not in index:
            raise BallotFileError(f"withdrawn {w!r} is not a candidate", path=path)
    n_seats = seats if seats is not None else (file_seats or 1)
    standing = len(names) - len(set(withdrawn_names))
    if n_seats > standing:
        raise BallotFileError(
            f"more seats ({n_seats}) than standing candidates ({standing})", path=path
        )
    ballots = tuple(Ballot(tuple(tuple(index[x] for x in g) for g in r), w) for r, w in raw.items())
    return Election(names, n_seats, ballots, frozenset(index[w] for w in withdrawn_names), title)


def csv_text(election: Election) -> str:
    """The election as CSV text (the format `read_csv` reads)."""
    out = io.StringIO()
    _write(election, out)
    return out.getvalue()


def _write(election: Election, out: IO[str]) -> None:
    names = election.candidates
    for name in names:
        if "=" in name or "\n" in name:
            raise BallotFileError(f"candidate name {name!r} cannot be written as CSV")
    out.write(f"# seats: {election.seats}\n")
    if election.title:
        out.write(f"# title: {election.title}\n")
    for name in names:
        out.write(f"# candidate: {name}\n")
    for c in sorted(election.withdrawn):
        out.write(f"# withdrawn: {names[c]}\n")
    depth = max((len(b.ranking) for b in election.ballots), default=0)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["weight", *(f"rank{k + 1}" for k in range(depth))])
    for b in election.ballots:
        cells = ["=".join(names[c] for c in g) for g in b.ranking]
        w.writerow([b.weight, *cells, *([""] * (depth - len(cells)))])


def write_csv(election: Election, path: str | os.PathLike[str] | IO[str]) -> None:
    """Write `election` as a CSV of rankings (a path, or an open text stream)."""
    if isinstance(path, str | os.PathLike):
        with open(path, "w", encoding="utf-8", newline="") as f:
            _write(election, f)
    else:
        _write(election, path)
