"""replace_tag_text: one tagged run's text changes, every other byte stays."""

from __future__ import annotations

import pytest

from newcourse.documents import DocumentError, parse_document, replace_tag_text

SOURCE = (
    "# T\r\n\r\n"
    "1.1 Threshold {recall.threshold =  20%   [10%..50%] } and {{not a tag}}.\r\n"
    "Again {recall.threshold=1/5} and {term.months.post = 24}.\r\n"
)


def test_replace_tag_text_changes_every_run_of_that_tag_only() -> None:
    assert replace_tag_text(SOURCE, "recall.threshold", " 25% ") == (
        "# T\r\n\r\n"
        "1.1 Threshold {recall.threshold =  25%   [10%..50%] } and {{not a tag}}.\r\n"
        "Again {recall.threshold=25%} and {term.months.post = 24}.\r\n"
    )


def test_replace_tag_text_result_parses_with_new_text() -> None:
    changed = replace_tag_text(SOURCE, "term.months.post", "36")

    runs = [run for _, run in parse_document(changed).tagged()]
    assert [(run.tag, run.text) for run in runs] == [
        ("recall.threshold", "20%"),
        ("recall.threshold", "1/5"),
        ("term.months.post", "36"),
    ]


def test_replace_tag_text_refuses_absent_tag() -> None:
    with pytest.raises(DocumentError) as caught:
        replace_tag_text(SOURCE, "pay.cap", "1 GBP")

    assert str(caught.value) == "the document has no tagged run {pay.cap = ...}"


@pytest.mark.parametrize("new_text", ["", "  ", "a}b", "a[b", "two\nlines"])
def test_replace_tag_text_refuses_text_that_cannot_be_a_run(new_text: str) -> None:
    with pytest.raises(DocumentError, match="cannot be a tagged run's text"):
        replace_tag_text(SOURCE, "recall.threshold", new_text)


def test_replace_tag_text_refuses_invalid_document() -> None:
    with pytest.raises(DocumentError) as caught:
        replace_tag_text("# T\n\n{bad\n", "bad", "1")

    assert caught.value.line == 3
