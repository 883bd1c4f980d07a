"""What the tendencies' pages, API and CLI read: a body's tendencies, the threshold the rules
set for declaring one, and the live signatures of each."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q, QuerySet

from newcourse.organisation.models import Body, Member
from newcourse.rules.selectors import Rules, rules_for

from .models import Tendency, TendencySignature, TendencyStatus


@dataclass(frozen=True)
class Threshold:
    """The signatures that declare a tendency in a body: the larger of the rules' share of its
    members in good standing, rounded up, and the rules' minimum."""

    needed: int
    members: int
    share: Fraction
    minimum: int

    def reached_by(self, signatures: int) -> bool:
        return signatures >= self.needed


def threshold_for(body: Body, rules: Rules | None = None) -> Threshold:
    """The threshold in `body` under `rules` (default: those in force today)."""
    rules = rules or rules_for(body)
    members = Member.objects.within(body).in_good_standing().count()
    share: Fraction = rules["tendency.signatures"]
    minimum: int = rules["tendency.minimum"]
    return Threshold(
        needed=max(math.ceil(members * share), minimum),
        members=members,
        share=share,
        minimum=minimum,
    )


def visibility_in(body: Body) -> str:
    """Who may see a tendency's signatories in `body`: "public", "members" or "contacts"."""
    visibility: str = rules_for(body)["tendency.signatories"]
    return visibility


def tendencies_of(body: Body) -> QuerySet[Tendency]:
    """The body's tendencies, each with its live signatures counted (`signature_count`)."""
    return (
        Tendency.objects.filter(body=body)
        .select_related("body")
        .annotate(
            signature_count=Count("signatures", filter=Q(signatures__withdrawn_at__isnull=True))
        )
        .order_by("status", "name")
    )


def live_signatures(tendency: Tendency) -> QuerySet[TendencySignature]:
    return tendency.signatures.live().select_related("member__person", "member__body")


def signature_count(tendency: Tendency) -> int:
    return tendency.signatures.live().count()


def dissolution_count(tendency: Tendency) -> int:
    """Live signatories who have asked for the tendency's dissolution."""
    return tendency.signatures.live().filter(dissolution_asked_at__isnull=False).count()


def signature_of(tendency: Tendency, member: Member | None) -> TendencySignature | None:
    """`member`'s live signature, if any: every signatory sees their own."""
    if member is None:
        return None
    return tendency.signatures.live().filter(member=member).first()


def is_open(tendency: Tendency) -> bool:
    return tendency.status != TendencyStatus.DISSOLVED
