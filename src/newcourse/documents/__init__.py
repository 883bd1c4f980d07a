"""`newcourse.documents`: line-numbered documents, their tagged runs and their diffs.

A rulebook, a motion and an amendment are all documents: a title, headings and numbered
clauses, wrapped into numbered lines that people cite ("line 212"). This library knows nothing
of what the tagged runs mean (the rulebook gives them meaning); it reads the source, numbers
the lines, edits a tagged run's text in place and compares versions. No Django.

    document = parse_document(source)
    for line in document.lines():
        print(line.number, line.text)

Every error is a :class:`DocumentError` naming the source line.
"""

from ._diff import Hunk, diff_documents, unified_diff
from ._edit import replace_tag_text
from ._errors import DocumentError
from ._history import block_history, changed_runs, line_history
from ._merge import merge_texts, text_ended
from ._model import Block, Document, Line, Run
from ._origin import block_origins
from ._parse import parse_document

__all__ = [
    "Block",
    "Document",
    "DocumentError",
    "Hunk",
    "Line",
    "Run",
    "block_history",
    "block_origins",
    "changed_runs",
    "diff_documents",
    "line_history",
    "merge_texts",
    "parse_document",
    "replace_tag_text",
    "text_ended",
    "unified_diff",
]
