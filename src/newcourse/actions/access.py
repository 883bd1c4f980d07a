"""Who may see an action, who acts as its owner, and who acts for the body that took it.

An action is open to whoever may see the body whose decision asked for it. Its owner is an
office, whose current holders write its updates, or a body, whose officers do. The officers
of the body that took the decision create its actions and enter the later decision that drops
one; holding the owning office gives no power to drop.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.offices.models import Term
from newcourse.organisation.access import access_through_body, holds_office_in, int_or_none
from newcourse.organisation.models import Body, Member

from .models import Action


def access_action_for_person(*, person: Any, pk: int | str) -> Action:
    """An action, with its history, is open to whoever may see the body that decided it."""
    action = (
        Action.objects.select_related(
            "body",
            "owner_office__body",
            "owner_body",
            "decision__conference",
            "decision__motion",
            "decision__composite",
            "dropped_by__motion",
            "dropped_by__composite",
        )
        .filter(pk=int_or_none(pk))
        .first()
    )
    return access_through_body(
        action,
        lambda found: found.body,
        person=person,
        denied=_("There is no such action, or it is not open to you."),
    )


def may_act_for_body(person: Any, body: Body) -> bool:
    """Whether `person` is an officer of `body`: they create the actions of its decisions and
    enter the decision that drops one."""
    return holds_office_in(person, body)


def may_act_as_owner(person: Any, action: Action) -> bool:
    """Whether `person` acts for the action's owner: a current holder of the owning office,
    or an officer of the owning body."""
    if not getattr(person, "is_authenticated", False):
        return False
    if action.owner_office_id is not None:
        return (
            Term.objects.current(timezone.localdate())
            .filter(office_id=action.owner_office_id, member__person=person)
            .exists()
        )
    return action.owner_body is not None and holds_office_in(person, action.owner_body)


def member_of(person: Any) -> Member | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Member.objects.select_related("body").filter(person_id=person.pk).first()
