"""Between the charge and the decision: the accused's friend and reply, and the hearing the
panel sets and holds."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from newcourse.organisation.models import Member
from newcourse.refusals import AlreadyDone, Conflict, InvalidInput, NotPermitted, OutsideWindow

from ..models import Case, CaseStatus, Recusal, RecusalReason, Stage
from .common import check_sits, locked, record, recusals_settle, text, today_of

REPRESENTATIVE_MAX_LENGTH = 200
BEFORE_DECISION = (CaseStatus.NOTIFIED, CaseStatus.HEARING_SET, CaseStatus.HEARD)


def _check_accused(case: Case, member: Member) -> None:
    if case.accused_id != member.pk:
        raise NotPermitted(_("Only the accused member may do this."))


def case_name_representative(*, case: Case, accused: Member, representative: str) -> Case:
    """The accused names the friend or representative who assists them (kept in the case
    file only)."""
    representative = representative.strip()
    if len(representative) > REPRESENTATIVE_MAX_LENGTH:
        raise InvalidInput(
            _("A name is at most %(limit)d characters.") % {"limit": REPRESENTATIVE_MAX_LENGTH}
        )
    with transaction.atomic():
        case = locked(case)
        _check_accused(case, accused)
        if case.status == CaseStatus.CLOSED:
            raise Conflict(_("This case is closed."))
        case.representative = representative
        case.save(update_fields=["representative"])
        record(case, "case.representative_named", {}, actor="member")
    return case


def case_reply(
    *, case: Case, accused: Member, statement: str, now: datetime.datetime | None = None
) -> Case:
    """The accused's written reply, once, within the days the rules gave them."""
    now, today = today_of(now)
    statement = text(statement, _("Write the reply."))
    with transaction.atomic():
        case = locked(case)
        _check_accused(case, accused)
        if case.replied_at is not None:
            raise AlreadyDone(_("Your reply is already in the case file."))
        if case.status not in BEFORE_DECISION or case.heard_at is not None:
            raise Conflict(_("The case has been heard: a reply can no longer be added."))
        if today > case.reply_due_on:
            raise OutsideWindow(
                _("The time to reply ended on %(date)s.") % {"date": case.reply_due_on}
            )
        case.reply = statement
        case.replied_at = now
        case.save(update_fields=["reply", "replied_at"])
        record(case, "case.replied", {}, actor="member")
    return case


def case_set_hearing(
    *, case: Case, by: Member, on: datetime.date, now: datetime.datetime | None = None
) -> Case:
    """The panel sets (or moves) the hearing: not before the accused has replied or the time
    to reply has run out, and not after the day the case must be decided by."""
    now, today = today_of(now)
    recusals_settle(case, Stage.CASE, today)
    with transaction.atomic():
        case = locked(case)
        check_sits(case, by, Stage.CASE, today)
        if case.status not in (CaseStatus.NOTIFIED, CaseStatus.HEARING_SET):
            raise Conflict(_("The hearing of this case has already been held."))
        earliest = today if case.replied_at is not None else max(today, case.reply_due_on)
        if on < earliest or on > case.decision_due_on:
            raise OutsideWindow(
                _(
                    "The hearing must be between %(earliest)s (the accused has until "
                    "%(reply)s to reply) and %(latest)s, the day the case must be decided by."
                )
                % {"earliest": earliest, "reply": case.reply_due_on, "latest": case.decision_due_on}
            )
        case.hearing_on = on
        case.status = CaseStatus.HEARING_SET
        case.save(update_fields=["hearing_on", "status"])
        record(case, "case.hearing_set", {"on": on.isoformat()}, actor="panel")
    return case


def case_hold_hearing(
    *, case: Case, by: Member, notes: str, now: datetime.datetime | None = None
) -> Case:
    """The hearing is held on its day: both sides heard, the notes in the case file."""
    now, today = today_of(now)
    notes = text(notes, _("Write the hearing notes."))
    recusals_settle(case, Stage.CASE, today)
    with transaction.atomic():
        case = locked(case)
        check_sits(case, by, Stage.CASE, today)
        if case.status != CaseStatus.HEARING_SET or case.hearing_on is None:
            raise Conflict(_("The panel sets the hearing's date first."))
        if today < case.hearing_on or today > case.decision_due_on:
            raise OutsideWindow(
                _("The hearing is set for %(date)s and must be held by %(latest)s.")
                % {"date": case.hearing_on, "latest": case.decision_due_on}
            )
        case.hearing_notes = notes
        case.heard_at = now
        case.status = CaseStatus.HEARD
        case.save(update_fields=["hearing_notes", "heard_at", "status"])
        record(case, "case.heard", {"on": today.isoformat()}, actor="panel")
    return case


def case_stand_aside(
    *, case: Case, member: Member, reason: str, now: datetime.datetime | None = None
) -> Case:
    """A panel member stands aside of their own accord (a witness, or a party, the panel did
    not know of): recorded, and from then on they take no part in the case or its appeal."""
    now, today = today_of(now)
    if reason not in RecusalReason.values:
        raise InvalidInput(_("There is no such reason to stand aside."))
    stage = Stage.APPEAL if case.status == CaseStatus.APPEALED else Stage.CASE
    with transaction.atomic():
        case = locked(case)
        check_sits(case, member, stage, today)
        Recusal.objects.create(case=case, member=member, stage=stage, reason=reason)
        record(case, "case.stood_aside", {"stage": stage, "reason": reason}, actor="panel")
    return case
