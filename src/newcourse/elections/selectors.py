"""Reads for offices and elections, shaped for the pages, the API and the CLI."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from newcourse import crypto
from newcourse.organisation.models import Body, Member
from newcourse.record.models import RecordEntry
from newcourse.verifiable import selectors as verifiable

from .eligibility import electorate_of, why_member_cannot_stand
from .models import Candidate, Election, ElectionStatus, Elector, PetitionStatus, RecallPetition


def status_implied(election: Election, now: datetime.datetime | None = None) -> ElectionStatus:
    """The status the timetable implies at `now`: what pages and the API show.

    Only the scheduler (`services.elections_tick`) moves an election on, within a tick of its
    time; until it has, this says where the election already stands, so that a page never
    offers a ballot after the close nor waits for (or takes) a step. Counting is not implied:
    a closed election is shown closed, with the count to follow.
    """
    now = now or timezone.now()
    status = ElectionStatus(election.status)
    if status == ElectionStatus.SCHEDULED and now >= election.nominations_open_at:
        status = ElectionStatus.NOMINATIONS
    if (
        status == ElectionStatus.NOMINATIONS
        and now >= election.voting_opens_at
        and not waiting_to_open(election, now)
    ):
        if uncontested(election, election.candidates.standing().count()):
            return ElectionStatus.CLOSED
        if election.verifiable:
            # Opened late, a verifiable election gives voters the whole period from then.
            return ElectionStatus.VOTING
        status = ElectionStatus.VOTING
    if status == ElectionStatus.VOTING and now >= election.voting_closes_at:
        status = ElectionStatus.CLOSED
    return status


def why_not_verifiable(election: Election) -> str:
    """Why an election of an office with verifiable ballots went ahead as a plain secret
    ballot, as the record says (scheduled without enough elected tellers, or the tellers'
    key ceremony unfinished when voting opened); "" when it did not. Every such downgrade is
    recorded with its reason, and the election's page and the API show it."""
    if not election.office.verifiable:
        return ""
    reasons = [
        entry.payload["not_verifiable_because"]
        for entry in RecordEntry.objects.filter(
            subject=f"election:{election.pk}",
            action__in=["election.scheduled", "election.voting_opened"],
        ).order_by("seq")
        if entry.payload.get("not_verifiable_because")
    ]
    return str(reasons[-1]) if reasons else ""


def waiting_to_open(election: Election, now: datetime.datetime) -> bool:
    """A verifiable election opens voting once its tellers' key ceremony is done and its
    credential authority has handed in the voters' public credentials; if either is still
    missing when voting should have closed, it goes ahead as a secret ballot that is not
    end-to-end verifiable (and the record says why), so no office is left unfilled by tellers
    or an authority who never finish. Each wait is shown on the election page."""
    return (
        election.verifiable
        and now < election.voting_closes_at
        and (waiting_for_key(election) or waiting_for_credentials(election))
        and not uncontested(election, election.candidates.standing().count())
    )


def waiting_for_key(election: Election) -> bool:
    return not verifiable.ceremony_complete(election)


def waiting_for_credentials(election: Election) -> bool:
    return not verifiable.credentials_count(election)


def uncontested(election: Election, standing: int) -> bool:
    """No more candidates standing than seats: no vote is held, the candidates are elected."""
    return not election.is_recall and standing <= election.seats


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
    return (
        RecallPetition.objects.filter(
            term__office__body=body,
            status__in=[PetitionStatus.COLLECTING, PetitionStatus.VOTING],
        )
        .select_related("term__member__person", "term__office")
        .annotate(signature_count=Count("signatures"))
    )


def electors_for_authority(election: Election) -> dict[str, Any]:
    """The electors file (`newcourse-electors/1`) the credential authority generates codes
    from: every member who would be an elector if voting opened now (the electorate is fixed
    only then), with their address for delivery and whether they already hold a credential of
    this election. For the authority's eyes only (`access.credential_authority_acting`)."""
    held = set(election.voter_credentials.values_list("member_id", flat=True))
    members = electorate_of(election.office).select_related("person").order_by("number")
    return {
        "format": crypto.ELECTORS_FORMAT,
        "election_id": election.verification.record_id,
        "election": election.pk,
        "title": str(election),
        "electors": [
            {
                "number": member.number,
                "name": member.person.full_name,
                "email": member.person.email,
                "weight": 1,
                "issued": member.pk in held,
            }
            for member in members.iterator()
        ],
    }


@dataclass(frozen=True)
class Need:
    """One thing waiting on a member (the home page's "What needs you"): what, where it is
    done, by when, and whether it is done already (shown as done rather than dropped)."""

    kind: str  # vote, accept, nominations
    election: Election
    deadline: datetime.datetime
    done: bool = False


def needs_of(member: Member | None, *, now: datetime.datetime | None = None) -> list[Need]:
    """What waits on `member` in elections, soonest deadline first: a vote open where they
    are an elector ("you voted" once they have), a nomination of theirs to accept or decline,
    nominations open in an election where they may nominate."""
    if member is None:
        return []
    now = now or timezone.now()
    needs: list[Need] = []
    voting = Elector.objects.filter(
        member=member, election__status=ElectionStatus.VOTING, election__voting_closes_at__gt=now
    ).select_related("election__office__body")
    needs += [
        Need("vote", elector.election, elector.election.voting_closes_at, elector.has_voted)
        for elector in voting
    ]
    nominated = Candidate.objects.filter(
        member=member,
        withdrawn_at__isnull=True,
        election__status=ElectionStatus.NOMINATIONS,
        election__nominations_close_at__gt=now,
    ).select_related("election__office__body")
    needs += [
        Need("accept", c.election, c.election.nominations_close_at, c.accepted_at is not None)
        for c in nominated
    ]
    open_for_nominations = elections_for_member(member).filter(
        status=ElectionStatus.NOMINATIONS, nominations_close_at__gt=now
    )
    needs += [
        Need("nominations", election, election.nominations_close_at)
        for election in open_for_nominations
        if electorate_of(election.office).filter(pk=member.pk).exists()
    ]
    return sorted(needs, key=lambda need: (need.done, need.deadline))


# A name search for nominating: at least this many letters, at most this many answers.
NOMINEE_SEARCH_MIN = 3
NOMINEE_SEARCH_LIMIT = 10


def nominees_matching(election: Election, member: Member | None, query: str) -> list[Member]:
    """Members who may stand in `election` whose name contains `query`, for a member who may
    nominate while nominations are open (otherwise none): at least three letters, at most ten
    answers, only those who can stand, so the search lists no more than the ballot could."""
    query = query.strip()
    office = election.office
    if (
        member is None
        or len(query) < NOMINEE_SEARCH_MIN
        or election.status != ElectionStatus.NOMINATIONS
        or not member.in_good_standing
        or not member.body.is_within(office.body)
    ):
        return []
    today = timezone.localdate()
    rules = election.rules()
    found = (
        electorate_of(office)
        .filter(person__full_name__icontains=query)
        .select_related("person", "body")
        .order_by("person__full_name", "number")[: NOMINEE_SEARCH_LIMIT * 2]
    )
    can_stand = [m for m in found if why_member_cannot_stand(m, office, today, rules) is None]
    return can_stand[:NOMINEE_SEARCH_LIMIT]
