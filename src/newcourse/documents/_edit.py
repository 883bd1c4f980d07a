"""Editing a document's source in place: changing the text of a tagged run.

A rule change that only changes a number must leave every other byte of the document as it
was, so the diff a conference votes on shows that number and nothing else.
"""

from __future__ import annotations

import re

from ._errors import DocumentError
from ._parse import parse_document, scan_line

FORBIDDEN_IN_TEXT = re.compile(r"[\[\]{}\r\n]")


def replace_tag_text(source: str, tag: str, new_text: str) -> str:
    """The source with the text of every ``{tag = ...}`` run replaced by ``new_text``.

    The run's ``[extra]``, the spaces around its text and everything outside it are kept
    byte for byte. Raises DocumentError if the source is not a valid document, if
    ``new_text`` could not stand as a tagged run's text, or if no run has that tag.
    """
    stripped = new_text.strip()
    if not stripped or FORBIDDEN_IN_TEXT.search(stripped):
        raise DocumentError(
            None,
            f"{new_text!r} cannot be a tagged run's text: it must be one line without [ ] {{ }}",
        )
    parse_document(source)
    pieces = source.split("\n")
    found = False
    for index, piece in enumerate(pieces):
        line = piece.removesuffix("\r")
        if "{" not in line:
            continue
        out: list[str] = []
        position = 0
        for _start, _end, item in scan_line(line, index + 1):
            if isinstance(item, str) or item.group("tag") != tag:
                continue
            start, end = item.span("text")
            out.append(line[position:start])
            out.append(stripped)
            position = end
            found = True
        if out:
            pieces[index] = "".join(out) + piece[position:]
    if not found:
        raise DocumentError(None, f"the document has no tagged run {{{tag} = ...}}")
    return "\n".join(pieces)
