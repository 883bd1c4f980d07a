"""Reading any supported ballot file by its extension."""

from __future__ import annotations

import os
from typing import Literal

from ._blt import read_blt
from ._csv import read_csv
from ._errors import BallotFileError
from ._jsonfile import read_json
from ._model import Election

Format = Literal["blt", "csv", "json"]
FORMATS: tuple[str, ...] = ("blt", "csv", "json")


def guess_format(path: str | os.PathLike[str]) -> Format:
    """`csv` or `json` by the file's extension, otherwise `blt`."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext == ".csv":
        return "csv"
    if ext == ".json":
        return "json"
    return "blt"


def read_ballots(path: str | os.PathLike[str], format: str | None = None) -> Election:
    """Read a ballot file; the format is guessed from the extension unless given."""
    fmt = format or guess_format(path)
    if fmt == "blt":
        return read_blt(path)
    if fmt == "csv":
        return read_csv(path)
    if fmt == "json":
        return read_json(path)
    raise BallotFileError(
        f"unknown ballot format {fmt!r} (expected blt, csv or json)", path=os.fspath(path)
    )
