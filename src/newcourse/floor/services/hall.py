"""The floor opened by the chair while conference sits, and the item under debate."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences.models import AgendaItem, Conference
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import InvalidInput, NotPermitted, OutsideWindow

from ..access import may_chair
from ..channels import hall_changed
from ..models import Floor
from .speeches import speech_end


def for_the_chair(person: Any, member: Member, conference: Conference) -> None:
    """Refuse anyone but a member of the standing orders committee, acting in their name."""
    if not may_chair(person, conference):
        raise NotPermitted(
            _("Only the members of the standing orders committee of %(conference)s chair it.")
            % {"conference": conference}
        )
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("The committee acts in its members' own names."))


def while_sitting(conference: Conference, now: datetime.datetime) -> None:
    today = timezone.localdate(now)
    if not conference.opens_on <= today <= conference.closes_on:
        raise OutsideWindow(
            _("The floor of %(conference)s is open while it sits, from %(opens)s to %(closes)s.")
            % {
                "conference": conference,
                "opens": conference.opens_on.isoformat(),
                "closes": conference.closes_on.isoformat(),
            }
        )


def floor_changed(floor: Floor) -> None:
    """Tell the hall's pages something changed (its live channel, on commit)."""
    hall_changed(floor.conference_id)


def floor_open(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    self_check_in: bool = False,
    now: datetime.datetime | None = None,
) -> Floor:
    """The chair opens the floor of `conference` while it sits, saying whether delegates may
    check themselves in; opened again, it changes only that."""
    now = now or timezone.now()
    for_the_chair(person, member, conference)
    while_sitting(conference, now)
    if not isinstance(self_check_in, bool):
        raise InvalidInput(_("Say whether delegates may check themselves in."))
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        floor, created = Floor.objects.get_or_create(
            conference=conference,
            defaults={"self_check_in": self_check_in, "opened_by": member, "opened_at": now},
        )
        if not created and floor.self_check_in == self_check_in:
            return floor
        if not created:
            floor.self_check_in = self_check_in
            floor.save(update_fields=["self_check_in"])
        floor_changed(floor)
        record_append(
            actor=person,
            action="conference.floor_opened" if created else "conference.floor_changed",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={"self_check_in": self_check_in, "by": f"member:{member.number}"},
        )
    return floor


def floor_take_up(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    item: AgendaItem | None,
    now: datetime.datetime | None = None,
) -> Floor:
    """The chair takes up an item of the published agenda (None: none is under debate); the
    projector shows it."""
    now = now or timezone.now()
    for_the_chair(person, member, conference)
    while_sitting(conference, now)
    if item is not None and item.conference_id != conference.pk:
        raise InvalidInput(_("That is not an item of the agenda of %(c)s.") % {"c": conference})
    with transaction.atomic():
        floor = Floor.objects.select_for_update().filter(conference=conference).first()
        if floor is None:
            raise OutsideWindow(_("The chair opens the floor first."))
        if floor.debating_id == (item.pk if item else None):
            return floor
        if floor.debating is not None:
            speech_end(floor, now)
        floor.debating = item
        floor.save(update_fields=["debating"])
        floor_changed(floor)
        record_append(
            actor=person,
            action="conference.item_taken_up",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "item": item.position if item else None,
                "title": item.title if item else "",
                "by": f"member:{member.number}",
            },
        )
    return floor
