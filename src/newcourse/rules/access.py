"""Who may propose a change to a body's rules. One condition per line.

Reading the rules needs no permission beyond seeing the body: the rulebook is every member's.
Nobody may set a parameter: the rules change only by a rule change carried by a vote.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from newcourse.organisation.access import access_loaded_body_for_person
from newcourse.organisation.models import Body
from newcourse.organisation.officers import Power, officer_roll
from newcourse.refusals import AccessDenied

from .models import RuleChange


def may_propose_rule_change(person: Any, body: Body) -> bool:
    """The officers of `body` itself whose office has powers (its secretary, its committee;
    not its tellers or delegates) put a change of its rules to its members' vote."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    roll = officer_roll()
    return roll.serves_in(person, [body.path], power=Power.OFFICES) or roll.serves_in(
        person, [body.path], power=Power.REGISTER
    )


def access_rule_change_for_person(*, person: Any, pk: int) -> RuleChange:
    """A rule change is seen by whoever may see its body: the same refusal whether it
    exists or not."""
    denied = AccessDenied(_("There is no such rule change, or it is not open to you."))
    if not getattr(person, "is_authenticated", False):
        raise denied
    found = (
        RuleChange.objects.select_related("body", "amends", "proposed_by__person")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise denied
    try:
        access_loaded_body_for_person(person=person, body=found.body)
    except AccessDenied as refused:
        raise denied from refused
    return found
