"""`newcourse count FILE.pb`: the funded projects as JSON, the text report saying why each
project was or was not funded, and bad input refused with the file's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newcourse.counting._budget_report import money
from newcourse.counting._cli import main

PB = Path(__file__).resolve().parents[1] / "data" / "pb"
ASSEN = PB / "Netherlands_Assen_2024.pb"
REDLOWO = PB / "Poland_Gdynia_2024_Redlowo__small.pb"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_report_lists_the_selected_projects_by_the_files_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, str(ASSEN), "--format", "json")

    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["selected"] == ["3", "9", "2", "11", "13", "14", "5", "6", "12"]
    assert report["method"] == "equalshares/add1"
    assert (report["budget"], report["spent"], report["voters"]) == ("100000", "76700", 84)
    assert (report["raises"], report["stopped_because"]) == (843, "overspend")
    first = report["projects"][0]
    assert (first["id"], first["round"], first["price"]) == ("3", 1, "167.4419")


def test_method_option_overrides_the_files_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(ASSEN), "--method", "greedy", "--format", "json")

    assert code == 0
    assert json.loads(out)["selected"] == ["3", "9", "8", "2", "11", "13", "14"]


def test_text_report_explains_equal_shares_rounds_and_unaffordable_projects(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, str(ASSEN))

    assert code == 0
    assert "Method: Method of Equal Shares, add1 completion" in out
    assert "Each voter's share: 2033.48 (raised 843 times by 1; one more raise" in out
    assert (
        "funded in round 1: its supporters paid at most 167.44 each (effective votes 43.00)" in out
    )
    assert (
        "not funded: by round 5, its supporters' remaining shares (38917.14 between them) "
        "could not pay its cost of 40000" in out
    )
    assert out.endswith("Selected: 3, 9, 2, 11, 13, 14, 5, 6, 12\n")


def test_text_report_explains_greedy_places_and_budget_left(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, str(REDLOWO))

    assert code == 0
    lines = out.splitlines()
    assert "Method: greedy without skipping" in lines[1]
    assert "funded: it fitted; 16897 left" in out
    assert "not funded: it costs" in out
    assert "not funded: the count had stopped at the first project that did not fit" in out


def test_csv_report_has_a_row_a_project(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(ASSEN), "--format", "csv")

    rows = out.splitlines()
    assert code == 0
    assert rows[0] == "project_id,cost,score,funded,reason,why"
    assert len(rows) == 1 + 14
    assert rows[1].startswith("3,7200,43,1,chosen,funded in round 1")


def test_vote_for_unknown_project_is_refused_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = ASSEN.read_text(encoding="utf-8").replace(";1,2,6,9,13\n", ";1,2,6,99,13\n", 1)
    path = tmp_path / "assen.pb"
    path.write_text(text, encoding="utf-8")

    code, out, err = run(capsys, str(path), "--format", "json")

    assert (code, out) == (2, "")
    assert err == (
        f"newcourse count: error: {path}:36: a vote for project '99', which the PROJECTS "
        "section does not list\n"
    )


def test_zero_budget_is_refused_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "assen.pb"
    path.write_text(
        ASSEN.read_text(encoding="utf-8").replace("budget;100000", "budget;0"), encoding="utf-8"
    )

    code, out, err = run(capsys, str(path))

    assert (code, out) == (2, "")
    assert err.startswith(f"newcourse count: error: {path}:9: the budget is zero")


def test_candidate_method_on_a_budget_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(ASSEN), "--method", "irv")

    assert code == 2
    assert "irv counts candidates, not projects" in err


def test_seats_do_not_apply_to_a_budget(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(ASSEN), "--seats", "2")

    assert code == 2
    assert "--seats does not apply to a participatory budget" in err


def test_ballot_file_still_needs_a_method(capsys: pytest.CaptureFixture[str]) -> None:
    blt = Path(__file__).resolve().parents[1] / "data" / "counting" / "scotland" / "2007"
    code, _, err = run(capsys, str(blt / "glasgow_2007_linn.blt"))

    assert code == 2
    assert "the following arguments are required: --method" in err


def test_money_prints_exact_units_and_rounds_fractions_half_even() -> None:
    assert money(22217685, 2) == "222176.85"
    assert money(5, 2) == "0.05"
    assert money(7200, 0) == "7200"
    assert money((100000, 84), 0, 2) == "1190.48"
    assert money((1, 8), 0, 2) == "0.12"  # half to even
    assert money((3, 8), 0, 2) == "0.38"
    assert money((1, 3), 2, 2) == "0.0033"


def test_input_format_pb_reads_a_budget_whatever_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "assen.txt"
    path.write_bytes(ASSEN.read_bytes())

    code, out, _ = run(capsys, str(path), "--input-format", "pb", "--format", "json")

    assert code == 0
    assert json.loads(out)["selected"] == ["3", "9", "2", "11", "13", "14", "5", "6", "12"]
