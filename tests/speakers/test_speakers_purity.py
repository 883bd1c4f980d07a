"""The speakers' list is a pure library: importing and using it loads no Django."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from newcourse.speakers import ListRules, SpeakingRequest, speaking_order, _cli
speaking_order([SpeakingRequest("1", "ann", "for", 1)], ListRules())
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print("LOADED:" + ",".join(bad))
"""


def test_speakers_imports_no_django() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "LOADED:", done.stdout + done.stderr
