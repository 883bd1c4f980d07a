"""Two changes to the same version of a document, made one after the other.

Conference carries several rule changes, each written against the rulebook as it stood when it
was proposed. Adopting them one after another must keep every change carried: each is applied
to the text as the earlier ones left it, as long as they touch different lines of the version
they both amend. Where two touch the same lines, no rule decides which wins: the second is
refused, naming the lines, for its proposers to put again.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ._errors import DocumentError


def text_ended(text: str) -> str:
    """The text with each line's trailing spaces and its trailing blank lines trimmed, ending in
    one newline: a text stored trimmed (a motion's) and one stored as written (a version's) are
    never told apart, nor their changes found to clash, by their ends. Merge texts in this form.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


@dataclass(frozen=True)
class _Edit:
    start: int  # first line of the base replaced (0-based); an insertion replaces none
    end: int
    lines: tuple[str, ...]


def _edits(base: list[str], changed: list[str]) -> list[_Edit]:
    matcher = difflib.SequenceMatcher(None, base, changed, autojunk=False)
    return [
        _Edit(i1, i2, tuple(changed[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def _clash(a: _Edit, b: _Edit) -> bool:
    """Whether two edits of the base touch the same lines (or insert at the same place)."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def merge_texts(base: str, ours: str, theirs: str) -> str:
    """``theirs`` (a change written against ``base``) applied to ``ours`` (``base`` as changed
    since), by source lines. Raises `DocumentError` naming the first line of ``base`` that both
    change."""
    base_lines = base.splitlines(keepends=True)
    our_edits = _edits(base_lines, ours.splitlines(keepends=True))
    their_edits = _edits(base_lines, theirs.splitlines(keepends=True))
    for mine in our_edits:
        for other in their_edits:
            if _clash(mine, other):
                first = min(max(mine.start, other.start), len(base_lines) - 1) + 1
                raise DocumentError(
                    first,
                    "changed by both: a change adopted since changes the same lines",
                )
    merged = list(base_lines)
    for edit in sorted(our_edits + their_edits, key=lambda edit: edit.start, reverse=True):
        merged[edit.start : edit.end] = edit.lines
    return "".join(merged)
