"""Reading any supported ballot file by its extension.

The CSV and JSON readers are imported when a file of theirs is read, so that counting a BLT
file (the common case, and the one `newcourse count` is timed on) loads neither `csv` nor
`json`; and the BLT reader when a BLT file is read, so that counting a participatory budget
(`.pb`, read by `_pabulib`) does not load the ranked ballots' model.
"""

from __future__ import annotations

import os

from ._errors import BallotFileError

TYPE_CHECKING = False  # not `typing`'s: importing typing is start-up time a count does not need
if TYPE_CHECKING:
    from typing import Literal

    from ._model import Election

    Format = Literal["blt", "csv", "json", "pb"]

FORMATS: tuple[str, ...] = ("blt", "csv", "json", "pb")

MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest ballot file read (256 MB): ten million papers in BLT. The ballots a count holds
in memory are bounded by this size, since equal rankings are grouped as they are read."""


def guess_format(path: str | os.PathLike[str]) -> Format:
    """`csv`, `json` or `pb` (a participatory budget) by the file's extension, otherwise `blt`."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext == ".csv":
        return "csv"
    if ext == ".json":
        return "json"
    if ext == ".pb":
        return "pb"
    return "blt"


def check_size(path: str | os.PathLike[str]) -> None:
    """Refuse a file that is missing or over MAX_FILE_BYTES, before reading any of it."""
    try:
        size = os.stat(path).st_size
    except OSError as e:
        raise BallotFileError(e.strerror or str(e), path=os.fspath(path)) from None
    if size > MAX_FILE_BYTES:
        raise BallotFileError(
            f"the file is over {MAX_FILE_BYTES // 2**20} MB, the most a count reads",
            path=os.fspath(path),
        )


def read_ballots(path: str | os.PathLike[str], format: str | None = None) -> Election:
    """Read a ballot file; the format is guessed from the extension unless given."""
    fmt = format or guess_format(path)
    check_size(path)
    if fmt == "blt":
        from ._blt import read_blt  # noqa: PLC0415 - see the module's docstring

        return read_blt(path)
    if fmt == "csv":
        from ._csv import read_csv  # noqa: PLC0415 - see the module's docstring

        return read_csv(path)
    if fmt == "json":
        from ._jsonfile import read_json  # noqa: PLC0415 - see the module's docstring

        return read_json(path)
    if fmt == "pb":
        raise BallotFileError(
            "a participatory budget holds projects, not candidates: read it with read_pabulib "
            "and count it with count_budget",
            path=os.fspath(path),
        )
    raise BallotFileError(
        f"unknown ballot format {fmt!r} (expected blt, csv or json)", path=os.fspath(path)
    )
