"""What the actions' pages, API and CLI read: a body's actions with their overdue flag, the
carried decisions an action may come from or be dropped by, and the generated report of every
action of a body since a date (for the executive's report to conference and an owner's report
to the next meeting)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from newcourse.conferences.models import Decision
from newcourse.offices.models import Office
from newcourse.organisation.models import Body

from .models import CLOSED, Action, ActionUpdate


def today() -> datetime.date:
    """The day against which due dates are compared: the site's (bodies keep no time zone of
    their own)."""
    return timezone.localdate()


def actions_of(body: Body, *, owned: bool = False) -> QuerySet[Action]:
    """The actions of `body`'s decisions (with `owned`: the actions `body` carries out, itself
    or through one of its offices, whichever body decided them), soonest due first (those with
    no date last), each with its updates."""
    chosen = Q(owner_body=body) | Q(owner_office__body=body) if owned else Q(body=body)
    return (
        Action.objects.filter(chosen)
        .select_related(
            "body",
            "owner_office__body",
            "owner_body",
            "decision__motion",
            "decision__composite",
            "decision__conference",
        )
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.select_related("written_by__person"),
            )
        )
        .order_by(F("due_on").asc(nulls_last=True), "created_at", "pk")
    )


def carried_decisions_of(body: Body) -> QuerySet[Decision]:
    """`body`'s carried conference decisions, latest first: those an action may come from, or
    be dropped by."""
    return (
        Decision.objects.filter(conference__body=body, outcome=Decision.Outcome.CARRIED)
        .select_related("conference", "motion", "composite")
        .order_by("-recorded_at", "-pk")
    )


def owning_offices(body: Body) -> QuerySet[Office]:
    """The offices that may own an action of `body`: its own and those of bodies within it."""
    return Office.objects.filter(body__path__startswith=body.path).select_related("body")


def owning_bodies(body: Body) -> QuerySet[Body]:
    """The bodies that may own an action of `body`: itself and the bodies within it."""
    return Body.objects.filter(path__startswith=body.path)


def decision_title(decision: Decision | None) -> str:
    """The decision in a few words: its motion or composite, and its conference."""
    if decision is None:
        return ""
    return f"{decision.motion or decision.composite} ({decision.conference})"


def last_update(action: Action) -> ActionUpdate | None:
    updates = list(action.updates.all())
    return updates[-1] if updates else None


@dataclass(frozen=True)
class ReportLine:
    action: Action
    overdue: bool
    last: ActionUpdate | None

    def as_json(self) -> dict[str, Any]:
        action = self.action
        return {
            "id": action.pk,
            "decided": action.decided,
            "decision": action.decision_id,
            "task": action.task,
            "owner": action.owner_label,
            "owner_name": action.owner_name,
            "due_on": action.due_on.isoformat() if action.due_on else None,
            "status": action.status,
            "overdue": self.overdue,
            "last_update": (
                {
                    "written_at": self.last.written_at.isoformat(),
                    "status": self.last.status,
                    "note": self.last.note,
                }
                if self.last
                else None
            ),
        }


@dataclass(frozen=True)
class Report:
    """Every action of `body` open at `since` or taken after it, with its status and last
    update: an action finished before `since` is the only one left out."""

    body: Body
    since: datetime.date | None
    today: datetime.date
    lines: list[ReportLine]
    # The owner's report (the actions `body` carries out) rather than the body's decisions'.
    owned: bool = False

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for line in self.lines:
            counted[line.action.status] = counted.get(line.action.status, 0) + 1
        return counted

    def as_json(self) -> dict[str, Any]:
        return {
            "body": self.body.slug,
            "since": self.since.isoformat() if self.since else None,
            "today": self.today.isoformat(),
            "actions": [line.as_json() for line in self.lines],
        }

    def as_text(self) -> str:
        """Plain text, one paragraph an action, for pasting into a report."""
        heading = (
            f"Actions carried out by {self.body.name}"
            if self.owned
            else f"Decisions and actions of {self.body.name}"
        )
        if self.since:
            heading += f" since {self.since.isoformat()}"
        lines = [heading, f"(as of {self.today.isoformat()})", ""]
        for line in self.lines:
            action = line.action
            due = f", due {action.due_on.isoformat()}" if action.due_on else ""
            overdue = " OVERDUE" if line.overdue else ""
            lines.append(f"#{action.pk} [{action.status}{overdue}] {action.task}")
            lines.append(f"    decided: {action.decided}")
            lines.append(f"    owner: {action.owner_name}{due}")
            if line.last is not None:
                note = f": {line.last.note}" if line.last.note else ""
                lines.append(
                    f"    last update {timezone.localdate(line.last.written_at).isoformat()} "
                    f"({line.last.status}){note}"
                )
            lines.append("")
        if not self.lines:
            lines.append("No action.")
        return "\n".join(lines).rstrip() + "\n"


def _finished_before(action: Action, last: ActionUpdate | None, since: datetime.date) -> bool:
    return (
        action.status in CLOSED and last is not None and timezone.localdate(last.written_at) < since
    )


def action_report(
    body: Body,
    *,
    since: datetime.date | None = None,
    on: datetime.date | None = None,
    owned: bool = False,
) -> Report:
    """The generated report of `body`'s actions (see `Report`), never written by hand: those
    its decisions ask for (the executive's report to conference), or with `owned` those it
    carries out (its report to its next meeting)."""
    on = on or today()
    lines = []
    for action in actions_of(body, owned=owned):
        last = last_update(action)
        if since is not None and _finished_before(action, last, since):
            continue
        lines.append(ReportLine(action=action, overdue=action.is_overdue(on), last=last))
    return Report(body=body, since=since, today=on, lines=lines, owned=owned)
