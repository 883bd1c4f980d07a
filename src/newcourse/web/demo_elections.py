"""The demo's elections: one declared by STV, one open for voting, one recall petition.

Everything goes through the same services a real election uses, with the clock set to the
moments of the timetable, so the record tells the story in order.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from newcourse.elections import services
from newcourse.elections.models import Election, Term
from newcourse.organisation.models import Body, Member

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def _stand(
    election: Election,
    members: list[Member],
    when: datetime.datetime,
    rng: random.Random,
    statements: list[str],
) -> list[str]:
    """Nominate, second and accept each member; returns candidate ids in the same order."""
    electorate = list(
        Member.objects.in_good_standing()
        .within(election.office.body)
        .exclude(pk__in=[m.pk for m in members])
        .order_by("number")
    )
    ids = []
    for member, statement in zip(members, statements, strict=False):
        proposer, seconder = rng.sample(electorate, 2)
        candidate = services.candidate_nominate(
            nominator=proposer, election=election, candidate=member, now=when
        )
        services.candidate_second(seconder=seconder, candidate=candidate, now=when)
        services.candidate_accept(member=member, candidate=candidate, statement=statement, now=when)
        ids.append(str(candidate.pk))
    return ids


def seed_declared_committee(rng: random.Random) -> Election:
    """British Section national committee: 5 seats, Scottish STV, 130+ ballots, declared."""
    section = Body.objects.get(slug="british-section")
    office = services.office_create(
        actor="system:demo",
        body=section,
        title="National committee",
        kind="committee",
        seats=5,
        term_months=24,
        consecutive_term_limit=3,
    )
    opens = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=datetime.UTC)
    election = services.election_schedule(
        actor="system:demo",
        office=office,
        nominations_open_at=opens,
        nominations_close_at=opens + 14 * DAY,
        voting_opens_at=opens + 14 * DAY,
        voting_closes_at=opens + 21 * DAY,
    )
    services.election_advance(election=election, now=opens + HOUR)
    # The demo logins stay ordinary members, so each shows what its role sees.
    pool = list(
        Member.objects.in_good_standing()
        .within(section)
        .filter(person__email__endswith="@members.example")
        .order_by("number")
    )
    candidates = rng.sample(pool, 8)
    statements = [
        "Rank-and-file control of every negotiation, and report-backs in every branch.",
        "Officials on a worker's wage, elected and recallable.",
        "Build the branches in the logistics sector; no sweetheart deals.",
        "Open books: every member sees the accounts every quarter.",
        "Solidarity across borders: joint action with the Section française.",
        "Defend the right to organise tendencies and circulate platforms.",
        "Democratic control of the strike fund.",
        "More women and young workers on every committee.",
    ]
    ids = _stand(election, candidates, opens + 2 * DAY, rng, statements)
    voting_time = opens + 15 * DAY
    services.election_advance(election=election, now=voting_time)
    # Two slates and independents: voters mostly rank within their slate, then cross over.
    slates = [ids[:3], ids[3:6], ids[6:]]
    electors = list(election.electors.select_related("member").order_by("member__number"))
    for elector in rng.sample(electors, len(electors) * 85 // 100):
        first = rng.choices(slates, weights=[5, 4, 2])[0]
        ranking = rng.sample(first, len(first))
        others = [c for c in ids if c not in ranking]
        ranking += rng.sample(others, rng.randint(0, len(others)))
        services.ballot_cast(
            election=election, member=elector.member, choices=ranking, now=voting_time
        )
    return services.election_advance(election=election, now=opens + 22 * DAY)


def seed_open_branch_election(rng: random.Random) -> Election:
    """Glasgow branch chair: one seat, instant-runoff, voting open now for a fortnight."""
    glasgow = Body.objects.get(slug="glasgow")
    office = services.office_create(
        actor="system:demo", body=glasgow, title="Branch chair", seats=1, term_months=12
    )
    now = timezone.now()
    election = services.election_schedule(
        actor="system:demo",
        office=office,
        nominations_open_at=now - 10 * DAY,
        nominations_close_at=now - HOUR,
        voting_opens_at=now - HOUR,
        voting_closes_at=now + 14 * DAY,
    )
    services.election_advance(election=election, now=now - 9 * DAY)
    pool = list(
        Member.objects.in_good_standing()
        .filter(body=glasgow, person__email__endswith="@members.example")
        .order_by("number")
    )
    _stand(
        election,
        rng.sample(pool, 3),
        now - 8 * DAY,
        rng,
        [
            "Meetings at times shift workers can attend.",
            "A branch newsletter every month, written by members.",
            "Every motion from the branch goes to conference.",
        ],
    )
    return services.election_advance(election=election, now=now)


def seed_recall_petition(rng: random.Random) -> None:
    """A petition to recall the International's general secretary, still collecting."""
    term = Term.objects.get(office__title="General secretary")
    electorate = list(
        Member.objects.in_good_standing()
        .within(term.office.body)
        .exclude(pk=term.member_id)
        .filter(person__email__endswith="@members.example")
        .order_by("number")
    )
    opener, *signers = rng.sample(electorate, 12)
    petition = services.recall_open(
        member=opener,
        term=term,
        reason="Signed the 2026 framework agreement without a members' ballot.",
    )
    for member in signers:
        services.recall_sign(member=member, petition=petition)


def seed_elections(rng: random.Random) -> None:
    seed_declared_committee(rng)
    seed_open_branch_election(rng)
    seed_recall_petition(rng)
    # Offices left vacant open their elections by themselves.
    services.elections_tick()
