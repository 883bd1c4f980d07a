"""Who may see offices and terms, and who may create an office. One condition per line."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from newcourse.organisation.access import access_body_for_person, access_through_body, int_or_none
from newcourse.organisation.models import Body
from newcourse.organisation.officers import Power, officer_roll
from newcourse.refusals import AccessDenied

from .models import Office, Term


def access_office_for_person(*, person: Any, pk: int | str) -> Office:
    """An office is open to everyone who may see its body."""
    office = Office.objects.select_related("body").filter(pk=int_or_none(pk)).first()
    return access_through_body(
        office,
        lambda found: found.body,
        person=person,
        denied=_("There is no such office, or it is not open to you."),
    )


def access_term_for_person(*, person: Any, pk: int | str) -> Term:
    """An officer's term is open to everyone who may see the office."""
    term = (
        Term.objects.select_related("office__body", "member__person")
        .filter(pk=int_or_none(pk))
        .first()
    )
    return access_through_body(
        term,
        lambda found: found.office.body,
        person=person,
        denied=_("There is no such term of office, or it is not open to you."),
    )


def may_create_offices(person: Any, body: Body) -> bool:
    """Whether `person` holds an office of `body` itself whose powers include creating the
    body's offices (a secretary's or committee's; never the tellers' or a delegation's)."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    return officer_roll().serves_in(person, [body.path], power=Power.OFFICES)


def access_body_for_office_creation(*, person: Any, slug: str) -> Body:
    """A body's officers whose office creates offices create them; to anyone else the page
    does not exist."""
    body = access_body_for_person(person=person, slug=slug)
    if not may_create_offices(person, body):
        raise AccessDenied(_("Only the body's officers can create its offices."))
    return body
