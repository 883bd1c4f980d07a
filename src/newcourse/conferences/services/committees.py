"""A conference's committees named: an elected office of the conference's body takes a role."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.offices.models import Office, OfficeKind
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow

from ..access import may_call_conference
from ..models import Committee, CommitteeRole, Conference


def committee_name(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    role: str,
    office: Office,
    now: datetime.datetime | None = None,
) -> Committee:
    """Name `office`, a committee of the conference's own body, to `role`: by the officers
    who called the conference, in their own name, before it opens, once for each role. The
    committee is then whoever the members elect to that office: nobody appoints its members."""
    now = now or timezone.now()
    if role not in CommitteeRole.values:
        raise InvalidInput(_("A conference has a standing orders and a credentials committee."))
    if not may_call_conference(person, conference.body) or member.person_id != getattr(
        person, "pk", None
    ):
        raise NotPermitted(
            _("Only the officers of %(body)s who call its conference name its committees.")
            % {"body": conference.body}
        )
    if office.body_id != conference.body_id or office.kind != OfficeKind.COMMITTEE:
        raise InvalidInput(
            _("A conference's committee is one of the committees %(body)s elects.")
            % {"body": conference.body}
        )
    if timezone.localdate(now) >= conference.opens_on:
        raise OutsideWindow(_("The committees are named before the conference opens."))
    try:
        with transaction.atomic():
            committee = Committee.objects.create(
                conference=conference, role=role, office=office, named_by=member, named_at=now
            )
            record_append(
                actor=person,
                action="conference.committee_named",
                subject=f"conference:{conference.pk}",
                body=conference.body,
                payload={
                    "role": role,
                    "office": office.pk,
                    "title": office.title,
                    "named_by": f"member:{member.number}",
                },
            )
    except IntegrityError as error:
        raise AlreadyDone(
            _("%(conference)s already has its %(role)s.")
            % {"conference": conference, "role": CommitteeRole(role).label.lower()}
        ) from error
    return committee
