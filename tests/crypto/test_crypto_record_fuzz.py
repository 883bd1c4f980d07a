"""Whatever byte of a record is changed, the verifier answers with a named failure or a
RecordError (or, for a change JSON ignores, the same verified totals) — never a traceback."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newcourse.crypto import RecordError, VerificationFailed, verify_record

SMALL = Path(__file__).parent.parent / "data" / "crypto" / "record-small"
NAMES = [
    "board.json",
    "tellers.json",
    "decryption.json",
    "aggregate.json",
    "audited.json",
    "manifest.json",
    "credentials.json",
    "result.json",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(NAMES), where=st.floats(0, 1), byte=st.integers(0, 255))
def test_fuzz_changed_byte_gives_named_failure_or_record_error(
    tmp_path: Path, name: str, where: float, byte: int
) -> None:
    directory = tmp_path / "fuzz"
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(SMALL, directory)
    data = bytearray((directory / name).read_bytes())
    position = min(int(where * len(data)), len(data) - 1)
    data[position] = byte
    (directory / name).write_bytes(bytes(data))
    index = json.loads((directory / "index.json").read_text())
    index["files"][name] = hashlib.sha256(bytes(data)).hexdigest()
    (directory / "index.json").write_text(json.dumps(index))
    try:
        report = verify_record(directory, processes=1)
    except (VerificationFailed, RecordError):
        return
    assert report.totals == verify_record(SMALL, processes=1).totals


def test_fuzz_entries_not_a_list_is_a_record_error(tmp_path: Path) -> None:
    directory = tmp_path / "r"
    shutil.copytree(SMALL, directory)
    raw = json.dumps({"format": "newcourse-board/1", "entries": {"0": 1}}).encode()
    (directory / "board.json").write_bytes(raw)
    index = json.loads((directory / "index.json").read_text())
    index["files"]["board.json"] = hashlib.sha256(raw).hexdigest()
    (directory / "index.json").write_text(json.dumps(index))
    with pytest.raises(RecordError, match="entries must be a list"):
        verify_record(directory, processes=1)
