"""`newcourse.counting` is a pure library: importing it (and counting) loads no Django; and a
count loads only the modules it uses, since every import is start-up time members wait for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


BLT_COUNT = """
import sys
from newcourse.counting._cli import main
main([sys.argv[1], "--method", "scottish-stv"])
print("LOADED:" + ",".join(sorted(m for m in sys.modules if m.startswith("newcourse."))))
"""


def test_a_blt_count_loads_only_the_modules_it_uses(tmp_path: Path) -> None:
    path = tmp_path / "e.blt"
    path.write_text('2 1\n3 1 2 0\n2 2 0\n0\n"Ann"\n"Bob"\n"The title"\n')
    done = subprocess.run(
        [sys.executable, "-c", BLT_COUNT, str(path)], capture_output=True, text=True, check=True
    )
    loaded = done.stdout.rpartition("LOADED:")[2].strip().split(",")
    counting = sorted(m.removeprefix("newcourse.counting.") for m in loaded if "counting." in m)
    assert counting == [
        "_blt",
        "_cli",
        "_count",
        "_errors",
        "_io",
        "_lot",
        "_methods",
        "_model",
        "_prep",
        "_render",
        "_report",
        "_scottish",
    ]


PB_COUNT = """
import sys
from newcourse.counting._cli import main
main([sys.argv[1], "--format", "json"])
print("LOADED:" + ",".join(sorted(m for m in sys.modules
    if m.startswith(("newcourse", "django", "typing", "dataclasses")))))
"""


def test_a_budget_count_loads_only_its_own_modules() -> None:
    # Nor typing and dataclasses, which would double its start-up time.
    path = Path(__file__).resolve().parents[1] / "data" / "pb" / "Netherlands_Assen_2024.pb"
    done = subprocess.run(
        [sys.executable, "-c", PB_COUNT, str(path)], capture_output=True, text=True, check=True
    )
    loaded = done.stdout.rpartition("LOADED:")[2].strip().split(",")
    assert sorted(m.removeprefix("newcourse.counting.") for m in loaded) == [
        "_budget",
        "_budget_report",
        "_cli",
        "_errors",
        "_io",
        "_methods",
        "_pabulib",
        "newcourse",
        "newcourse.counting",
    ]


def test_every_public_name_is_importable_and_no_other() -> None:
    import newcourse.counting as counting  # noqa: PLC0415 - the package itself is under test

    namespace: dict[str, object] = {}
    exec("from newcourse.counting import *", namespace)  # noqa: S102 - a fixed statement
    assert set(counting.__all__) <= set(namespace)
    assert set(counting.__all__) <= set(dir(counting))
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        counting.nothing  # noqa: B018
