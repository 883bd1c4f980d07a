"""The core install, as a teller or a member who checks an election gets it: `pip install
newcourse` into a fresh venv, with rbcl and no Django, then `newcourse verify` and `newcourse
count` as they would run them.

The wheel is built from this checkout; rbcl and what it needs come from the runtime lock, at
its versions and checked against its hashes. The wheel is then installed without an index, so
the install fails if its metadata asks for anything more than those.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tests" / "data" / "crypto" / "record-small"
WARD = ROOT / "tests" / "data" / "counting" / "scotland" / "2017" / "argyll_bute_2017_ward3.blt"
# What the core install holds besides the package itself: rbcl, and what rbcl needs.
CORE_PACKAGES = ("rbcl", "barriers")

pytestmark = pytest.mark.slow


# One entry of a lock: its pin, then its hashes, a line each.
LOCK_ENTRY = re.compile(r"^([a-z0-9_.-]+)==\S+ \\\n(?:    --hash=\S+(?: \\)?\n)+", re.M)


def locked(lock: str, names: tuple[str, ...]) -> str:
    """The lock's entries (pin and hashes) for these packages, as a requirements file."""
    entries = {match.group(1): match.group(0) for match in LOCK_ENTRY.finditer(lock)}
    return "".join(entries[name] for name in names)


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The venv's own interpreter and packages only: nothing of the test run's path or settings.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONHOME"}
    }
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**environment, "NEWCOURSE_HOME": str(cwd / "home")},
        timeout=600,
    )


def size_of(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel of this checkout and rbcl: its bin directory."""
    work = tmp_path_factory.mktemp("core")
    # A copy of what the wheel is built from, so no build directory is left in the checkout
    # and none left there by an earlier build slips into this wheel.
    source = work / "source"
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", work / "wheel", source, cwd=work
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "wheel").glob("newcourse-*.whl")
    created = run(sys.executable, "-m", "venv", work / "venv", cwd=work)
    assert created.returncode == 0, created.stderr
    python = work / "venv" / "bin" / "python"
    (work / "core.txt").write_text(
        locked((ROOT / "requirements.lock").read_text(encoding="utf-8"), CORE_PACKAGES),
        encoding="utf-8",
    )
    for command in (
        ("install", "--quiet", "--require-hashes", "-r", work / "core.txt"),
        ("install", "--quiet", "--no-index", wheel),
    ):
        installed = run(python, "-m", "pip", *command, cwd=work)
        assert installed.returncode == 0, installed.stderr
    return work / "venv" / "bin"


def test_core_install_verifies_a_published_election_record(core, tmp_path):
    result = run(core / "newcourse", "verify", RECORD, "--processes", "1", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "The election record verifies."


def test_core_install_counts_a_blt_file(core, tmp_path):
    expected = json.loads(WARD.with_name(WARD.name + ".expected.json").read_text("utf-8"))

    result = run(
        core / "newcourse",
        "count",
        WARD,
        "--method",
        "scottish-stv",
        "--format",
        "json",
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    elected = [name.rpartition(" (")[0] for name in json.loads(result.stdout)["elected"]]
    assert elected == expected["elected"]


def test_core_install_has_no_django(core, tmp_path):
    result = run(core / "python", "-c", "import django", cwd=tmp_path)

    assert result.returncode == 1
    assert "ModuleNotFoundError: No module named 'django'" in result.stderr


def test_core_install_names_the_extra_a_site_command_needs(core, tmp_path):
    result = run(core / "newcourse", "migrate", cwd=tmp_path)

    assert (result.returncode, result.stdout) == (2, "")
    assert "pip install 'newcourse[server]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "home").exists()
