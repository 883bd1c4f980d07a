"""An export is whole or absent: written beside its name, renamed when complete, and a disk
that fills up halfway leaves the old file (or none) and says so."""

from __future__ import annotations

import errno
import os

import pytest
from django.core.management import CommandError

from newcourse import console


def test_an_export_appears_whole(tmp_path) -> None:
    target = tmp_path / "record.jsonl"
    with console.written_whole(target) as out:
        out.write(b"first\n")
        assert not target.exists()  # nothing under its name until it is complete
        out.write(b"second\n")
    assert target.read_bytes() == b"first\nsecond\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.jsonl"]


def test_a_full_disk_leaves_the_old_file_and_no_part(tmp_path, monkeypatch) -> None:
    target = tmp_path / "record.jsonl"
    target.write_bytes(b"yesterday's export\n")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CommandError) as refused, console.written_whole(target) as out:
        out.write(b"half of today's")
    assert refused.value.returncode == 2
    assert "No space left on device; the old file is unchanged" in str(refused.value)
    assert target.read_bytes() == b"yesterday's export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.jsonl"]


def test_a_failure_while_writing_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "ballots.blt"
    with pytest.raises(RuntimeError), console.written_whole(target) as out:
        out.write(b"3 1\n")
        raise RuntimeError("the count broke")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_refused_before_writing(tmp_path) -> None:
    with (
        pytest.raises(CommandError, match="does not exist"),
        console.written_whole(tmp_path / "nowhere" / "x.pdf"),
    ):
        pass
