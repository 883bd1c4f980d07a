import subprocess
import sys


def test_crypto_import_loads_no_django() -> None:
    code = "import sys, newcourse.crypto; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
