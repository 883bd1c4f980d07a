"""The BLT reader's two paths read every file alike.

`read_blt` first reads a file in bulk (identical lines counted by their bytes, each distinct
line parsed once); anything irregular sends it to the line-by-line reader, which also places
errors. Both must give the same `Election`, ballots in the same order, for any file the bulk
reader accepts.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.counting import Ballot, Election, read_blt
from newcourse.counting._blt import _Fallback, _fast, _slow

NAMES = '"Ann"\n"Bob"\n"Cat"\n"Dan"\n"The title"\n'


def _both(text: str | bytes) -> tuple[Election, Election]:
    data = text.encode() if isinstance(text, str) else text
    return _fast("e.blt", data), _slow("e.blt", data)


@pytest.mark.parametrize(
    "text",
    [
        # weights, and the same ranking on lines with different weights
        "4 2\n3 1 2 0\n1 2 0\n2 1 2 0\n1 2 0\n0\n" + NAMES,
        # equal rankings and skipped ranks, mixed with plain lines of the same ranking
        "4 2\n1 1=2 3 0\n2 1 - 3 0\n1 1 3 0\n1 2=1 3 0\n0\n" + NAMES,
        # a candidate ranked twice counts at the first mention; "01" is candidate 1
        "4 2\n1 1 2 1 0\n1 1 2 0\n1 01 2 0\n0\n" + NAMES,
        # a withdrawn candidate
        "4 2\n-4\n1 4 1 0\n1 1 0\n0\n" + NAMES,
        # blank lines among the ballots and the names; a paper with no preference
        "4 2\n1 1 0\n\n1 0\n1 1 0\n0\n\n" + NAMES + "\n",
        # tabs, runs of spaces and trailing spaces
        "4 2\n1  1\t2 0 \n1 1 2 0\n 1 1 2 0\n0\n" + NAMES,
        # CRLF line ends throughout
        ("4 2\n-3\n2 1 2 0\n1 2 0\n0\n" + NAMES).replace("\n", "\r\n"),
        # no newline after the title; names several to a line
        '4 2\n1 1 0\n0\n"Ann" "Bob" "Cat" "Dan" "T"',
        # a byte-order mark and names beyond ASCII
        '\ufeff4 2\n1 1 0\n0\n"Zoë"\n"Łukasz"\n"Cat"\n"Dan"\n"Élection"\n',
    ],
    ids=[
        "weights",
        "equal-and-skipped",
        "repeated-candidate",
        "withdrawn",
        "blank-lines",
        "whitespace",
        "crlf",
        "names-on-one-line",
        "bom-and-unicode",
    ],
)
def test_bulk_and_line_by_line_readers_agree(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "\n4 2\n1 1 0\n0\n" + NAMES,  # a blank line before the header
        "4 2\n(a1) 1 1 0\n(a2) 1 2 0\n0\n" + NAMES,  # ballot ids
        "4 2\n1 1 0\n 0 \n" + NAMES,  # a terminator with spaces around it
    ],
    ids=["blank-before-header", "ballot-ids", "indented-zero"],
)
def test_irregular_files_are_read_line_by_line(text: str) -> None:
    data = text.encode()
    with pytest.raises(_Fallback):
        _fast("e.blt", data)
    assert read_blt(io.BytesIO(data)) == _slow("<stream>", data)


def test_ballots_keep_the_order_of_their_first_paper() -> None:
    fast, _ = _both("4 2\n1 3 0\n1 1 2 0\n1 3 0\n2 4 0\n1 1 2 0\n0\n" + NAMES)
    assert fast.ballots == (
        Ballot(((2,),), 2),
        Ballot(((0,), (1,)), 2),
        Ballot(((3,),), 2),
    )


def test_ballots_are_counted_across_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newcourse.counting._blt._CHUNK", 16)
    lines = ["1 1 2 0", "3 2 0", "1 3 4 1 0", "1 4 0"] * 50
    fast, slow = _both("4 2\n" + "\n".join(lines) + "\n0\n" + NAMES)
    assert fast == slow
    assert fast.total_weight == 300


@st.composite
def blt_files(draw: st.DrawFn) -> bytes:
    """BLT files written the many ways writers write them."""
    n = draw(st.integers(1, 6))
    seats = draw(st.integers(1, n))
    space = st.sampled_from([" ", "  ", "\t"])
    ranks = st.sampled_from(
        [str(c) for c in range(1, n + 1)] + ["-", "1=2" if n >= 2 else "1", f"0{n}"]
    )
    lines = [f"{n} {seats}"]
    if n > seats and draw(st.booleans()):
        lines.append(f"-{draw(st.integers(1, n))}")
    for _ in range(draw(st.integers(1, 25))):
        if draw(st.integers(0, 9)) == 0:
            lines.append("")
            continue
        tokens = [str(draw(st.integers(1, 3))), *draw(st.lists(ranks, max_size=n + 1)), "0"]
        sep = draw(space)
        lines.append(sep.join(tokens) + draw(st.sampled_from(["", " "])))
    lines.append("0")
    lines.extend(f'"Name {c}"' for c in range(n))
    lines.append('"Title"')
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return (end.join(lines) + end).encode()


@settings(max_examples=300, deadline=None)
@given(blt_files())
def test_any_file_the_bulk_reader_accepts_reads_as_line_by_line(data: bytes) -> None:
    try:
        slow = _slow("e.blt", data)
    except Exception as error:  # a file neither path accepts: read_blt reports it
        with pytest.raises(type(error)):
            read_blt(io.BytesIO(data))
        return
    assert read_blt(io.BytesIO(data)) == slow
    try:
        fast = _fast("e.blt", data)
    except _Fallback:
        return
    assert fast == slow
