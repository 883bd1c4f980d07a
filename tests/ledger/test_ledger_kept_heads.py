"""A head a member kept catches a history that was edited and then re-sealed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newcourse.ledger import (
    GENESIS_HASH,
    ChainBroken,
    Entry,
    KeptHead,
    parse_kept_head,
    seal,
    verify_chain,
    verify_file,
    verify_main,
    write_jsonl,
)

ChainFactory = Callable[[int], list[Entry]]


def reseal_from(entries: list[Entry], seq: int, payload: dict[str, object]) -> list[Entry]:
    """The attack: change entry `seq`, then recompute every later hash, as an operator with
    the database in hand can. The result is a perfectly consistent chain."""
    rewritten = entries[: seq - 1]
    prev = rewritten[-1].hash if rewritten else GENESIS_HASH
    for entry in entries[seq - 1 :]:
        new = seal(
            seq=entry.seq,
            recorded_at=entry.recorded_at,
            actor=entry.actor,
            action=entry.action,
            subject=entry.subject,
            body=entry.body,
            payload=payload if entry.seq == seq else entry.payload,
            prev_hash=prev,
        )
        rewritten.append(new)
        prev = new.hash
    return rewritten


def test_parse_kept_head_accepts_hash_seq_colon_hash_and_hash_sign_form() -> None:
    hash_ = "AB" * 32

    assert parse_kept_head(hash_) == KeptHead(None, "ab" * 32)
    assert parse_kept_head(f"12:{hash_}") == KeptHead(12, "ab" * 32)
    assert parse_kept_head(f"#12 {hash_}") == KeptHead(12, "ab" * 32)


@pytest.mark.parametrize("text", ["", "xyz", "ab" * 31, f"x:{'ab' * 32}", f"-1:{'ab' * 32}"])
def test_parse_kept_head_refuses_what_is_not_a_head(text: str) -> None:
    with pytest.raises(ValueError, match="a kept head is a SHA-256 hash"):
        parse_kept_head(text)


def test_verify_chain_holds_an_earlier_kept_head(chain: ChainFactory) -> None:
    entries = chain(10)

    report = verify_chain(entries, kept=KeptHead(4, entries[3].hash))

    assert report.count == 10


def test_verify_chain_resealed_history_misses_the_kept_head(chain: ChainFactory) -> None:
    entries = chain(10)
    kept = KeptHead(8, entries[7].hash)
    rewritten = reseal_from(entries, 3, {"rewritten": True})
    assert verify_chain(rewritten).count == 10  # without a kept head, nothing shows

    with pytest.raises(ChainBroken) as broken:
        verify_chain(rewritten, kept=kept)

    assert broken.value.reason == (
        f"the head you kept, #8 {entries[7].hash}, is not in this record: "
        "the history has been rewritten"
    )


def test_verify_chain_kept_hash_without_seq_found_anywhere(chain: ChainFactory) -> None:
    entries = chain(10)

    assert verify_chain(entries, kept=KeptHead(None, entries[5].hash)).count == 10


def test_verify_chain_kept_head_at_another_position_fails(chain: ChainFactory) -> None:
    entries = chain(10)

    with pytest.raises(ChainBroken):
        verify_chain(entries, kept=KeptHead(5, entries[5].hash))


def test_verify_chain_cut_short_before_the_kept_head_says_so(chain: ChainFactory) -> None:
    entries = chain(10)

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries[:6], kept=KeptHead(9, entries[8].hash))

    assert broken.value.reason.endswith("or cut short (the record ends at entry 6)")


def test_verify_chain_genesis_is_the_empty_records_head() -> None:
    assert verify_chain([], kept=KeptHead(0, GENESIS_HASH)).count == 0


def test_verify_file_resealed_history_misses_the_kept_head(
    chain: ChainFactory, tmp_path: Path
) -> None:
    entries = chain(12)
    path = tmp_path / "record.jsonl"
    write_jsonl(reseal_from(entries, 2, {"rewritten": True}), path)
    assert verify_file(path).count == 12

    with pytest.raises(ChainBroken, match="the history has been rewritten"):
        verify_file(path, kept=KeptHead(None, entries[10].hash))


def test_verify_file_holds_kept_head(chain: ChainFactory, tmp_path: Path) -> None:
    entries = chain(12)
    path = tmp_path / "record.jsonl"
    write_jsonl(entries, path)

    assert verify_file(path, kept=KeptHead(7, entries[6].hash)).count == 12
    with pytest.raises(ChainBroken):
        verify_file(path, kept=KeptHead(6, entries[6].hash))


def test_verify_main_resealed_export_exits_one_naming_the_kept_head(
    chain: ChainFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = chain(12)
    path = tmp_path / "record.jsonl"
    write_jsonl(reseal_from(entries, 5, {"rewritten": True}), path)

    status = verify_main(["--file", str(path), "--head", f"9:{entries[8].hash}"])

    assert status == 1
    assert "the history has been rewritten" in capsys.readouterr().err
