"""`newcourse rules check`: a one-line summary, or one line on stderr and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.rulebook._cli import main


def test_rules_check_summarises_rulebook(
    rulebook_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(rulebook_path)])

    assert (code, capsys.readouterr()) == (
        0,
        (f"{rulebook_path}: a rulebook with 48 parameters, 24 clauses, 39 lines.\n", ""),
    )


def test_rules_check_with_standing_orders(
    rulebook_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "leeds.md"
    orders.write_text("# Leeds\n\n1.1 {recall.threshold = 30%}.\n", encoding="utf-8")

    code = main(["check", str(rulebook_path), "--standing-orders", str(orders)])

    assert (code, capsys.readouterr().out.splitlines()[1]) == (
        0,
        f"{orders}: standing orders setting 1 parameter within the rulebook's limits, 2 lines.",
    )


def test_rules_check_refuses_bad_rulebook_with_clause(
    rulebook_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(
        rulebook_path.read_text(encoding="utf-8").replace("20% [10%..50%]", "120%"),
        encoding="utf-8",
    )

    code = main(["check", str(bad)])

    assert (code, capsys.readouterr()) == (
        2,
        (
            "",
            f"newcourse rules: error: {bad}: clause 3.1: the recall threshold "
            "(recall.threshold) must be above 0% and at most 100%, not 120%\n",
        ),
    )


def test_rules_check_names_standing_orders_file_in_error(
    rulebook_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "leeds.md"
    orders.write_text("# Leeds\n\n1.1 {recall.majority = 2/3}.\n", encoding="utf-8")

    code = main(["check", str(rulebook_path), "--standing-orders", str(orders)])

    assert (code, capsys.readouterr().err) == (
        2,
        f"newcourse rules: error: {orders}: clause 1.1: the rulebook does not let a body set "
        "recall.majority\n",
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "No such file or directory"),
        (b"# T\n\xff\n", "not UTF-8 text"),
        (b"# T\n" + b"a" * 2_000_001, "larger than 2000000 bytes: not a rulebook"),
    ],
)
def test_rules_check_refuses_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, reason: str
) -> None:
    path = tmp_path / "rules.md"
    if content is not None:
        path.write_bytes(content)

    code = main(["check", str(path)])

    assert (code, capsys.readouterr().err) == (2, f"newcourse rules: error: {path}: {reason}\n")


def test_rules_without_command_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: newcourse rules" in capsys.readouterr().err
