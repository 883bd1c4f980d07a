"""Reading a document's source: a small Markdown subset with tagged runs.

The format (UTF-8 text, lines split on "\\n", a trailing "\\r" ignored):

- ``# Title`` on the first non-blank line: the document's title (required).
- ``## Heading`` (or deeper, ``###``...): a heading. ``## 7. Elections`` or ``## 7 Elections``
  gives the heading the clause id "7", which the paragraphs after it belong to.
- Paragraphs: runs of non-blank lines joined with single spaces. One that starts with a clause
  number such as ``7.1`` or ``7.1.`` followed by a space is clause "7.1"; one without a number
  belongs to the clause of the last numbered paragraph or heading before it. An unnumbered
  heading belongs to no clause and leaves the current clause as it was.
- ``- `` list items are paragraphs of their own, keeping the "- ".
- Tagged runs ``{tag = text}`` or ``{tag = text [extra]}`` inside a paragraph line: a tagged
  run is on one source line. Any other ``{`` or ``}`` is an error naming the line, so a typo in
  a tag is caught rather than printed; ``{{`` and ``}}`` are a literal ``{`` and ``}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._errors import DocumentError
from ._model import Block, BlockKind, Document, Run

TAG_NAME = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*"
TAGGED_RUN = re.compile(
    r"\{[ \t]*(?P<tag>" + TAG_NAME + r")[ \t]*=[ \t]*(?P<text>[^\[\]{}]*?)[ \t]*"
    r"(?:\[(?P<extra>[^\[\]{}]*)\][ \t]*)?\}"
)
HEADING = re.compile(r"(?P<hashes>#+)[ \t]+(?P<text>.*)")
HEADING_CLAUSE = re.compile(r"(?P<id>\d+(?:\.\d+)*)\.?(?:\s|$)")
PARAGRAPH_CLAUSE = re.compile(r"(?P<id>\d+(?:\.\d+)+)\.?(?:\s|$)")
SPACES = re.compile(r"\s+")


def source_lines(text: str) -> list[str]:
    """The source's lines as editors number them: split on "\\n", a trailing "\\r" dropped."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def scan_line(line: str, number: int) -> Iterator[tuple[int, int, re.Match[str] | str]]:
    """Walk one source line: yield (start, end, tagged-run match or literal text) in order.

    Raises DocumentError for a ``{`` that starts no tagged run and for a lone ``}``.
    """
    if "{" not in line and "}" not in line:  # most lines: one literal, without a walk
        if line:
            yield 0, len(line), line
        return
    i = 0
    literal_start = 0
    literal: list[str] = []
    while i < len(line):
        char = line[i]
        if char not in "{}":
            literal.append(char)
            i += 1
            continue
        if line.startswith(char * 2, i):
            literal.append(char)
            i += 2
            continue
        if char == "}":
            raise DocumentError(number, "a lone '}'; write '}}' for a literal '}'")
        match = TAGGED_RUN.match(line, i)
        if match is None or not match.group("text").strip():
            raise DocumentError(
                number,
                "'{' does not start a tagged run {name = value} or {name = value [extra]} "
                "(names are lower case, with dots); write '{{' for a literal '{'",
            )
        if literal:
            yield literal_start, i, "".join(literal)
            literal = []
        yield i, match.end(), match
        i = literal_start = match.end()
    if literal:
        yield literal_start, len(line), "".join(literal)


def _line_runs(line: str, number: int) -> list[Run]:
    runs: list[Run] = []
    for _start, _end, item in scan_line(line, number):
        if isinstance(item, str):
            runs.append(Run(item))
        else:
            extra = item.group("extra")
            runs.append(
                Run(
                    SPACES.sub(" ", item.group("text").strip()),
                    item.group("tag"),
                    None if extra is None else SPACES.sub(" ", extra.strip()),
                )
            )
    return runs


def _collapsed(text: str) -> str:
    """``SPACES.sub(" ", text)``: every run of whitespace one space. Most paragraphs have only
    single spaces already; splitting on whitespace (the same characters as ``\\s``) is
    several times faster than the substitution, which rewrites every space."""
    if "  " not in text and text.isprintable():  # every whitespace character is unprintable
        return text
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    if text[0].isspace():
        inner = " " + inner
    if text[-1].isspace():
        inner += " "
    return inner


def _normalise(runs: list[Run]) -> tuple[Run, ...]:
    """Merge adjacent plain runs and collapse their whitespace to single spaces.

    A run is made again only when its text changes: a long document has thousands, and most
    paragraphs are one plain run already as they should be.
    """
    out: list[Run] = []
    plain: list[Run] = []  # the plain runs since the last tagged one

    def merge_plain() -> None:
        text = _collapsed("".join(run.text for run in plain))
        out.append(plain[0] if len(plain) == 1 and text == plain[0].text else Run(text))
        plain.clear()

    for run in runs:
        if run.tag is None:
            plain.append(run)
            continue
        if plain:
            merge_plain()
        out.append(run)
    if plain:
        merge_plain()
    if out and out[0].tag is None and out[0].text.startswith(" "):
        out[0] = Run(out[0].text.lstrip(" "))
    if out and out[-1].tag is None and out[-1].text.endswith(" "):
        out[-1] = Run(out[-1].text.rstrip(" "))
    return tuple(run for run in out if run.text)


def _plain(text: str, number: int, what: str) -> tuple[Run, ...]:
    runs = _line_runs(text, number)
    if any(run.tag is not None for run in runs):
        raise DocumentError(number, f"a tagged run belongs in a paragraph, not in {what}")
    return _normalise(runs)


def parse_document(text: str) -> Document:
    """Read a document from its source (see this module's docstring for the format).

    Raises DocumentError naming the line: no title, a second title, a ``{`` that starts no
    tagged run, a lone ``}``, a tagged run in a heading.
    """
    lines = source_lines(text)
    blocks: list[Block] = []
    clause: str | None = None
    paragraph: list[Run] = []
    paragraph_start = 0

    def close_paragraph() -> None:
        nonlocal clause, paragraph
        if not paragraph:
            return
        runs = _normalise(paragraph)
        first = runs[0].text if runs and runs[0].tag is None else ""
        match = PARAGRAPH_CLAUSE.match(first)
        if match is not None:
            clause = match.group("id")
        blocks.append(Block("paragraph", clause, runs, paragraph_start))
        paragraph = []

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            close_paragraph()
            continue
        heading = HEADING.fullmatch(stripped) if stripped.startswith("#") else None
        if not blocks:
            if heading is None or len(heading.group("hashes")) != 1:
                raise DocumentError(number, "a document starts with its title: '# Title'")
            runs = _plain(heading.group("text"), number, "the title")
            if not runs:
                raise DocumentError(number, "the title is empty")
            blocks.append(Block("title", None, runs, number))
            continue
        if heading is not None:
            close_paragraph()
            if len(heading.group("hashes")) == 1:
                raise DocumentError(number, "a document has one title; use '## ' for a heading")
            runs = _plain(heading.group("text"), number, "a heading")
            kind: BlockKind = "heading"
            first = runs[0].text if runs else ""
            match = HEADING_CLAUSE.match(first)
            own = None if match is None else match.group("id")
            if own is not None:
                clause = own
            blocks.append(Block(kind, own, runs, number))
            continue
        if stripped.startswith("- ") or stripped == "-":
            close_paragraph()
        if not paragraph:
            paragraph_start = number
        else:
            paragraph.append(Run(" "))
        paragraph.extend(_line_runs(stripped, number))
    close_paragraph()
    if not blocks:
        raise DocumentError(None, "the document is empty: it needs at least a '# Title' line")
    return Document(blocks[0].text, tuple(blocks))
