"""Comparing two versions of a document line by numbered line.

A rule change or an amendment is read as "line 12 now says ..., it was line 11", so hunks
carry each side's own line numbers as :meth:`Document.lines` gives them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ._model import Document, block_texts


@dataclass(frozen=True)
class Hunk:
    """Lines ``old_lines`` from line ``old_start`` of the old version became ``new_lines``
    from line ``new_start`` of the new one.

    For an insertion ``old_lines`` is empty and ``old_start`` is the old line it comes before
    (one past the last line at the end); likewise ``new_start`` for a deletion.
    """

    old_start: int
    old_lines: tuple[str, ...]
    new_start: int
    new_lines: tuple[str, ...]


def _texts(document: Document, width: int) -> list[str]:
    return [line.text for line in document.lines(width)]


def _starts(blocks: list[tuple[str, ...]]) -> list[int]:
    """The 0-based line each block starts on, and then the number of lines."""
    starts = [0]
    for block in blocks:
        starts.append(starts[-1] + len(block))
    return starts


def diff_documents(old: Document, new: Document, width: int = 80) -> tuple[Hunk, ...]:
    """Every change between two versions, as hunks of numbered lines, in order.

    Blocks are compared first, by the lines they wrap into, then the lines of the blocks that
    differ: an amendment changes a few paragraphs of a long motion, and matching every line
    of both versions, for each of hundreds of amendments, is what a motion's page cannot
    afford.
    """
    a = [block_texts(block, width) for block in old.blocks]
    b = [block_texts(block, width) for block in new.blocks]
    a_starts, b_starts = _starts(a), _starts(b)
    hunks: list[Hunk] = []
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in blocks.get_opcodes():
        if op == "equal":
            continue
        old_lines = [text for block in a[i1:i2] for text in block]
        new_lines = [text for block in b[j1:j2] for text in block]
        lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        hunks.extend(
            Hunk(
                a_starts[i1] + k1 + 1,
                tuple(old_lines[k1:k2]),
                b_starts[j1] + m1 + 1,
                tuple(new_lines[m1:m2]),
            )
            for op, k1, k2, m1, m2 in lines.get_opcodes()
            if op != "equal"
        )
    return tuple(hunks)


def unified_diff(
    old: Document, new: Document, *, old_label: str, new_label: str, width: int = 80
) -> str:
    """A readable diff with both versions' line numbers; "" when nothing changed.

    Each group of changes starts "@@ line N (was line M) @@", N and M being the first changed
    line in the new and the old version, and shows one line of context on
    either side; every line shows its old and new numbers, so nobody has to count.
    """
    a, b = _texts(old, width), _texts(new, width)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    groups = list(matcher.get_grouped_opcodes(1))
    if not groups or all(op == "equal" for group in groups for op, *_ in group):
        return ""
    digits = len(str(max(len(a), len(b), 1)))
    blank = " " * digits
    out = [f"--- {old_label}", f"+++ {new_label}"]
    for group in groups:
        first = next(op for op in group if op[0] != "equal")
        out.append(f"@@ line {first[3] + 1} (was line {first[1] + 1}) @@")
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                for k in range(i2 - i1):
                    out.append(f"  {i1 + k + 1:>{digits}} {j1 + k + 1:>{digits}} | {a[i1 + k]}")
                continue
            for k in range(i1, i2):
                out.append(f"- {k + 1:>{digits}} {blank} | {a[k]}")
            for k in range(j1, j2):
                out.append(f"+ {blank} {k + 1:>{digits}} | {b[k]}")
    return "\n".join(out) + "\n"
