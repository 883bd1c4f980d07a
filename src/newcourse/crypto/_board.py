"""The board: an append-only, hash-chained list of accepted ballots.

    genesis      = digest("board-genesis", fingerprint)
    entry.hash   = digest("board-entry", fingerprint, seq, prev, [supersedes] or [], tracker)

`seq` counts from 0; `prev` is the previous entry's hash (genesis for seq 0); `supersedes` is
the seq of the same credential's previous ballot, recorded so that a revote is visible. The
last ballot per credential counts. Because each hash covers the tracker, and the tracker
covers the whole signed ballot, changing any byte of any ballot breaks the chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._ballot import Ballot
from ._hashing import digest


def genesis_hash(fingerprint: bytes) -> bytes:
    """The `prev` of entry 0."""
    return digest("board-genesis", fingerprint)


def entry_hash(
    fingerprint: bytes, seq: int, prev: bytes, supersedes: int | None, tracker: bytes
) -> bytes:
    """The hash of one board entry (see the module docstring)."""
    return digest(
        "board-entry", fingerprint, seq, prev, [] if supersedes is None else [supersedes], tracker
    )


def chain_fault(
    fingerprint: bytes,
    head: bytes,
    latest: dict[bytes, int],
    *,
    seq: int,
    prev: bytes,
    supersedes: int | None,
    credential: bytes,
    tracker: bytes,
    entry: bytes,
) -> str | None:
    """What is wrong with the board entry at `seq` as the next link of the hash chain whose
    head so far is `head` (`latest`: each credential's last entry so far), or None. The one
    statement of the chain's rules, for the verifier and for the server re-reading its board."""
    if prev != head:
        return "prev is not the previous entry's hash"
    if supersedes != latest.get(credential):
        return "wrong supersedes"
    if entry_hash(fingerprint, seq, prev, supersedes, tracker) != entry:
        return "hash does not match its contents"
    return None


@dataclass(frozen=True, slots=True)
class BoardEntry:
    """One accepted ballot in its place on the chain."""

    seq: int
    prev: bytes
    supersedes: int | None
    ballot: Ballot
    tracker: bytes
    hash: bytes


@dataclass(slots=True)
class Board:
    """An in-memory board (the server keeps its own in the database, with the same hashes)."""

    fingerprint: bytes
    entries: list[BoardEntry] = field(default_factory=list)
    _latest: dict[bytes, int] = field(default_factory=dict)

    def head(self) -> bytes:
        """The hash of the last entry (genesis if empty): what the open record anchors."""
        return self.entries[-1].hash if self.entries else genesis_hash(self.fingerprint)

    def append(self, ballot: Ballot) -> BoardEntry:
        """Add an already checked ballot; a later ballot under the same credential supersedes
        the earlier one."""
        seq = len(self.entries)
        supersedes = self._latest.get(ballot.credential.encoded)
        tracker = ballot.tracker()
        prev = self.head()
        entry = BoardEntry(
            seq,
            prev,
            supersedes,
            ballot,
            tracker,
            entry_hash(self.fingerprint, seq, prev, supersedes, tracker),
        )
        self.entries.append(entry)
        self._latest[ballot.credential.encoded] = seq
        return entry

    def counted(self) -> list[Ballot]:
        """The last ballot per credential, in board order."""
        last = set(self._latest.values())
        return [e.ballot for e in self.entries if e.seq in last]
