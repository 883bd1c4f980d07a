"""Filing a charge: refused at once when it cites no clause, a clause the rulebook does not
have, or only the clauses the rulebook protects; otherwise a case opens and its filing is the
accused's notice, with the time to reply the rules give."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from newcourse.organisation.models import Body, Member, MemberStatus
from newcourse.record.services import record_append
from newcourse.refusals import Conflict, InvalidInput, NotEligible, NotPermitted
from newcourse.rules.selectors import Rules, parsed_rulebook, rules_for, top_of, version_of

from ..models import Case, Refusal, Stage
from ..selectors import (
    holds_any_office,
    holds_executive_office,
    in_declared_tendency,
    panel_office_of,
)
from .common import record, recusals_update, text, today_of

# Why a charge was refused, as the record and the figures name it.
NO_CLAUSE = "no-clause"
UNKNOWN_CLAUSE = "unknown-clause"
PROTECTED_ONLY = "protected-only"


def _clauses_in(rules: Rules) -> tuple[str, ...]:
    top = top_of(rules.body)
    version = version_of(top, rules.rulebook_version)
    if version is None:
        return ()
    return parsed_rulebook(version.text).clauses()


def _refuse(body: Body, reason: str, clauses: list[str], message: str) -> InvalidInput:
    """Keep a refused charge on the record, without names, facts or evidence, in its own
    transaction (the refusal raised after it changes nothing else), and return the refusal."""
    with transaction.atomic():
        refusal = Refusal.objects.create(body=body, reason=reason, clauses=clauses)
        record_append(
            actor="system",
            action="case.charge_refused",
            subject=f"body:{body.slug}",
            body=body,
            payload={"refusal": refusal.pk, "reason": reason, "clauses": clauses},
        )
    return InvalidInput(message)


def _check_clauses(body: Body, clauses: list[str], rules: Rules) -> None:
    if not clauses:
        raise _refuse(
            body,
            NO_CLAUSE,
            clauses,
            _(
                "A charge must cite the clause of the rulebook the member is said to have "
                "broken. The charge was refused, and the refusal recorded."
            ),
        )
    known = _clauses_in(rules)
    unknown = [clause for clause in clauses if clause not in known]
    if unknown:
        raise _refuse(
            body,
            UNKNOWN_CLAUSE,
            clauses,
            _(
                "The rulebook in force has no clause %(clause)s. The charge was refused, and "
                "the refusal recorded."
            )
            % {"clause": unknown[0]},
        )
    protected: tuple[str, ...] = rules["discipline.protected"]
    if all(clause in protected for clause in clauses):
        raise _refuse(
            body,
            PROTECTED_ONLY,
            clauses,
            _(
                "Clauses %(clauses)s protect opinions, votes, criticism of officers and "
                "membership of a tendency: no charge may rest on them alone. The charge was "
                "refused, and the refusal recorded."
            )
            % {"clauses": ", ".join(protected)},
        )


def case_file(
    *,
    filed_by: Member,
    accused: Member,
    body: Body,
    clauses: Sequence[str],
    facts: str,
    evidence: str,
    on_behalf_of: Body | None = None,
    witnesses: Sequence[Member] = (),
    now: datetime.datetime | None = None,
) -> Case:
    """File a charge against `accused` before `body`'s disputes panel, by `filed_by` in their
    own name or, holding an office in its executive, on behalf of `on_behalf_of`.

    The filing is the notice: the case file (charge, facts, evidence) is the accused's from
    now, with the days to reply the rules give. Refused, with nothing changed, when the filer
    or the accused is not a member, when the body has no panel, or when the facts or the
    evidence are missing; refused and recorded when the charge cites no clause, a clause the
    rulebook in force does not have, or only its protected clauses.
    """
    now, today = today_of(now)
    facts = text(facts, _("Write the facts."))
    evidence = text(evidence, _("Write the evidence."))
    cited = list(dict.fromkeys(clause.strip() for clause in clauses if clause.strip()))
    filed_by = Member.objects.select_related("body", "person").get(pk=filed_by.pk)
    accused = Member.objects.select_related("body", "person").get(pk=accused.pk)
    if not filed_by.is_current:
        raise NotEligible(_("Only a member may file a charge."))
    if on_behalf_of is not None and not holds_executive_office(filed_by, on_behalf_of, today):
        raise NotPermitted(
            _("Only an officer of %(body)s may file a charge on its behalf.")
            % {"body": on_behalf_of}
        )
    is_member = accused.status in (MemberStatus.ACTIVE, MemberStatus.SUSPENDED)
    if not is_member or not accused.body.is_within(body):
        raise NotEligible(
            _("A charge can only be brought against a member of %(body)s.") % {"body": body}
        )
    if accused.pk == filed_by.pk:
        raise InvalidInput(_("Nobody can bring a charge against themselves."))
    if panel_office_of(body) is None:
        raise Conflict(
            _("%(body)s has no disputes panel to hear a charge: its members elect one first.")
            % {"body": body}
        )
    rules = rules_for(body, today)
    _check_clauses(body, cited, rules)
    with transaction.atomic():
        case = Case.objects.create(
            body=body,
            accused=accused,
            filed_by=filed_by,
            on_behalf_of=on_behalf_of,
            filer_was_officer=on_behalf_of is not None or holds_any_office(filed_by, today),
            accused_was_officer=holds_any_office(accused, today),
            accused_in_tendency=in_declared_tendency(accused),
            clauses=cited,
            facts=facts,
            evidence=evidence,
            filed_at=now,
            reply_due_on=today + rules.days("discipline.reply_days"),
            decision_due_on=today + rules.days("discipline.decision_days"),
            **rules.recorded(),
        )
        case.witnesses.set([w for w in witnesses if w.pk not in (accused.pk, filed_by.pk)])
        record(
            case,
            "case.opened",
            {
                "clauses": cited,
                "filed_by": "body" if on_behalf_of is not None else "member",
                "on_behalf_of": on_behalf_of.slug if on_behalf_of is not None else None,
                "reply_due_on": case.reply_due_on.isoformat(),
                "decision_due_on": case.decision_due_on.isoformat(),
                **rules.recorded(),
            },
            actor="member",
        )
        recusals_update(case, Stage.CASE, today)
    return case
