"""The speakers' list: delegates present ask to speak on the item under debate (for, against,
neutral, or on a point of order, which jumps the queue) and withdraw; the chair adds, moves
and removes requests, closes the list, sets its rules as conference's standing orders have
them, and calls the next speaker, whose time runs from then. The order is the library's
(`newcourse.speakers`), never a choice made here."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import speakers
from newcourse.conferences.models import Conference, Credential
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow

from .. import selectors, selectors_speakers
from ..access import credential_of
from ..models import Floor, Speaker
from .hall import floor_changed, for_the_chair, while_sitting
from .speeches import speech_end

LONGEST = 3600


def _debating(conference: Conference) -> Floor:
    floor = Floor.objects.select_for_update().filter(conference=conference).first()
    if floor is None:
        raise OutsideWindow(_("The floor of %(c)s is not open yet.") % {"c": conference})
    if floor.debating is None:
        raise OutsideWindow(_("No item is under debate: the chair takes one up first."))
    return floor


def _admit(floor: Floor, credential: Credential, stance: str, role: str, by_chair: bool) -> Speaker:
    if stance not in Speaker.Stance.values:
        raise InvalidInput(_("Ask to speak for, against, neutral, or on a point of order."))
    if role not in Speaker.Role.values:
        raise InvalidInput(_("A speaker moves, seconds, speaks or replies."))
    waiting = list(selectors_speakers.waiting(floor.debating))  # type: ignore[arg-type]
    genders: dict[int, speakers.Gender] = {}
    speaker = Speaker(
        item=floor.debating,
        credential=credential,
        stance=stance,
        role=role,
        asked_at=timezone.now(),
    )
    candidate = speakers.SpeakingRequest(
        id="new",
        speaker=str(credential.pk),
        stance=speakers.Stance(stance),
        sequence=max((s.pk for s in waiting), default=0) + 1,
        role=speakers.Role(role),
    )
    try:
        speakers.admit(
            candidate,
            [selectors_speakers.as_request(s, genders) for s in waiting],
            closed=floor.list_closed,
            rules=selectors_speakers.rules_of(floor),
            by_chair=by_chair,
        )
    except speakers.ListClosed:
        raise OutsideWindow(_("The list of speakers is closed: only points of order.")) from None
    except speakers.AlreadyWaiting:
        raise AlreadyDone(
            _("You are already on the list: one request to speak and one point of order each.")
            if not by_chair
            else _("This delegate is already on the list.")
        ) from None
    return speaker


def speaker_ask(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    stance: str,
    now: datetime.datetime | None = None,
) -> Speaker:
    """A delegate present asks to speak on the item under debate."""
    now = now or timezone.now()
    if member.person_id != getattr(person, "pk", None):
        raise NotEligible(_("A delegate asks in their own name."))
    credential = credential_of(person, conference)
    if credential is None:
        raise NotEligible(_("Only a delegate with a verified credential speaks on the floor."))
    if not selectors.present(conference).filter(pk=credential.pk).exists():
        raise NotEligible(_("Check in first: only delegates present ask to speak."))
    with transaction.atomic():
        floor = _debating(conference)
        speaker = _admit(floor, credential, stance, Speaker.Role.SPEAKER, by_chair=False)
        speaker.asked_at = now
        speaker.save()
        floor_changed(floor)
    return speaker


def speaker_withdraw(*, person: Any, member: Member, speaker: Speaker) -> Speaker:
    """A delegate takes their own waiting request off the list."""
    if member.person_id != getattr(person, "pk", None) or (
        speaker.credential.term.member_id != member.pk
    ):
        raise NotPermitted(_("A delegate withdraws their own request only."))
    with transaction.atomic():
        if not Speaker.objects.filter(pk=speaker.pk, state=Speaker.State.WAITING).update(
            state=Speaker.State.WITHDRAWN
        ):
            raise AlreadyDone(_("That request is no longer waiting."))
        floor_changed(Floor.objects.get(conference=speaker.item.conference))
    speaker.state = Speaker.State.WITHDRAWN
    return speaker


def speaker_add(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    credential: Credential,
    stance: str,
    role: str = Speaker.Role.SPEAKER,
    now: datetime.datetime | None = None,
) -> Speaker:
    """The chair puts a delegate on the list (the mover, the seconder, the reply, or anyone,
    even on a closed list)."""
    now = now or timezone.now()
    for_the_chair(person, member, conference)
    if credential.conference_id != conference.pk:
        raise InvalidInput(_("That delegate is not a delegate to %(c)s.") % {"c": conference})
    if not selectors.present(conference).filter(pk=credential.pk).exists():
        raise NotEligible(_("That delegate is not checked in: only delegates present speak."))
    with transaction.atomic():
        floor = _debating(conference)
        speaker = _admit(floor, credential, stance, role, by_chair=True)
        speaker.asked_at = now
        speaker.save()
        floor_changed(floor)
    return speaker


def speaker_place(
    *, person: Any, member: Member, speaker: Speaker, position: int | None
) -> Speaker:
    """The chair places a waiting request at `position` (1: next), or lets the rules place it
    again (None)."""
    conference = speaker.item.conference
    for_the_chair(person, member, conference)
    if position is not None and (
        isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= 10_000
    ):
        raise InvalidInput(_("Place it at a position from 1."))
    with transaction.atomic():
        floor = _debating(conference)
        if not Speaker.objects.filter(
            pk=speaker.pk, item=floor.debating, state=Speaker.State.WAITING
        ).update(placed_at=position):
            raise AlreadyDone(_("That request is no longer waiting."))
        # Another request placed at the same position gives way: the rules place it again.
        Speaker.objects.filter(
            item=floor.debating, state=Speaker.State.WAITING, placed_at=position
        ).exclude(pk=speaker.pk).update(placed_at=None)
        floor_changed(floor)
    speaker.placed_at = position
    return speaker


def speaker_remove(*, person: Any, member: Member, speaker: Speaker) -> Speaker:
    """The chair takes a waiting request off the list."""
    for_the_chair(person, member, speaker.item.conference)
    with transaction.atomic():
        if not Speaker.objects.filter(pk=speaker.pk, state=Speaker.State.WAITING).update(
            state=Speaker.State.WITHDRAWN
        ):
            raise AlreadyDone(_("That request is no longer waiting."))
        floor_changed(Floor.objects.get(conference=speaker.item.conference))
    speaker.state = Speaker.State.WITHDRAWN
    return speaker


def speaker_next(
    *, person: Any, member: Member, conference: Conference, now: datetime.datetime | None = None
) -> Speaker | None:
    """The chair ends the speech under way (if any) and calls the next speaker on the list,
    whose time runs from now. Returns the speaker called (None: the list is empty)."""
    now = now or timezone.now()
    for_the_chair(person, member, conference)
    while_sitting(conference, now)
    with transaction.atomic():
        floor = _debating(conference)
        speech_end(floor, now)
        order = selectors_speakers.speaking_order(floor)
        floor_changed(floor)
        if not order:
            return None
        called = order[0]
        rules = selectors_speakers.rules_of(floor)
        called.state = Speaker.State.SPEAKING
        called.started_at = now
        called.allowed_seconds = rules.times.allowed(called.stance, called.role)
        called.save(update_fields=["state", "started_at", "allowed_seconds"])
    return called


def speaker_end(
    *, person: Any, member: Member, conference: Conference, now: datetime.datetime | None = None
) -> Speaker:
    """The chair ends the speech under way."""
    now = now or timezone.now()
    for_the_chair(person, member, conference)
    with transaction.atomic():
        floor = _debating(conference)
        ended = speech_end(floor, now)
        if ended is None:
            raise AlreadyDone(_("Nobody has the floor."))
        floor_changed(floor)
    return ended


def speakers_list_set(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    closed: bool,
    alternate_stances: bool,
    gender_order: str,
    progressive_stack: str,
    mover_seconds: int,
    speaker_seconds: int,
    point_of_order_seconds: int,
) -> Floor:
    """The chair sets the list's rules as conference's standing orders have them (times in
    seconds, 0: no limit), and closes or reopens it; on the open record."""
    for_the_chair(person, member, conference)
    if gender_order not in ("none", "alternate-women-first"):
        raise InvalidInput(_("By gender: in order of asking, or alternating with a woman first."))
    if progressive_stack not in ("off", "debate", "conference"):
        raise InvalidInput(_("Those who have not spoken first: no, in this debate, or at all."))
    times = (mover_seconds, speaker_seconds, point_of_order_seconds)
    if any(isinstance(t, bool) or not isinstance(t, int) or not 0 <= t <= LONGEST for t in times):
        raise InvalidInput(
            _("Give speaking times in seconds, from 0 (no limit) to %(most)s.") % {"most": LONGEST}
        )
    with transaction.atomic():
        floor = Floor.objects.select_for_update().filter(conference=conference).first()
        if floor is None:
            raise OutsideWindow(_("The chair opens the floor first."))
        floor.list_closed = bool(closed)
        floor.alternate_stances = bool(alternate_stances)
        floor.gender_order = gender_order
        floor.progressive_stack = progressive_stack
        floor.mover_seconds, floor.speaker_seconds, floor.point_of_order_seconds = times
        floor.save()
        floor_changed(floor)
        record_append(
            actor=person,
            action="conference.speakers_list_set",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "closed": floor.list_closed,
                "alternate_stances": floor.alternate_stances,
                "gender_order": gender_order,
                "progressive_stack": progressive_stack,
                "seconds": {
                    "mover": mover_seconds,
                    "speaker": speaker_seconds,
                    "point_of_order": point_of_order_seconds,
                },
                "by": f"member:{member.number}",
            },
        )
    return floor
