"""Reads for offices and terms, and the roll of who holds office now."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from newcourse.organisation.models import Body
from newcourse.refusals import NoRulebook
from newcourse.rules.selectors import rules_for

from .models import Office, Term


def current_terms() -> QuerySet[Term]:
    return Term.objects.current(timezone.localdate())


def office_rules(office: Office) -> dict[str, Any] | None:
    """What the rules in force today say of the office (its kind's terms, who may stand, what
    recalls its officers), for its page and the API; None while the organisation has no
    rulebook."""
    try:
        rules = rules_for(office.body)
    except NoRulebook:
        return None
    return {
        **rules.recorded(),
        "term_months": rules.term_months(office.kind),
        "consecutive_term_limit": rules.term_limit(office.kind),
        "good_standing_months": rules["stand.good_standing_months"],
        "recall_threshold": rules.written("recall.threshold"),
        "recall_majority": rules.written("recall.majority"),
        "nomination_days": rules["election.nomination_days"],
        "voting_days": rules["election.voting_days"],
    }


def offices_of(body: Body) -> QuerySet[Office]:
    return body.offices.order_by("title")


class TermRoll:
    """The organisation's officer roll (`newcourse.organisation.officers`), read from the
    terms being served today."""

    def serves_in(self, person: Any, paths: Sequence[str], power: str | None = None) -> bool:
        terms = current_terms().filter(member__person=person, office__body__path__in=paths)
        if power is None:
            return terms.exists()
        # A handful of terms per person at most: checked here, as JSON list lookups differ
        # between SQLite and PostgreSQL.
        return any(power in powers for powers in terms.values_list("office__powers", flat=True))

    def bodies_served(self, person: Any, power: str | None = None) -> list[Body]:
        terms = current_terms().filter(member__person=person).select_related("office__body")
        return [term.office.body for term in terms if power is None or power in term.office.powers]

    def bodies_elected_to(self, person: Any) -> list[Body]:
        today = timezone.localdate()
        # Terms not yet begun count too: an officer-elect waiting for the outgoing officer's
        # term to end is as far beyond a branch's reach as the officer they succeed.
        terms = Term.objects.filter(
            member__person=person, ended_on__isnull=True, due_on__gt=today
        ).select_related("office__body")
        return [term.office.body for term in terms]

    def officers_of(self, body: Body) -> list[Any]:
        return list(
            current_terms()
            .filter(office__body=body)
            .select_related("office", "member__person")
            .order_by("office__title", "member__person__full_name")
        )
