"""The demo's decisions carried out. The Special Congress on Pay, sitting since yesterday, carried
Edinburgh's motion on travel costs for shift workers yesterday (the standing orders committee
entered the chair's declaration) and, today on the floor, Glasgow's on the right to strike (a
card vote, `newcourse.demo.floor`). The general secretary recorded the actions they ask for, one
in each status: the claim to the employers, owned by the general secretary's office, was due
yesterday and is still in progress, so it is overdue; the statement on the right to strike is
done; Glasgow branch's strike support fund is not started; the survey of night-shift members
was dropped by today's later decision, which put the money into the strike fund instead."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.actions import services
from newcourse.conferences import services as conference_services
from newcourse.conferences.models import Conference, Decision, Motion
from newcourse.offices.models import Office
from newcourse.organisation.models import Body, Member

from .conferences import COMMITTEE_MEMBER, GENERAL_SECRETARY

DAY = datetime.timedelta(days=1)


def _member(email: str) -> Member:
    return Member.objects.select_related("person").get(person__email=email)


def actions_seed() -> None:
    special = Conference.objects.get(title="Special Congress on Pay")
    strike = Decision.objects.filter(
        conference=special, outcome=Decision.Outcome.CARRIED, motion__title__startswith="Defend"
    ).first()
    if strike is None:
        return
    chair = _member(COMMITTEE_MEMBER)
    yesterday = timezone.localtime() - DAY
    travel = conference_services.decision_record(
        person=chair.person,
        member=chair,
        conference=special,
        motion=Motion.objects.get(conference=special, title="Travel costs for shift workers"),
        votes_for=6,
        votes_against=1,
        votes_abstain=1,
        now=yesterday,
    )
    secretary = _member(GENERAL_SECRETARY)
    international = Body.objects.get(slug="international")
    general_secretary = Office.objects.get(body=international, title="General secretary")
    as_secretary = {"person": secretary.person, "member": secretary, "body": international}
    today = timezone.localdate()

    claim = services.action_create(
        **as_secretary,
        decision=travel,
        task="Put the claim for night-shift travel costs to the employers' federation.",
        owner_office=general_secretary,
        due_on=timezone.localdate(yesterday),
        now=yesterday,
    )
    services.action_update(
        person=secretary.person,
        member=secretary,
        action=claim,
        status="in-progress",
        note="Letter drafted; the federation has not yet given us a date.",
        now=yesterday + DAY / 4,
    )
    survey = services.action_create(
        **as_secretary,
        decision=travel,
        task="Survey night-shift members on how they travel to work.",
        owner_office=general_secretary,
        due_on=today + 30 * DAY,
        now=yesterday,
    )
    services.action_drop(
        person=secretary.person,
        member=secretary,
        action=survey,
        decision=strike,
        note="Congress put the survey's budget into the strike support fund.",
    )
    statement = services.action_create(
        **as_secretary,
        decision=strike,
        task="Publish congress's position on the right to strike on the website and in the "
        "bulletin.",
        owner_office=general_secretary,
        due_on=today + 7 * DAY,
    )
    services.action_update(
        person=secretary.person,
        member=secretary,
        action=statement,
        status="done",
        note="Published this afternoon.",
    )
    services.action_create(
        **as_secretary,
        decision=strike,
        task="Open a strike support fund and ask every branch to contribute.",
        owner_body=Body.objects.get(slug="glasgow"),
        due_on=today + 60 * DAY,
    )
