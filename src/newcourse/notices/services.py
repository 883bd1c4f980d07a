"""Telling members: a notice to many people at once, as each chose to be told, through the
outbox (never inside a request, never twice: each message's key is the notice's and the
member's); the daily digests; a member's choices.

The caller says what happened and composes the words (`Notice.compose`, run once in each
recipient's language); this module knows nothing of elections. Every message says why the
member got it, links to where it is done, and carries a one-click unsubscribe for its kind
(RFC 8058's List-Unsubscribe-Post, which mail programs show as a button).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from newcourse.outbox import services as outbox
from newcourse.outbox.models import Message

from .models import DEFAULT_DELIVERY, Delivery, Kind, Pending, Preference

UNSUBSCRIBE_SALT = "newcourse.notices.unsubscribe"
ALL_KINDS = "all"


@dataclass(frozen=True)
class Notice:
    """One thing that happened, for the people it concerns.

    `key` names it once and for all ("election:4:voting-open"): told again, nobody gets it
    twice. `compose()` gives (subject, text, why) in the active language; `path` is where the
    member acts on it."""

    kind: Kind
    key: str
    path: str
    compose: Callable[[], tuple[str, str, str]]


def notify(notice: Notice, people: Iterable[Any], *, now: datetime.datetime | None = None) -> int:
    """Tell `people` (users) of `notice`, each as they chose: an email now, a line in
    tomorrow's digest, or nothing. Returns how many were told (now or in a digest)."""
    now = now or timezone.now()
    people = [person for person in people if person.email]
    chosen = dict(
        Preference.objects.filter(person__in=people, kind=notice.kind).values_list(
            "person_id", "delivery"
        )
    )
    composed: dict[str, tuple[str, str, str]] = {}
    messages: list[Message] = []
    pending: list[Pending] = []
    for person in people:
        delivery = chosen.get(person.pk, default_delivery(notice.kind))
        if delivery == Delivery.NEVER:
            continue
        language = person.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            if language not in composed:
                composed[language] = notice.compose()
            subject, text, why = composed[language]
            if delivery == Delivery.DIGEST:
                pending.append(
                    Pending(
                        person=person,
                        key=notice.key,
                        kind=notice.kind,
                        line=subject[:300],
                        path=notice.path,
                        noticed_at=now,
                    )
                )
                continue
            unsubscribe = unsubscribe_url(person, notice.kind)
            messages.append(
                Message(
                    key=f"notice:{notice.key}:{person.pk}",
                    to=person.email,
                    subject=subject,
                    body=render_to_string(
                        "notices/email.txt",
                        {
                            "person": person,
                            "text": text,
                            "why": why,
                            "link": absolute(notice.path),
                            "preferences": absolute(reverse("notice_preferences")),
                            "unsubscribe": unsubscribe,
                            "kind": notice.kind.label,
                        },
                    ),
                    headers=_unsubscribe_headers(unsubscribe),
                )
            )
    with transaction.atomic():
        outbox.post_many(messages, now=now)
        Pending.objects.bulk_create(pending, ignore_conflicts=True)
    return len(messages) + len(pending)


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """The scheduler's step: each member with notices from before today (UTC) gets one email
    listing them, once a day. Returns how many digests were posted."""
    now = now or timezone.now()
    today = now.astimezone(datetime.UTC).date()
    since = datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC)
    waiting = Pending.objects.filter(digested_on__isnull=True, noticed_at__lt=since)
    posted = 0
    for person_id in sorted(set(waiting.values_list("person_id", flat=True))):
        with transaction.atomic():
            items = list(
                waiting.filter(person_id=person_id)
                .select_related("person")
                .select_for_update(of=("self",))
                .order_by("noticed_at", "pk")
            )
            if not items:
                continue  # another scheduler sent this one
            person = items[0].person
            language = person.preferred_language or settings.LANGUAGE_CODE
            with translation.override(language):
                unsubscribe = unsubscribe_url(person, ALL_KINDS)
                outbox.post(
                    key=f"digest:{person_id}:{today.isoformat()}",
                    to=person.email,
                    subject=translation.ngettext(
                        "New Course: %(n)s notice", "New Course: %(n)s notices", len(items)
                    )
                    % {"n": len(items)},
                    body=render_to_string(
                        "notices/digest.txt",
                        {
                            "person": person,
                            "items": [(item.line, absolute(item.path)) for item in items],
                            "preferences": absolute(reverse("notice_preferences")),
                            "unsubscribe": unsubscribe,
                        },
                    ),
                    headers=_unsubscribe_headers(unsubscribe),
                    now=now,
                )
            Pending.objects.filter(pk__in=[item.pk for item in items]).update(digested_on=today)
            posted += 1
    return posted


def preferences_of(person: Any) -> dict[str, str]:
    """Each kind's delivery for `person` (an email each time where they chose nothing)."""
    chosen = dict(Preference.objects.filter(person=person).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, default_delivery(kind)) for kind in Kind.values}


def default_delivery(kind: str) -> str:
    return DEFAULT_DELIVERY.get(str(kind), Delivery.EACH)


def asked_for(kind: Kind) -> Any:
    """The people who chose to be told of a kind that is sent only on request (their ids)."""
    return Preference.objects.filter(kind=kind).exclude(delivery=Delivery.NEVER).values("person_id")


def preferences_set(*, person: Any, choices: dict[str, str]) -> None:
    """Keep `person`'s choice for each kind named (unknown kinds or deliveries are refused by
    the form before this)."""
    with transaction.atomic():
        for kind, delivery in choices.items():
            Preference.objects.update_or_create(
                person=person, kind=Kind(kind), defaults={"delivery": Delivery(delivery)}
            )


def unsubscribe_url(person: Any, kind: str) -> str:
    token = signing.dumps({"p": person.pk, "k": str(kind)}, salt=UNSUBSCRIBE_SALT, compress=True)
    return absolute(reverse("notice_unsubscribe", args=[token]))


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """The member and kind a one-click link stands for, or None for a link not ours."""
    try:
        found = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    kind = found.get("k") if isinstance(found, dict) else None
    if kind != ALL_KINDS and kind not in Kind.values:
        return None
    return int(found["p"]), str(kind)


def unsubscribe(*, person: Any, kind: str) -> None:
    """No more email of `kind` (or of any kind) for `person`."""
    kinds = Kind.values if kind == ALL_KINDS else [kind]
    preferences_set(person=person, choices=dict.fromkeys(kinds, Delivery.NEVER))


def absolute(path: str) -> str:
    return settings.NEWCOURSE_BASE_URL.rstrip("/") + path


def _unsubscribe_headers(url: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
