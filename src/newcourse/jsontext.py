"""What `json.loads` lets through and later breaks a reader far from the cause, found in one
walk over a parsed document: nesting deeper than a reader expects, and strings that are not
text (a lone surrogate, `"\\ud800"`, which no file, terminal or database can hold; and, where
a database must store the string, a NUL character).

Pure Python, below every library and app: the crypto library's file readers and the API's
request bodies ask the same question, with their own limits and their own words.
"""

from __future__ import annotations

from typing import Any, Literal

Fault = Literal["nested", "surrogate", "nul"]


def text_fault(document: Any, *, max_depth: int, refuse_nul: bool = False) -> Fault | None:
    """The first fault met in `document` (a value from `json.loads`), or None. Iterative, so
    the walk itself never meets the recursion limit."""
    pending: list[tuple[Any, int]] = [(document, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > max_depth:
            return "nested"
        if isinstance(value, dict):
            pending.extend((key, depth + 1) for key in value)
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            if refuse_nul and "\x00" in value:
                return "nul"
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "surrogate"
    return None
