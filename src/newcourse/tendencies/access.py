"""Who may see a tendency and who may see its signatories.

A tendency is open to whoever may see its body. Its signatories are shown as the rulebook's
`tendency.signatories` says: to anyone who may see the body (public), to the body's members
(members), or to the tendency's contacts only (contacts). Holding an office widens none of
these: an officer sees exactly what any member in their place would. Every signatory sees their
own signature, and the number of signatures is always shown.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from newcourse.organisation.access import access_through_body, int_or_none
from newcourse.organisation.models import Member
from newcourse.refusals import AccessDenied

from .models import Tendency, Visibility
from .selectors import visibility_in


def access_tendency_for_person(*, person: Any, pk: int | str) -> Tendency:
    """A tendency (its platform, status and count) is open to whoever may see its body."""
    tendency = (
        Tendency.objects.select_related("body", "proposed_by__person")
        .filter(pk=int_or_none(pk))
        .first()
    )
    return access_through_body(
        tendency,
        lambda found: found.body,
        person=person,
        denied=_("There is no such tendency, or it is not open to you."),
    )


def member_of(person: Any) -> Member | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Member.objects.select_related("body").filter(person_id=person.pk).first()


def may_see_signatories(*, person: Any, tendency: Tendency) -> bool:
    """Whether `person` (who may see the tendency) may see who signed it, by the rule in force."""
    visibility = visibility_in(tendency.body)
    if visibility == Visibility.PUBLIC:
        return True
    member = member_of(person)
    if member is None:
        return False
    if not member.is_current:
        return False
    if visibility == Visibility.MEMBERS:
        return member.body.is_within(tendency.body)
    return tendency.contacts.filter(pk=member.pk).exists()


def access_signatories_for_person(*, person: Any, tendency: Tendency) -> list[Member]:
    """The live signatories, for those the rule lets see them; refused otherwise."""
    if not may_see_signatories(person=person, tendency=tendency):
        raise AccessDenied(_("The rules do not let you see who signed for this tendency."))
    return [
        signature.member
        for signature in tendency.signatures.live().select_related("member__person")
    ]
