"""`newcourse.rulebook` is a pure library: importing and using it loads no Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys
from newcourse.rulebook import _cli, in_force, parse_rulebook, MODELS
rulebook = parse_rulebook(open(sys.argv[1], encoding="utf-8").read())
in_force(rulebook)
_cli.main(["check", sys.argv[1]])
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print("LOADED:" + ",".join(bad))
"""


def test_rulebook_imports_no_django(rulebook_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CODE, str(rulebook_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "LOADED:", done.stdout + done.stderr
