"""Numbered lines: wrapping at a width, tagged runs kept whole, numbering across blocks."""

from __future__ import annotations

import pytest

from newcourse.documents import Line, Run, parse_document


def test_lines_wrap_paragraphs_and_number_across_document() -> None:
    document = parse_document("# A long title that is never wrapped\n\n## 1. Head\n\naa bb cc dd\n")

    assert [(line.number, line.block, line.text) for line in document.lines(5)] == [
        (1, 0, "A long title that is never wrapped"),
        (2, 1, "1. Head"),
        (3, 2, "aa bb"),
        (4, 2, "cc dd"),
    ]


def test_lines_never_split_tagged_run() -> None:
    document = parse_document("# T\n\nvery long {x = 5 days [1..9]} end\n")

    assert document.lines(8)[1:] == (
        Line(2, 1, (Run("very"),)),
        Line(3, 1, (Run("long"),)),
        Line(4, 1, (Run("5 days", "x", "1..9"),)),
        Line(5, 1, (Run("end"),)),
    )


def test_lines_keep_punctuation_attached_to_tagged_run() -> None:
    document = parse_document("# T\n\nsay ({x = 20%}), then\n")

    assert document.lines(7)[1].runs == (Run("say"),)
    assert document.lines(7)[2].runs == (Run("("), Run("20%", "x"), Run("),"))


def test_lines_word_longer_than_width_stands_alone() -> None:
    document = parse_document("# T\n\na extraordinarily b\n")

    assert [line.text for line in document.lines(4)] == ["T", "a", "extraordinarily", "b"]


def test_lines_default_width_is_eighty() -> None:
    words = " ".join(["word"] * 40)
    document = parse_document(f"# T\n\n{words}\n")

    assert [len(line.text) for line in document.lines()] == [1, 79, 79, 39]


def test_lines_refuse_width_below_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        parse_document("# T\n").lines(0)
