"""The deadlines of due process, kept by the scheduler (`elections_tick` calls
`discipline_tick`): a case not decided in time closes in the accused's favour, a sanction
takes effect once the appeal time has passed, an appeal not decided in time is upheld, an
interim suspension and a suspension served end by themselves.

Each step claims its case with a conditional update of its status, so two schedulers never
take the same step twice; a step that fails is logged and tried again at the next tick.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from ..models import DEFERRED, Case, CaseStatus, InterimSuspension, Outcome
from .common import record
from .decisions import appeal_lapse
from .effects import interim_end, sanction_take_effect, set_aside, suspension_served

logger = logging.getLogger(__name__)
UNDECIDED = (CaseStatus.NOTIFIED, CaseStatus.HEARING_SET, CaseStatus.HEARD)


def _claim(case_pk: int, old: str, **fields: object) -> bool:
    return bool(Case.objects.filter(pk=case_pk, status=old).update(**fields))


def _lapse(pk: int, now: datetime.datetime, today: datetime.date) -> None:
    case = Case.objects.select_related("accused__person", "body").get(pk=pk)
    if not _claim(pk, case.status, status=CaseStatus.CLOSED, outcome=Outcome.LAPSED, closed_at=now):
        return
    case.refresh_from_db()
    record(
        case, "case.lapsed", {"decision_due_on": case.decision_due_on.isoformat()}, actor="system"
    )
    set_aside(case, today)


def _final(pk: int, now: datetime.datetime, today: datetime.date) -> None:
    if not _claim(pk, CaseStatus.DECIDED, status=CaseStatus.CLOSED, closed_at=now):
        return
    case = Case.objects.select_related("accused__person", "body", "removal_term").get(pk=pk)
    record(case, "case.final", {"outcome": case.outcome}, actor="system")
    if case.outcome in DEFERRED:
        sanction_take_effect(case, today)


def _appeal_lapse(pk: int, now: datetime.datetime, today: datetime.date) -> None:
    case = Case.objects.select_related("accused__person", "body").get(pk=pk)
    if case.status == CaseStatus.APPEALED:
        appeal_lapse(case, now)


def _interim_over(pk: int, now: datetime.datetime, today: datetime.date) -> None:
    suspension = (
        InterimSuspension.objects.select_for_update(of=("self",))
        .select_related("case__accused__person", "case__body")
        .filter(pk=pk, ended_at__isnull=True)
        .first()
    )
    if suspension is not None:
        interim_end(suspension.case, today, restore=True)


def _served(pk: int, now: datetime.datetime, today: datetime.date) -> None:
    case = Case.objects.select_related("accused__person", "body").get(pk=pk)
    if Case.objects.filter(pk=pk, sanction_ended_at__isnull=True).update(sanction_ended_at=now):
        suspension_served(case, today)


def discipline_tick(*, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Take every step of due process whose time has come; returns the failures as
    (subject, error), each logged and tried again at the next tick."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    steps: list[tuple[str, Callable[[int, datetime.datetime, datetime.date], None], list[int]]] = [
        (
            "case",
            _lapse,
            list(
                Case.objects.filter(status__in=UNDECIDED, decision_due_on__lt=today).values_list(
                    "pk", flat=True
                )
            ),
        ),
        (
            "case",
            _final,
            list(
                Case.objects.filter(status=CaseStatus.DECIDED, appeal_due_on__lt=today).values_list(
                    "pk", flat=True
                )
            ),
        ),
        (
            "case",
            _appeal_lapse,
            list(
                Case.objects.filter(
                    status=CaseStatus.APPEALED, appeal_decision_due_on__lt=today
                ).values_list("pk", flat=True)
            ),
        ),
        (
            "suspension",
            _interim_over,
            list(
                InterimSuspension.objects.filter(
                    ended_at__isnull=True, ends_on__lte=today
                ).values_list("pk", flat=True)
            ),
        ),
        (
            "case",
            _served,
            list(
                Case.objects.filter(
                    outcome=Outcome.SUSPENSION,
                    sanction_until__lte=today,
                    sanction_ended_at__isnull=True,
                ).values_list("pk", flat=True)
            ),
        ),
    ]
    failures: list[tuple[str, str]] = []
    for subject, step, pks in steps:
        for pk in pks:
            try:
                with transaction.atomic():
                    step(pk, now, today)
            except Exception as error:
                logger.exception("Due process: %s %s could not take its step", subject, pk)
                failures.append((f"{subject}:{pk}", f"{type(error).__name__}: {error}"))
    return failures
