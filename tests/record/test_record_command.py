import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newcourse.record.services import record_append


@pytest.fixture
def three_entries(db):
    for n in range(3):
        record_append(actor="system:test", action="test.entry", subject=f"x:{n}", payload={"n": n})


def test_record_export_then_verify_file_passes(three_entries, tmp_path, capsys):
    out = tmp_path / "record.jsonl"
    call_command("record", "export", "--out", str(out))
    call_command("record", "verify", "--file", str(out))
    assert "3 entries" in capsys.readouterr().out


def test_record_verify_file_fails_on_changed_byte(three_entries, tmp_path, capsys):
    out = tmp_path / "record.jsonl"
    call_command("record", "export", "--out", str(out))
    lines = out.read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace('"n":1', '"n":7')
    out.write_text("".join(lines))
    with pytest.raises(SystemExit) as exit_:
        call_command("record", "verify", "--file", str(out))
    assert exit_.value.code == 1
    assert "entry 2" in capsys.readouterr().err


def test_record_verify_database_passes(three_entries, capsys):
    call_command("record", "verify")
    assert "intact: 3 entries" in capsys.readouterr().out


def test_record_export_to_missing_folder_is_refused(three_entries, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("record", "export", "--out", str(tmp_path / "nowhere" / "r.jsonl"))
    assert error.value.returncode == 2


def test_record_verify_refuses_a_head_that_is_not_a_hash(three_entries):
    with pytest.raises(CommandError) as error:
        call_command("record", "verify", "--head", "not-a-hash")
    assert error.value.returncode == 2


def test_record_verify_database_fails_on_wrong_head(three_entries, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("record", "verify", "--head", "ab" * 32)
    assert exit_.value.code == 1
