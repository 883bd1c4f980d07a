"""Diffs between two versions, by numbered line."""

from __future__ import annotations

from newcourse.documents import Hunk, diff_documents, parse_document, unified_diff

OLD = parse_document("# Rules\n\n1.1 One.\n\n1.2 Two is {x = 20%}.\n\n1.3 Three.\n\n1.4 Four.\n")
NEW = parse_document(
    "# Rules\n\n1.1 One.\n\n1.1a Inserted.\n\n1.2 Two is {x = 25%}.\n\n1.3 Three.\n"
)


def test_diff_documents_gives_hunks_with_each_sides_numbers() -> None:
    assert diff_documents(OLD, NEW) == (
        Hunk(3, ("1.2 Two is 20%.",), 3, ("1.1a Inserted.", "1.2 Two is 25%.")),
        Hunk(5, ("1.4 Four.",), 6, ()),
    )


def test_diff_documents_of_identical_documents_is_empty() -> None:
    assert diff_documents(OLD, OLD) == ()
    assert unified_diff(OLD, OLD, old_label="a", new_label="b") == ""


def test_unified_diff_shows_line_numbers_of_both_versions() -> None:
    assert unified_diff(OLD, NEW, old_label="version 1", new_label="version 2") == (
        "--- version 1\n"
        "+++ version 2\n"
        "@@ line 3 (was line 3) @@\n"
        "  2 2 | 1.1 One.\n"
        "- 3   | 1.2 Two is 20%.\n"
        "+   3 | 1.1a Inserted.\n"
        "+   4 | 1.2 Two is 25%.\n"
        "  4 5 | 1.3 Three.\n"
        "- 5   | 1.4 Four.\n"
    )


def test_diff_documents_follows_width() -> None:
    old = parse_document("# T\n\naa bb cc\n")
    new = parse_document("# T\n\naa bb dd\n")

    assert diff_documents(old, new, width=5) == (Hunk(3, ("cc",), 3, ("dd",)),)
