"""Reading Pabulib `.pb` files: money read exactly, scores by vote type, and every file that
cannot be counted refused with its line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.counting import BallotFileError, read_pabulib
from newcourse.counting._pabulib import parse_money

PB = Path(__file__).resolve().parents[1] / "data" / "pb"

GOOD = """META
key;value
description;Test ward
budget;1000.50
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;votes;name;selected
1;600;2;"Park ""Green"" benches";1
2;400.25;1;Library;1
3;500;1;Pool;0
VOTES
voter_id;vote
a;1,2
b;1
c;3
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ward.pb"
    path.write_text(text, encoding="utf-8")
    return path


def test_money_is_read_exactly_in_the_smallest_unit_of_the_file(tmp_path: Path) -> None:
    vote = read_pabulib(write(tmp_path, GOOD))

    assert vote.decimals == 2
    assert vote.budget == 100050
    assert [p.cost for p in vote.projects] == [60000, 40025, 50000]
    assert vote.projects[0].name == 'Park "Green" benches'
    assert [p.selected for p in vote.projects] == [True, True, False]
    assert vote.ballots == {(0, 1): 1, (0,): 1, (2,): 1}
    assert vote.scores == (2, 1, 1)
    assert (vote.rule, vote.title, vote.voters) == ("greedy", "Test ward", 3)


def test_parse_money_refuses_what_is_not_a_plain_amount() -> None:
    assert parse_money("222176.85") == (22217685, 2)
    assert parse_money("381500.0") == (3815000, 1)
    for bad in ("", "-5", "1e3", "1,5", "12a", "١٢"):
        with pytest.raises(ValueError):
            parse_money(bad)


def test_cumulative_scores_are_the_points_given() -> None:
    vote = read_pabulib(PB / "Poland_Czestochowa_2024_Mirow.pb")

    by_id = dict(zip((p.id for p in vote.projects), vote.scores, strict=True))
    assert by_id["795"] == 1547  # the file's own score column
    assert by_id["687"] == 970


def test_ordinal_scores_are_borda_scores_from_max_length() -> None:
    vote = read_pabulib(PB / "Poland_Krakow_2020_Podgorze_Duchackie.pb")

    by_id = dict(zip((p.id for p in vote.projects), vote.scores, strict=True))
    assert (by_id["1"], by_id["4"], by_id["19"]) == (3419, 2156, 1577)


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        (
            "c;3\n",
            "c;3,9\n",
            16,
            "a vote for project '9', which the PROJECTS section does not list",
        ),
        ("budget;1000.50", "budget;0", 4, "the budget is zero"),
        ("budget;1000.50", "budget;0.00", 4, "the budget is zero"),
        ("2;400.25;1", "2;4OO;1", 10, "the cost of project '2' '4OO' is not a number of money"),
        ("budget;1000.50", "budget;lots", 4, "the budget 'lots' is not a number of money"),
        ("b;1\n", "b;1,1\n", 15, "project '1' twice in one vote"),
        ("3;500;1;Pool;0", "3;500;1;Pool;yes", 11, "selected must be 0 or 1, not 'yes'"),
        ("3;500;1;Pool;0", "2;500;1;Pool;0", 11, "project '2' is listed twice"),
        ("vote_type;approval", "vote_type;knapsack", 5, "unknown vote_type 'knapsack'"),
        ("voter_id;vote\n", "voter_id;ballot\n", 13, "the VOTES header has no 'vote' column"),
    ],
)
def test_bad_file_is_refused_naming_the_line(
    tmp_path: Path, old: str, new: str, line: int, problem: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))

    with pytest.raises(BallotFileError) as e:
        read_pabulib(path)

    assert e.value.line == line
    assert problem in e.value.problem
    assert str(e.value).startswith(f"{path}:{line}: ")


def test_missing_section_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.split("VOTES")[0])

    with pytest.raises(BallotFileError, match="no VOTES section"):
        read_pabulib(path)


def test_points_must_match_the_projects_voted_for(tmp_path: Path) -> None:
    text = GOOD.replace("vote_type;approval", "vote_type;cumulative").replace(
        "voter_id;vote\na;1,2\n", "voter_id;vote;points\na;1,2;5\n"
    )
    text = text.replace("b;1\n", "b;1;3\n").replace("c;3\n", "c;3;2\n")

    with pytest.raises(BallotFileError) as e:
        read_pabulib(write(tmp_path, text))

    assert (e.value.line, e.value.problem) == (
        14,
        "points must be one whole number for each project voted for",
    )


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ward.pb"
    path.write_bytes(GOOD.replace("Library", "Biblioth\xe8que").encode("latin-1"))

    with pytest.raises(BallotFileError, match="not UTF-8 text"):
        read_pabulib(path)
