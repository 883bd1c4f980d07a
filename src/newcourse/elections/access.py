"""Who may see and act on offices, elections and petitions. One condition per line."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from newcourse.organisation.access import access_loaded_body_for_person
from newcourse.organisation.errors import AccessDenied
from newcourse.organisation.models import Member

from .models import Candidate, Election, Office, RecallPetition, Term


def access_election_for_person(
    *, person: Any, pk: int | str, membership: Member | None = None
) -> Election:
    """An election is open to everyone who may see its body: timetable, candidates, result."""
    denied = AccessDenied(_("There is no such election, or it is not open to you."))
    election = Election.objects.select_related("office__body").filter(pk=_int(pk)).first()
    if election is None:
        raise denied
    try:
        access_loaded_body_for_person(
            person=person, body=election.office.body, membership=membership
        )
    except AccessDenied as error:
        raise denied from error
    return election


def access_office_for_person(*, person: Any, pk: int | str) -> Office:
    denied = AccessDenied(_("There is no such office, or it is not open to you."))
    office = Office.objects.select_related("body").filter(pk=_int(pk)).first()
    if office is None:
        raise denied
    try:
        access_loaded_body_for_person(person=person, body=office.body)
    except AccessDenied as error:
        raise denied from error
    return office


def access_petition_for_person(*, person: Any, pk: int | str) -> RecallPetition:
    denied = AccessDenied(_("There is no such petition, or it is not open to you."))
    petition = (
        RecallPetition.objects.select_related("term__office__body", "term__member__person")
        .filter(pk=_int(pk))
        .first()
    )
    if petition is None:
        raise denied
    try:
        access_loaded_body_for_person(person=person, body=petition.term.office.body)
    except AccessDenied as error:
        raise denied from error
    return petition


def access_candidate_for_person(*, person: Any, pk: int | str) -> Candidate:
    """A nomination is open to everyone who may see its election."""
    denied = AccessDenied(_("There is no such nomination, or it is not open to you."))
    candidate = (
        Candidate.objects.select_related("election__office__body", "member__person")
        .filter(pk=_int(pk))
        .first()
    )
    if candidate is None:
        raise denied
    try:
        access_election_for_person(person=person, pk=candidate.election_id)
    except AccessDenied as error:
        raise denied from error
    return candidate


def access_term_for_person(*, person: Any, pk: int | str) -> Term:
    """An officer's term is open to everyone who may see the office."""
    denied = AccessDenied(_("There is no such term of office, or it is not open to you."))
    term = Term.objects.select_related("office__body", "member__person").filter(pk=_int(pk)).first()
    if term is None:
        raise denied
    try:
        access_office_for_person(person=person, pk=term.office_id)
    except AccessDenied as error:
        raise denied from error
    return term


def member_acting(person: Any) -> Member:
    """The membership a logged-in person acts with (nominating, voting, signing)."""
    member = (
        Member.objects.select_related("body", "person").filter(person_id=person.pk).first()
        if getattr(person, "is_authenticated", False)
        else None
    )
    if member is None:
        raise AccessDenied(_("Only members can do this."))
    return member


def _int(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
