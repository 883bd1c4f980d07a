import json
from pathlib import Path
from typing import Any

import pytest

from newcourse.crypto import (
    Ballot,
    Credential,
    Election,
    InvalidEncoding,
    Manifest,
    Point,
    Scalar,
    challenge,
    check_ballot,
    digest,
    hash_input,
    read_record,
    simulate_election,
    verify_record,
    write_record,
)
from newcourse.crypto._vectors import build_vectors

DATA = Path(__file__).parent.parent / "data" / "crypto"
VECTORS = json.loads((DATA / "vectors.json").read_text(encoding="utf-8"))


def _field(typed: dict[str, Any]) -> Any:
    kind, value = typed["type"], typed["value"]
    return {
        "point": lambda: Point.from_hex(value, allow_identity=True),
        "scalar": lambda: Scalar.from_hex(value),
        "bytes": lambda: bytes.fromhex(value),
        "str": lambda: value,
        "int": lambda: value,
        "list": lambda: [_field(v) for v in value],
    }[kind]()


def test_vectors_file_matches_what_the_code_generates() -> None:
    assert build_vectors() == VECTORS


@pytest.mark.parametrize("case", VECTORS["hashing"], ids=lambda c: c["tag"])
def test_vectors_hash_inputs_rebuild_from_typed_fields(case: dict[str, Any]) -> None:
    fields = [_field(f) for f in case["fields"]]
    assert hash_input(case["tag"], *fields).hex() == case["input"]
    assert challenge(case["tag"], *fields).hex() == case["challenge"]
    assert digest(case["tag"], *fields).hex() == case["digest"]


@pytest.mark.parametrize("encoding", VECTORS["group"]["invalid_points"])
def test_vectors_invalid_points_are_rejected(encoding: str) -> None:
    with pytest.raises(InvalidEncoding):
        Point.from_hex(encoding)


@pytest.mark.parametrize("encoding", VECTORS["group"]["invalid_scalars"])
def test_vectors_invalid_scalars_are_rejected(encoding: str) -> None:
    with pytest.raises(InvalidEncoding):
        Scalar.from_hex(encoding)


def test_vectors_ballot_passes_check_ballot() -> None:
    v = VECTORS["ballot"]
    election = Election(
        Manifest.from_json(v["manifest"]),
        Point.from_hex(v["election_key"]),
        tuple(tuple(Point.from_hex(p) for p in row) for row in v["commitments"]),
        tuple(Credential(Point.from_hex(c["key"]), c["weight"]) for c in v["credentials"]),
        bytes.fromhex(v["ceremony"]),
    )
    assert election.fingerprint.hex() == v["fingerprint"]
    ballot = check_ballot(election, v["ballot"])
    assert ballot.tracker().hex() == v["tracker"]
    assert Ballot.from_json(v["ballot"]).to_json() == v["ballot"]


def test_vectors_small_record_verifies() -> None:
    report = verify_record(DATA / "record-small", processes=1)
    assert report.counted == 4


def test_vectors_small_record_is_reproducible(tmp_path: Path) -> None:
    simulate_election(tmp_path / "again", voters=4, tellers=3, threshold=2, seed=b"record-small")
    for name in sorted(p.name for p in (DATA / "record-small").iterdir()):
        assert (tmp_path / "again" / name).read_bytes() == (
            DATA / "record-small" / name
        ).read_bytes(), name


def test_vectors_record_written_from_read_record_is_identical(tmp_path: Path) -> None:
    write_record(tmp_path / "copy", read_record(DATA / "record-small"))
    for name in sorted(p.name for p in (DATA / "record-small").iterdir()):
        assert (tmp_path / "copy" / name).read_bytes() == (
            DATA / "record-small" / name
        ).read_bytes(), name
