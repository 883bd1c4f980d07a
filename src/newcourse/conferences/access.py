"""Who may call a conference. One condition per line.

Reading a conference needs only to see its body (organisation.access)."""

from __future__ import annotations

from typing import Any

from newcourse.organisation.models import Body
from newcourse.organisation.officers import Power, officer_roll


def may_call_conference(person: Any, body: Body) -> bool:
    """The officers of `body` itself whose office creates its offices (its executive, its
    secretary) call its conference: they prepare it, conference then decides."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    return officer_roll().serves_in(person, [body.path], power=Power.OFFICES)
