"""A delegate stands down, and the first alternate in line takes the seat.

Each delegation has its alternates: a second office of the unit, elected beside the delegation
(`calling._delegations_create`). An alternate holds no seat and no credential until a delegate
gives theirs up; then the first in line (`selectors.election_order`) who holds no seat takes
it at once, with a credential of their own in the delegation. With no alternate left, the seat
stays empty: no by-election fills a delegation after its date (`selectors.delegation_over`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.offices.models import TermEnd
from newcourse.offices.services import term_end
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import NotEligible, NotPermitted

from .. import selectors
from ..access import may_stand_down
from ..models import Conference, Credential, CredentialStatus
from .credentials import before_close, credential_issue, reason_given, stood_down_already


def delegate_stand_down(
    *,
    person: Any,
    member: Member,
    credential: Credential,
    reason: str,
    now: datetime.datetime | None = None,
) -> Credential:
    """A delegate gives up their seat, until the conference closes: themself, or an officer
    of their unit for them (a delegate taken ill rings the branch secretary), in their own
    name and with a reason. The credential is no longer valid (stood down) and the delegate's
    term ends (resigned); the first alternate in line who holds no seat takes it, with a
    credential issued at once, alternate for the one given up. An alternate who took a seat
    stands down the same way, and the next in line steps up.

    Under the conference's lock: two delegates standing down at once seat two different
    alternates, one after the other, and the delegation never holds more seats than the
    unit is entitled to. Returns the credential given up, as it now stands."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    conference = credential.conference
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("A delegate is stood down in your own name."))
    if not may_stand_down(person, credential):
        raise NotPermitted(
            _("Only the delegate, or an officer of %(unit)s, stands a delegate down.")
            % {"unit": credential.delegation.unit}
        )
    before_close(conference, now)
    reason = reason_given(
        reason, required=True, refusal=_("Give the reason the delegate stands down.")
    )
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        credential = (
            Credential.objects.select_for_update(of=("self",))
            .select_related("term__member", "delegation__unit", "delegation__office")
            .get(pk=credential.pk)
        )
        if credential.status == CredentialStatus.STOOD_DOWN:
            raise stood_down_already()
        if not credential.term.is_current(today):
            raise NotEligible(_("This delegate no longer holds the seat."))
        Credential.objects.filter(pk=credential.pk, status=credential.status).update(
            status=CredentialStatus.STOOD_DOWN,
            stood_down_at=now,
            stood_down_by=member,
            stood_down_reason=reason,
        )
        credential.refresh_from_db()
        term_end(actor=person, term=credential.term, reason=TermEnd.RESIGNED, on=today)
        delegate = credential.term.member
        record_append(
            actor=person,
            action="conference.delegate_stood_down",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "credential": credential.pk,
                "unit": credential.delegation.unit.slug,
                "delegate": f"member:{delegate.number}",
                "stood_down_by": f"member:{member.number}",
            },
            private={"reason": reason},
            member=delegate,
        )
        _alternate_seat(conference, credential, today, now)
    return credential


def _alternate_seat(
    conference: Conference,
    given_up: Credential,
    today: datetime.date,
    now: datetime.datetime,
) -> Credential | None:
    """The first alternate in line takes the seat `given_up` left, if there is one and the
    delegation has a seat empty; otherwise the seat stays empty (and the report shows it)."""
    delegation = given_up.delegation
    if delegation.alternates_id is None:
        return None
    if selectors.seats_held(delegation, today) >= delegation.office.seats:
        return None
    term = selectors.next_alternate(delegation, today)
    if term is None:
        return None
    return credential_issue(
        conference=conference, delegation=delegation, term=term, now=now, alternate_for=given_up
    )
