"""Delegates checked in at the door with their credential's code (scanned from its QR code),
by a steward or, where the chair allows it, by themselves; and checked out when they leave.
Only a verified credential checks in: a challenged, rejected or stood-down one does not."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences.models import Conference, Credential, CredentialStatus
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow

from ..access import may_check_in
from ..models import CheckIn, Floor
from .hall import floor_changed, while_sitting


def _credential(conference: Conference, token: str) -> Credential:
    token = token.strip().rstrip("/").rsplit("/", 1)[-1] if isinstance(token, str) else ""
    credential = (
        Credential.objects.filter(conference=conference, token=token)
        .select_related("term__member__person", "delegation__unit")
        .first()
        if token
        else None
    )
    if credential is None:
        raise InvalidInput(_("No credential to this conference has that code."))
    return credential


def _may_act(person: Any, member: Member, credential: Credential, floor: Floor) -> None:
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("Act in your own name."))
    if may_check_in(person, credential.conference):
        return
    if credential.term.member.person_id == person.pk and floor.self_check_in:
        return
    raise NotPermitted(
        _("Delegates are checked in at the door by the conference's stewards.")
        if credential.term.member.person_id == person.pk
        else _("Only the conference's stewards check other delegates in and out.")
    )


def _open_floor(conference: Conference) -> Floor:
    floor = Floor.objects.select_for_update().filter(conference=conference).first()
    if floor is None:
        raise OutsideWindow(_("The floor of %(c)s is not open yet.") % {"c": conference})
    return floor


def delegate_check_in(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    token: str,
    remote: bool = False,
    now: datetime.datetime | None = None,
) -> CheckIn:
    """Check in the delegate whose credential has the code `token` (its card's address or
    the code alone): present from now, in the hall or online (`remote`)."""
    now = now or timezone.now()
    while_sitting(conference, now)
    credential = _credential(conference, token)
    with transaction.atomic():
        floor = _open_floor(conference)
        _may_act(person, member, credential, floor)
        if credential.status != CredentialStatus.VERIFIED:
            raise NotEligible(
                _("%(delegate)s's credential is %(status)s: only a verified one checks in.")
                % {"delegate": credential.term.member, "status": credential.get_status_display()}
            )
        check_in = CheckIn.objects.select_for_update().filter(credential=credential).first()
        if check_in is not None and check_in.left_at is None:
            raise AlreadyDone(
                _("%(delegate)s is already checked in.") % {"delegate": credential.term.member}
            )
        if check_in is None:
            check_in = CheckIn(credential=credential)
        check_in.checked_in_at = now
        check_in.checked_in_by = member
        check_in.remote = bool(remote)
        check_in.left_at = None
        check_in.save()
        floor_changed(floor)
        record_append(
            actor=person,
            action="conference.checked_in",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "credential": credential.pk,
                "delegate": f"member:{credential.term.member.number}",
                "remote": check_in.remote,
                "by": f"member:{member.number}",
            },
        )
    return check_in


def delegate_check_out(
    *,
    person: Any,
    member: Member,
    credential: Credential,
    now: datetime.datetime | None = None,
) -> CheckIn:
    """The delegate leaves the hall (a steward, or they themselves, checks them out): no
    longer present, nor able to vote, until checked in again."""
    now = now or timezone.now()
    conference = credential.conference
    with transaction.atomic():
        floor = _open_floor(conference)
        if member.person_id != getattr(person, "pk", None):
            raise NotPermitted(_("Act in your own name."))
        own = credential.term.member.person_id == person.pk
        if not own and not may_check_in(person, conference):
            raise NotPermitted(
                _("Only the conference's stewards check other delegates in and out.")
            )
        check_in = CheckIn.objects.select_for_update().filter(credential=credential).first()
        if check_in is None or check_in.left_at is not None:
            raise AlreadyDone(
                _("%(delegate)s is not checked in.") % {"delegate": credential.term.member}
            )
        check_in.left_at = now
        check_in.save(update_fields=["left_at"])
        floor_changed(floor)
        record_append(
            actor=person,
            action="conference.checked_out",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "credential": credential.pk,
                "delegate": f"member:{credential.term.member.number}",
                "by": f"member:{member.number}",
            },
        )
    return check_in
