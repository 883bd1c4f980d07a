"""A conference sitting, in tests: North's motion and South's amendment to it on the published
agenda, three of North's members its verified delegates, the chair of the standing orders
committee (also on the credentials committee) at the door, and the floor open."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from tests.conferences.amending import RULEBOOK as AMENDING
from tests.conferences.amending import amend, branch_secretary, motion
from tests.conferences.credentialing import credentials_committee, issued, review, seat
from tests.conferences.deciding import on_the_agenda, rule_change
from tests.conferences.steps import committee, fixed

from newcourse.conferences.models import Amendment, Conference, Credential, Motion
from newcourse.floor import services
from newcourse.floor.models import FloorVote
from newcourse.organisation.models import Member

# One delegate per 3 members or part: North's ten send four; half must be present to vote.
RULEBOOK = {
    **AMENDING,
    "delegates.members_per_delegate": "3",
    "delegates.minimum": "1",
    "conference.quorum": "50%",
    "conference.quorum_by": "delegates",
    "conference.card": "split",
    "conference.card_vote_demand": "2",
    "conference.double_majority_demand": "25%",
    "conference.womens_vote_demand": "1",
    "rule_change.notice_days": "28",
    "rule_change.majority": "2/3",
}


@dataclass
class Hall:
    conference: Conference
    chair: Member
    delegates: list[Member]
    credentials: dict[int, Credential]
    motion: Motion
    amendment: Amendment
    now: datetime.datetime
    rule_change: Motion | None = None


def sitting_hall(
    tree, make_member, secretary, *, south: int = 0, far: bool = False, rules: bool = False
) -> Hall:
    """With `south` of South's members its delegates too, and with `far` the secretary as
    Far's (Far lies in the Other Section: two sections then send delegates); with `rules`,
    North's rule change (`motions.max_words` to 80) on the agenda after its motion."""
    north = branch_secretary(tree["north"], make_member)
    south_secretary = branch_secretary(tree["south"], make_member)
    conference = fixed(secretary, tree["international"])
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    credentials_committee(secretary, conference, [chair])
    the_motion = motion(north, conference, tree["north"])
    the_amendment = amend(south_secretary, the_motion, tree["south"])
    delegates = [north, *(make_member(tree["north"], name=f"Delegate {n}") for n in (2, 3))]
    seat(conference, tree["north"], delegates)
    if south:
        southern = [south_secretary, *(make_member(tree["south"]) for _ in range(south - 1))]
        seat(conference, tree["south"], southern)
        delegates += southern
    if far:
        seat(conference, tree["far"], [secretary])
        delegates.append(secretary)
    credentials = issued(conference)
    for credential in credentials.values():
        review(chair, credential)
    change = rule_change(north, conference, tree["north"]) if rules else None
    on_the_agenda(chair, conference, the_motion, *([change] if change else []))
    now = timezone.make_aware(datetime.datetime.combine(conference.opens_on, datetime.time(10)))
    services.floor_open(person=chair.person, member=chair, conference=conference, now=now)
    return Hall(
        conference=conference,
        chair=chair,
        delegates=delegates,
        credentials={c.term.member.pk: c for c in credentials.values()},
        motion=the_motion,
        amendment=the_amendment,
        now=now,
        rule_change=change,
    )


def check_in(hall: Hall, *delegates: Member, remote: bool = False) -> None:
    for delegate in delegates:
        services.delegate_check_in(
            person=hall.chair.person,
            member=hall.chair,
            conference=hall.conference,
            token=hall.credentials[delegate.pk].token,
            remote=remote,
            now=hall.now,
        )


def open_vote(hall: Hall, kind: str = "open", **item) -> FloorVote:
    return services.floor_vote_open(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        kind=kind,
        now=hall.now,
        **(item or {"motion": hall.motion}),
    )


def demand(hall: Hall, delegate: Member, vote: FloorVote, kind: str) -> None:
    services.floor_demand(
        person=delegate.person, member=delegate, vote=vote, kind=kind, now=hall.now
    )


def declare(hall: Hall, delegate: Member, gender: str = "woman") -> None:
    services.delegate_declare(
        person=delegate.person,
        member=delegate,
        credential=hall.credentials[delegate.pk],
        gender=gender,
    )


def cast(hall: Hall, delegate: Member, vote: FloorVote, choice: str) -> None:
    services.floor_vote_cast(
        person=delegate.person, member=delegate, vote=vote, choice=choice, now=hall.now
    )


def close(hall: Hall, vote: FloorVote, **figures) -> FloorVote:
    return services.floor_vote_close(
        person=hall.chair.person, member=hall.chair, vote=vote, now=hall.now, **figures
    )


def sitting_today(hall: Hall) -> Hall:
    """The same hall, its conference moved to sit today, for pages that act at the real
    time (everything before the floor was done at its own dates)."""
    today = timezone.localdate()
    Conference.objects.filter(pk=hall.conference.pk).update(opens_on=today, closes_on=today)
    hall.conference.refresh_from_db()
    hall.now = timezone.now()
    return hall
