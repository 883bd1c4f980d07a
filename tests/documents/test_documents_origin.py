"""Each block of a document drawn from others is credited to the source it resembles, or to
nobody where its words are new."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newcourse.documents import block_origins, parse_document

NORTH = parse_document(
    "# Pay\n\nConference notes that prices rose by a tenth this year.\n\n"
    "Conference resolves to claim a rise of 12% for every member.\n"
)
SOUTH = parse_document(
    "# Wages\n\nConference notes that rents in the cities doubled in five years.\n\n"
    "Conference resolves to campaign for rent controls in every city.\n"
)


def test_each_paragraph_is_credited_to_the_motion_it_came_from() -> None:
    composite = parse_document(
        "# Pay and rent\n\nConference notes that prices rose by a tenth this year.\n\n"
        "Conference notes that rents in the cities doubled in five years.\n\n"
        "Conference resolves to claim a rise of 12% for every member.\n"
    )
    origins = block_origins(composite, {"1": NORTH, "2": SOUTH})
    assert origins == (None, "1", "2", "1")


def test_a_lightly_edited_paragraph_keeps_its_origin() -> None:
    composite = parse_document(
        "# Pay\n\nConference resolves to campaign for strong rent controls in every city.\n"
    )
    assert block_origins(composite, {"1": NORTH, "2": SOUTH}) == (None, "2")


def test_the_drafters_own_words_are_credited_to_nobody() -> None:
    composite = parse_document("# Pay\n\nConference instructs the executive to report in June.\n")
    assert block_origins(composite, {"1": NORTH, "2": SOUTH}) == (None, None)


def test_a_tie_goes_to_the_source_named_first() -> None:
    composite = parse_document("# Pay\n\nConference notes that prices rose by a tenth this year.\n")
    assert block_origins(composite, {"2": NORTH, "1": NORTH}) == (None, "2")


words = st.text(alphabet="abcdefgh", min_size=1, max_size=6)
paragraphs = st.lists(words, min_size=3, max_size=12).map(" ".join)


@given(st.lists(paragraphs, min_size=1, max_size=4), st.lists(paragraphs, min_size=1, max_size=4))
def test_a_paragraph_copied_whole_is_credited_to_a_source_that_has_it(ours, theirs) -> None:
    first = parse_document("# A\n\n" + "\n\n".join(ours) + "\n")
    second = parse_document("# B\n\n" + "\n\n".join(theirs) + "\n")
    copied = parse_document("# C\n\n" + "\n\n".join(ours + theirs) + "\n")
    origins = block_origins(copied, {"a": first, "b": second})
    for block, origin in zip(copied.blocks[1:], origins[1:], strict=True):
        holder = {"a": first, "b": second}[origin]
        assert block.text in [b.text for b in holder.blocks]
