"""Who may call a conference. One condition per line.

Reading a conference needs only to see its body (organisation.access)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from newcourse.organisation.access import access_loaded_body_for_person
from newcourse.organisation.models import Body
from newcourse.organisation.officers import Power, officer_roll
from newcourse.refusals import AccessDenied

from .models import Conference


def access_conference_for_person(*, person: Any, pk: int) -> Conference:
    """A conference is seen by whoever may see its body: the same refusal whether it exists
    or not."""
    denied = AccessDenied(_("There is no such conference, or you may not see it."))
    conference = Conference.objects.select_related("body").filter(pk=pk).first()
    if conference is None:
        raise denied
    try:
        access_loaded_body_for_person(person=person, body=conference.body)
    except AccessDenied as refused:
        raise denied from refused
    return conference


def may_call_conference(person: Any, body: Body) -> bool:
    """The officers of `body` itself whose office creates its offices (its executive, its
    secretary) call its conference: they prepare it, conference then decides."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    return officer_roll().serves_in(person, [body.path], power=Power.OFFICES)
