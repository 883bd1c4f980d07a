"""Due process through the API (`newcourse.discipline`): a body's figures and its cases' facts,
for whoever may see the body, and a case's file, for its parties and its panel only.

Reading only, for now: charges are filed and each step taken on the case's page, where the
rules on who may act are shown beside each form.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from newcourse.discipline import access, selectors
from newcourse.discipline.models import Case
from newcourse.organisation import access as organisation_access
from newcourse.refusals import InvalidInput

from .auth import api_view, ok


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def case_brief(case: Case) -> dict[str, Any]:
    """What the open record says of a case: no name, no facts, no reasons."""
    return {
        "id": case.pk,
        "body": case.body.slug,
        "status": case.status,
        "clauses": list(case.clauses),
        "outcome": selectors.final_outcome(case) if case.outcome else None,
        "filed_at": case.filed_at.isoformat(),
        "decided_at": _when(case.decided_at),
        "closed_at": _when(case.closed_at),
    }


def case_json(case: Case) -> dict[str, Any]:
    """The case file, for its parties and its panel."""
    return {
        **case_brief(case),
        "accused": {"number": case.accused.number, "name": case.accused.person.full_name},
        "filed_by": {"number": case.filed_by.number, "name": case.filed_by.person.full_name},
        "facts": case.facts,
        "evidence": case.evidence,
        "reply_due_on": case.reply_due_on.isoformat(),
        "decision_due_on": case.decision_due_on.isoformat(),
        "representative": case.representative,
        "reply": case.reply,
        "hearing_on": _when(case.hearing_on),
        "hearing_notes": case.hearing_notes,
        "reasons": case.reasons,
        "appeal_due_on": _when(case.appeal_due_on),
        "appeal_grounds": case.appeal_grounds,
        "appeal_outcome": case.appeal_outcome or None,
        "appeal_reasons": case.appeal_reasons,
        "sanction_from": _when(case.sanction_from),
        "sanction_until": _when(case.sanction_until),
    }


@api_view("GET")
def body_cases(request: HttpRequest, slug: str) -> HttpResponse:
    body = organisation_access.access_body_for_person(person=request.user, slug=slug)
    given = request.GET.get("year", "")
    if given and not given.isdigit():
        raise InvalidInput("“year” is a year, such as 2026.")
    year = int(given) if given else timezone.localdate().year
    cases = selectors.cases_of(body).select_related("body").order_by("-filed_at", "-pk")
    return ok(
        {
            "body": body.slug,
            "statistics": selectors.statistics(body, year).as_json(),
            "cases": [case_brief(case) for case in cases],
        }
    )


@api_view("GET")
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.access_case_for_person(person=request.user, pk=case_id)
    return ok(case_json(case))
