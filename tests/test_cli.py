import os
import subprocess
import sys
from pathlib import Path

import pytest

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


DATA = Path(__file__).resolve().parent / "data"
# The command line as the core install runs it: the package named first is not installed, and
# importing it fails as it would there.
WITHOUT = (
    "import sys; sys.modules[sys.argv.pop(1)] = None; from newcourse.cli import main; "
    "sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (
            ["count", DATA / "counting/scotland/2017/argyll_bute_2017_ward3.blt", "-m", "meek"],
            "Elected: ",
        ),
        (["verify", DATA / "crypto/record-small", "--processes", "1"], "record verifies"),
        (["teller", "--help"], "usage: newcourse teller"),
    ],
    ids=["count", "verify", "teller"],
)
def test_cli_teller_and_verifier_commands_run_without_django(tmp_path, arguments, says):
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT, "django", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert says in result.stdout


@pytest.mark.parametrize(
    ("missing", "command", "extra"),
    [("django", "migrate", "server"), ("polib", "check", "server")],
)
def test_cli_site_command_without_its_extra_says_what_to_install(tmp_path, missing, command, extra):
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT, missing, command],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "NEWCOURSE_HOME": str(tmp_path / "home")},
    )

    assert (result.returncode, result.stdout) == (2, "")
    assert f"`{command}` needs {missing}" in result.stderr
    assert f"pip install 'newcourse[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_postgresql_without_its_driver_says_what_to_install(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT, "psycopg", "migrate"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={
            **os.environ,
            "NEWCOURSE_HOME": str(tmp_path / "home"),
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
        },
    )

    assert (result.returncode, result.stdout) == (2, "")
    assert "`migrate` needs psycopg" in result.stderr
    assert "pip install 'newcourse[postgres]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_missing_module_outside_the_extras_is_a_bug_with_its_traceback(tmp_path):
    """Only the extras' packages are explained away; any other missing module is a fault."""
    code = (
        "import sys; from newcourse import cli; "
        "error = ModuleNotFoundError(name='newcourse.nowhere'); "
        "cli._missing_extra('check', error)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path
    )

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "ModuleNotFoundError"
