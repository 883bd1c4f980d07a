"""What a document is: a title and blocks of runs, and the numbered lines they wrap into.

Line numbers are what a conference works with ("amendment to line 212"), so they must be
stable: they depend only on the blocks and the width, never on the source's own line breaks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["title", "heading", "paragraph"]


@dataclass(frozen=True)
class Run:
    """A stretch of a block's text; a tagged run (``{tag = text [extra]}``) carries its tag.

    Plain runs have ``tag`` and ``extra`` None. A tagged run's ``text`` is what a reader sees;
    ``extra`` is what was written in its ``[...]``, if anything.
    """

    text: str
    tag: str | None = None
    extra: str | None = None


def runs_text(runs: tuple[Run, ...]) -> str:
    """The text a reader sees: tagged runs rendered as their text."""
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Block:
    """The title, a heading or a paragraph (a list item is a paragraph of its own).

    ``clause`` is the clause the block belongs to ("7.1"), or None before the first numbered
    heading or paragraph; ``source_line`` is the 1-based source line the block starts on.
    A paragraph's text has single spaces only: the source's line breaks and runs of spaces
    are not part of what it says.
    """

    kind: BlockKind
    clause: str | None
    runs: tuple[Run, ...]
    source_line: int

    @property
    def text(self) -> str:
        return runs_text(self.runs)


@dataclass(frozen=True)
class Line:
    """One numbered line: the part of block number ``block`` (an index into blocks) on it."""

    number: int
    block: int
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return runs_text(self.runs)


@dataclass(frozen=True)
class Document:
    """A titled document of blocks; see :func:`~newcourse.documents.parse_document`."""

    title: str
    blocks: tuple[Block, ...]

    def lines(self, width: int = 80) -> tuple[Line, ...]:
        """Every block wrapped at ``width`` columns on spaces, numbered from 1.

        The title and headings are one line each, never wrapped. A tagged run is never split
        across lines (its value must be read whole), and a word longer than ``width`` stands
        alone on its line rather than being broken.
        """
        if width < 1:
            raise ValueError(f"the width must be at least 1, not {width}")
        lines: list[Line] = []
        for index, block in enumerate(self.blocks):
            pieces = wrapped(block.runs, width) if block.kind == "paragraph" else [block.runs]
            for runs in pieces:
                lines.append(Line(len(lines) + 1, index, runs))
        return tuple(lines)

    def tagged(self) -> tuple[tuple[Block, Run], ...]:
        """Every tagged run with the block it is in, in document order."""
        return tuple(
            (block, run) for block in self.blocks for run in block.runs if run.tag is not None
        )


def block_texts(block: Block, width: int) -> tuple[str, ...]:
    """The texts of the lines ``block`` wraps into, as :meth:`Document.lines` gives them."""
    if block.kind != "paragraph":
        return (block.text,)
    return _wrapped_texts(block.runs, width)


@functools.lru_cache(maxsize=4096)
def _wrapped_texts(runs: tuple[Run, ...], width: int) -> tuple[str, ...]:
    return tuple(runs_text(line) for line in wrapped(runs, width))


# A motion's amendments each repeat the motion's text with a few paragraphs changed, and its
# page wraps them all: a paragraph is wrapped once, then its lines come from here.
@functools.lru_cache(maxsize=4096)
def wrapped(runs: tuple[Run, ...], width: int) -> tuple[tuple[Run, ...], ...]:
    """A paragraph's runs wrapped at ``width`` (see :meth:`Document.lines`), each line's runs."""
    if all(run.tag is None for run in runs):
        return _wrap_plain("".join(run.text for run in runs), width)
    return tuple(_wrap(runs, width))


def _wrap_plain(text: str, width: int) -> tuple[tuple[Run, ...], ...]:
    """`_wrap` for a paragraph without tagged runs: the same lines, from strings alone."""
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for word in text.split(" "):
        if not word:
            continue
        if current and used + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, used = [], 0
        used += len(word) if not current else 1 + len(word)
        current.append(word)
    if current or not lines:
        lines.append(" ".join(current))
    return tuple((Run(line),) if line else () for line in lines)


def _words(runs: tuple[Run, ...]) -> list[list[Run]]:
    """Split runs at the spaces of plain text into words; a tagged run stays inside one word."""
    words: list[list[Run]] = [[]]
    for run in runs:
        if run.tag is not None:
            words[-1].append(run)
            continue
        parts = run.text.split(" ")
        for i, part in enumerate(parts):
            if i > 0:
                words.append([])
            if part:
                words[-1].append(Run(part))
    return [word for word in words if word]


def _join(words: list[list[Run]]) -> tuple[Run, ...]:
    """Words back into runs, with one space between words and adjacent plain runs merged."""
    runs: list[Run] = []
    for i, word in enumerate(words):
        for run in ([Run(" ")] if i > 0 else []) + word:
            if run.tag is None and runs and runs[-1].tag is None:
                runs[-1] = Run(runs[-1].text + run.text)
            else:
                runs.append(run)
    return tuple(runs)


def _wrap(runs: tuple[Run, ...], width: int) -> list[tuple[Run, ...]]:
    """Greedy wrapping: as many whole words on a line as fit within ``width``."""
    lines: list[list[list[Run]]] = []
    current: list[list[Run]] = []
    used = 0
    for word in _words(runs):
        size = sum(len(run.text) for run in word)
        if current and used + 1 + size > width:
            lines.append(current)
            current, used = [], 0
        used += size if not current else 1 + size
        current.append(word)
    if current or not lines:
        lines.append(current)
    return [_join(line) for line in lines]
