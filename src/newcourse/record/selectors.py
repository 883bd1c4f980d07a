"""Reading the open record back, for export and for the chain check."""

from __future__ import annotations

from collections.abc import Iterator

from newcourse import ledger

from .models import RecordEntry, RecordHead


def record_entries() -> Iterator[ledger.Entry]:
    """Every entry, in order, streamed from the database."""
    rows = RecordEntry.objects.order_by("seq").values_list(
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


def record_verify(*, head: str | None = None) -> ledger.ChainReport:
    """Check the stored chain, and that the head row agrees with its last entry.

    A deleted last entry leaves a valid but shorter chain; the head row (updated in the same
    transaction as every append) is what shows it.
    """
    stored = RecordHead.objects.filter(pk=1).first()
    expected = head or (stored.hash if stored else None)
    return ledger.verify_chain(record_entries(), head=expected)
