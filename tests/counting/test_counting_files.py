"""Ballot files: BLT, CSV and JSON readers and writers, and their error messages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newcourse.counting import (
    Ballot,
    BallotFileError,
    Election,
    read_ballots,
    read_blt,
    read_csv,
    read_json,
    write_blt,
    write_csv,
    write_json,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "counting"

SIMPLE = """4 2
-4
3 1 2 0
2 2=3 1 0
1 3 - 1 0
3 1 2 0
0
"Ann Apple"
"Bob ""The Builder"" Banana"
Cat Cherry
"Dan Damson"
"A title"
"""


def _canon(e: Election) -> tuple[object, ...]:
    return (
        e.candidates,
        e.seats,
        e.withdrawn,
        e.title,
        sorted((b.ranking, b.weight) for b in e.ballots),
    )


def test_blt_reads_every_feature(tmp_path: Path) -> None:
    path = tmp_path / "e.blt"
    path.write_text(SIMPLE)
    e = read_blt(path)
    assert e.candidates == ("Ann Apple", 'Bob "The Builder" Banana', "Cat Cherry", "Dan Damson")
    assert e.seats == 2
    assert e.withdrawn == frozenset({3})
    assert e.title == "A title"
    ballots = {b.ranking: b.weight for b in e.ballots}
    assert ballots == {((0,), (1,)): 6, ((1, 2), (0,)): 2, ((2,), (0,)): 1}


def test_blt_from_streams() -> None:
    text = read_blt(io.StringIO(SIMPLE))
    binary = read_blt(io.BytesIO(SIMPLE.encode()))
    assert _canon(text) == _canon(binary)


def test_blt_ballot_ids_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "ids.blt"
    path.write_bytes(
        b'2 1\r\n(a1) 1 1 2 0\r\n(a2) 1 2 0\r\n(a3) 1 1 0\r\n0\r\n"A"\r\n"B"\r\n"T"\r\n'
    )
    e = read_blt(path)
    assert {b.ranking: b.weight for b in e.ballots} == {((0,), (1,)): 1, ((1,),): 1, ((0,),): 1}
    assert e.title == "T"


def test_blt_names_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "names.blt"
    path.write_text('2 1\n1 1 0\n0\n"A" "B" "T"\n')
    e = read_blt(path)
    assert e.candidates == ("A", "B")
    assert e.title == "T"


def test_blt_name_with_party_strings(tmp_path: Path) -> None:
    path = tmp_path / "party.blt"
    path.write_text('2 1\n1 1 0\n0\n"Ann" "Apple Party"\n"Bob" "Banana Party"\n"T"\n')
    assert read_blt(path).candidates == ("Ann (Apple Party)", "Bob (Banana Party)")


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("x 2\n1 1 0\n0\nA\nB\nT\n", 1, "bad header"),
        ("2\n1 1 0\n0\nA\nB\nT\n", 1, "bad header"),
        ("2 3\n1 1 0\n0\nA\nB\nT\n", 1, "more seats (3) than candidates (2)"),
        ("2 1\n1 1 0\n1 3 0\n0\nA\nB\nT\n", 3, "rank 3 names no candidate"),
        ("2 1\n1 1 0\n1 x 0\n0\nA\nB\nT\n", 3, "'x' is not a candidate number"),
        ("2 1\n1 1 0\n1 1 2\n0\nA\nB\nT\n", 3, "missing terminator"),
        ("2 1\n1 1 0\n1 2 0\nA\nB\nT\n", 4, "weight 'A'"),
        ("2 1\n1 1 0\n1 2 0\n", 3, "missing terminator"),
        ("2 1\n0 1 0\n0\nA\nB\nT\n", 2, "weight '0' is not a positive whole number"),
        ("2 1\n-1 1 0\n0\nA\nB\nT\n", 2, "withdrawn candidate"),
        ("2 1\n1.5 1 0\n0\nA\nB\nT\n", 2, "weight '1.5'"),
        ("2 1\n0\nA\nB\nT\n", 2, "empty"),
        ("2 1\n1 1 0\n0\nA\n", 4, "expected 2 candidate names"),
        ("2 2\n-1\n1 2 0\n0\nA\nB\nT\n", 1, "more seats (2) than standing candidates (1)"),
        ("", 1, "no header"),
    ],
)
def test_blt_errors_name_file_line_and_problem(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = tmp_path / "bad.blt"
    path.write_text(text)
    with pytest.raises(BallotFileError) as info:
        read_blt(path)
    assert problem in str(info.value)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_blt_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "e.blt"
    src.write_text(SIMPLE)
    e = read_blt(src)
    out = tmp_path / "out.blt"
    write_blt(e, out)
    assert _canon(read_blt(out)) == _canon(e)


def test_real_ward_round_trips_through_every_format(tmp_path: Path) -> None:
    e = read_blt(DATA / "scotland" / "2007" / "glasgow_2007_linn.blt")
    assert len(e.candidates) == 11
    assert e.total_weight == 9567
    for ext, writer in (("blt", write_blt), ("csv", write_csv), ("json", write_json)):
        path = tmp_path / f"linn.{ext}"
        writer(e, path)
        assert _canon(read_ballots(path)) == _canon(e), ext


CSV = """# seats: 2
# title: Committee
weight,rank1,rank2,rank3
3,Bob,Ann,
2,Ann=Cat,Bob,
1,undervote,Cat,Ann
1,Cat,overvote,Ann
4,Bob,Ann,
"""


def test_csv_reads_every_feature(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(CSV)
    e = read_csv(path)
    assert e.candidates == ("Ann", "Bob", "Cat")  # alphabetical when not declared
    assert e.seats == 2
    assert e.title == "Committee"
    ballots = {b.ranking: b.weight for b in e.ballots}
    assert ballots == {
        ((1,), (0,)): 7,
        ((0, 2), (1,)): 2,
        ((2,), (0,)): 1,  # a blank first rank is passed over
        ((2,),): 1,  # an overvote ends the paper by default
    }
    skipping = {b.ranking: b.weight for b in read_csv(path, overvote="skip").ballots}
    assert skipping[((2,), (0,))] == 2


def test_csv_declared_candidates_and_max_skipped(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "# candidate: Zed\n# candidate: Amy\n# withdrawn: Zed\ncount,c1,c2,c3,c4\n"
        "1,Amy,,,Zed\n2,Zed,,Amy,\n"
    )
    e = read_csv(path, max_skipped=1)
    assert e.candidates == ("Zed", "Amy")
    assert e.withdrawn == frozenset({0})
    assert {b.ranking: b.weight for b in e.ballots} == {((1,),): 1, ((0,), (1,)): 2}


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("rank1,rank2\nA,B\n", 1, "first column must be 'weight'"),
        ("weight,r1\n0,A\n", 2, "weight '0'"),
        ("weight,r1\nx,A\n", 2, "weight 'x'"),
        ("# candidate: A\nweight,r1\n1,B\n", 3, "'B' is not a declared candidate"),
        ("weight,r1\n", 1, "empty"),
        ("# seats: 3\nweight,r1\n1,A\n1,B\n", None, "more seats (3)"),
    ],
)
def test_csv_errors(tmp_path: Path, text: str, line: int | None, problem: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(BallotFileError) as info:
        read_csv(path)
    assert problem in str(info.value)
    assert info.value.path == str(path)
    assert info.value.line == line


def test_json_reads_names_groups_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(
        '{"format": "newcourse-ballots/1", "seats": 1, "candidates": ["A", "B", "C"],'
        ' "ballots": [{"weight": 2, "ranking": ["A", ["B", "C"]]}, {"ranking": [2, 0]}]}'
    )
    e = read_json(path)
    assert {b.ranking: b.weight for b in e.ballots} == {((0,), (1, 2)): 2, ((2,), (0,)): 1}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "not valid JSON"),
        ('{"candidates": []}', "non-empty list"),
        ('{"candidates": ["A"], "seats": 2, "ballots": []}', "more seats"),
        ('{"candidates": ["A"], "ballots": [{"ranking": ["B"]}]}', "'B' names no candidate"),
        ('{"candidates": ["A"], "ballots": [{"weight": -1, "ranking": ["A"]}]}', "weight -1"),
        ('{"candidates": ["A"], "ballots": []}', "empty"),
        ('{"format": "other", "candidates": ["A"], "ballots": []}', "unknown format"),
    ],
)
def test_json_errors(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(BallotFileError, match=problem.replace("(", r"\(")):
        read_json(path)


def test_read_ballots_guesses_by_extension(tmp_path: Path) -> None:
    e = Election(("A", "B"), 1, (Ballot(((0,), (1,)), 2),), title="x")
    for ext, writer in (("blt", write_blt), ("csv", write_csv), ("json", write_json)):
        path = tmp_path / f"e.{ext}"
        writer(e, path)
        assert _canon(read_ballots(path)) == _canon(e)
    odd = tmp_path / "e.txt"
    write_blt(e, odd)
    assert _canon(read_ballots(odd)) == _canon(e)
    assert _canon(read_ballots(tmp_path / "e.blt", "blt")) == _canon(e)


def test_large_blt_groups_identical_ballots(tmp_path: Path) -> None:
    lines = ["3 1"] + ["1 1 2 0", "1 2 3 0", "2 3 0"] * 20000 + ["0", "A", "B", "C", "T"]
    path = tmp_path / "big.blt"
    path.write_text("\n".join(lines) + "\n")
    e = read_blt(path)
    assert len(e.ballots) == 3
    assert e.total_weight == 80000
