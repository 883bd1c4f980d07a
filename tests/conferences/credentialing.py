"""Credentials in tests: North's delegation seated (here by the office's founding act, where a
real one is elected), the International's credentials committee named, and the scheduler's
tick run the day after the date for delegates, when it issues the credentials."""

from __future__ import annotations

import datetime

from django.utils import timezone
from tests.conferences.steps import DAY, committee

from newcourse.conferences import services
from newcourse.conferences.models import Credential, Delegation
from newcourse.offices import services as office_services

# One delegate per 3 members or part: North's four members send two.
RULEBOOK = {"delegates.members_per_delegate": "3", "delegates.minimum": "1"}


def at(day: datetime.date) -> datetime.datetime:
    """Noon on `day`, in the installation's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def after_delegates(conference) -> datetime.datetime:
    return at(conference.delegates_by + DAY)


def seat(conference, unit, members):
    """Seat `members` in `unit`'s delegation to `conference`."""
    delegation = Delegation.objects.get(conference=conference, unit=unit)
    return office_services.term_record_founding(
        actor="system:test", office=delegation.office, members=members
    )


def issued(conference) -> dict[str, Credential]:
    """The tick the day after the date for delegates; each credential by its delegate's name."""
    assert services.conferences_tick(now=after_delegates(conference)) == []
    return {
        c.term.member.person.full_name: c
        for c in Credential.objects.filter(conference=conference).select_related(
            "term__member__person"
        )
    }


def credentials_committee(secretary, conference, members):
    return committee(
        secretary, conference, members, role="credentials", title="Credentials committee"
    )


def review(member, credential, *, verified=True, reason="", **extra):
    return services.credential_review(
        person=member.person,
        member=member,
        credential=credential,
        verified=verified,
        reason=reason,
        now=extra.pop("now", after_delegates(credential.conference)),
        **extra,
    )


def challenge(member, credential, reason="Not elected at a quorate meeting", **extra):
    return services.credential_challenge(
        person=member.person,
        member=member,
        credential=credential,
        reason=reason,
        now=extra.pop("now", after_delegates(credential.conference)),
        **extra,
    )


def seat_alternates(conference, unit, members):
    """Seat `members` as `unit`'s alternates to `conference`, in this order (by the office's
    founding act, where real ones are elected: terms no count placed step up in the order
    recorded)."""
    delegation = Delegation.objects.get(conference=conference, unit=unit)
    return office_services.term_record_founding(
        actor="system:test", office=delegation.alternates, members=members
    )


def stand_down(member, credential, reason="Taken ill", **extra):
    return services.delegate_stand_down(
        person=member.person,
        member=member,
        credential=credential,
        reason=reason,
        now=extra.pop("now", after_delegates(credential.conference)),
        **extra,
    )
