"""The record's witnesses: members mailed its signed heads, and peer installations that
countersign each other's. These services are the only code that changes them.

A head in many hands is what makes a rewritten history visible: whoever holds the database
can re-seal every entry after the one they changed, and update the head row, but cannot
recall the heads already mailed to members, nor the countersignatures other installations
wrote into their own records.
"""

from __future__ import annotations

import datetime
import json
import logging
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newcourse import crypto
from newcourse.outbox import services as outbox
from newcourse.refusals import AlreadyDone, InvalidInput

from . import heads
from .models import HeadSubscription, PeerHead, RecordHead, RecordPeer
from .services import record_append

logger = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]
"""`fetch(url)`: the body of a peer's signed head (tests inject one; no real network)."""

PEER_CHECK_EVERY = datetime.timedelta(hours=1)
_FETCH_LIMIT = 64 * 1024


def subscription_start(*, person: Any) -> HeadSubscription:
    """Mail `person` the signed head whenever it moves (at most once a period). Not put on
    the open record: who keeps a copy is their own business."""
    if not person.email:
        raise InvalidInput(_("Your account has no email address to send the head to."))
    subscription, created = HeadSubscription.objects.get_or_create(
        person=person, defaults={"subscribed_at": timezone.now()}
    )
    if not created:
        raise AlreadyDone(_("You are already sent the record's head."))
    return subscription


def subscription_end(*, person: Any) -> None:
    """Stop mailing `person` the head."""
    if not HeadSubscription.objects.filter(person=person).delete()[0]:
        raise AlreadyDone(_("You are not sent the record's head."))


def heads_mail(*, now: datetime.datetime | None = None) -> int:
    """The tick's step: mail the signed head to every subscriber it has moved for since their
    last mail, at most once per NEWCOURSE_HEAD_MAIL_HOURS. Returns how many were posted to
    the outbox (which sends them, and retries).

    Each subscriber is claimed by a conditional update in the transaction that posts the mail,
    so two schedulers never mail the same head twice, and a claim is never lost without it.
    """
    now = now or timezone.now()
    head = RecordHead.objects.filter(pk=1).values_list("seq", flat=True).first()
    if head is None:
        return 0
    quiet_since = now - datetime.timedelta(hours=settings.NEWCOURSE_HEAD_MAIL_HOURS)
    due = (
        HeadSubscription.objects.filter(sent_seq__lt=head)
        .exclude(sent_at__gt=quiet_since)
        .select_related("person")
        .order_by("pk")
    )
    due_now = list(due)
    if not due_now:
        return 0
    signed = heads.signed_head()
    key = heads.public_key()
    sent = 0
    for subscription in due_now:
        person = subscription.person
        with transaction.atomic():
            claimed = HeadSubscription.objects.filter(
                pk=subscription.pk, sent_seq=subscription.sent_seq, sent_at=subscription.sent_at
            ).update(sent_seq=signed.seq, sent_at=now)
            if not claimed:
                continue  # another scheduler took this one
            with translation.override(
                getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE
            ):
                outbox.post(
                    key=f"record-head:{subscription.pk}:{signed.seq}",
                    to=person.email,
                    subject=_("The record's head: entry %(seq)s") % {"seq": signed.seq},
                    body=render_to_string(
                        "record/head_email.txt",
                        {"head": signed, "public_key": key, "signed": json.dumps(signed.to_json())},
                    ),
                    now=now,
                )
        sent += 1
    return sent


def peer_add(*, name: str, url: str, public_key: str) -> RecordPeer:
    """Register another installation whose signed heads this one will countersign."""
    key = public_key.strip().lower()
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        raise InvalidInput("A public key is 64 hexadecimal digits.")
    if not url.startswith(("https://", "http://")):
        raise InvalidInput("A peer's URL starts with https:// (or http://).")
    if RecordPeer.objects.filter(name=name).exists():
        raise AlreadyDone(f"There is already a peer named {name}.")
    with transaction.atomic():
        peer = RecordPeer.objects.create(
            name=name, url=url, public_key=key, added_at=timezone.now()
        )
        record_append(
            actor="system",
            action="record.peer_added",
            subject=f"peer:{name}",
            payload={"url": url, "public_key": key},
        )
    return peer


@dataclass(frozen=True)
class PeerCheck:
    """What countersigning one peer found. `rewritten` is the loud case: the peer signed two
    different hashes for one entry, or went back."""

    peer: str
    outcome: str  # countersigned | unchanged | rewritten | unusable
    message: str

    @property
    def failed(self) -> bool:
        return self.outcome in ("rewritten", "unusable")


def peers_countersign(
    *,
    fetch: Fetch | None = None,
    due_only: bool = False,
    now: datetime.datetime | None = None,
) -> list[PeerCheck]:
    """Fetch every peer's signed head, check it and countersign it on this record.

    With `due_only` (the tick), a peer checked within the last hour is left alone, and each
    peer is claimed by a conditional update so two schedulers never check it twice.
    """
    now = now or timezone.now()
    fetch = fetch or _fetch
    checks = []
    for peer in list(RecordPeer.objects.order_by("name")):
        if due_only:
            if peer.checked_at is not None and peer.checked_at > now - PEER_CHECK_EVERY:
                continue
            claimed = RecordPeer.objects.filter(pk=peer.pk, checked_at=peer.checked_at).update(
                checked_at=now
            )
            if not claimed:
                continue
        else:
            RecordPeer.objects.filter(pk=peer.pk).update(checked_at=now)
        checks.append(peer_countersign(peer=peer, fetch=fetch, now=now))
    return checks


def peer_countersign(*, peer: RecordPeer, fetch: Fetch, now: datetime.datetime) -> PeerCheck:
    """Check one peer's signed head: its signature under the key registered for it, and that
    its history only grows (its seq never goes back, and a seq seen before keeps its hash).
    A new head is countersigned on this record; a rewritten one is recorded loudly."""
    try:
        head = crypto.SignedHead.from_json(json.loads(fetch(peer.url)))
        crypto.signed_head_check(head, peer.public_key)
    except crypto.CryptoError as error:
        return PeerCheck(peer.name, "unusable", f"{peer.name}: its head is not signed: {error}")
    except Exception as error:  # unreachable, not JSON: tried again at the next check
        return PeerCheck(peer.name, "unusable", f"{peer.name}: its head cannot be read: {error}")
    with transaction.atomic():
        RecordPeer.objects.select_for_update().filter(pk=peer.pk).first()
        seen = PeerHead.objects.filter(peer=peer, seq=head.seq).first()
        latest = PeerHead.objects.filter(peer=peer).order_by("-seq").first()
        if seen is not None and seen.hash != head.hash:
            return _rewritten(
                peer, head, f"entry {head.seq} was signed with hash {seen.hash}, now {head.hash}"
            )
        if latest is not None and head.seq < latest.seq:
            return _rewritten(
                peer, head, f"it signed entry {latest.seq} before, and now only entry {head.seq}"
            )
        if seen is not None:
            return PeerCheck(peer.name, "unchanged", f"{peer.name} is still at #{head.seq}")
        if latest is not None:
            kept = _entry_now(peer, latest.seq, fetch)
            if kept is None:
                return PeerCheck(
                    peer.name,
                    "unusable",
                    f"{peer.name}: it does not show entry {latest.seq}, countersigned before",
                )
            if kept != latest.hash:
                return _rewritten(
                    peer,
                    head,
                    f"entry {latest.seq}, countersigned with hash {latest.hash}, now has "
                    f"hash {kept}: its history was re-sealed",
                )
        PeerHead.objects.create(
            peer=peer,
            seq=head.seq,
            hash=head.hash,
            signed_at=head.signed_at,
            signature=head.signature,
            seen_at=now,
        )
        record_append(
            actor="system",
            action="record.countersigned",
            subject=f"peer:{peer.name}",
            payload=head.to_json(),
        )
    return PeerCheck(
        peer.name, "countersigned", f"countersigned {peer.name} #{head.seq} {head.hash}"
    )


def _entry_now(peer: RecordPeer, seq: int, fetch: Fetch) -> str | None:
    """The hash the peer signs today for its entry `seq` (its head URL with `?seq=`), or
    None if it will not say."""
    separator = "&" if "?" in peer.url else "?"
    try:
        signed = crypto.SignedHead.from_json(json.loads(fetch(f"{peer.url}{separator}seq={seq}")))
        crypto.signed_head_check(signed, peer.public_key)
    except Exception:  # unreachable, unsigned, not JSON: not countersigned this time
        return None
    return signed.hash if signed.seq == seq else None


def _rewritten(peer: RecordPeer, head: crypto.SignedHead, what: str) -> PeerCheck:
    record_append(
        actor="system",
        action="record.peer_rewritten",
        subject=f"peer:{peer.name}",
        payload={"signed_head": head.to_json(), "found": what},
    )
    logger.error("Peer %s has rewritten its record: %s", peer.name, what)
    return PeerCheck(peer.name, "rewritten", f"{peer.name} HAS REWRITTEN ITS RECORD: {what}")


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (http(s) only)
        return bytes(response.read(_FETCH_LIMIT))
