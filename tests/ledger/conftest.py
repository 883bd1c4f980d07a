"""Factories for open-record tests: real sealed chains, never mocks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from newcourse.ledger import GENESIS_HASH, Entry, seal

ChainFactory = Callable[[int], list[Entry]]


def build_chain(count: int) -> list[Entry]:
    """Seal ``count`` linked entries with varied, non-ASCII, escape-needing payloads."""
    start = datetime(2026, 11, 28, 17, 2, 3, 123456, tzinfo=UTC)
    entries: list[Entry] = []
    prev = GENESIS_HASH
    for seq in range(1, count + 1):
        entry = seal(
            seq=seq,
            recorded_at=start + timedelta(seconds=seq),
            actor="system" if seq % 4 == 0 else f"member:{seq % 7}",
            action=("member.admitted", "member.transferred", "body.created")[seq % 3],
            subject=f"member:{seq}",
            body=None if seq % 5 == 0 else "branch-north",
            payload={
                "name": f"Zoë Ŋgũgĩ {seq}",
                "quote": 'said "yes"\\no\n',
                "votes": [seq, 0, -seq],
                "carried": seq % 2 == 0,
                "note": None,
                "nested": {"z": 1, "a": {"ü": "✓"}},
            },
            prev_hash=prev,
        )
        entries.append(entry)
        prev = entry.hash
    return entries


@pytest.fixture(scope="session")
def chain() -> ChainFactory:
    """A factory of sealed chains (session-scoped, so Hypothesis tests may use it)."""
    return build_chain
