"""Appending to the open record: the only code that writes `RecordEntry` rows."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from newcourse import ledger

from .models import RecordEntry, RecordHead, RecordPrivatePart


def actor_label(user: Any | None) -> str:
    """How an actor is named in the record: an account number, never an email address."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return f"person:{user.pk}"


def record_append(
    *,
    actor: Any | None,
    action: str,
    subject: str,
    body: Any | None = None,
    payload: dict[str, Any] | None = None,
    private: dict[str, Any] | None = None,
    member: Any | None = None,
) -> RecordEntry:
    """Seal one entry onto the chain, inside the caller's transaction.

    Callers are services that have just changed state; appending in their transaction means the
    change and its entry are committed together or not at all.

    `payload` is public: everyone who may read the record reads it. Personal details (a name,
    the reason for an expulsion) go in `private`, stored apart and shown only to `member` (the
    member they are about) and to the officers of `body` and the bodies above it; the payload
    then carries only a salted commitment to them, under the key `private`.
    """
    item = {
        "action": action,
        "subject": subject,
        "body": body,
        "payload": payload,
        "private": private,
        "member": member,
    }
    (row,) = _seal_and_store(actor=actor, items=[item])
    row._state.adding = False  # saved: a later save() must be refused, not re-inserted
    return row


def record_append_many(*, actor: Any | None, entries: list[dict[str, Any]]) -> int:
    """Seal many entries at once (a member import): one lock, one bulk insert.

    Each item has `action`, `subject`, `body` (a Body or None) and `payload`, and may have
    `private` and `member`, as `record_append` takes them.
    """
    return len(_seal_and_store(actor=actor, items=entries)) if entries else 0


def _seal_and_store(*, actor: Any | None, items: list[dict[str, Any]]) -> list[RecordEntry]:
    """Seal `items` in order after the current head and store them.

    The head row is locked so that two appenders queue instead of forking the chain.
    """
    actor_name = actor if isinstance(actor, str) else actor_label(actor)
    with transaction.atomic():
        head, _ = RecordHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"seq": 0, "hash": ledger.GENESIS_HASH}
        )
        now = timezone.now()
        seq, prev_hash = head.seq, head.hash
        rows = []
        parts = []
        for item in items:
            seq += 1
            body = item.get("body")
            payload = dict(item.get("payload") or {})
            private = item.get("private")
            if private is not None:
                part = _private_part(payload, private, member=item.get("member"))
                parts.append(part)
            entry = ledger.seal(
                seq=seq,
                recorded_at=now,
                actor=actor_name,
                action=item["action"],
                subject=item["subject"],
                body=body.slug if body is not None else None,
                payload=payload,
                prev_hash=prev_hash,
            )
            prev_hash = entry.hash
            row = RecordEntry(
                seq=entry.seq,
                recorded_at=entry.recorded_at,
                actor=entry.actor,
                action=entry.action,
                subject=entry.subject,
                body_slug=entry.body,
                body=body,
                payload=entry.payload,
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
            rows.append(row)
            if private is not None:
                part.entry = row
        RecordEntry.objects.bulk_create(rows, batch_size=2000)
        RecordPrivatePart.objects.bulk_create(parts, batch_size=2000)
        head.seq, head.hash = seq, prev_hash
        head.save(update_fields=["seq", "hash"])
    return rows


def _private_part(payload: dict[str, Any], private: dict[str, Any], *, member: Any | None) -> Any:
    """Put the commitment to `private` into `payload`; return the row that keeps `private`.

    Computing the commitment refuses what JSON cannot carry canonically (a float, a date), so
    what is stored is what was hashed.
    """
    if ledger.PRIVATE_KEY in payload:
        raise ValueError(f"A payload's key {ledger.PRIVATE_KEY!r} is kept for the commitment.")
    fields = dict(private)
    salt = ledger.new_salt()
    payload[ledger.PRIVATE_KEY] = ledger.private_commitment(salt=salt, fields=fields)
    return RecordPrivatePart(salt=salt, fields=fields, member=member)
