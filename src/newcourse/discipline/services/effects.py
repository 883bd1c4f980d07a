"""What a case does to the register and to offices, at the right time: an interim suspension
begins and ends, a sanction takes effect, a sanction set aside gives everything back."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.offices.models import Term, TermEnd
from newcourse.offices.services import term_end
from newcourse.organisation.models import Member, MemberStatus
from newcourse.organisation.services import member_change_status, member_restore

from ..models import Case, InterimSuspension, Outcome
from .common import record

SYSTEM = "system"


def _member(case: Case) -> Member:
    return Member.objects.get(pk=case.accused_id)


def _reason(case: Case) -> str:
    return f"Due process, case {case.pk}"


def live_suspension(case: Case) -> InterimSuspension | None:
    return case.suspensions.filter(ended_at__isnull=True).first()


def interim_end(case: Case, on: datetime.date, *, restore: bool) -> None:
    """End the case's live interim suspension; give the member their membership back unless
    a sanction takes its place (`restore` False)."""
    suspension = live_suspension(case)
    if suspension is None:
        return
    suspension.ended_at = timezone.now()
    suspension.save(update_fields=["ended_at"])
    record(case, "case.suspension_ended", {"on": on.isoformat()}, actor=SYSTEM)
    if restore and _member(case).status == MemberStatus.SUSPENDED:
        member_restore(actor=SYSTEM, member=_member(case), effective_on=on, reason=_reason(case))


def interim_begin(case: Case, suspension: InterimSuspension) -> None:
    member_change_status(
        actor=SYSTEM,
        member=_member(case),
        status=MemberStatus.SUSPENDED,
        effective_on=suspension.starts_on,
        reason=_reason(case),
        sanction=f"case:{case.pk}",
    )


def sanction_take_effect(case: Case, on: datetime.date) -> None:
    """The panel's sanction takes effect now that the appeal time has passed or the appeal
    is decided: a warning had already; an interim suspension gives way to it."""
    outcome = case.outcome
    if outcome not in (Outcome.REMOVAL, Outcome.SUSPENSION, Outcome.EXPULSION):
        return
    case.sanction_from = on
    fields = ["sanction_from"]
    if outcome == Outcome.REMOVAL:
        interim_end(case, on, restore=True)
        term = case.removal_term
        if term is not None and term.ended_on is None:
            term_end(actor=SYSTEM, term=term, reason=TermEnd.REMOVED, on=on)
    elif outcome == Outcome.SUSPENSION:
        interim_end(case, on, restore=False)
        case.sanction_until = on + datetime.timedelta(days=case.suspension_days or 0)
        fields.append("sanction_until")
        if _member(case).status == MemberStatus.ACTIVE:
            member_change_status(
                actor=SYSTEM,
                member=_member(case),
                status=MemberStatus.SUSPENDED,
                effective_on=on,
                reason=_reason(case),
                sanction=f"case:{case.pk}",
            )
    else:
        interim_end(case, on, restore=False)
        # A member who has resigned or lapsed meanwhile is no longer in the register to expel.
        if _member(case).status in (MemberStatus.ACTIVE, MemberStatus.SUSPENDED):
            # Expulsion ends membership, and with it every office held: each seat falls vacant
            # and is filled for the rest of its term.
            held = Term.objects.filter(
                member_id=case.accused_id, ended_on__isnull=True, began_on__lte=on, due_on__gt=on
            )
            for term in held:
                term_end(actor=SYSTEM, term=term, reason=TermEnd.MEMBERSHIP, on=on)
            member_change_status(
                actor=SYSTEM,
                member=_member(case),
                status=MemberStatus.EXPELLED,
                effective_on=on,
                reason=_reason(case),
                sanction=f"case:{case.pk}",
            )
    case.save(update_fields=fields)
    payload = {"outcome": outcome, "on": on.isoformat()}
    if case.sanction_until is not None:
        payload["until"] = case.sanction_until.isoformat()
    record(case, "case.sanction_in_effect", payload, actor=SYSTEM)


def suspension_served(case: Case, on: datetime.date) -> None:
    """A suspension sanction has run its time: the membership continues."""
    case.sanction_ended_at = timezone.now()
    case.save(update_fields=["sanction_ended_at"])
    record(case, "case.suspension_served", {"on": on.isoformat()}, actor=SYSTEM)
    if _member(case).status == MemberStatus.SUSPENDED:
        member_restore(actor=SYSTEM, member=_member(case), effective_on=on, reason=_reason(case))


def set_aside(case: Case, on: datetime.date) -> None:
    """The decision is set aside (appeal upheld, or not decided in time): an interim
    suspension ends and the member is restored, with their history unbroken."""
    interim_end(case, on, restore=True)
