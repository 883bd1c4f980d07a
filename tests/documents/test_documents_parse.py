"""Reading a document: title, headings, clauses, list items and tagged runs."""

from __future__ import annotations

import pytest

from newcourse.documents import Block, DocumentError, Run, parse_document

SOURCE = """\

# Rules of the Union

Preamble before any clause.

## 7. Elections and recall

7.1 A recall opens when {recall.threshold = 20% [10%..50%]} of the
members sign it.

It needs a majority.
- first item
- second item
  continued
## Schedule

7.2. Second clause with {{braces}}.
"""


def test_parse_document_reads_title_headings_and_paragraphs() -> None:
    document = parse_document(SOURCE)

    assert document.title == "Rules of the Union"
    assert document.blocks == (
        Block("title", None, (Run("Rules of the Union"),), 2),
        Block("paragraph", None, (Run("Preamble before any clause."),), 4),
        Block("heading", "7", (Run("7. Elections and recall"),), 6),
        Block(
            "paragraph",
            "7.1",
            (
                Run("7.1 A recall opens when "),
                Run("20%", "recall.threshold", "10%..50%"),
                Run(" of the members sign it."),
            ),
            8,
        ),
        Block("paragraph", "7.1", (Run("It needs a majority."),), 11),
        Block("paragraph", "7.1", (Run("- first item"),), 12),
        Block("paragraph", "7.1", (Run("- second item continued"),), 13),
        Block("heading", None, (Run("Schedule"),), 15),
        Block("paragraph", "7.2", (Run("7.2. Second clause with {braces}."),), 17),
    )


def test_parse_document_heading_without_dot_gives_clause() -> None:
    document = parse_document("# T\n## 12 Pay\nText.\n")

    assert [(b.kind, b.clause) for b in document.blocks] == [
        ("title", None),
        ("heading", "12"),
        ("paragraph", "12"),
    ]


def test_parse_document_collapses_spaces_and_crlf() -> None:
    document = parse_document("# T\r\n\r\nOne   two\t three\r\n  four\r\n")

    assert document.blocks[1].text == "One two three four"


def test_parse_document_tag_without_extra() -> None:
    document = parse_document("# T\n\nA {pay.cap =  2850 GBP }.\n")

    assert document.tagged() == ((document.blocks[1], Run("2850 GBP", "pay.cap", None)),)


def test_parse_document_tagged_lists_runs_in_order() -> None:
    document = parse_document("# T\n\n{a = 1} and {b.c = 2 [x]}\n\nThen {d_1 = 3}.\n")

    assert [(run.tag, run.text, run.extra) for _, run in document.tagged()] == [
        ("a", "1", None),
        ("b.c", "2", "x"),
        ("d_1", "3", None),
    ]


@pytest.mark.parametrize(
    ("source", "line", "reason"),
    [
        ("", None, "the document is empty: it needs at least a '# Title' line"),
        ("\n\nText\n", 3, "a document starts with its title: '# Title'"),
        ("## Heading\n", 1, "a document starts with its title: '# Title'"),
        ("# T\n# Again\n", 2, "a document has one title; use '## ' for a heading"),
        ("# T\n## 1. {a = 1}\n", 2, "a tagged run belongs in a paragraph, not in a heading"),
        ("# {a = 1}\n", 1, "a tagged run belongs in a paragraph, not in the title"),
        ("# T\n\nclosing } alone\n", 3, "a lone '}'; write '}}' for a literal '}'"),
    ],
)
def test_parse_document_refuses_bad_structure(source: str, line: int | None, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(source)

    assert (caught.value.line, caught.value.reason) == (line, reason)


@pytest.mark.parametrize(
    "paragraph",
    [
        "{Recall.threshold = 20%}",
        "{recall.threshold 20%}",
        "{recall.threshold = }",
        "{recall.threshold = 20% [10%}",
        "{recall..threshold = 20%}",
        "{recall.threshold = 20%",
        "{recall.threshold = 20%\n}",
        "a { b",
    ],
)
def test_parse_document_refuses_brace_that_starts_no_tagged_run(paragraph: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document("# T\n\n" + paragraph + "\n")

    assert caught.value.line == 3
    assert str(caught.value).startswith("line 3: '{' does not start a tagged run")


def test_document_error_str_without_line_is_reason() -> None:
    assert str(DocumentError(None, "bad")) == "bad"
    assert str(DocumentError(4, "bad")) == "line 4: bad"
