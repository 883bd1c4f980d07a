"""The tamper suite: each test breaks one thing in a good record, fixes up the index (so the
break is not caught merely as a changed file) and expects the verifier to name the check."""

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newcourse.crypto import (
    ORDER,
    Ballot,
    Simulation,
    VerificationFailed,
    _proofs,
    ballot_encrypt,
    credential_generate,
    entry_hash,
    seeded_scalars,
    simulate_election,
    verify_record,
)
from newcourse.crypto._ballot import SIGNATURE_TAG, content_digest
from newcourse.crypto._group import BASE
from newcourse.crypto._proofs import prove_knowledge


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Simulation]:
    directory = tmp_path_factory.mktemp("tamper") / "good"
    return directory, simulate_election(directory, voters=6, seed=b"tamper-tests")


def _copy(good: tuple[Path, Simulation], tmp_path: Path) -> Path:
    copy = tmp_path / "record"
    shutil.copytree(good[0], copy)
    return copy


def _edit(directory: Path, name: str, change: Callable[[Any], None]) -> None:
    data = json.loads((directory / name).read_text())
    change(data)
    raw = json.dumps(data).encode()
    (directory / name).write_bytes(raw)
    index = json.loads((directory / "index.json").read_text())
    index["files"][name] = hashlib.sha256(raw).hexdigest()
    (directory / "index.json").write_text(json.dumps(index))


def _append(entries: list[dict[str, Any]], ballot: dict[str, Any], fingerprint: bytes) -> None:
    """Append a ballot with a perfectly valid chain link."""
    decoded = Ballot.from_json(ballot)
    seq = len(entries)
    prev = bytes.fromhex(entries[-1]["hash"])
    supersedes = max(
        (e["seq"] for e in entries if e["ballot"]["credential"] == ballot["credential"]),
        default=None,
    )
    tracker = decoded.tracker()
    entries.append(
        {
            "seq": seq,
            "prev": prev.hex(),
            "supersedes": supersedes,
            "tracker": tracker.hex(),
            "ballot": ballot,
            "hash": entry_hash(fingerprint, seq, prev, supersedes, tracker).hex(),
        }
    )


def _fails(directory: Path, check: str, message: str) -> None:
    with pytest.raises(VerificationFailed) as failure:
        verify_record(directory, processes=1)
    assert failure.value.check == check
    assert message in failure.value.detail


def _flip(text: str) -> str:
    return text[:-3] + ("0" if text[-3] != "0" else "1") + text[-2:]


BALLOT_FIELDS: list[Callable[[dict[str, Any]], tuple[dict[str, Any], str]]] = [
    lambda b: (b["answers"][0]["choices"][1], "alpha"),
    lambda b: (b["answers"][0]["choices"][3], "beta"),
    lambda b: (b["answers"][0]["proofs"][2][0], "challenge"),
    lambda b: (b["answers"][0]["proofs"][0][1], "response"),
    lambda b: (b["answers"][0]["sum_proof"][0], "response"),
    lambda b: (b["signature"], "challenge"),
    lambda b: (b["signature"], "response"),
    lambda b: (b, "credential"),
    lambda b: (b, "election"),
]


@pytest.mark.parametrize("where", range(len(BALLOT_FIELDS)))
def test_tamper_changed_byte_in_a_ballot_is_rejected(good, tmp_path: Path, where: int) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        holder, key = BALLOT_FIELDS[where](data["entries"][2]["ballot"])
        holder[key] = _flip(holder[key])

    _edit(directory, "board.json", change)
    _fails(directory, "ballots", "board entry 2")


def test_tamper_ballot_removed_from_middle_breaks_chain(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)
    _edit(directory, "board.json", lambda data: data["entries"].pop(3))
    _fails(directory, "board hash chain", "entry 3: seq is 4")


def test_tamper_last_ballot_removed_fails_aggregate(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)
    _edit(directory, "board.json", lambda data: data["entries"].pop())
    _fails(directory, "aggregate", "board head differs")


def test_tamper_ballot_added_twice_is_a_duplicate(good, tmp_path: Path) -> None:
    directory, sim = _copy(good, tmp_path), good[1]

    def change(data: Any) -> None:
        _append(data["entries"], data["entries"][1]["ballot"], sim.election.fingerprint)

    _edit(directory, "board.json", change)
    _fails(directory, "duplicates and one ballot per credential", "duplicate ballot")


def test_tamper_ballot_with_unlisted_credential_is_rejected(good, tmp_path: Path) -> None:
    directory, sim = _copy(good, tmp_path), good[1]
    rng = seeded_scalars(b"stuffer")
    secret, _ = credential_generate(1, rng)
    stuffed = ballot_encrypt(
        election=sim.election, credential_secret=secret, marks=[[1, 0, 0, 0, 0]], rng=rng
    ).ballot.to_json()
    _edit(
        directory,
        "board.json",
        lambda data: _append(data["entries"], stuffed, sim.election.fingerprint),
    )
    _fails(directory, "ballots", "credential is not on the published list")


def test_tamper_ballot_replayed_under_another_credential_is_rejected(good, tmp_path: Path) -> None:
    directory, sim = _copy(good, tmp_path), good[1]
    original = sim.record.board[0].ballot
    thief_secret = next(s for s in sim.credential_secrets if BASE * s != original.credential)
    thief = BASE * thief_secret
    signed = content_digest(original.election, thief, original.answers)
    signature = prove_knowledge(
        SIGNATURE_TAG,
        [original.election, signed],
        BASE,
        thief,
        thief_secret,
        seeded_scalars(b"thief"),
    )
    replayed = Ballot(original.election, thief, original.answers, signature).to_json()
    _edit(
        directory,
        "board.json",
        lambda data: _append(data["entries"], replayed, sim.election.fingerprint),
    )
    _fails(directory, "ballots", "range proof does not verify")


# Challenge inputs after the tag — choice proof: fingerprint, credential, question, option,
# K, α, β, lo, hi, commitments; sum proof: the same without the option; signature:
# fingerprint, content digest, B, credential, commitment.
WEAKENED = (
    [("ballot-choice", i, "question 0 option 0: range proof") for i in range(10)]
    + [("ballot-sum", i, "question 0: sum proof") for i in range(9)]
    + [("ballot-signature", i, "credential signature") for i in range(5)]
)


@pytest.mark.parametrize(("tag", "omitted", "message"), WEAKENED)
def test_tamper_proof_whose_challenge_omits_an_input_is_rejected(
    good, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag: str, omitted: int, message: str
) -> None:
    directory, sim = _copy(good, tmp_path), good[1]
    honest = _proofs.challenge

    def weak(this_tag: str, *fields: Any) -> Any:
        if this_tag == tag:
            fields = fields[:omitted] + fields[omitted + 1 :]
        return honest(this_tag, *fields)

    monkeypatch.setattr(_proofs, "challenge", weak)
    ballot = ballot_encrypt(
        election=sim.election,
        credential_secret=sim.credential_secrets[0],
        marks=[[0, 0, 1, 0, 0]],
        rng=seeded_scalars(b"weak"),
    ).ballot
    monkeypatch.setattr(_proofs, "challenge", honest)
    _edit(
        directory,
        "board.json",
        lambda data: _append(data["entries"], ballot.to_json(), sim.election.fingerprint),
    )
    _fails(directory, "ballots", f"{message} does not verify")


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("00" * 32, "identity element not allowed"),
        ("ed" + "ff" * 30 + "7f", "not a canonical ristretto255 encoding"),
        ("01" + "00" * 31, "not a canonical ristretto255 encoding"),
    ],
)
def test_tamper_bad_point_in_a_ballot_is_rejected(
    good, tmp_path: Path, encoding: str, message: str
) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        data["entries"][1]["ballot"]["answers"][0]["choices"][0]["alpha"] = encoding

    _edit(directory, "board.json", change)
    _fails(directory, "ballots", message)


def test_tamper_scalar_at_or_above_order_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        signature = data["entries"][1]["ballot"]["signature"]
        value = int.from_bytes(bytes.fromhex(signature["response"]), "little") + ORDER
        signature["response"] = value.to_bytes(32, "little").hex()

    _edit(directory, "board.json", change)
    _fails(directory, "ballots", "non-canonical scalar")


def test_tamper_wrong_decryption_share_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        parts = data["shares"][1]["questions"][0]
        parts[0]["share"], parts[1]["share"] = parts[1]["share"], parts[0]["share"]

    _edit(directory, "decryption.json", change)
    _fails(directory, "decryption proofs", "decryption proof for question 0 option 0")


def test_tamper_changed_result_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        data["totals"][0][0] += 1

    _edit(directory, "result.json", change)
    _fails(directory, "published result", "not what the tellers decrypted")


def test_tamper_changed_readable_result_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        data["questions"][0]["options"][0]["total"] += 1

    _edit(directory, "result.json", change)
    _fails(directory, "published result", "readable result differs")


@pytest.mark.parametrize(
    ("field", "message"), [("prev", "prev is not"), ("hash", "hash does not match")]
)
def test_tamper_broken_chain_is_rejected(good, tmp_path: Path, field: str, message: str) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        data["entries"][2][field] = _flip(data["entries"][2][field])

    _edit(directory, "board.json", change)
    _fails(directory, "board hash chain", f"entry 2: {message}")


def test_tamper_changed_fingerprint_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        data["manifest"]["title"] = "Another election"

    _edit(directory, "manifest.json", change)
    _fails(directory, "parameters and fingerprint", "fingerprint does not match")


def test_tamper_changed_credential_weight_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        data["credentials"][0]["weight"] = 5

    _edit(directory, "credentials.json", change)
    _fails(directory, "parameters and fingerprint", "fingerprint does not match")


@pytest.mark.parametrize("field", ["proof", "sealed share"])
def test_tamper_changed_teller_transcript_changes_the_fingerprint(
    good, tmp_path: Path, field: str
) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        if field == "proof":
            data["deals"][2]["proof"]["response"] = _flip(data["deals"][2]["proof"]["response"])
        else:
            data["deals"][1]["shares"][0]["tag"] = _flip(data["deals"][1]["shares"][0]["tag"])

    _edit(directory, "tellers.json", change)
    _fails(directory, "parameters and fingerprint", "fingerprint does not match")


def test_tamper_aggregate_changed_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        row = data["questions"][0]
        row[0], row[1] = row[1], row[0]

    _edit(directory, "aggregate.json", change)
    _fails(directory, "aggregate", "differs from the counted ballots")


def test_tamper_audited_ballot_with_wrong_marks_is_rejected(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        marks = data["ballots"][0]["marks"][0]
        data["ballots"][0]["marks"][0] = marks[1:] + marks[:1]

    _edit(directory, "audited.json", change)
    _fails(directory, "audited ballots", "does not open to the revealed mark")


def test_tamper_bad_ballot_is_named_when_checked_in_worker_processes(good, tmp_path: Path) -> None:
    directory = _copy(good, tmp_path)

    def change(data: Any) -> None:
        signature = data["entries"][4]["ballot"]["signature"]
        signature["challenge"] = _flip(signature["challenge"])

    _edit(directory, "board.json", change)
    with pytest.raises(VerificationFailed) as failure:
        verify_record(directory, processes=2)
    assert (failure.value.check, failure.value.detail) == (
        "ballots",
        "board entry 4: credential signature does not verify",
    )
