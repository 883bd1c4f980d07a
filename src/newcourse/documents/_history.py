"""Which version last changed each part of a document: a member reading rule 7.1 asks when it
was last changed, and by which decision, before asking what it said before."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ._model import Document


def block_history(versions: Sequence[Document]) -> tuple[int, ...]:
    """For each block of the last of ``versions`` (oldest first), the index of the version
    that last wrote it as it now reads: 0 for a block unchanged since the first. A block is
    matched to the one before it by its kind and text, in order, as the diff matches them;
    a block that moved unchanged keeps its age only where the diff keeps it."""
    if not versions:
        raise ValueError("a history needs at least one version")
    first = versions[0]
    origins = [0] * len(first.blocks)
    keys = [(block.kind, block.text) for block in first.blocks]
    for index, version in enumerate(versions[1:], start=1):
        new_keys = [(block.kind, block.text) for block in version.blocks]
        new_origins = [index] * len(new_keys)
        matcher = difflib.SequenceMatcher(None, keys, new_keys, autojunk=False)
        for op, i1, i2, j1, _j2 in matcher.get_opcodes():
            if op == "equal":
                new_origins[j1 : j1 + (i2 - i1)] = origins[i1:i2]
        keys, origins = new_keys, new_origins
    return tuple(origins)


def line_history(versions: Sequence[Document], width: int = 80) -> tuple[int, ...]:
    """For each numbered line of the last of ``versions``, the index of the version that last
    changed the block it is in (see :func:`block_history`)."""
    blocks = block_history(versions)
    return tuple(blocks[line.block] for line in versions[-1].lines(width))


def changed_runs(versions: Sequence[Document], width: int = 80) -> tuple[tuple[int, int, int], ...]:
    """The numbered lines of the last of ``versions`` that a later version than the first
    wrote, as runs (first line, last line, index of the version that wrote them), in order:
    what a reader scans to see which decision last changed which lines."""
    runs: list[tuple[int, int, int]] = []
    for number, origin in enumerate(line_history(versions, width), start=1):
        if origin == 0:
            continue
        if runs and runs[-1][2] == origin and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number, origin)
        else:
            runs.append((number, number, origin))
    return tuple(runs)
