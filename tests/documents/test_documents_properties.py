"""Properties of numbered lines and of editing tagged runs, over generated documents."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from newcourse.documents import Run, diff_documents, parse_document, replace_tag_text
from newcourse.documents._model import _wrap, wrapped

TAGS = ("recall.threshold", "pay.cap", "a", "term.months.post")
word = st.text("abcdéxyz.,;()%-/0123456789", min_size=1, max_size=12).filter(
    lambda w: not w.startswith(("-", "#"))
)
literal = st.sampled_from(["{{", "}}", "a{{b", "}}."])
tag_text = st.lists(word, min_size=1, max_size=3).map(" ".join)
tagged_run = st.builds(
    lambda tag, text, extra: f"{{{tag} = {text}{'' if extra is None else f' [{extra}]'}}}",
    st.sampled_from(TAGS),
    tag_text,
    st.none() | st.sampled_from(["1..9", "10%..50%", ""]),
)
token = st.one_of(word, word, word, literal, tagged_run)
paragraph = st.builds(
    lambda tokens, breaks: "".join(
        t + (("\n" if b else " ") if i < len(tokens) - 1 else "")
        for i, (t, b) in enumerate(zip(tokens, breaks, strict=False))
    ),
    st.lists(token, min_size=1, max_size=25),
    st.lists(st.booleans(), min_size=25, max_size=25),
)
source = st.builds(
    lambda paragraphs: "# Title\n\n" + "\n\n".join(paragraphs) + "\n",
    st.lists(paragraph, min_size=1, max_size=5),
)


@given(source, st.integers(min_value=1, max_value=60))
def test_lines_numbered_from_one_and_rejoin_to_block_text(text: str, width: int) -> None:
    document = parse_document(text)

    lines = document.lines(width)

    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    for index, block in enumerate(document.blocks):
        own = [line.text for line in lines if line.block == index]
        assert " ".join(own) == block.text
    assert [line.block for line in lines] == sorted(line.block for line in lines)


@given(source, st.integers(min_value=1, max_value=60))
def test_lines_keep_tagged_runs_whole_and_fit_width(text: str, width: int) -> None:
    document = parse_document(text)

    lines = document.lines(width)

    on_lines = [run for line in lines for run in line.runs if run.tag is not None]
    assert on_lines == [run for _, run in document.tagged()]
    for line in lines[1:]:
        assert len(line.text) <= width or " " not in _outside_tags(line.runs)


def _outside_tags(runs: tuple[Run, ...]) -> str:
    return "".join(run.text for run in runs if run.tag is None)


@given(source, st.sampled_from(TAGS), tag_text)
def test_replace_tag_text_changes_only_that_tags_runs(text: str, tag: str, new: str) -> None:
    before = parse_document(text)
    assume(any(run.tag == tag for _, run in before.tagged()))

    after = parse_document(replace_tag_text(text, tag, new))

    expected = tuple(
        block.__class__(
            block.kind,
            block.clause,
            tuple(Run(new, r.tag, r.extra) if r.tag == tag else r for r in block.runs),
            block.source_line,
        )
        for block in before.blocks
    )
    assert after.blocks == expected


@given(source, st.sampled_from(TAGS))
def test_replace_tag_text_with_same_text_is_byte_identical(text: str, tag: str) -> None:
    runs = [run for _, run in parse_document(text).tagged() if run.tag == tag]
    assume(runs and len({run.text for run in runs}) == 1)

    assert replace_tag_text(text, tag, runs[0].text) == text


@given(source, source, st.integers(min_value=1, max_value=60))
def test_diff_hunks_turn_old_lines_into_new_lines(old_text: str, new_text: str, width: int) -> None:
    old, new = parse_document(old_text), parse_document(new_text)
    lines = [line.text for line in old.lines(width)]
    wanted = [line.text for line in new.lines(width)]

    hunks = diff_documents(old, new, width)

    for hunk in reversed(hunks):  # from the end, so the earlier hunks' numbers still hold
        start = hunk.old_start - 1
        assert tuple(lines[start : start + len(hunk.old_lines)]) == hunk.old_lines
        lines[start : start + len(hunk.old_lines)] = hunk.new_lines
    assert lines == wanted
    for hunk in hunks:
        start = hunk.new_start - 1
        assert tuple(wanted[start : start + len(hunk.new_lines)]) == hunk.new_lines


@given(
    st.lists(st.sampled_from(["a", "bb", "ccc", "dddddddd", "", " "]), max_size=30),
    st.integers(min_value=1, max_value=20),
)
def test_plain_paragraphs_wrap_as_tagged_ones_do(pieces: list[str], width: int) -> None:
    runs = (Run(" ".join(pieces)),)

    assert wrapped(runs, width) == tuple(_wrap(runs, width))
