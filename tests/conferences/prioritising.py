"""A priorities ballot in tests: the International's congress with three motions ruled
admissible (two from North, one from South), five delegates of North and South seated and
their credentials verified the day after the date for delegates, when the standing orders
committee's chair may open the ballot."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from tests.conferences import amending, credentialing
from tests.conferences.credentialing import after_delegates, at, credentials_committee, seat
from tests.conferences.steps import committee, dates

from newcourse.conferences import services
from newcourse.conferences.models import Conference, Credential, Motion, PrioritiesBallot
from newcourse.organisation.models import Member

RULEBOOK = {**amending.RULEBOOK, **credentialing.RULEBOOK}
HOUR = datetime.timedelta(hours=1)
MOTIONS = (
    ("north", "Pay", "Conference resolves to fight for a pay rise."),
    ("north", "Housing", "Conference resolves to fight for rent controls."),
    ("south", "Transport", "Conference resolves to fight for free buses."),
)


@dataclass
class Congress:
    conference: Conference
    chair: Member
    delegates: list[Member]
    motions: list[Motion]
    stranger: Member
    verifier: Member


def congress(
    tree, make_member, secretary, *, verified: bool = True, start: datetime.date | None = None
) -> Congress:
    """The congress ready for its priorities ballot: motions ruled admissible, North's members
    2 to 4 and South's 2 and 3 seated as delegates, each credential verified (unless not).
    Its freeze is today, or `start` (a day in the past lets the pages, which act now, find the
    date for delegates passed)."""
    movers = {
        "north": amending.branch_secretary(tree["north"], make_member),
        "south": amending.branch_secretary(tree["south"], make_member),
    }
    start = start or timezone.localdate()
    conference = services.conference_call(
        person=secretary.person,
        member=secretary,
        body=tree["international"],
        title="Congress 2027",
        dates=dates(start),
        now=at(start),
    )
    assert services.conferences_tick(now=at(start)) == []
    conference = Conference.objects.get(pk=conference.pk)
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    motions = []
    for branch, title, text in MOTIONS:
        mover = movers[branch]
        motion = services.motion_submit(
            person=mover.person,
            member=mover,
            conference=conference,
            body=tree[branch],
            title=title,
            text=text,
            meeting_on=timezone.localdate(),
            votes_for=5,
            votes_against=1,
            votes_abstain=0,
        )
        services.ruling_make(
            person=chair.person,
            member=chair,
            conference=conference,
            kind="admissible",
            reason="In order.",
            motion=motion,
        )
        motions.append(motion)
    delegates = []
    for branch, how_many in (("north", 3), ("south", 2)):
        members = list(
            Member.objects.filter(body=tree[branch])
            .exclude(pk=movers[branch].pk)
            .order_by("pk")[:how_many]
        )
        seat(conference, tree[branch], members)
        delegates += members
    verifier = make_member(tree["far"], name="Credentials Chair")
    credentials_committee(secretary, conference, [verifier])
    assert services.conferences_tick(now=max(after_delegates(conference), timezone.now())) == []
    if verified:
        for credential in Credential.objects.filter(conference=conference):
            credentialing.review(verifier, credential)
    stranger = make_member(tree["north"], name="Not A Delegate")
    return Congress(conference, chair, delegates, motions, stranger, verifier)


def open_ballot(congress: Congress, **extra) -> PrioritiesBallot:
    """The chair opens the ballot the day after the date for delegates, for an hour: each
    delegate approves up to two topics, two reach the floor."""
    now = extra.pop("now", after_delegates(congress.conference))
    return services.priorities_open(
        person=congress.chair.person,
        member=congress.chair,
        conference=congress.conference,
        choices=extra.pop("choices", 2),
        priorities=extra.pop("priorities", 2),
        closes_at=extra.pop("closes_at", now + HOUR),
        now=now,
        **extra,
    )


def vote(ballot: PrioritiesBallot, member: Member, titles: list[str], **extra) -> None:
    """`member` approves the topics of the motions titled `titles`."""
    ids = {topic.title.split(". ", 1)[1]: topic.pk for topic in ballot.topics.all()}
    services.priorities_vote(
        person=member.person,
        member=member,
        ballot=ballot,
        topics=[ids[title] for title in titles],
        now=extra.pop("now", ballot.opened_at + HOUR / 2),
        **extra,
    )


def close(ballot: PrioritiesBallot) -> PrioritiesBallot:
    """The scheduler's tick at the close."""
    assert services.conferences_tick(now=ballot.closes_at) == []
    return PrioritiesBallot.objects.get(pk=ballot.pk)
