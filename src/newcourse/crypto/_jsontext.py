"""Reading JSON that someone else wrote: the record's files, the tellers' files.

`json.loads` alone lets through what later breaks a reader far from the cause: nesting deep
enough to raise RecursionError, bytes that are not UTF-8 (it decodes them with
`surrogatepass`), lone surrogates written as `\\ud800` (which no terminal or file can print
back), and files of any size. Every file this library reads from outside goes through here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from newcourse.jsontext import text_fault

MAX_FILE_BYTES: Final = 200 * 1024 * 1024
"""The largest JSON file read (200 MB): a board of several hundred thousand ballots."""

MAX_DEPTH: Final = 64
"""No format of this library nests deeper than a handful of levels."""


class NotJsonText(ValueError):
    """What is wrong with the bytes, in words; callers wrap it in their own error."""


def json_from_bytes(data: bytes) -> Any:
    """Parse UTF-8 JSON text, refusing nesting past MAX_DEPTH and lone surrogates."""
    if len(data) > MAX_FILE_BYTES:
        raise NotJsonText(f"over {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotJsonText(f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    try:
        document = json.loads(text)
    except RecursionError:
        raise NotJsonText("JSON nested too deeply") from None
    except json.JSONDecodeError as error:
        raise NotJsonText(f"not valid JSON ({error})") from None
    _check_text(document)
    return document


def read_json_file(path: Path) -> Any:
    """`json_from_bytes` of the file at `path`, refused before reading if over the limit.
    OSError passes through, for the caller to name."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise NotJsonText(f"over {MAX_FILE_BYTES // 2**20} MB")
    return json_from_bytes(path.read_bytes())


def _check_text(document: Any) -> None:
    fault = text_fault(document, max_depth=MAX_DEPTH)
    if fault == "nested":
        raise NotJsonText("JSON nested too deeply")
    if fault is not None:
        raise NotJsonText("a string holds a lone surrogate")
