"""Every change to offices and terms: created, founded, ended. Each recorded.

Filling a seat is the elections' business (`newcourse.elections`); ending a term early here
leaves the seat vacant, and the timetable opens the by-election."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.organisation.models import Body, Member
from newcourse.organisation.officers import Power
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible
from newcourse.rules.selectors import rules_for

from .models import (
    POWERLESS_KINDS,
    VERIFIABLE_METHODS,
    Office,
    OfficeKind,
    Term,
    TermEnd,
    add_months,
    powers_by_kind,
)


def office_create(
    *,
    actor: Any | None,
    body: Body,
    title: str,
    kind: str = "post",
    seats: int = 1,
    powers: list[str] | None = None,
    method: str = "auto",
    verifiable: bool = False,
) -> Office:
    """Create an office of a body. It is vacant until elected (or founded). Its officers hold
    `powers` (by default those of its kind: see `powers_by_kind`). Its terms, limits,
    eligibility and recall are the rulebook's, for its kind of office: nobody sets them here."""
    powers = powers_by_kind(kind) if powers is None else sorted(set(powers))
    unknown = [power for power in powers if power not in Power.values]
    if unknown:
        raise InvalidInput(_("There is no power called “%(power)s”.") % {"power": unknown[0]})
    if powers and kind in POWERLESS_KINDS:
        raise InvalidInput(
            _(
                "Tellers only count, delegates have nothing administrative to do and the "
                "disputes panel only judges: an office of this kind holds no powers."
            )
        )
    if kind not in OfficeKind.values:
        raise InvalidInput(_("There is no kind of office called “%(kind)s”.") % {"kind": kind})
    if seats < 1:
        raise InvalidInput(_("An office has at least one seat."))
    if verifiable and method not in VERIFIABLE_METHODS:
        raise InvalidInput(
            _(
                "Only plurality and approval elections can be verifiable for now: ranked "
                "ballots need a verifiable shuffle first."
            )
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                office = Office.objects.create(
                    body=body,
                    title=title,
                    kind=kind,
                    seats=seats,
                    powers=powers,
                    method=method,
                    verifiable=verifiable,
                )
        except IntegrityError as error:
            if kind == OfficeKind.TELLERS and body.offices.filter(kind=kind).exists():
                raise AlreadyDone(
                    _(
                        "%(body)s already has its tellers office: a body's verifiable "
                        "elections are counted by one office of tellers, elected like any other."
                    )
                    % {"body": body}
                ) from error
            raise AlreadyDone(
                _("%(body)s already has an office called “%(title)s”.")
                % {"body": body, "title": title}
            ) from error
        record_append(
            actor=actor,
            action="office.created",
            subject=f"office:{office.pk}",
            body=body,
            payload={
                "title": title,
                "kind": kind,
                "powers": powers,
                "seats": seats,
                "method": office.counting_method,
                "verifiable": office.verifiable,
            },
        )
    return office


def term_record_founding(
    *,
    actor: Any | None,
    office: Office,
    members: list[Member],
    began_on: datetime.date | None = None,
) -> list[Term]:
    """A new body's founding act: its first officers, once per office, before any election."""
    began_on = began_on or timezone.localdate()
    rules = rules_for(office.body, began_on)
    with transaction.atomic():
        office = Office.objects.select_for_update().get(pk=office.pk)
        if office.terms.exists() or office.elections.exists():
            raise AlreadyDone(
                _("%(office)s has already been filled; from now on only an election fills it.")
                % {"office": office}
            )
        if len(members) > office.seats:
            raise NotEligible(
                _("%(office)s has %(seats)d seat(s).") % {"office": office, "seats": office.seats}
            )
        terms = []
        for member in members:
            if not member.body.is_within(office.body) or not member.is_current:
                raise NotEligible(
                    _("%(name)s is not a current member of %(body)s.")
                    % {"name": member.person, "body": office.body}
                )
            terms.append(
                Term.objects.create(
                    office=office,
                    member=member,
                    founding=True,
                    began_on=began_on,
                    due_on=add_months(began_on, rules.term_months(office.kind)),
                )
            )
        record_append(
            actor=actor,
            action="office.founded",
            subject=f"office:{office.pk}",
            body=office.body,
            payload={
                "office": office.title,
                "officers": [f"member:{m.number}" for m in members],
                "began_on": began_on.isoformat(),
                **rules.recorded(),
            },
            private={"names": [m.person.full_name for m in members]},
        )
    return terms


def term_end(
    *, actor: Any | None, term: Term, reason: str, on: datetime.date | None = None
) -> Term:
    """End a term early for one of `TermEnd`'s reasons (recalled, resigned…); the seat falls
    vacant."""
    if reason not in TermEnd.values:
        raise InvalidInput(
            _("There is no reason for ending a term called “%(reason)s”.") % {"reason": reason}
        )
    on = on or timezone.localdate()
    with transaction.atomic():
        term = Term.objects.select_for_update().select_related("office", "member").get(pk=term.pk)
        if term.ended_on is not None:
            raise AlreadyDone(_("This term has already ended."))
        term.ended_on = on
        term.end_reason = reason
        term.save(update_fields=["ended_on", "end_reason"])
        record_append(
            actor=actor,
            action="term.ended",
            subject=f"office:{term.office_id}",
            body=term.office.body,
            payload={
                "officer": f"member:{term.member.number}",
                "on": on.isoformat(),
            },
            private={"name": term.member.person.full_name, "reason": reason},
            member=term.member,
        )
    return term
