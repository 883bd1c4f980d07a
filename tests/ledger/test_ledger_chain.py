"""verify_chain: a sealed chain verifies; every way of breaking it is caught and named."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.ledger import (
    GENESIS_HASH,
    ChainBroken,
    ChainReport,
    Entry,
    seal,
    verify_chain,
)

ChainFactory = Callable[[int], list[Entry]]


def _reseal(entry: Entry, **changes: Any) -> Entry:
    """Seal a forged copy of ``entry``: a valid hash over changed content."""
    fields: dict[str, Any] = {**entry.to_dict(), **changes}
    del fields["hash"]
    return seal(**fields)


def test_verify_chain_sealed_chain_verifies(chain: ChainFactory) -> None:
    entries = chain(20)

    report = verify_chain(entries)

    assert report == ChainReport(count=20, head=entries[-1].hash)


def test_verify_chain_empty_record_has_genesis_head() -> None:
    assert verify_chain([]) == ChainReport(count=0, head=GENESIS_HASH)


def test_verify_chain_accepts_mappings(chain: ChainFactory) -> None:
    rows = [entry.to_dict() for entry in chain(5)]

    assert verify_chain(rows).count == 5


def test_verify_chain_changed_content_names_entry(chain: ChainFactory) -> None:
    entries = chain(20)
    entries[16] = dataclasses.replace(entries[16], actor="member:666")

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries)

    assert (broken.value.seq, broken.value.line) == (17, None)
    assert broken.value.reason == "its hash does not match its content"
    assert str(broken.value) == "entry 17: its hash does not match its content"


def test_verify_chain_dropped_entry_names_gap(chain: ChainFactory) -> None:
    entries = chain(20)
    del entries[16]

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries)

    assert broken.value.seq == 17
    assert broken.value.reason == (
        "found entry 18 where entry 17 should be: entry 17 is missing or out of order"
    )


def test_verify_chain_several_dropped_entries_names_range(chain: ChainFactory) -> None:
    entries = chain(20)
    del entries[4:7]

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries)

    assert broken.value.reason == (
        "found entry 8 where entry 5 should be: entries 5 to 7 are missing or out of order"
    )


def test_verify_chain_duplicated_entry_fails(chain: ChainFactory) -> None:
    entries = chain(5)
    entries.insert(3, entries[2])

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries)

    assert broken.value.seq == 4
    assert broken.value.reason == (
        "found entry 3 where entry 4 should be: entry 3 is repeated or out of order"
    )


def test_verify_chain_resealed_entry_breaks_next_link(chain: ChainFactory) -> None:
    entries = chain(5)
    entries[2] = _reseal(entries[2], actor="forger")

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries)

    assert broken.value.seq == 4
    assert broken.value.reason == "its prev_hash does not match the hash of entry 3"


def test_verify_chain_first_entry_must_link_to_genesis(chain: ChainFactory) -> None:
    first = chain(1)[0]
    wrong = _reseal(first, prev_hash="1" * 64)

    with pytest.raises(ChainBroken) as broken:
        verify_chain([wrong])

    assert broken.value.reason == "its prev_hash is not the genesis hash (64 zeros)"


def test_verify_chain_malformed_mapping_fails(chain: ChainFactory) -> None:
    rows = [entry.to_dict() for entry in chain(3)]
    rows[1]["seq"] = "2"

    with pytest.raises(ChainBroken) as broken:
        verify_chain(rows)

    assert broken.value.seq == 2
    assert broken.value.reason == "its field 'seq' must be an integer, not '2'"


def test_verify_chain_head_pinned_matches(chain: ChainFactory) -> None:
    entries = chain(5)

    assert verify_chain(entries, head=entries[-1].hash).count == 5


def test_verify_chain_last_entry_dropped_caught_by_head(chain: ChainFactory) -> None:
    entries = chain(5)

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries[:-1], head=entries[-1].hash)

    assert broken.value.seq == 5
    assert broken.value.reason.startswith(
        f"the record ends at entry 4 with head {entries[3].hash}, not the expected head "
        f"{entries[4].hash}"
    )


def test_verify_chain_malformed_head_argument_refused(chain: ChainFactory) -> None:
    with pytest.raises(ValueError, match="head must be a SHA-256 hash"):
        verify_chain(chain(1), head="ABC")


def test_verify_chain_upper_case_head_accepted(chain: ChainFactory) -> None:
    entries = chain(2)

    assert verify_chain(entries, head=entries[-1].hash.upper()).head == entries[-1].hash


def test_verify_chain_progress_reports_final_count(chain: ChainFactory) -> None:
    calls: list[tuple[int, int | None]] = []

    verify_chain(chain(3), progress=lambda done, total: calls.append((done, total)))

    assert calls == [(3, 3)]


@given(data=st.data())
def test_verify_chain_any_swap_fails(chain: ChainFactory, data: st.DataObject) -> None:
    entries = chain(8)
    first = data.draw(st.integers(0, 6))
    second = data.draw(st.integers(first + 1, 7))
    entries[first], entries[second] = entries[second], entries[first]

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries)

    assert broken.value.seq == first + 1


@given(data=st.data())
def test_verify_chain_any_drop_fails(chain: ChainFactory, data: st.DataObject) -> None:
    entries = chain(8)
    dropped = data.draw(st.integers(0, 6))  # dropping the last needs a head: tested above
    del entries[dropped]

    with pytest.raises(ChainBroken) as broken:
        verify_chain(entries)

    assert broken.value.seq == dropped + 1
