"""Reading the open record back, for export and for the chain check."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from typing import Any

from django.db import DatabaseError
from django.db.models import OuterRef, Subquery

from newcourse import ledger

from .models import PeerHead, RecordEntry, RecordHead, RecordPeer

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
_AS_LEDGER = (
    "seq",
    "recorded_at",
    "actor",
    "action",
    "subject",
    "body",
    "payload",
    "prev_hash",
    "hash",
)


def record_entries() -> Iterator[ledger.Entry]:
    """Every entry, in order, streamed from the database."""
    rows = RecordEntry.objects.order_by("seq").values_list(*_FIELDS)
    for seq, recorded_at, actor, action, subject, body, payload, prev_hash, hash_ in rows.iterator(
        chunk_size=5000
    ):
        yield ledger.Entry(
            seq=seq,
            recorded_at=recorded_at,
            actor=actor,
            action=action,
            subject=subject,
            body=body,
            payload=payload,
            prev_hash=prev_hash,
            hash=hash_,
        )


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
