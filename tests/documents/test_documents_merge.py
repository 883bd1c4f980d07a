"""Two changes to the same version: both kept where they touch different lines; refused,
naming the line, where they touch the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.documents import DocumentError, merge_texts, text_ended

BASE = "# Rules\n\n1.1 Recall at 20%.\n\n2.1 Terms of 24 months.\n\n3.1 Pay cap 2850.\n"


def test_changes_to_different_clauses_are_both_kept() -> None:
    ours = BASE.replace("20%", "25%")
    theirs = BASE.replace("2850", "2935")
    assert merge_texts(BASE, ours, theirs) == BASE.replace("20%", "25%").replace("2850", "2935")


def test_a_clause_added_and_another_changed_are_both_kept() -> None:
    ours = BASE + "\n4.1 A new clause.\n"
    theirs = BASE.replace("24 months", "12 months")
    assert merge_texts(BASE, ours, theirs) == theirs + "\n4.1 A new clause.\n"


def test_changes_to_the_same_line_are_refused_naming_it() -> None:
    with pytest.raises(DocumentError) as refused:
        merge_texts(BASE, BASE.replace("20%", "25%"), BASE.replace("20%", "30%"))
    assert refused.value.line == 3


def test_two_insertions_at_the_same_place_are_refused() -> None:
    with pytest.raises(DocumentError):
        merge_texts(BASE, BASE + "4.1 One.\n", BASE + "4.1 Other.\n")


@given(st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n"]), max_size=8))
def test_a_change_merged_onto_an_unchanged_base_is_that_change(lines: list[str]) -> None:
    theirs = "".join(lines)
    assert merge_texts(BASE, BASE, theirs) == theirs
    assert merge_texts(BASE, theirs, BASE) == theirs


def test_a_text_ended_has_no_trailing_spaces_nor_blank_lines_and_one_final_newline():
    assert text_ended("# T  \r\n\r\nA line. \n\n\n") == "# T\n\nA line.\n"
    assert text_ended(text_ended("# T\n\nA.")) == "# T\n\nA.\n"
