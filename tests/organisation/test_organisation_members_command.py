import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newcourse.organisation.models import Member


def test_members_import_command_reports_summary(tree, tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("email,full_name,branch\na@example.org,A,north\nb@example.org,B,south\n")
    call_command("members", "import", str(roster), "--body", "region")
    assert "2 admitted" in capsys.readouterr().out
    assert Member.objects.count() == 2


def test_members_import_command_refuses_bad_rows_with_exit_2(tree, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("email,full_name,branch\na@example.org,A,north\nbad,B,south\n")
    with pytest.raises(CommandError) as error:
        call_command("members", "import", str(roster), "--body", "region")
    assert error.value.returncode == 2
    assert "line 3" in str(error.value)
    assert Member.objects.count() == 0


def test_members_import_command_refuses_unknown_body(tree, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("email,full_name\na@example.org,A\n")
    with pytest.raises(CommandError, match="no body with the short name"):
        call_command("members", "import", str(roster), "--body", "atlantis")


def test_members_import_command_refuses_missing_file(tree, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("members", "import", str(tmp_path / "none.csv"), "--body", "region")


def test_members_export_command_writes_csv(tree, make_member, tmp_path):
    make_member(tree["north"], name="Export Me")
    out = tmp_path / "out.csv"
    call_command("members", "export", "--body", "north", "--out", str(out))
    lines = out.read_text().splitlines()
    assert lines[0] == "number,email,full_name,branch,joined_on,status,standing"
    assert "Export Me" in lines[1]
