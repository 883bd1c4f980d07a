"""The Special Congress on Pay in session today: the demo's Glasgow member chairs it (they sit
on the standing orders committee); its eight delegates were checked in at the door this
morning, and Glasgow's delegate, the demo's Glasgow secretary, left the hall after moving
Glasgow's two motions: they may check themselves in again (the chair allows it). The speakers'
list alternates for and against and women first. On the first priority, the right to strike,
the mover spoke and the debate was heard, a card vote was demanded on the show of hands, and
the card vote carried it. On the second, the gig economy, the mover and one other have spoken
and three wait (one with a point of order), and the chair has put the closure, "That the
question be now put", to an electronic vote in which four have voted: a new user can check in
as Glasgow's delegate and vote, chair the floor, or watch the projector."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.conferences.models import Conference, Credential
from newcourse.floor import services
from newcourse.floor.models import Speaker
from newcourse.organisation.models import Member

MINUTE = datetime.timedelta(minutes=1)
# The delegates of these branches declare themselves women (the demo's seeded names).
WOMEN = ("Manchester", "Paris Sud", "Toulouse")


def floor_seed(conference: Conference, chair: Member) -> None:
    start = timezone.now() - 150 * MINUTE
    as_chair = {"person": chair.person, "member": chair, "conference": conference}
    services.floor_open(**as_chair, self_check_in=True, now=start)
    credentials = list(
        Credential.objects.filter(conference=conference)
        .select_related("term__member__person", "delegation__unit")
        .order_by("delegation__unit__path")
    )
    delegates = {c.delegation.unit.name: c for c in credentials}
    for credential in credentials:
        services.delegate_check_in(**as_chair, token=credential.token, now=start + MINUTE)
        member = credential.term.member
        if credential.delegation.unit.name in WOMEN:
            services.delegate_declare(
                person=member.person, member=member, credential=credential, gender="woman"
            )
    services.speakers_list_set(
        **as_chair,
        closed=False,
        alternate_stances=True,
        gender_order="alternate-women-first",
        progressive_stack="debate",
        mover_seconds=300,
        speaker_seconds=180,
        point_of_order_seconds=60,
    )
    agenda = list(conference.agenda.select_related("motion").order_by("position"))
    _first_priority(conference, chair, agenda[0], delegates, start + 5 * MINUTE)
    _second_priority(conference, chair, agenda[1], delegates, start + 70 * MINUTE)


def _speak(chair: Member, conference: Conference, at: datetime.datetime, minutes: int) -> None:
    """The chair calls the next speaker at `at`; the speech lasts `minutes`."""
    as_chair = {"person": chair.person, "member": chair, "conference": conference}
    services.speaker_next(**as_chair, now=at)
    services.speaker_end(**as_chair, now=at + minutes * MINUTE)


def _ask(credential: Credential, conference: Conference, stance: str, at: datetime.datetime):
    member = credential.term.member
    return services.speaker_ask(
        person=member.person, member=member, conference=conference, stance=stance, now=at
    )


def _first_priority(conference, chair, item, delegates, at) -> None:
    as_chair = {"person": chair.person, "member": chair, "conference": conference}
    services.floor_take_up(**as_chair, item=item, now=at)
    mover = next(c for c in delegates.values() if c.delegation.unit_id == item.motion.body_id)
    services.speaker_add(
        **as_chair, credential=mover, stance="for", role=Speaker.Role.MOVER, now=at
    )
    _ask(delegates["Paris Nord"], conference, "against", at + MINUTE)
    _ask(delegates["Leeds"], conference, "for", at + MINUTE)
    _ask(delegates["Manchester"], conference, "against", at + 2 * MINUTE)
    moment = at + 3 * MINUTE
    for minutes in (5, 3, 3, 2):
        _speak(chair, conference, moment, minutes)
        moment += (minutes + 1) * MINUTE
    hands = services.floor_vote_open(**as_chair, kind="hands", motion=item.motion, now=moment)
    for unit in ("Paris Nord", "Manchester"):
        member = delegates[unit].term.member
        services.floor_demand(
            person=member.person, member=member, vote=hands, kind="card", now=moment
        )
    services.floor_vote_close(
        person=chair.person,
        member=chair,
        vote=hands,
        votes_for=5,
        votes_against=2,
        votes_abstain=0,
        now=moment + MINUTE,
    )
    card = services.floor_vote_open(
        **as_chair, kind="card", motion=item.motion, now=moment + 2 * MINUTE
    )
    choices = {"Paris Nord": "against", "Manchester": "against", "Toulouse": "abstain"}
    for unit, credential in delegates.items():
        member = credential.term.member
        services.floor_vote_cast(
            person=member.person,
            member=member,
            vote=card,
            choice=choices.get(unit, "for"),
            now=moment + 3 * MINUTE,
        )
    services.floor_vote_close(person=chair.person, member=chair, vote=card, now=moment + 6 * MINUTE)


def _second_priority(conference, chair, item, delegates, at) -> None:
    as_chair = {"person": chair.person, "member": chair, "conference": conference}
    services.floor_take_up(**as_chair, item=item, now=at)
    mover = next(c for c in delegates.values() if c.delegation.unit_id == item.motion.body_id)
    services.speaker_add(
        **as_chair, credential=mover, stance="for", role=Speaker.Role.MOVER, now=at
    )
    _ask(delegates["Toulouse"], conference, "against", at + MINUTE)
    _speak(chair, conference, at + 2 * MINUTE, 5)
    glasgow = delegates["Glasgow"]
    services.delegate_check_out(
        person=glasgow.term.member.person,
        member=glasgow.term.member,
        credential=glasgow,
        now=at + 7 * MINUTE,
    )
    _speak(chair, conference, at + 8 * MINUTE, 3)
    _ask(delegates["Leeds"], conference, "for", at + 12 * MINUTE)
    _ask(delegates["Paris Nord"], conference, "against", at + 13 * MINUTE)
    _ask(delegates["Manchester"], conference, "point-of-order", at + 14 * MINUTE)
    closure = services.floor_vote_open(
        **as_chair, kind="open", question="That the question be now put", now=at + 15 * MINUTE
    )
    for unit in ("Leeds", "Toulouse", "Paris Nord", "Manchester"):
        member = delegates[unit].term.member
        services.floor_vote_cast(
            person=member.person,
            member=member,
            vote=closure,
            choice="against" if unit == "Paris Nord" else "for",
            now=at + 16 * MINUTE,
        )
