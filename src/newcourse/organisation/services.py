"""Every change to bodies and memberships: one function each, atomic, recorded.

These are the only functions that write `Body`, `Member` and `MembershipEvent` rows, and each
appends its entry to the open record in the same transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from newcourse.record.services import record_append
from newcourse.refusals import NotPermitted

from .access import register_reaches_offices_of
from .errors import (
    BeyondReach,
    BodyCycle,
    DuplicateBody,
    DuplicateMember,
    InvalidTransition,
    StaleMembership,
)
from .models import Body, EventKind, Member, MembershipEvent, MemberStatus, Standing

# Which status changes are allowed, and the history entry each one writes.
STATUS_EVENTS: dict[tuple[str, str], str] = {
    (MemberStatus.ACTIVE, MemberStatus.LAPSED): EventKind.LAPSED,
    (MemberStatus.ACTIVE, MemberStatus.RESIGNED): EventKind.RESIGNED,
    (MemberStatus.ACTIVE, MemberStatus.SUSPENDED): EventKind.SUSPENDED,
    (MemberStatus.ACTIVE, MemberStatus.EXPELLED): EventKind.EXPELLED,
    (MemberStatus.SUSPENDED, MemberStatus.EXPELLED): EventKind.EXPELLED,
    (MemberStatus.SUSPENDED, MemberStatus.ACTIVE): EventKind.READMITTED,
    (MemberStatus.LAPSED, MemberStatus.ACTIVE): EventKind.READMITTED,
    (MemberStatus.RESIGNED, MemberStatus.ACTIVE): EventKind.READMITTED,
    (MemberStatus.EXPELLED, MemberStatus.ACTIVE): EventKind.READMITTED,
}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "body"
    slug, n = base, 1
    while Body.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def body_create(
    *,
    actor: Any | None,
    name: str,
    kind: str,
    parent: Body | None = None,
    slug: str | None = None,
) -> Body:
    """Found a body, at the top of the tree or below `parent`."""
    with transaction.atomic():
        body = Body(name=name, kind=kind, parent=parent, slug=slug or _unique_slug(name))
        body.depth = parent.depth + 1 if parent else 0
        body.path = "/"
        try:
            with transaction.atomic():
                body.save()
        except IntegrityError as error:
            raise DuplicateBody(
                _("A body with the short name “%(slug)s” already exists.") % {"slug": body.slug}
            ) from error
        body.path = f"{parent.path if parent else '/'}{body.pk}/"
        body.save(update_fields=["path"])
        record_append(
            actor=actor,
            action="body.created",
            subject=f"body:{body.slug}",
            body=body,
            payload={
                "name": body.name,
                "kind": body.kind,
                "parent": parent.slug if parent else None,
            },
        )
    return body


def body_move(*, actor: Any | None, body: Body, new_parent: Body) -> Body:
    """Place a body under another one, refusing any move that would make a cycle."""
    with transaction.atomic():
        body = Body.objects.select_for_update().get(pk=body.pk)
        new_parent = Body.objects.get(pk=new_parent.pk)
        if new_parent.is_within(body):
            raise BodyCycle(
                _("“%(body)s” cannot be placed under “%(parent)s”, which is part of it.")
                % {"body": body.name, "parent": new_parent.name}
            )
        old_parent, old_path = body.parent, body.path
        new_path = f"{new_parent.path}{body.pk}/"
        depth_change = new_parent.depth + 1 - body.depth
        for descendant in Body.objects.select_for_update().filter(path__startswith=old_path):
            descendant.path = new_path + descendant.path[len(old_path) :]
            descendant.depth += depth_change
            descendant.save(update_fields=["path", "depth"])
        Body.objects.filter(pk=body.pk).update(parent=new_parent)
        body.refresh_from_db()
        record_append(
            actor=actor,
            action="body.moved",
            subject=f"body:{body.slug}",
            body=body,
            payload={
                "from": old_parent.slug if old_parent else None,
                "to": new_parent.slug,
            },
        )
    return body


def member_admit(
    *,
    actor: Any | None,
    email: str,
    full_name: str,
    body: Body,
    joined_on: datetime.date | None = None,
    number: str | None = None,
    reason: str = "",
) -> Member:
    """Admit a person to membership of a body, creating their login if they have none."""
    email = email.strip().lower()
    joined_on = joined_on or timezone.localdate()
    users = get_user_model()
    with transaction.atomic():
        person = users.objects.filter(email=email).first()
        if person is not None and Member.objects.filter(person=person).exists():
            raise DuplicateMember(
                _("%(email)s is already a member; transfer or readmit them instead.")
                % {"email": email}
            )
        if person is None:
            person = users.objects.create_user(email=email, full_name=full_name.strip())
        number = number or next_membership_number()
        if Member.objects.filter(number=number).exists():
            raise DuplicateMember(
                _("Membership number %(number)s is already taken.") % {"number": number}
            )
        member = Member.objects.create(person=person, number=number, body=body, joined_on=joined_on)
        MembershipEvent.objects.create(
            member=member,
            kind=EventKind.JOINED,
            effective_on=joined_on,
            reason=reason,
            to_body=body,
            recorded_by=_person(actor),
        )
        record_append(
            actor=actor,
            action="member.admitted",
            subject=f"member:{member.number}",
            body=body,
            payload={"joined_on": joined_on.isoformat()},
            private={"name": person.full_name, "reason": reason},
            member=member,
        )
    return member


def next_membership_number() -> str:
    """The next free six-digit number, counted from the members so far (not from row ids,
    which differ between databases), so the same admissions give the same numbers."""
    number = Member.objects.count() + 1
    while Member.objects.filter(number=f"{number:06d}").exists():
        number += 1
    return f"{number:06d}"


def _person(actor: Any | None) -> Any | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _lock_current(member: Member, expected_version: int | None) -> Member:
    """Lock the membership row and refuse if it changed since the caller read it."""
    locked = Member.objects.select_for_update().select_related("body", "person").get(pk=member.pk)
    version = member.version if expected_version is None else expected_version
    if locked.version != version:
        raise StaleMembership(
            _(
                "This membership was changed by someone else while you were editing it. "
                "Reload the page to see the change, then try again."
            )
        )
    return locked


def refuse_beyond_reach(*, actor: Any | None, member: Member) -> None:
    """Refuse a person changing the membership of an officer of a body their register does
    not reach: the officers of a higher body answer to that body (or, once it exists, to due
    process), never to one of its branches. Readmission is covered too, as it would restart
    the officer's good standing and give them their office back.

    The operator's command line and the system (`actor` not a person) act for the whole
    organisation and are not held back here."""
    if not getattr(actor, "is_authenticated", False):
        return
    if not register_reaches_offices_of(actor, member):
        raise BeyondReach(beyond_reach_message(member))


def beyond_reach_message(member: Member) -> str:
    return _(
        "%(name)s holds office in a body beyond your office's reach: only an officer who "
        "keeps the register of that body, or of a body above it, can change their membership."
    ) % {"name": member.person}


def _apply_change(
    locked: Member,
    *,
    actor: Any | None,
    fields: dict[str, Any],
    event: dict[str, Any],
    action: str,
    payload: dict[str, Any],
    private: dict[str, Any],
    bodies: list[Body],
) -> Member:
    """Change a locked membership, bump its version, add its history entry and record it in
    each body concerned: the one shape every membership change takes.

    The record's public part says which member of which body, what and when; the reason (and
    anything else personal) goes in `private`, for the member and their bodies' officers."""
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save(update_fields=[*fields, "version"])
    MembershipEvent.objects.create(member=locked, recorded_by=_person(actor), **event)
    for body in bodies:
        record_append(
            actor=actor,
            action=action,
            subject=f"member:{locked.number}",
            body=body,
            payload=payload,
            private=private,
            member=locked,
        )
    return locked


def member_transfer(
    *,
    actor: Any | None,
    member: Member,
    to_body: Body,
    effective_on: datetime.date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Member:
    """Move a membership to another body; the old and new bodies both see it in the record."""
    effective_on = effective_on or timezone.localdate()
    with transaction.atomic():
        locked = _lock_current(member, expected_version)
        refuse_beyond_reach(actor=actor, member=locked)
        if not locked.is_current:
            raise InvalidTransition(
                _("Only a current member can be transferred; %(name)s is %(status)s.")
                % {"name": locked.person, "status": locked.get_status_display().lower()}
            )
        if locked.body_id == to_body.pk:
            raise InvalidTransition(
                _("%(name)s is already a member of %(body)s.")
                % {"name": locked.person, "body": to_body}
            )
        from_body = locked.body
        return _apply_change(
            locked,
            actor=actor,
            fields={"body": to_body},
            event={
                "kind": EventKind.TRANSFERRED,
                "effective_on": effective_on,
                "reason": reason,
                "from_body": from_body,
                "to_body": to_body,
            },
            action="member.transferred",
            payload={"from": from_body.slug, "to": to_body.slug, "on": effective_on.isoformat()},
            private={"reason": reason},
            bodies=[from_body, to_body],
        )


def member_change_status(
    *,
    actor: Any | None,
    member: Member,
    status: str,
    effective_on: datetime.date | None = None,
    reason: str = "",
    expected_version: int | None = None,
    sanction: str = "",
) -> Member:
    """Lapse, resign, suspend, expel or readmit a member, with a dated, reasoned entry.

    Suspension and expulsion are sanctions: only a disputes panel's decision imposes one
    (`newcourse.discipline`, which names its case in `sanction`). No officer, however wide
    their reach, suspends or expels from the register: without a charge, a hearing, a panel
    and an appeal there is no sanction (issue 16)."""
    effective_on = effective_on or timezone.localdate()
    if status in (MemberStatus.SUSPENDED, MemberStatus.EXPELLED) and not sanction.strip():
        raise NotPermitted(
            _(
                "Only a disputes panel's decision suspends or expels a member: file a charge "
                "citing the rule broken, and the panel hears it."
            )
        )
    with transaction.atomic():
        locked = _lock_current(member, expected_version)
        refuse_beyond_reach(actor=actor, member=locked)
        kind = STATUS_EVENTS.get((locked.status, status))
        if kind is None:
            raise InvalidTransition(
                _("A member who is %(old)s cannot become %(new)s.")
                % {
                    "old": locked.get_status_display().lower(),
                    "new": MemberStatus(status).label.lower(),
                }
            )
        if kind == EventKind.EXPELLED and not reason.strip():
            raise InvalidTransition(_("An expulsion must state its reason."))
        return _apply_change(
            locked,
            actor=actor,
            fields={"status": status},
            event={"kind": kind, "effective_on": effective_on, "reason": reason},
            action=f"member.{kind}",
            payload={"on": effective_on.isoformat(), **({"by": sanction} if sanction else {})},
            private={"reason": reason},
            bodies=[locked.body],
        )


def member_restore(
    *,
    actor: Any | None,
    member: Member,
    effective_on: datetime.date | None = None,
    reason: str = "",
) -> Member:
    """Give a suspended or expelled member their membership back as if it had never been
    interrupted: an interim suspension that ended by itself, a suspension served, a sanction
    set aside on appeal (due process). Unlike a readmission, the history entry (`restored`)
    is no break in good standing, so the member's months of good standing run on."""
    effective_on = effective_on or timezone.localdate()
    with transaction.atomic():
        locked = _lock_current(member, None)
        if locked.status not in (MemberStatus.SUSPENDED, MemberStatus.EXPELLED):
            raise InvalidTransition(
                _("Only a suspended or expelled member can be restored; %(name)s is %(status)s.")
                % {"name": locked.person, "status": locked.get_status_display().lower()}
            )
        return _apply_change(
            locked,
            actor=actor,
            fields={"status": MemberStatus.ACTIVE},
            event={"kind": EventKind.RESTORED, "effective_on": effective_on, "reason": reason},
            action="member.restored",
            payload={"on": effective_on.isoformat()},
            private={"reason": reason},
            bodies=[locked.body],
        )


def member_set_standing(
    *,
    actor: Any | None,
    member: Member,
    standing: str,
    effective_on: datetime.date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Member:
    """Mark a member in good standing or in arrears (dues), which decides later rights."""
    effective_on = effective_on or timezone.localdate()
    with transaction.atomic():
        locked = _lock_current(member, expected_version)
        refuse_beyond_reach(actor=actor, member=locked)
        if locked.standing == standing:
            raise InvalidTransition(
                _("%(name)s is already %(standing)s.")
                % {"name": locked.person, "standing": Standing(standing).label.lower()}
            )
        return _apply_change(
            locked,
            actor=actor,
            fields={"standing": standing},
            event={
                "kind": EventKind.STANDING,
                "effective_on": effective_on,
                "reason": reason,
                "standing": standing,
            },
            action="member.standing_changed",
            payload={"on": effective_on.isoformat()},
            private={"standing": standing, "reason": reason},
            bodies=[locked.body],
        )
