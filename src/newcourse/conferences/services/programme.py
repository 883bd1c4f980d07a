"""A body's programme: founded once by the officers who call its conferences, then changed
only by its conference, each programme amendment carried making the next version at once.

As for the rules (`newcourse.rules.services.conference`): an amendment carried after another
version was adopted has its changes applied to that one, unless both change the same lines.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.documents import DocumentError, merge_texts, parse_document, text_ended
from newcourse.organisation.models import Body, Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted
from newcourse.rules.services import text_sha256

from .. import selectors
from ..access import may_call_conference
from ..models import ProgrammeVersion

# A programme of a hundred pages, and more, is refused before it is parsed.
LONGEST_PROGRAMME = 400_000


def _readable(text: str) -> str:
    if len(text) > LONGEST_PROGRAMME:
        raise InvalidInput(
            _("A programme is at most %(most)s characters long.") % {"most": LONGEST_PROGRAMME}
        )
    text = text_ended(text)
    if not text.strip():
        raise InvalidInput(_("Write the programme's text."))
    try:
        parse_document(text)
    except DocumentError as error:
        raise InvalidInput(
            _("The programme cannot be read: %(error)s") % {"error": error}
        ) from error
    return text


def programme_found(
    *,
    person: Any,
    member: Member,
    body: Body,
    text: str,
    now: datetime.datetime | None = None,
) -> ProgrammeVersion:
    """Write `body`'s first programme (as its founding congress adopted it), by an officer
    who calls its conferences, in their own name; once: after that only conference changes
    it."""
    now = now or timezone.now()
    if not may_call_conference(person, body) or member.person_id != getattr(person, "pk", None):
        raise NotPermitted(
            _("Only the officers who call the conferences of %(body)s write its first programme.")
            % {"body": body}
        )
    text = _readable(text)
    try:
        with transaction.atomic():
            if ProgrammeVersion.objects.filter(body=body).exists():
                raise IntegrityError
            version = ProgrammeVersion.objects.create(
                body=body, number=1, text=text, adopted_at=now, source="founding"
            )
            record_append(
                actor=person,
                action="conference.programme_founded",
                subject=f"programme:{body.slug}",
                body=body,
                payload={
                    "version": 1,
                    "text_sha256": text_sha256(text),
                    "written_by": f"member:{member.number}",
                },
            )
    except IntegrityError:
        raise AlreadyDone(
            _("%(body)s has a programme: only its conference changes it.") % {"body": body}
        ) from None
    return version


def programme_carried(
    *, amends: ProgrammeVersion, text: str, source: str, now: datetime.datetime
) -> ProgrammeVersion:
    """The programme amendment conference carried, as the body's next version, in the caller's
    transaction; InvalidInput (nothing stored) when a version adopted since changes the same
    lines."""
    text = text_ended(text)
    latest = selectors.programme_latest(amends.body)
    if latest is not None and latest.pk != amends.pk:
        try:
            text = merge_texts(text_ended(amends.text), text_ended(latest.text), text)
        except DocumentError as error:
            raise InvalidInput(
                _(
                    "Version %(n)s, adopted since, changes the same lines (%(error)s): the "
                    "change is not applied."
                )
                % {"n": latest.number, "error": error}
            ) from error
    version = ProgrammeVersion.objects.create(
        body=amends.body,
        number=(latest.number if latest else 0) + 1,
        text=text,
        adopted_at=now,
        source=source[:60],
    )
    record_append(
        actor="system",
        action="conference.programme_adopted",
        subject=f"programme:{amends.body.slug}",
        body=amends.body,
        payload={"version": version.number, "text_sha256": text_sha256(text), "source": source},
    )
    return version
