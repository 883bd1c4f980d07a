"""The panel's acts by vote: an interim suspension, the decision, and the appeal's decision;
and the accused's appeal."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.offices.models import Term
from newcourse.organisation.models import Member, MemberStatus
from newcourse.refusals import AlreadyDone, Conflict, InvalidInput, NotPermitted, OutsideWindow

from ..models import (
    DEFERRED,
    AppealOutcome,
    Case,
    CaseStatus,
    InterimSuspension,
    Outcome,
    Stage,
    VoteOn,
)
from ..selectors import appeal_body_of, rules_of
from .common import (
    check_sits,
    locked,
    panel_vote,
    record,
    recusals_settle,
    recusals_update,
    text,
    today_of,
)
from .effects import interim_begin, sanction_take_effect, set_aside
from .hearing import BEFORE_DECISION

SANCTIONS = (Outcome.WARNING, Outcome.REMOVAL, Outcome.SUSPENSION, Outcome.EXPULSION)


def case_suspend(
    *,
    case: Case,
    by: Member,
    days: int,
    reasons: str,
    votes_for: Sequence[Member],
    votes_against: Sequence[Member] = (),
    now: datetime.datetime | None = None,
) -> InterimSuspension:
    """The panel suspends the accused before its decision, by its vote, with reasons, for at
    most the rules' days in all on this case: a second suspension only uses what is left of
    them. It ends by itself (`discipline_tick`), or with the case."""
    now, today = today_of(now)
    reasons = text(reasons, _("Write the reasons."))
    recusals_settle(case, Stage.CASE, today)
    with transaction.atomic():
        case = locked(case)
        check_sits(case, by, Stage.CASE, today)
        if case.status not in BEFORE_DECISION:
            raise Conflict(_("Only a case not yet decided allows an interim suspension."))
        if case.suspensions.filter(ended_at__isnull=True).exists():
            raise AlreadyDone(_("The accused is already suspended on this case."))
        if case.accused.status != MemberStatus.ACTIVE:
            raise Conflict(_("The accused is not an active member to suspend."))
        limit: int = rules_of(case)["suspension.max_days"]
        used = sum(s.days for s in case.suspensions.all())
        if days < 1 or used + days > limit:
            raise NotPermitted(
                _(
                    "An interim suspension lasts at most %(limit)d days in all on a case, and is "
                    "never renewed beyond that: %(left)d days are left on this one."
                )
                % {"limit": limit, "left": max(limit - used, 0)}
            )
        suspension = InterimSuspension.objects.create(
            case=case,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=days),
            reasons=reasons,
        )
        figures = panel_vote(
            case,
            stage=Stage.CASE,
            on=VoteOn.SUSPENSION,
            votes_for=votes_for,
            votes_against=votes_against,
            today=today,
            suspension=suspension,
        )
        interim_begin(case, suspension)
        record(
            case,
            "case.suspended",
            {"days": days, "until": suspension.ends_on.isoformat(), "votes": figures},
            actor="panel",
        )
    return suspension


def _removal_term(case: Case, term: Term | None, today: datetime.date) -> Term:
    terms = Term.objects.current(today).filter(member_id=case.accused_id)
    if term is not None:
        terms = terms.filter(pk=term.pk)
    found = list(terms[:2])
    if len(found) != 1:
        raise InvalidInput(
            _("Name the office the accused is to be removed from: one they hold now.")
        )
    return found[0]


def case_decide(
    *,
    case: Case,
    by: Member,
    outcome: str,
    reasons: str,
    votes_for: Sequence[Member],
    votes_against: Sequence[Member] = (),
    days: int | None = None,
    term: Term | None = None,
    now: datetime.datetime | None = None,
) -> Case:
    """The panel's decision, carried by its vote, with reasons, after the hearing and by the
    day the rules set: the charge dismissed, or a sanction the rulebook allows (a suspension
    for a number of days up to its maximum; removal from one office the accused holds).

    A dismissal ends the case (and any interim suspension); a warning stands at once; any
    other sanction waits for the appeal time to pass or the appeal to be decided."""
    now, today = today_of(now)
    reasons = text(reasons, _("Write the reasons."))
    recusals_settle(case, Stage.CASE, today)
    with transaction.atomic():
        case = locked(case)
        check_sits(case, by, Stage.CASE, today)
        if case.status != CaseStatus.HEARD:
            raise Conflict(_("The panel decides only after it has heard both sides."))
        if today > case.decision_due_on:
            raise OutsideWindow(
                _("The case had to be decided by %(date)s.") % {"date": case.decision_due_on}
            )
        rules = rules_of(case)
        allowed = rules["discipline.sanctions"]
        if outcome != Outcome.DISMISSED and (
            outcome not in SANCTIONS or not allowed.allows(outcome)
        ):
            raise NotPermitted(
                _("The rulebook does not allow this sanction; it allows: %(allowed)s.")
                % {"allowed": rules.written("discipline.sanctions")}
            )
        if outcome == Outcome.SUSPENSION:
            if days is None or not 1 <= days <= allowed.suspension_days:
                raise NotPermitted(
                    _("A suspension lasts from 1 to %(days)d days under the rulebook.")
                    % {"days": allowed.suspension_days}
                )
            case.suspension_days = days
        if outcome == Outcome.REMOVAL:
            case.removal_term = _removal_term(case, term, today)
        figures = panel_vote(
            case,
            stage=Stage.CASE,
            on=VoteOn.DECISION,
            votes_for=votes_for,
            votes_against=votes_against,
            today=today,
        )
        case.outcome = outcome
        case.reasons = reasons
        case.decided_at = now
        if outcome == Outcome.DISMISSED:
            case.status = CaseStatus.CLOSED
            case.closed_at = now
            set_aside(case, today)
        else:
            case.status = CaseStatus.DECIDED
            case.appeal_due_on = today + rules.days("discipline.appeal_days")
            if outcome == Outcome.WARNING:
                case.sanction_from = today
        case.save()
        record(
            case,
            "case.decided",
            {
                "outcome": outcome,
                "days": case.suspension_days,
                "office": case.removal_term.office_id if case.removal_term else None,
                "votes": figures,
                "appeal_due_on": case.appeal_due_on.isoformat() if case.appeal_due_on else None,
            },
            actor="panel",
        )
    return case


def case_appeal(
    *, case: Case, accused: Member, grounds: str, now: datetime.datetime | None = None
) -> Case:
    """The accused appeals the panel's sanction, within the rules' days, to the panel of the
    next body up that has one."""
    now, today = today_of(now)
    grounds = text(grounds, _("Write the grounds of appeal."))
    with transaction.atomic():
        case = locked(case)
        if case.accused_id != accused.pk:
            raise NotPermitted(_("Only the accused member may appeal."))
        if case.status == CaseStatus.APPEALED:
            raise AlreadyDone(_("This decision is already under appeal."))
        if case.status != CaseStatus.DECIDED or case.appeal_due_on is None:
            raise Conflict(_("Only a sanction of the panel can be appealed."))
        if today > case.appeal_due_on:
            raise OutsideWindow(
                _("The time to appeal ended on %(date)s.") % {"date": case.appeal_due_on}
            )
        above = appeal_body_of(case.body)
        if above is None:
            raise Conflict(
                _("No body above %(body)s has a disputes panel to hear an appeal.")
                % {"body": case.body}
            )
        case.appeal_body = above
        case.appeal_grounds = grounds
        case.appealed_at = now
        case.appeal_decision_due_on = today + rules_of(case).days("discipline.decision_days")
        case.status = CaseStatus.APPEALED
        case.save()
        record(
            case,
            "case.appealed",
            {
                "to": above.slug,
                "decision_due_on": case.appeal_decision_due_on.isoformat(),
            },
            actor="member",
        )
        recusals_update(case, Stage.APPEAL, today)
    return case


def case_decide_appeal(
    *,
    case: Case,
    by: Member,
    upheld: bool,
    reasons: str,
    votes_for: Sequence[Member],
    votes_against: Sequence[Member] = (),
    now: datetime.datetime | None = None,
) -> Case:
    """The appeal panel's decision, by its vote, with reasons: upheld sets the sanction aside
    and restores the member; dismissed, the sanction takes effect now."""
    now, today = today_of(now)
    reasons = text(reasons, _("Write the reasons."))
    recusals_settle(case, Stage.APPEAL, today)
    with transaction.atomic():
        case = locked(case)
        check_sits(case, by, Stage.APPEAL, today)
        if case.status != CaseStatus.APPEALED or case.appeal_decision_due_on is None:
            raise Conflict(_("This case is not under appeal."))
        if today > case.appeal_decision_due_on:
            raise OutsideWindow(
                _("The appeal had to be decided by %(date)s.")
                % {"date": case.appeal_decision_due_on}
            )
        figures = panel_vote(
            case,
            stage=Stage.APPEAL,
            on=VoteOn.APPEAL,
            votes_for=votes_for,
            votes_against=votes_against,
            today=today,
        )
        _close_appeal(
            case,
            AppealOutcome.UPHELD if upheld else AppealOutcome.DISMISSED,
            reasons,
            now,
            figures,
        )
    return case


def _close_appeal(
    case: Case,
    outcome: str,
    reasons: str,
    now: datetime.datetime,
    figures: dict[str, int] | None,
) -> None:
    today = timezone.localdate(now)
    case.appeal_outcome = outcome
    case.appeal_reasons = reasons
    case.appeal_decided_at = now
    case.status = CaseStatus.CLOSED
    case.closed_at = now
    case.save()
    record(
        case,
        "case.appeal_decided",
        {"outcome": outcome, "votes": figures},
        actor="panel" if figures is not None else "system",
    )
    if outcome == AppealOutcome.DISMISSED:
        if case.outcome in DEFERRED:
            sanction_take_effect(case, today)
    else:
        set_aside(case, today)


def appeal_lapse(case: Case, now: datetime.datetime) -> None:
    """An appeal not decided in time is closed in the accused's favour (the scheduler)."""
    _close_appeal(case, AppealOutcome.LAPSED, "", now, None)
