"""Delegate entitlement is a pure library: importing it must not import Django."""

from __future__ import annotations

import subprocess
import sys


def test_apportionment_import_leaves_django_unloaded() -> None:
    code = (
        "import sys, newcourse.apportionment, newcourse.apportionment._cli; "
        "print('django' in sys.modules, any(m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"
