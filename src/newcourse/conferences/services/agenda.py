"""The conference's agenda, published by the standing orders committee: every motion ruled to
go forward and every agreed composite on it exactly once, with reports, elections and other
business beside them, each with its time. Published by the final agenda date, and again as
business changes until the conference opens; each publication is a numbered version on the
open record, and the scheduler renders its papers as a PDF."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import InvalidInput, OutsideWindow

from .. import selectors
from ..models import AgendaItem, Composite, Conference, Motion
from .rulings import _for_the_committee

# An item's time, in minutes: a day's sitting at most.
LONGEST_ITEM = 480
MOST_ITEMS = 300


@dataclass(frozen=True)
class Entry:
    """One item as the committee orders it: a motion or a composite (its title is theirs), or a
    report, an election, a rule change or other business, named by its title."""

    kind: str
    minutes: int
    title: str = ""
    motion: Motion | None = None
    composite: Composite | None = None


def _checked(conference: Conference, entries: list[Entry]) -> list[AgendaItem]:
    if not entries or len(entries) > MOST_ITEMS:
        raise InvalidInput(_("An agenda has from 1 to %(most)s items.") % {"most": MOST_ITEMS})
    forward = selectors.going_forward(conference)
    listed: list[str] = []
    items = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry.minutes, int) or not 1 <= entry.minutes <= LONGEST_ITEM:
            raise InvalidInput(
                _("Item %(n)s: give its time, from 1 to %(most)s minutes.")
                % {"n": position, "most": LONGEST_ITEM}
            )
        if entry.kind == AgendaItem.Kind.MOTION:
            if entry.motion is None or entry.composite is not None:
                raise InvalidInput(_("Item %(n)s: name its motion.") % {"n": position})
            key, title = f"motion:{entry.motion.pk}", entry.motion.title
        elif entry.kind == AgendaItem.Kind.COMPOSITE:
            if entry.composite is None or entry.motion is not None:
                raise InvalidInput(_("Item %(n)s: name its composite.") % {"n": position})
            key, title = f"composite:{entry.composite.pk}", entry.composite.title
        elif entry.kind in AgendaItem.Kind.values:
            title = " ".join(entry.title.split())
            if entry.motion is not None or entry.composite is not None:
                raise InvalidInput(
                    _("Item %(n)s: only a motion or a composite item names one.") % {"n": position}
                )
            if not title or len(title) > 200:
                raise InvalidInput(
                    _("Item %(n)s: give its title, in at most 200 characters.") % {"n": position}
                )
            key = ""
        else:
            raise InvalidInput(
                _("Item %(n)s: an item is one of: %(kinds)s.")
                % {"n": position, "kinds": ", ".join(AgendaItem.Kind.values)}
            )
        if key and key not in forward:
            raise InvalidInput(
                _(
                    "Item %(n)s: %(item)s does not go forward: only what the committee ruled "
                    "admissible, and agreed composites, are on the agenda."
                )
                % {"n": position, "item": title}
            )
        if key and key in listed:
            raise InvalidInput(
                _("Item %(n)s: %(item)s is on the agenda twice.") % {"n": position, "item": title}
            )
        listed.append(key)
        items.append(
            AgendaItem(
                conference=conference,
                position=position,
                kind=entry.kind,
                title=title,
                motion=entry.motion,
                composite=entry.composite,
                minutes=entry.minutes,
            )
        )
    missing = [forward[key] for key in forward if key not in listed]
    if missing:
        raise InvalidInput(
            _("Nothing is left off silently: put %(items)s on the agenda.")
            % {"items": "; ".join(missing)}
        )
    return items


def agenda_publish(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    entries: list[Entry],
    now: datetime.datetime | None = None,
) -> list[AgendaItem]:
    """The standing orders committee publishes the agenda in `entries`' order, replacing the
    one before: by the final agenda date, and again as business changes (an emergency motion,
    a late consent, a ruling) until the conference opens. Every motion that goes forward in its
    own right and every agreed composite is on it exactly once, and nothing else of the
    conference's business is; reports, elections, rule changes and other business by title."""
    now = now or timezone.now()
    _for_the_committee(person, member, conference)
    if timezone.localdate(now) >= conference.opens_on:
        raise OutsideWindow(_("The conference has opened: it orders its business from the floor."))
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        items = _checked(conference, entries)
        AgendaItem.objects.filter(conference=conference).delete()
        AgendaItem.objects.bulk_create(items)
        conference.agenda_version += 1
        conference.agenda_published_at = now
        conference.save(update_fields=["agenda_version", "agenda_published_at"])
        record_append(
            actor=person,
            action="conference.agenda_published",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "version": conference.agenda_version,
                "published_by": f"member:{member.number}",
                "items": [
                    {
                        "kind": item.kind,
                        "title": item.title,
                        "motion": item.motion_id,
                        "composite": item.composite_id,
                        "minutes": item.minutes,
                    }
                    for item in items
                ],
                "minutes": sum(item.minutes for item in items),
            },
        )
    return items
