"""Reading the open record back, for export and for the chain check."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError
from django.db.models import OuterRef, Subquery

from newcourse import ledger

from .models import PeerHead, RecordEntry, RecordHead, RecordPeer, RecordPrivatePart

_FIELDS = (
    "seq",
    "recorded_at",
    "actor",
    "action",
    "subject",
    "body_slug",
    "payload",
    "prev_hash",
    "hash",
)
_AS_LEDGER = ledger.ENTRY_FIELDS  # the same columns, under the ledger's names


def record_entries() -> Iterator[ledger.Entry]:
    """Every entry, in order, streamed from the database: the public record, which holds only
    commitments to private parts."""
    rows = RecordEntry.objects.order_by("seq").values_list(*_FIELDS)
    for row in rows.iterator(chunk_size=5000):
        yield ledger.Entry(**dict(zip(_AS_LEDGER, row, strict=True)))


def record_head() -> RecordHead | None:
    """The head row (latest entry's number and hash), or None before the first entry: one
    query, cheap enough for every page's footer."""
    return RecordHead.objects.filter(pk=1).first()


def record_verify(*, kept: ledger.KeptHead | None = None) -> ledger.ChainReport:
    """Check the stored chain, that the head row agrees with its last entry and, given a head
    a member kept, that the chain still holds it.

    A deleted last entry leaves a valid but shorter chain; the head row (updated in the same
    transaction as every append) is what shows it. An operator who also rewrites the head
    row is caught only by `kept`. Damaged rows (bytes that are not UTF-8, say) are reported
    as `ledger.ChainBroken` like any other damage, never as a database error.
    """
    try:
        stored = RecordHead.objects.filter(pk=1).values_list("seq", "hash").first()
    except DatabaseError as error:
        raise ledger.ChainBroken(0, None, f"the head row cannot be read: {error}") from error
    with closing(_stored_entries()) as entries:
        report = ledger.verify_chain(entries, kept=kept)
    if (stored or (0, ledger.GENESIS_HASH)) != (report.count, report.head):
        said = f"#{stored[0]} {stored[1]}" if stored else "nothing (it is missing)"
        raise ledger.ChainBroken(
            report.count + 1,
            None,
            f"the record ends at entry {report.count} with head {report.head}, but the head "
            f"row says {said}: entries were dropped from the end or the head row was changed",
        )
    return report


def _stored_entries() -> Iterator[dict[str, Any]]:
    """Every row as the ledger's mapping, in order; a row the database cannot even hand back
    is reported as damage at its own number.

    Rows are read in chunks; when a chunk fails, its rows are re-read one by one from the
    last good entry, so the good ones are still checked and the damaged one is named.
    """
    last = 0
    rows = RecordEntry.objects.order_by("seq").values_list(*_FIELDS)
    chunks = rows.iterator(chunk_size=5000)
    try:
        for row in chunks:
            yield dict(zip(_AS_LEDGER, row, strict=True))
            last = row[0]
        return
    except DatabaseError:
        pass
    finally:
        chunks.close()  # its cursor, now, while the connection is still open
    for seq in list(
        RecordEntry.objects.filter(seq__gt=last).order_by("seq").values_list("seq", flat=True)
    ):
        try:
            row = rows.filter(seq=seq).get()
        except DatabaseError as error:
            raise ledger.ChainBroken(
                seq,
                None,
                f"it cannot be read from the database, its stored bytes are damaged ({error})",
            ) from error
        yield dict(zip(_AS_LEDGER, row, strict=True))


def peers_with_latest_head() -> list[tuple[RecordPeer, PeerHead | None]]:
    """Every peer with the latest head of it countersigned here (None if none yet)."""
    newest = PeerHead.objects.filter(peer=OuterRef("pk")).order_by("-seq").values("pk")[:1]
    peers = list(RecordPeer.objects.annotate(latest=Subquery(newest)).order_by("name"))
    heads = PeerHead.objects.in_bulk([peer.latest for peer in peers if peer.latest])
    return [(peer, heads.get(peer.latest)) for peer in peers]


@dataclass(frozen=True)
class RecordReader:
    """Whose private parts a reader may open: the members' they are (`person_id`), and those of
    entries recorded in a body they serve as an officer or in a body below it (`served_paths`).

    Built by `organisation.access.record_reader_for_person`, which knows who serves where.
    """

    person_id: int | None = None
    served_paths: tuple[str, ...] = ()

    def may_open(self, part: RecordPrivatePart, body_path: str | None) -> bool:
        """Whether this reader may see `part`, recorded in the body whose path is `body_path`."""
        concerned = part.member.person_id if part.member is not None else None
        if self.person_id is not None and concerned == self.person_id:
            return True
        if body_path is None:
            return False
        return any(body_path.startswith(path) for path in self.served_paths)


NO_READER = RecordReader()
"""A reader entitled to no private part: what the public download is made for."""


@dataclass(frozen=True)
class SeenEntry:
    """An entry as one reader sees it: the public entry, and its private parts if opened.

    `withheld` says the entry has private parts this reader may not see; `mismatch` says they
    were opened but do not match the entry's commitment (they were changed after sealing), so
    they are not shown.
    """

    entry: RecordEntry
    private: dict[str, Any] | None = None
    salt: str | None = None
    withheld: bool = False
    mismatch: bool = False
    public_items: list[tuple[str, Any]] = field(default_factory=list)


def entries_seen_by(entries: Iterable[RecordEntry], reader: RecordReader) -> list[SeenEntry]:
    """The entries as `reader` sees them, each opening checked against its commitment.

    One query for the private parts of all the entries given (a page of them).
    """
    rows = list(entries)
    parts = {
        part.entry_id: part
        for part in RecordPrivatePart.objects.filter(
            entry_id__in=[row.seq for row in rows]
        ).select_related("member", "entry__body")
    }
    return [_seen(row, parts.get(row.seq), reader) for row in rows]


def _seen(row: RecordEntry, part: RecordPrivatePart | None, reader: RecordReader) -> SeenEntry:
    public = [(key, value) for key, value in row.payload.items() if key != ledger.PRIVATE_KEY]
    if ledger.PRIVATE_KEY not in row.payload:
        return SeenEntry(entry=row, public_items=public)
    body_path = part.entry.body.path if part and part.entry.body else None
    if part is None or not reader.may_open(part, body_path):
        return SeenEntry(entry=row, withheld=True, public_items=public)
    if not opening_matches(row, part):
        return SeenEntry(entry=row, withheld=True, mismatch=True, public_items=public)
    return SeenEntry(entry=row, private=part.fields, salt=part.salt, public_items=public)


def opening_matches(row: RecordEntry, part: RecordPrivatePart) -> bool:
    """Whether the stored private parts are the ones the entry committed to."""
    entry = ledger.Entry.from_dict(row.as_ledger_fields())
    try:
        ledger.verify_opening(entry, salt=part.salt, fields=part.fields)
    except (ledger.CommitmentMismatch, ledger.MalformedEntry):
        return False
    return True


def private_parts_check() -> tuple[int, list[int]]:
    """Open every stored private part against its entry: how many, and which do not match."""
    count, broken = 0, []
    parts = RecordPrivatePart.objects.select_related("entry").order_by("entry_id")
    for part in parts.iterator(chunk_size=2000):
        count += 1
        if not opening_matches(part.entry, part):
            broken.append(part.entry_id)
    return count, broken


def openings_seen_by(
    entries: Iterable[RecordEntry], reader: RecordReader
) -> Iterator[dict[str, Any]]:
    """The openings `reader` may see among `entries`, as lines for a download beside the
    public record: entry number and hash, salt and fields (checkable with
    `ledger.verify_opening`). Read in batches, so a large record streams."""
    batch: list[RecordEntry] = []
    for row in entries:
        batch.append(row)
        if len(batch) == 2000:
            yield from _openings(batch, reader)
            batch = []
    yield from _openings(batch, reader)


def _openings(batch: Sequence[RecordEntry], reader: RecordReader) -> Iterator[dict[str, Any]]:
    for seen in entries_seen_by(batch, reader):
        if seen.private is not None:
            yield {
                "seq": seen.entry.seq,
                "hash": seen.entry.hash,
                "salt": seen.salt,
                "fields": seen.private,
            }
