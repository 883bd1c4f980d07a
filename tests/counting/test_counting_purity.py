"""`newcourse.counting` is a pure library: importing it (and counting) loads no Django."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import newcourse.counting as counting
from newcourse.counting import _cli, Ballot, Election, count
for name in counting.METHOD_NAMES:
    options = ("Yes", "No") if name == "motion" else ("A", "B")
    count(Election(options, 1, (Ballot(((0,),), 1),)), name)
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print("LOADED:" + ",".join(bad))
"""


def test_counting_imports_no_django() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=None
    )
    assert done.stdout.strip() == "LOADED:", done.stdout + done.stderr
