"""Where each block of a document drawn from others came from: a composite's paragraphs are
mostly its motions' own, lightly edited, and a delegate reading one asks "whose words are
these?" before anything else."""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher

from ._model import Document

# A block counts as a source's when at least this share of its words match one of the
# source's blocks, in order; below it, the words are the drafters' own.
LIKENESS = 0.6


def block_origins(document: Document, sources: Mapping[str, Document]) -> tuple[str | None, ...]:
    """For each block of ``document``, the name of the source whose block it most resembles
    (word by word), or None where it resembles none enough: a block the drafters wrote. The
    title is drawn from no source (None). Ties go to the source named first."""
    candidates = [
        (name, block.text.split())
        for name, source in sources.items()
        for block in source.blocks
        if block.kind != "title"
    ]
    origins: list[str | None] = []
    for block in document.blocks:
        if block.kind == "title":
            origins.append(None)
            continue
        words = block.text.split()
        best, best_name = 0.0, None
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(words)
        for name, theirs in candidates:
            matcher.set_seq1(theirs)
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            likeness = matcher.ratio()
            if likeness > best:
                best, best_name = likeness, name
        origins.append(best_name if best >= LIKENESS else None)
    return tuple(origins)
