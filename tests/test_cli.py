import os
import subprocess
import sys

from newcourse import __version__
from newcourse.cli import main
from newcourse.ledger import GENESIS_HASH, seal, write_jsonl


def test_cli_version_needs_no_django(capsys):
    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == f"newcourse {__version__}"


def test_cli_help_lists_commands(capsys):
    assert main(["help"]) == 0
    out = capsys.readouterr().out
    for command in [
        "demo",
        "serve",
        "members import",
        "record verify",
        "count",
        "verify",
        "delegates",
        "speakers order",
        "rules show",
    ]:
        assert command in out


def test_cli_runs_as_module():
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout.strip()) == (0, f"newcourse {__version__}")


def test_cli_unknown_command_fails_cleanly():
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "no-such-command"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Unknown command" in result.stderr


def test_cli_record_verify_file_needs_no_django(tmp_path):
    """A member checks a downloaded record against the head they kept with the package alone:
    no settings are loaded and no data directory is made."""
    entry = seal(
        seq=1,
        recorded_at="2026-12-07T02:00:00.000000Z",
        actor="system",
        action="test.entry",
        subject="x:1",
        body=None,
        payload={},
        prev_hash=GENESIS_HASH,
    )
    write_jsonl([entry], tmp_path / "record.jsonl")
    code = (
        "import sys; from newcourse.cli import main; "
        "status = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules; sys.exit(status)"
    )
    home = tmp_path / "home"

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "record",
            "verify",
            "--file",
            str(tmp_path / "record.jsonl"),
            "--head",
            f"1:{entry.hash}",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "NEWCOURSE_HOME": str(home)},
    )

    assert result.returncode == 0, result.stderr
    assert "the record holds the head you kept, #1" in result.stdout
    assert not home.exists()


def test_cli_speakers_order_needs_no_django(tmp_path):
    """A standing orders committee tries its speakers' list rules with the package alone."""
    path = tmp_path / "list.json"
    path.write_text(
        '{"requests": [{"id": "1", "speaker": "ann", "stance": "for", "sequence": 1}]}',
        encoding="utf-8",
    )
    code = (
        "import sys; from newcourse.cli import main; "
        "status = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules; sys.exit(status)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code, "speakers", "order", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "1  1  ann  for" in result.stdout
