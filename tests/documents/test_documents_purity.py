"""`newcourse.documents` is a pure library: importing and using it loads no Django."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from newcourse.documents import parse_document, replace_tag_text, unified_diff
document = parse_document("# T\\n\\n1.1 A {x = 1}.\\n")
document.lines()
unified_diff(document, parse_document(replace_tag_text("# T\\n\\n1.1 A {x = 1}.\\n", "x", "2")),
             old_label="a", new_label="b")
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print("LOADED:" + ",".join(bad))
"""


def test_documents_imports_no_django() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "LOADED:", done.stdout + done.stderr
