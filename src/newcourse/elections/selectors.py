"""Reads for offices and elections, shaped for the pages, the API and the CLI."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from newcourse.organisation.models import Body, Member

from .models import Election, ElectionStatus, Elector, PetitionStatus


def elections_for_body_tree(body: Body) -> QuerySet[Election]:
    """Elections in a body and the bodies within it, newest first (no ballot counts: a body
    page must not count every ballot of every election below it)."""
    return (
        Election.objects.filter(office__body__path__startswith=body.path)
        .select_related("office__body")
        .order_by("-voting_closes_at")
    )


def elections_for_member(member: Member | None) -> QuerySet[Election]:
    """Elections in the bodies a member belongs to (their branch and the bodies above)."""
    if member is None:
        return Election.objects.none()
    paths = [b.path for b in [*member.body.ancestors(), member.body]]
    return (
        Election.objects.filter(office__body__path__in=paths)
        .exclude(status=ElectionStatus.DECLARED, declared_at__lt=timezone.now() - _recent())
        .select_related("office__body")
        .order_by("voting_closes_at")
    )


def _recent() -> datetime.timedelta:
    return datetime.timedelta(days=90)


def elector_for(election: Election, member: Member | None) -> Elector | None:
    if member is None:
        return None
    return Elector.objects.filter(election=election, member=member).first()


def all_elections() -> QuerySet[Election]:
    """Every election, with `ballots_cast`: the members who voted (a verifiable election's
    revotes replace a ballot, they do not add one)."""
    return (
        Election.objects.select_related("office__body")
        .annotate(ballots_cast=voters_count())
        .order_by("pk")
    )


def voters_count() -> Count:
    """How many electors have voted: the number of ballots counted, whatever the ballot."""
    return Count("electors", filter=Q(electors__has_voted=True))


def open_petitions(body: Body) -> QuerySet[Any]:
    from .models import RecallPetition

    return (
        RecallPetition.objects.filter(
            term__office__body=body,
            status__in=[PetitionStatus.COLLECTING, PetitionStatus.VOTING],
        )
        .select_related("term__member__person", "term__office")
        .annotate(signature_count=Count("signatures"))
    )
