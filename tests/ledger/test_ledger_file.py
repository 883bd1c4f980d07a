"""Export files: writing, reading, and byte-exact verification (in one process or many)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.ledger import (
    GENESIS_HASH,
    ChainBroken,
    ChainReport,
    Entry,
    LedgerError,
    MalformedEntry,
    UnreadableRecord,
    _file,
    read_jsonl,
    verify_chain,
    verify_file,
    write_jsonl,
)

ChainFactory = Callable[[int], list[Entry]]
HEADER = b'{"format":"newcourse-record/1","kind":"header"}\n'


def _export(entries: list[Entry]) -> bytes:
    out = io.BytesIO()
    write_jsonl(entries, out)
    return out.getvalue()


def _write(tmp_path: Path, data: bytes, name: str = "record.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _broken(path: Path, **options: object) -> ChainBroken:
    with pytest.raises(ChainBroken) as broken:
        verify_file(path, **options)  # type: ignore[arg-type]
    return broken.value


def test_write_jsonl_exact_layout(chain: ChainFactory) -> None:
    entries = chain(2)

    data = _export(entries)

    assert data.split(b"\n") == [
        HEADER[:-1],
        entries[0].to_json_line().encode(),
        entries[1].to_json_line().encode(),
        b'{"count":2,"head":"' + entries[1].hash.encode() + b'","kind":"end"}',
        b"",
    ]


def test_write_jsonl_text_file_same_bytes_as_binary(chain: ChainFactory) -> None:
    entries = chain(3)
    text = io.StringIO()

    report = write_jsonl(entries, text)

    assert text.getvalue().encode("utf-8") == _export(entries)
    assert report == ChainReport(count=3, head=entries[2].hash)


def test_verify_file_sealed_export_verifies(chain: ChainFactory, tmp_path: Path) -> None:
    entries = chain(30)
    path = tmp_path / "record.jsonl"
    write_jsonl(entries, path)

    assert verify_file(path) == ChainReport(count=30, head=entries[-1].hash)


def test_verify_file_empty_record_verifies(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    write_jsonl([], path)

    assert verify_file(path) == ChainReport(count=0, head=GENESIS_HASH)


def test_read_jsonl_round_trips_entries(chain: ChainFactory, tmp_path: Path) -> None:
    entries = chain(10)
    path = _write(tmp_path, _export(entries))

    assert list(read_jsonl(path)) == entries
    assert verify_chain(read_jsonl(str(path))).count == 10


def test_read_jsonl_text_file_round_trips(chain: ChainFactory) -> None:
    entries = chain(4)

    again = list(read_jsonl(io.StringIO(_export(entries).decode("utf-8"))))

    assert again == entries


def test_read_jsonl_missing_end_line_refused(chain: ChainFactory, tmp_path: Path) -> None:
    data = _export(chain(3))
    path = _write(tmp_path, data[: data.rindex(b'{"count"')])

    with pytest.raises(MalformedEntry) as error:
        list(read_jsonl(path))

    assert error.value.line == 5
    assert "without its end line" in error.value.reason


def test_verify_file_changed_byte_names_entry_and_line(chain: ChainFactory, tmp_path: Path) -> None:
    data = bytearray(_export(chain(30)))
    at = data.index(b"member:17")
    data[at + 7] = ord("9")
    path = _write(tmp_path, bytes(data))

    broken = _broken(path)

    assert (broken.seq, broken.line) == (17, 18)
    assert broken.reason == "its hash does not match its content"


def test_verify_file_dropped_entry_fails(chain: ChainFactory, tmp_path: Path) -> None:
    lines = _export(chain(10)).splitlines(keepends=True)
    del lines[5]  # entry 5
    path = _write(tmp_path, b"".join(lines))

    broken = _broken(path)

    assert (broken.seq, broken.line) == (5, 6)
    assert broken.reason.startswith("found entry 6 where entry 5 should be")


def test_verify_file_swapped_entries_fail(chain: ChainFactory, tmp_path: Path) -> None:
    lines = _export(chain(10)).splitlines(keepends=True)
    lines[3], lines[7] = lines[7], lines[3]
    path = _write(tmp_path, b"".join(lines))

    assert _broken(path).seq == 3


def test_verify_file_cut_short_fails(chain: ChainFactory, tmp_path: Path) -> None:
    data = _export(chain(10))
    path = _write(tmp_path, data[: data.rindex(b'{"count"')])

    broken = _broken(path)

    assert (broken.seq, broken.line) == (11, 12)
    assert "without its end line" in broken.reason


def test_verify_file_cut_mid_line_fails(chain: ChainFactory, tmp_path: Path) -> None:
    data = _export(chain(10))
    path = _write(tmp_path, data[: data.rindex(b'{"count"') - 100])

    broken = _broken(path)

    assert (broken.seq, broken.line) == (10, 11)
    assert "cut short" in broken.reason


def test_verify_file_last_entry_dropped_with_end_line_fixed_caught_by_head(
    chain: ChainFactory, tmp_path: Path
) -> None:
    entries = chain(10)
    path = tmp_path / "record.jsonl"
    write_jsonl(entries[:-1], path)

    assert verify_file(path).count == 9
    broken = _broken(path, head=entries[-1].hash)
    assert broken.seq == 10
    assert "not the expected head" in broken.reason


def test_verify_file_end_line_count_disagrees(chain: ChainFactory, tmp_path: Path) -> None:
    data = _export(chain(10)).replace(b'{"count":10,', b'{"count":11,')
    path = _write(tmp_path, data)

    broken = _broken(path)

    assert broken.line == 12
    assert broken.reason.startswith("the end line says the record has 11 entries")


def test_verify_file_windows_line_endings_explained(chain: ChainFactory, tmp_path: Path) -> None:
    data = _export(chain(3))
    path = _write(tmp_path, HEADER + data[len(HEADER) :].replace(b"\n", b"\r\n"))

    broken = _broken(path)

    assert broken.line == 2
    assert "carriage return" in broken.reason


def test_verify_file_non_canonical_but_correctly_hashed_line_fails(
    chain: ChainFactory, tmp_path: Path
) -> None:
    entry = chain(1)[0]
    spaced = entry.hashed_bytes().replace(b'"seq":1', b'"seq": 1')
    line = spaced[:-1] + b',"hash":"' + hashlib.sha256(spaced).hexdigest().encode() + b'"}'
    data = _export([entry]).replace(entry.to_json_line().encode(), line)
    path = _write(tmp_path, data)

    assert _broken(path).reason == "it is not in canonical form"


def test_verify_file_header_not_exact_fails(chain: ChainFactory, tmp_path: Path) -> None:
    data = _export(chain(2)).replace(HEADER, b'{"kind":"header","format":"newcourse-record/1"}\n')
    path = _write(tmp_path, data)

    broken = _broken(path)

    assert (broken.seq, broken.line) == (1, 1)
    assert broken.reason == (
        "the header line is not in its exact form: "
        'it must be exactly {"format":"newcourse-record/1","kind":"header"}'
    )


def test_verify_file_not_an_export_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path, b'{"hello":"world"}\n')

    with pytest.raises(UnreadableRecord, match="not a newcourse-record/1 export"):
        verify_file(path)


def test_verify_file_future_format_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path, b'{"format":"newcourse-record/9","kind":"header"}\n')

    with pytest.raises(UnreadableRecord, match="'newcourse-record/9'"):
        verify_file(path)


def test_verify_file_empty_file_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableRecord):
        verify_file(_write(tmp_path, b""))


@pytest.fixture(scope="module")
def flip_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("byte-flip")


@settings(max_examples=300)
@given(data=st.data())
def test_verify_file_any_single_byte_change_fails(
    chain: ChainFactory, flip_dir: Path, data: st.DataObject
) -> None:
    original = _export(chain(6))
    position = data.draw(st.integers(0, len(original) - 1), label="position")
    replacement = data.draw(
        st.integers(0, 255).filter(lambda b: b != original[position]), label="byte"
    )
    changed = bytearray(original)
    changed[position] = replacement
    path = _write(flip_dir, bytes(changed))

    with pytest.raises(LedgerError):
        verify_file(path)


@pytest.fixture
def parallel_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use worker processes even for small files, cut into small pieces."""
    monkeypatch.setattr(_file, "_PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(_file, "_MIN_PIECE", 16 * 1024)


@pytest.mark.usefixtures("parallel_everywhere")
def test_verify_file_parallel_verifies_in_workers_and_reports_progress(
    chain: ChainFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = chain(600)
    path = _write(tmp_path, _export(entries))
    seen: list[tuple[int, int | None]] = []
    in_parent: list[int] = []
    monkeypatch.setattr(_file, "_verify_region", lambda *a: in_parent.append(1))

    report = verify_file(path, workers=2, progress=lambda d, t: seen.append((d, t)))

    size = path.stat().st_size
    assert report == ChainReport(count=600, head=entries[-1].hash)
    assert in_parent == []  # every chunk was checked by a worker and joined up
    assert len(seen) > 5
    assert seen[-1] == (size, size)


@pytest.mark.usefixtures("parallel_everywhere")
@pytest.mark.parametrize("damage", ["change", "drop", "swap"])
def test_verify_file_parallel_reports_same_error_as_single_pass(
    chain: ChainFactory, tmp_path: Path, damage: str
) -> None:
    lines = _export(chain(600)).splitlines(keepends=True)
    if damage == "change":
        lines[400] = lines[400].replace(b"member:", b"member;", 1)
    elif damage == "drop":
        del lines[400]
    else:
        lines[400], lines[401] = lines[401], lines[400]
    path = _write(tmp_path, b"".join(lines))

    single = _broken(path, workers=1)
    parallel = _broken(path, workers=2)

    assert (parallel.seq, parallel.line, parallel.reason) == (
        single.seq,
        single.line,
        single.reason,
    )
    assert single.seq == 400
