"""Reads the pages need, shaped so that each page costs a fixed handful of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from .models import Body, Member, MembershipEvent
from .officers import officer_roll


@dataclass(frozen=True)
class BodySummary:
    body: Body
    members: int


def member_for_person(person: Any) -> Member | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Member.objects.filter(person=person).select_related("body").first()


def bodies_for_person(person: Any) -> list[Body]:
    """The bodies a person belongs to (their branch and every body above it) and serves."""
    member = member_for_person(person)
    bodies: dict[int, Body] = {}
    if member is not None and member.is_current:
        for body in [*member.body.ancestors(), member.body]:
            bodies[body.pk] = body
    for body in officer_roll().bodies_served(person):
        bodies.setdefault(body.pk, body)
    return sorted(bodies.values(), key=lambda b: b.path)


def body_overview(body: Body) -> tuple[int, list[BodySummary]]:
    """Current members of the body's tree, and of each sub-body's tree, in two queries."""
    subtree = list(body.subtree().values_list("pk", "path"))
    per_body = dict(
        Member.objects.current()
        .within(body)
        .values_list("body")
        .annotate(n=Count("id"))
        .values_list("body", "n")
    )
    children = list(body.children.order_by("name"))
    summaries = []
    for child in children:
        total = sum(per_body.get(pk, 0) for pk, path in subtree if path.startswith(child.path))
        summaries.append(BodySummary(child, total))
    return sum(per_body.values()), summaries


def officers_of(body: Body) -> list[Any]:
    """The body's officers now: current terms in its offices."""
    return officer_roll().officers_of(body)


def member_history(member: Member) -> list[MembershipEvent]:
    return list(
        MembershipEvent.objects.filter(member=member)
        .select_related("from_body", "to_body")
        .order_by("effective_on", "id")
    )


def member_numbered(body: Body, number: str) -> Member | None:
    """The member of `body` or a body below it with membership number `number`.

    Looking only within the body means a number from elsewhere reveals nothing: not the name,
    not the standing, not even that it exists.
    """
    return (
        Member.objects.within(body).select_related("person", "body").filter(number=number).first()
    )
