"""Who may see what: every sensitive read goes through a function here.

One condition per line, each branch tested. A refusal says the same thing whether the object
exists or not, so a probe learns nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from newcourse.record.selectors import NO_READER, RecordReader
from newcourse.refusals import AccessDenied

from .models import Body, Member, MemberQuerySet
from .officers import Power, officer_roll

T = TypeVar("T")


def holds_office_in(person: Any, body: Body) -> bool:
    """Whether `person` now serves a term in one of `body`'s own offices.

    Office is the only source of an officer's rights, and only election (or a body's
    founding act) grants office. What an officer may do comes from the office's powers: see
    `holds_power_over`.
    """
    if not getattr(person, "is_authenticated", False):
        return False
    return officer_roll().serves_in(person, [body.path])


def holds_power_over(person: Any, body: Body, power: str) -> bool:
    """Whether `person` now holds an office with `power` in `body` or in a body above it.

    A secretary keeps the register of the body and of every body within it; a treasurer, the
    tellers or a delegate hold no such power, whatever their office's rank.
    """
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    return officer_roll().serves_in(person, paths_from_top(body), power=power)


def register_reaches_offices_of(person: Any, member: Member) -> bool:
    """Whether `person` keeps the register of every body in which `member` holds office (or
    of a body above each): a branch secretary does not reach the officers of the bodies
    above the branch, even those who are the branch's members."""
    offices_held = officer_roll().bodies_elected_to(member.person)
    if not offices_held:
        return True
    if not getattr(person, "is_authenticated", False):
        return False
    return all(holds_power_over(person, body, Power.REGISTER) for body in offices_held)


def access_member_directory_for_person(*, person: Any, body: Body) -> MemberQuerySet:
    """The members of a body and its sub-bodies (their names, addresses and standing), for
    the officers who keep the register of the body or of a body above it. The same rule
    opens a member's page, the roster's export and import, admissions and every change of
    membership: they all start from the directory."""
    if not getattr(person, "is_authenticated", False):
        raise AccessDenied(_("You do not have access to this directory."))
    if not person.is_active:
        raise AccessDenied(_("You do not have access to this directory."))
    if not holds_power_over(person, body, Power.REGISTER):
        raise AccessDenied(_("You do not have access to this directory."))
    return Member.objects.within(body)


def access_body_for_person(*, person: Any, slug: str) -> Body:
    """A body's page: open to its members, to members of the bodies within it, and to the
    officers of it or of any body above it."""
    denied = AccessDenied(_("There is no such body, or you are not a member of it."))
    if not getattr(person, "is_authenticated", False):
        raise denied
    body = Body.objects.filter(slug=slug).first()
    if body is None:
        raise denied
    return access_loaded_body_for_person(person=person, body=body)


def access_loaded_body_for_person(
    *, person: Any, body: Body, membership: Member | None = None
) -> Body:
    """The same rule for a body already in hand; pass `membership` when the caller has it.

    Membership is checked first because it decides for nearly everyone in one query; only
    those it refuses are checked for an office above the body.
    """
    denied = AccessDenied(_("There is no such body, or you are not a member of it."))
    if not getattr(person, "is_authenticated", False):
        raise denied
    if membership is None:
        membership = Member.objects.filter(person=person).select_related("body").first()
    if _belongs(membership, body):
        return body
    if officer_roll().serves_in(person, paths_from_top(body)):
        return body
    raise denied


def _belongs(membership: Member | None, body: Body) -> bool:
    """A current member of `body`, of a body within it, or of a body it lies within."""
    if membership is None:
        return False
    if not membership.is_current:
        return False
    return membership.body.is_within(body) or body.is_within(membership.body)


def paths_from_top(body: Body) -> list[str]:
    """The paths of the bodies from the top of the tree down to `body`, itself included."""
    parts = body.path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def access_record_for_person(*, person: Any, slug: str) -> Body:
    """A body's record is open to everyone who may see the body."""
    return access_body_for_person(person=person, slug=slug)


def access_whole_record_for_person(*, person: Any) -> None:
    """The whole public record, the file a verifier checks, is open to every current member
    (officers included: only a current member holds office). It holds no personal details,
    only commitments to them."""
    denied = AccessDenied(_("The whole record is open to the organisation's members."))
    if not getattr(person, "is_authenticated", False):
        raise denied
    membership = Member.objects.filter(person=person).first()
    if membership is None:
        raise denied
    if not membership.is_current:
        raise denied


def record_reader_for_person(person: Any) -> RecordReader:
    """Whose personal details in the record `person` may read: their own, and those of members
    of the bodies whose register they keep and of the bodies below them (a treasurer, the
    tellers and delegates hold office but not the register). Everyone else's entries show only
    their public part."""
    if not getattr(person, "is_authenticated", False):
        return NO_READER
    if not person.is_active:
        return NO_READER
    served = tuple(body.path for body in officer_roll().bodies_served(person, Power.REGISTER))
    return RecordReader(person_id=person.pk, served_paths=served)


def access_through_body(
    found: T | None,
    body_of: Callable[[T], Body],
    *,
    person: Any,
    denied: str,
    membership: Member | None = None,
) -> T:
    """`found` (an office, an election, a petition…) if the person may see the body it belongs
    to; otherwise the same refusal whether or not it exists."""
    if found is None:
        raise AccessDenied(denied)
    try:
        access_loaded_body_for_person(person=person, body=body_of(found), membership=membership)
    except AccessDenied as error:
        raise AccessDenied(denied) from error
    return found


def int_or_none(value: int | str) -> int | None:
    """A primary key from a URL or a request body; None (which matches nothing) otherwise."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
