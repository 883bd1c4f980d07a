import subprocess
import sys

from newcourse import __version__
from newcourse.cli import main


def test_cli_version_needs_no_django(capsys):
    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == f"newcourse {__version__}"


def test_cli_help_lists_commands(capsys):
    assert main(["help"]) == 0
    out = capsys.readouterr().out
    for command in ["demo", "serve", "members import", "record verify", "count", "verify"]:
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
