"""``newcourse record verify --file``: summaries, exit statuses, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newcourse.ledger import Entry, verify_main, write_jsonl

ChainFactory = Callable[[int], list[Entry]]


@pytest.fixture
def export(chain: ChainFactory, tmp_path: Path) -> tuple[Path, list[Entry]]:
    entries = chain(20)
    path = tmp_path / "record.jsonl"
    write_jsonl(entries, path)
    return path, entries


def test_verify_main_intact_record_exits_zero_with_summary(
    export: tuple[Path, list[Entry]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, entries = export

    status = verify_main(["--file", str(path)])

    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out[:2] == ["record intact: 20 entries checked", f"head: {entries[-1].hash}"]


def test_verify_main_matching_head_uppercase_accepted(
    export: tuple[Path, list[Entry]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, entries = export

    status = verify_main(["--file", str(path), "--head", entries[-1].hash.upper()])

    assert status == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"the record holds the head you kept, {entries[-1].hash}: "
        "its history up to there is unchanged"
    )


def test_verify_main_broken_record_exits_one_naming_entry(
    export: tuple[Path, list[Entry]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = export
    path.write_bytes(path.read_bytes().replace(b'"subject":"member:17"', b'"subject":"member:71"'))

    status = verify_main(["--file", str(path)])

    assert status == 1
    assert capsys.readouterr().err == (
        "record broken at entry 17 (line 18): its hash does not match its content\n"
    )


def test_verify_main_earlier_kept_head_passes(
    export: tuple[Path, list[Entry]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, entries = export

    status = verify_main(["--file", str(path), "--head", f"11:{entries[10].hash}"])

    assert status == 0


def test_verify_main_head_not_in_record_exits_one(
    export: tuple[Path, list[Entry]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, entries = export

    status = verify_main(["--file", str(path), "--head", f"12:{entries[10].hash}"])

    assert status == 1
    assert capsys.readouterr().err == (
        f"record broken at entry 12: the head you kept, #12 {entries[10].hash}, is not in "
        "this record: the history has been rewritten\n"
    )


def test_verify_main_missing_file_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.jsonl"

    status = verify_main(["--file", str(missing)])

    assert status == 2
    assert capsys.readouterr().err == f"error: cannot read {missing}: No such file or directory\n"


def test_verify_main_directory_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = verify_main(["--file", str(tmp_path)])

    assert status == 2
    assert capsys.readouterr().err == f"error: cannot read {tmp_path}: Is a directory\n"


def test_verify_main_not_an_export_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not json")

    status = verify_main(["--file", str(path)])

    assert status == 2
    assert capsys.readouterr().err == (
        f"error: {path}: this is not a newcourse-record/1 export: its first line is not the "
        "record header\n"
    )


def test_verify_main_malformed_head_exits_two(
    export: tuple[Path, list[Entry]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = export

    status = verify_main(["--file", str(path), "--head", "xyz"])

    assert status == 2
    assert "error: --head: a kept head is a SHA-256 hash" in capsys.readouterr().err


def test_verify_main_without_file_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    status = verify_main([])

    assert status == 2
    assert "the following arguments are required: --file" in capsys.readouterr().err
