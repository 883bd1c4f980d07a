"""Which version last changed each block and line: unchanged blocks keep their age through
every version; a changed or inserted one takes the version that wrote it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.documents import block_history, changed_runs, line_history, parse_document

V1 = "# Rules\n\n## 1. Name\n\n1.1 The union is called Ours.\n\n1.2 It meets yearly.\n"
V2 = "# Rules\n\n## 1. Name\n\n1.1 The union is called Ours.\n\n1.2 It meets twice a year.\n"
V3 = (
    "# Rules\n\n## 1. Name\n\n1.1 The union is called Ours.\n\n"
    "1.2 It meets twice a year.\n\n1.3 Every member may speak.\n"
)


def test_a_block_unchanged_since_the_first_version_is_of_the_first():
    assert block_history([parse_document(V1)]) == (0, 0, 0, 0)


def test_a_changed_block_is_of_the_version_that_changed_it_and_keeps_that_age_after():
    documents = [parse_document(text) for text in (V1, V2, V3)]
    assert block_history(documents) == (0, 0, 0, 1, 2)


def test_each_line_is_of_its_blocks_version():
    long = V2.replace("twice a year.", "twice a year, " + "and more " * 20 + "when called.")
    documents = [parse_document(V1), parse_document(long)]
    history = line_history(documents)
    assert len(history) == len(documents[-1].lines()) > 4
    assert history[:3] == (0, 0, 0)
    assert set(history[3:]) == {1}


def test_a_change_undone_is_still_the_work_of_the_version_that_undid_it():
    documents = [parse_document(text) for text in (V1, V2, V1)]
    assert block_history(documents) == (0, 0, 0, 2)


def test_no_version_has_no_history():
    with pytest.raises(ValueError, match="at least one version"):
        block_history([])


@given(st.lists(st.sampled_from([V1, V2, V3]), min_size=1, max_size=6))
def test_every_block_is_of_a_version_at_most_the_last_and_unchanged_since(texts):
    documents = [parse_document(text) for text in texts]
    history = block_history(documents)
    last = documents[-1]
    assert len(history) == len(last.blocks)
    for block, origin in zip(last.blocks, history, strict=True):
        assert 0 <= origin < len(documents)
        # From the version that wrote it on, every version has the block as it reads now.
        for later in documents[origin:]:
            assert (block.kind, block.text) in {(b.kind, b.text) for b in later.blocks}


def test_the_changed_lines_come_in_runs_each_with_the_version_that_wrote_them():
    documents = [parse_document(text) for text in (V1, V2, V3)]
    assert changed_runs(documents) == ((4, 4, 1), (5, 5, 2))
    assert changed_runs(documents[:1]) == ()
