"""The one exception of ``newcourse.documents``.

A document is written by people, so every refusal names the source line it is about (when
there is one) and says in plain English what is wrong, e.g. "line 14: '{' does not start a
tagged run ...".
"""

from __future__ import annotations


class DocumentError(ValueError):
    """A document's source cannot be read, or an edit of it cannot be made.

    ``line`` is the 1-based line of the source the problem is on, or ``None`` when it is about
    the whole document; ``reason`` is a plain-English phrase.
    """

    def __init__(self, line: int | None, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(reason if line is None else f"line {line}: {reason}")
