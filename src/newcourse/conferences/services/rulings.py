"""The standing orders committee's rulings and composites: every act a ruling with a kind and a
published reason; a composite drafted from motions on one subject, which goes forward only
with every mover's consent."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.documents import DocumentError, parse_document
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow
from newcourse.rules.access import may_propose_rule_change
from newcourse.rules.services import text_sha256

from .. import selectors
from ..access import may_act_for_committee
from ..models import (
    Amendment,
    CommitteeRole,
    Composite,
    Conference,
    Consent,
    Motion,
    Ruling,
    RulingKind,
)
from .motions import _text_normalised

# A reason is published with the ruling: a paragraph, not an essay.
LONGEST_REASON = 2000
# A composite joins several motions: room for all of them, not for a programme.
LONGEST_COMPOSITE = 60_000


def _for_the_committee(person: Any, member: Member, conference: Conference) -> None:
    if not may_act_for_committee(person, conference, CommitteeRole.STANDING_ORDERS):
        raise NotPermitted(
            _("Only the members of the standing orders committee of %(conference)s rule on it.")
            % {"conference": conference}
        )
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("The committee acts in its members' own names."))


def ruling_make(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    kind: str,
    reason: str,
    motion: Motion | None = None,
    amendment: Amendment | None = None,
    composite: Composite | None = None,
    now: datetime.datetime | None = None,
) -> Ruling:
    """The standing orders committee rules on one motion, amendment or composite of
    `conference`, with a reason it publishes; until the conference closes (a guillotine falls
    on the floor). The latest ruling is the item's standing; a ruling that repeats it is
    refused, and a motion inside an agreed composite is ruled on through the composite."""
    now = now or timezone.now()
    _for_the_committee(person, member, conference)
    if kind not in RulingKind.values:
        raise InvalidInput(
            _("A ruling is one of: %(kinds)s.") % {"kinds": ", ".join(RulingKind.values)}
        )
    reason = " ".join(reason.split())
    if not reason or len(reason) > LONGEST_REASON:
        raise InvalidInput(
            _("Give the ruling's reason, in at most %(n)s characters: it is published.")
            % {"n": LONGEST_REASON}
        )
    items = [item for item in (motion, amendment, composite) if item is not None]
    if len(items) != 1:
        raise InvalidInput(_("A ruling is on one motion, amendment or composite."))
    if selectors.conference_of(items[0]).pk != conference.pk:
        raise InvalidInput(_("That is not an item of %(conference)s.") % {"conference": conference})
    if kind == RulingKind.COMPOSITE_REQUIRED and motion is None:
        raise InvalidInput(_("Only a motion is to be composited."))
    if timezone.localdate(now) > conference.closes_on:
        raise OutsideWindow(_("The conference has closed: its items are decided."))
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        if motion is not None and (held := selectors.agreed_composite_of(motion)) is not None:
            raise InvalidInput(
                _("Motion %(motion)s is part of composite %(composite)s: rule on the composite.")
                % {"motion": motion.number, "composite": f"C{held.number}"}
            )
        latest = selectors.latest_ruling(items[0])
        if latest is not None and latest.kind == kind:
            raise AlreadyDone(_("It is already ruled %(kind)s.") % {"kind": RulingKind(kind).label})
        number = Ruling.objects.filter(conference=conference).count() + 1
        ruling = Ruling.objects.create(
            conference=conference,
            number=number,
            kind=kind,
            reason=reason,
            motion=motion,
            amendment=amendment,
            composite=composite,
            ruled_by=member,
            ruled_at=now,
        )
        record_append(
            actor=person,
            action="conference.ruling",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "ruling": number,
                "kind": kind,
                "reason": reason,
                "motion": motion.pk if motion else None,
                "amendment": amendment.pk if amendment else None,
                "composite": composite.pk if composite else None,
                "ruled_by": f"member:{member.number}",
            },
        )
        if motion is not None and kind in selectors.KEPT_FROM_THE_FLOOR:
            _pending_composite_falls(person, motion, ruling, now)
    return ruling


def _pending_composite_falls(person: Any, motion: Motion, ruling: Ruling, now: Any) -> None:
    """A motion kept from the floor takes its words out of the composite awaiting consent that
    holds them: the composite falls, on the record, and the other motions stand as they were."""
    composite = selectors.standing_composite_of(motion)
    if composite is None or composite.state != Composite.State.PENDING:
        return
    Composite.objects.filter(pk=composite.pk).update(state=Composite.State.FALLEN, decided_at=now)
    record_append(
        actor=person,
        action="conference.composite_fallen",
        subject=f"conference:{composite.conference_id}",
        body=motion.conference.body,
        payload={"composite": composite.pk, "motion": motion.pk, "ruling": ruling.number},
    )


def composite_draft(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    motions: list[Motion],
    title: str,
    text: str,
    now: datetime.datetime | None = None,
) -> Composite:
    """The standing orders committee drafts a composite of two or more motions of
    `conference`, before the conference opens; none of them kept from the floor by a ruling or
    already in another composite that stands. It waits for every mover's consent."""
    now = now or timezone.now()
    _for_the_committee(person, member, conference)
    title = " ".join(title.split())
    text = _text_normalised(text)
    if not title or len(title) > 200:
        raise InvalidInput(_("Give the composite a title of at most 200 characters."))
    if not text or len(text) > LONGEST_COMPOSITE:
        raise InvalidInput(
            _("Write the composite's text, in at most %(n)s characters.") % {"n": LONGEST_COMPOSITE}
        )
    try:
        parse_document(Composite(title=title, text=text).document_source())
    except DocumentError as error:
        raise InvalidInput(
            _("The composite cannot be read: %(error)s") % {"error": error}
        ) from error
    motions = sorted({motion.pk: motion for motion in motions}.values(), key=lambda m: m.number)
    if len(motions) < 2:
        raise InvalidInput(_("A composite joins two motions or more."))
    if any(motion.conference_id != conference.pk for motion in motions):
        raise InvalidInput(_("A composite joins motions of its own conference."))
    if any(motion.amends_id or motion.amends_programme_id for motion in motions):
        # Its text is a whole standing document's, changed in a few lines: it is decided as
        # it stands, never merged into a composite's paragraphs.
        raise InvalidInput(
            _("A rule change or a programme amendment is not composited: it is decided alone.")
        )
    if timezone.localdate(now) >= conference.opens_on:
        raise OutsideWindow(_("Composites are drafted before the conference opens."))
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        for motion in motions:
            latest = selectors.latest_ruling(motion)
            if latest is not None and latest.kind in selectors.KEPT_FROM_THE_FLOOR:
                raise InvalidInput(
                    _("Motion %(motion)s is ruled %(kind)s: it is not composited.")
                    % {"motion": motion.number, "kind": latest.get_kind_display()}
                )
            held = selectors.standing_composite_of(motion)
            if held is not None:
                raise AlreadyDone(
                    _("Motion %(motion)s is already in composite %(composite)s.")
                    % {"motion": motion.number, "composite": f"C{held.number}"}
                )
        number = Composite.objects.filter(conference=conference).count() + 1
        composite = Composite.objects.create(
            conference=conference,
            number=number,
            title=title,
            text=text,
            drafted_by=member,
            drafted_at=now,
        )
        Consent.objects.bulk_create(
            Consent(composite=composite, motion=motion) for motion in motions
        )
        record_append(
            actor=person,
            action="conference.composite_drafted",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "composite": composite.pk,
                "number": number,
                "title": title,
                "text_sha256": text_sha256(text),
                "motions": [motion.number for motion in motions],
                "drafted_by": f"member:{member.number}",
            },
        )
    return composite


def composite_answer(
    *,
    person: Any,
    member: Member,
    composite: Composite,
    motion: Motion,
    consents: bool,
    now: datetime.datetime | None = None,
) -> Composite:
    """The body of one of the composite's motions answers, by one of its officers in their own
    name, once, before the conference opens. One refusal and the composite falls (its motions
    stay as they were); the last consent and it is agreed and goes forward in their place."""
    now = now or timezone.now()
    if not may_propose_rule_change(person, motion.body) or member.person_id != getattr(
        person, "pk", None
    ):
        raise NotPermitted(
            _("Only the officers of %(body)s answer for its motion, in their own name.")
            % {"body": motion.body}
        )
    if timezone.localdate(now) >= composite.conference.opens_on:
        raise OutsideWindow(_("The movers answer before the conference opens."))
    answer = Consent.Answer.CONSENTS if consents else Consent.Answer.REFUSES
    with transaction.atomic():
        # The conference first, as rulings and the agenda take it: a ruling and the last
        # consent never pass their checks at once.
        Conference.objects.select_for_update().get(pk=composite.conference_id)
        Composite.objects.select_for_update().get(pk=composite.pk)
        composite.refresh_from_db()
        if composite.state != Composite.State.PENDING:
            raise AlreadyDone(
                _("Composite %(composite)s is already %(state)s.")
                % {"composite": f"C{composite.number}", "state": composite.get_state_display()}
            )
        if not Consent.objects.filter(composite=composite, motion=motion).exists():
            raise InvalidInput(
                _("Motion %(motion)s is not part of composite %(composite)s.")
                % {"motion": motion.number, "composite": f"C{composite.number}"}
            )
        if not Consent.objects.filter(
            composite=composite, motion=motion, answer=Consent.Answer.PENDING
        ).update(answer=answer, answered_by=member, answered_at=now):
            raise AlreadyDone(_("%(body)s has already answered.") % {"body": motion.body})
        pending = Consent.objects.filter(composite=composite).exclude(
            answer=Consent.Answer.CONSENTS
        )
        if not consents:
            composite.state = Composite.State.FALLEN
        elif not pending.exists():
            composite.state = Composite.State.AGREED
        if composite.state != Composite.State.PENDING:
            composite.decided_at = now
            composite.save(update_fields=["state", "decided_at"])
        record_append(
            actor=person,
            action="conference.composite_answered",
            subject=f"conference:{composite.conference_id}",
            body=motion.body,
            payload={
                "composite": composite.pk,
                "motion": motion.pk,
                "answer": answer,
                "answered_by": f"member:{member.number}",
                "state": composite.state,
            },
        )
    return composite
