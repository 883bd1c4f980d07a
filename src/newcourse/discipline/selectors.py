"""What due process reads: the panel of a body and who sits on a case, the rules a case runs
under, the case file's parts, and the figures per body and year. Nothing here writes."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from newcourse.offices.models import Office, OfficeKind, Term
from newcourse.organisation.models import Body, Member
from newcourse.rules.selectors import Rules, rules_recorded
from newcourse.tendencies.models import TendencySignature, TendencyStatus

from .models import Case, CaseStatus, Outcome, Recusal, Refusal, Stage


def panel_office_of(body: Body) -> Office | None:
    """The body's disputes panel, if it has elected one."""
    return Office.objects.filter(body=body, kind=OfficeKind.PANEL).order_by("pk").first()


def panel_members(body: Body, on: datetime.date) -> list[Member]:
    """The members holding a current term on the body's disputes panel on `on`."""
    terms = (
        Term.objects.current(on)
        .filter(office__body=body, office__kind=OfficeKind.PANEL)
        .select_related("member__person", "member__body")
        .order_by("member__person__full_name", "member_id")
    )
    return list(dict.fromkeys(term.member for term in terms))


def appeal_body_of(body: Body) -> Body | None:
    """Where an appeal from `body`'s panel goes: the panel of the nearest body above it that
    has one (the rulebooks' "appeals panel" or a higher commission; conference itself is a
    later step)."""
    for ancestor in reversed(body.ancestors()):
        if panel_office_of(ancestor) is not None:
            return ancestor
    return None


def holds_executive_office(member: Member, body: Body, on: datetime.date) -> bool:
    """Whether `member` holds an office of `body` with administrative powers: a seat in its
    executive, which nobody on its disputes panel may hold."""
    terms = Term.objects.current(on).filter(member=member, office__body=body)
    return any(powers for powers in terms.values_list("office__powers", flat=True))


def holds_any_office(member: Member, on: datetime.date) -> bool:
    return Term.objects.current(on).filter(member=member).exists()


def in_declared_tendency(member: Member) -> bool:
    return (
        TendencySignature.objects.live()
        .filter(member=member, tendency__status=TendencyStatus.DECLARED)
        .exists()
    )


def rules_of(case: Case) -> Rules:
    """The rules the case was filed under: a later rule change never reaches it."""
    return rules_recorded(
        case.body,
        rulebook_version=case.rulebook_version,
        standing_orders_version=case.standing_orders_version,
    )


def hearing_body(case: Case, stage: str) -> Body:
    return case.appeal_body if stage == Stage.APPEAL and case.appeal_body else case.body


def stood_aside(case: Case, stage: str) -> set[int]:
    return set(Recusal.objects.filter(case=case, stage=stage).values_list("member_id", flat=True))


def sitting(case: Case, stage: str, on: datetime.date) -> list[Member]:
    """The panel members who sit on the case (or its appeal) on `on`: the panel's members,
    less those who stand aside."""
    aside = stood_aside(case, stage)
    return [m for m in panel_members(hearing_body(case, stage), on) if m.pk not in aside]


def cases_of(body: Body) -> QuerySet[Case]:
    return Case.objects.filter(body=body).select_related("body")


def cases_for_member(member: Member | None, on: datetime.date) -> list[Case]:
    """The open cases on a member's page: those they are a party to (accused or the one who
    filed) and those before a panel they sit on, so each step reaches them there."""
    if member is None:
        return []
    panels = Term.objects.current(on).filter(member=member, office__kind=OfficeKind.PANEL)
    bodies = list(panels.values_list("office__body_id", flat=True))
    mine = (
        Q(accused=member)
        | Q(filed_by=member)
        | Q(body_id__in=bodies)
        | Q(appeal_body_id__in=bodies, status=CaseStatus.APPEALED)
    )
    return list(Case.objects.open().filter(mine).select_related("body").order_by("-filed_at"))


@dataclass
class Statistics:
    """A body's cases in one year, by who filed, against whom and how they ended, so that a
    purge shows in the figures. Refused charges are counted apart."""

    body: Body
    year: int
    filed: int = 0
    refused: int = 0
    by_officers: int = 0
    by_members: int = 0
    against_officers: int = 0
    against_members: int = 0
    against_tendency_members: int = 0
    against_others: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    open: int = 0
    # Days from the charge to the panel's decision, for the cases decided.
    days_to_decide: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        days = sorted(self.days_to_decide)
        return {
            "body": self.body.slug,
            "year": self.year,
            "filed": self.filed,
            "refused": self.refused,
            "filed_by": {"officers": self.by_officers, "members": self.by_members},
            "against": {"officers": self.against_officers, "members": self.against_members},
            "against_tendency_members": self.against_tendency_members,
            "against_others": self.against_others,
            "outcomes": dict(sorted(self.outcomes.items())),
            "open": self.open,
            "median_days_to_decide": days[len(days) // 2] if days else None,
        }


def statistics(body: Body, year: int) -> Statistics:
    """The figures of the charges filed in `body` in `year`."""
    figures = Statistics(body=body, year=year)
    cases = Case.objects.filter(body=body, filed_at__year=year)
    outcomes: Counter[str] = Counter()
    for case in cases:
        figures.filed += 1
        if case.filer_was_officer:
            figures.by_officers += 1
        else:
            figures.by_members += 1
        if case.accused_was_officer:
            figures.against_officers += 1
        else:
            figures.against_members += 1
        if case.accused_in_tendency:
            figures.against_tendency_members += 1
        else:
            figures.against_others += 1
        if case.status != CaseStatus.CLOSED:
            figures.open += 1
        if case.outcome:
            outcomes[final_outcome(case)] += 1
        if case.decided_at is not None and case.outcome != Outcome.LAPSED:
            figures.days_to_decide.append((case.decided_at - case.filed_at).days)
    figures.outcomes = dict(outcomes)
    figures.refused = Refusal.objects.filter(body=body, refused_at__year=year).count()
    return figures


def final_outcome(case: Case) -> str:
    """The outcome that stands: the panel's, or "set-aside" when an appeal was upheld."""
    if case.appeal_outcome in ("upheld", "lapsed"):
        return "set-aside"
    return case.outcome
