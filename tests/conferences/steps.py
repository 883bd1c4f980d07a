"""A conference called in tests: the International's, with a deadline each week."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.conferences import selectors, services
from newcourse.conferences.models import Conference
from newcourse.offices import services as office_services

DAY = datetime.timedelta(days=1)


def dates(start: datetime.date) -> dict[str, datetime.date]:
    return {name: start + n * 7 * DAY for n, (name, _label) in enumerate(selectors.DEADLINES)}


def call(secretary, body, *, start=None, title="Congress 2027", **extra) -> Conference:
    return services.conference_call(
        person=secretary.person,
        member=secretary,
        body=body,
        title=title,
        dates=dates(start or timezone.localdate()),
        **extra,
    )


def fixed(secretary, body) -> Conference:
    """A conference whose freeze is today, its entitlement fixed by the scheduler's step."""
    conference = call(secretary, body)
    assert services.conferences_tick() == []
    return Conference.objects.get(pk=conference.pk)


def committee(secretary, conference, members, *, role="standing-orders", title=None):
    """The conference body's committee, its `members` seated by the body's founding act, named
    to `role` by the secretary who called the conference."""
    office = office_services.office_create(
        actor="system:test",
        body=conference.body,
        title=title or f"Committee ({role})",
        kind="committee",
        seats=len(members),
        powers=[],
    )
    office_services.term_record_founding(actor="system:test", office=office, members=members)
    return services.committee_name(
        person=secretary.person, member=secretary, conference=conference, role=role, office=office
    )
