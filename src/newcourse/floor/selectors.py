"""What the hall shows: who is present, whether conference is quorate, the vote open and
how many have voted in it, the votes taken."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction
from math import ceil
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from newcourse.conferences import selectors as conference_selectors
from newcourse.conferences.models import (
    Conference,
    Credential,
    CredentialStatus,
    Entitlement,
    Motion,
)
from newcourse.documents import diff_documents, parse_document
from newcourse.organisation.models import Body
from newcourse.rules.selectors import rules_for, text_lines

from . import selectors_speakers
from .models import CheckIn, Floor, FloorDemand, FloorVote, FloorVoter, Speaker


@dataclass(frozen=True)
class Attendance:
    """The hall's attendance now: `credentialed` delegates hold a verified credential,
    `present` of them are checked in (`remote` of those online). The quorum counts what the
    rulebook's `conference.quorum_by` says: delegates by head, or the members their
    delegations represent (a delegation with a delegate present carries its whole card, as
    in a card vote). `counted` of `of` is that measure now; `needed` the quorum's share of
    `of`, rounded up."""

    credentialed: int
    present: int
    remote: int
    quorum: Fraction
    measure: str
    counted: int
    of: int
    needed: int

    @property
    def quorate(self) -> bool:
        return self.of > 0 and self.counted >= self.needed


def present(conference: Conference) -> QuerySet[Credential]:
    """The delegates present: a verified credential, checked in and not checked out."""
    return Credential.objects.filter(
        conference=conference,
        status=CredentialStatus.VERIFIED,
        check_in__isnull=False,
        check_in__left_at__isnull=True,
    )


def attendance(conference: Conference, on: datetime.date | None = None) -> Attendance:
    """Who is present, and the quorum of the rules in force `on` (default today)."""
    figures = Credential.objects.filter(
        conference=conference, status=CredentialStatus.VERIFIED
    ).aggregate(
        credentialed=Count("pk"),
        present=Count("pk", filter=Q(check_in__isnull=False, check_in__left_at__isnull=True)),
        remote=Count(
            "pk",
            filter=Q(check_in__isnull=False, check_in__left_at__isnull=True, check_in__remote=True),
        ),
    )
    rules = rules_for(conference.body, on or timezone.localdate())
    quorum, measure = rules["conference.quorum"], rules["conference.quorum_by"]
    counted, of = figures["present"], figures["credentialed"]
    if measure == "members":
        cards = cards_of(conference)
        sending = set(
            Credential.objects.filter(
                conference=conference, status=CredentialStatus.VERIFIED
            ).values_list("delegation__unit", flat=True)
        )
        here = set(present(conference).values_list("delegation__unit", flat=True))
        of = sum(cards.get(unit, (0, 0))[0] for unit in sending)
        counted = sum(cards.get(unit, (0, 0))[0] for unit in here)
    return Attendance(
        credentialed=figures["credentialed"],
        present=figures["present"],
        remote=figures["remote"],
        quorum=quorum,
        measure=str(measure),
        counted=counted,
        of=of,
        needed=ceil(quorum * of),
    )


def floor_of(conference: Conference) -> Floor | None:
    return Floor.objects.filter(conference=conference).select_related("debating").first()


def check_in_of(credential: Credential) -> CheckIn | None:
    return CheckIn.objects.filter(credential=credential).first()


def open_vote(conference: Conference) -> FloorVote | None:
    return (
        FloorVote.objects.filter(conference=conference, state=FloorVote.State.OPEN)
        .select_related("motion", "amendment__motion", "composite")
        .first()
    )


def votes_cast(vote: FloorVote) -> int:
    """How many delegates have voted electronically in `vote` (never how: a running secret
    vote's tally is not shown, and an open one's is published when it closes)."""
    return FloorVoter.objects.filter(vote=vote).count()


def has_voted(vote: FloorVote, credential: Credential) -> bool:
    return FloorVoter.objects.filter(vote=vote, credential=credential).exists()


def votes_of(conference: Conference) -> QuerySet[FloorVote]:
    """The votes taken on the floor, latest first."""
    return (
        FloorVote.objects.filter(conference=conference)
        .select_related("motion", "amendment__motion", "composite", "decision")
        .order_by("-number")
    )


def named_votes(vote: FloorVote) -> QuerySet[FloorVoter]:
    """An open or card vote's roll, once closed: each delegate and how they voted."""
    if vote.kind == FloorVote.Kind.SECRET or vote.state != FloorVote.State.CLOSED:
        return FloorVoter.objects.none()
    return (
        FloorVoter.objects.filter(vote=vote)
        .select_related("credential__term__member__person", "credential__delegation__unit")
        .order_by(
            "credential__delegation__unit__name", "credential__term__member__person__full_name"
        )
    )


def vote_summary(vote: FloorVote) -> dict[str, Any]:
    """A vote as the API and the CLI give it: the figures only once closed, the count of
    votes cast while open, an open vote's roll once closed."""
    closed = vote.state == FloorVote.State.CLOSED
    return {
        "id": vote.pk,
        "number": vote.number,
        "kind": vote.kind,
        "question": vote.question,
        "motion": vote.motion_id,
        "amendment": vote.amendment_id,
        "composite": vote.composite_id,
        "state": vote.state,
        "opened_at": vote.opened_at.isoformat(),
        "present_at_opening": vote.present_at_opening,
        "cast": votes_cast(vote) if vote.electronic else None,
        "closed_at": vote.closed_at.isoformat() if vote.closed_at else None,
        "for": vote.votes_for if closed else None,
        "against": vote.votes_against if closed else None,
        "abstain": vote.votes_abstain if closed else None,
        "majority": vote.majority or None,
        "outcome": vote.outcome or None,
        "electorate": vote.electorate,
        "double_majority": vote.double_majority,
        "veto": vote.veto,
        "retaken_for": [kind for kind in vote.retaken_for.split(",") if kind],
        "sections": vote.sections,
        "cards": vote.cards,
        "decision": vote.decision_id,
        "roll": [
            {"member": voter.credential.term.member.number, "vote": voter.choice}
            for voter in named_votes(vote)
        ],
    }


def sections_of(conference: Conference) -> dict[int, str]:
    """The section each sending body belongs to, by the body's id: the part of the
    conference's body it lies in (its child on the way down: "East", "West"); a body
    directly below the conference's is a section of its own."""
    depth = len(conference.body.path_ids())
    units = Body.objects.filter(
        pk__in=Entitlement.objects.filter(conference=conference).values("unit")
    )
    tops = {unit.pk: unit.path_ids()[depth] for unit in units if len(unit.path_ids()) > depth}
    names = dict(Body.objects.filter(pk__in=set(tops.values())).values_list("pk", "name"))
    return {unit: names[top] for unit, top in tops.items()}


def section_of(conference: Conference, unit: Body) -> str:
    """The section of one sending body, as `sections_of` names it ("" for none): what a
    secret paper is marked with, read once for the one voter."""
    ids = unit.path_ids()
    depth = len(conference.body.path_ids())
    if len(ids) <= depth:
        return ""
    return Body.objects.filter(pk=ids[depth]).values_list("name", flat=True).first() or ""


def cards_of(conference: Conference) -> dict[int, tuple[int, int]]:
    """Each sending body's card: (members it represents, delegates it is entitled to), from
    the entitlement fixed at the freeze."""
    return {
        unit: (members, seats)
        for unit, members, seats in Entitlement.objects.filter(conference=conference).values_list(
            "unit", "members", "seats"
        )
    }


def demands(vote: FloorVote) -> dict[str, int]:
    """How many delegates have made each demand in `vote`."""
    counted = FloorDemand.objects.filter(vote=vote).values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in counted}


@dataclass(frozen=True)
class UnderDebate:
    """The text the hall reads: `title`, and either its numbered `lines` or the `hunks` it
    changes (an amendment put to the vote; a rule change or a programme amendment, whose text
    is a whole document, by what it changes)."""

    title: str
    lines: list[Any]
    hunks: tuple[Any, ...]


def under_debate(floor: Floor | None, vote: FloorVote | None = None) -> UnderDebate | None:
    """The text of the amendment put to the vote, or else of the item under debate."""
    if vote is not None and vote.amendment is not None:
        amendment = vote.amendment
        return UnderDebate(str(amendment), [], conference_selectors.changes_of(amendment))
    item = floor.debating if floor is not None else None
    document = item.motion or item.composite if item is not None else None
    if document is None:
        return None
    if isinstance(document, Motion) and document.amends is not None:
        before = document.amends.text
    elif isinstance(document, Motion) and document.amends_programme is not None:
        before = document.amends_programme.text
    else:
        return UnderDebate(
            str(document), text_lines(parse_document(document.document_source())), ()
        )
    hunks = diff_documents(parse_document(before), parse_document(document.document_source()))
    return UnderDebate(str(document), [], tuple(hunks))


def hall_state(conference: Conference) -> dict[str, Any]:
    """What every page of the hall shows, as it is now."""
    floor = floor_of(conference)
    vote = open_vote(conference)
    last = votes_of(conference).filter(state=FloorVote.State.CLOSED).first()
    order = selectors_speakers.speaking_order(floor) if floor else []
    return {
        "conference": conference,
        "floor": floor,
        "speaking": selectors_speakers.speaking(floor) if floor else None,
        "speakers": order,
        "text": under_debate(floor, vote),
        "attendance": attendance(conference),
        "vote": vote,
        "cast": votes_cast(vote) if vote else 0,
        "last": last,
        "stances": Speaker.Stance.choices,
        "demand_kinds": FloorDemand.Kind.choices
        if vote is not None
        and (vote.motion_id or vote.amendment_id or vote.composite_id)
        and vote.electorate == FloorVote.Electorate.DELEGATES
        else [],
    }
