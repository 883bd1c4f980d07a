"""A sitting to minute, in tests: on the hall of `sitting.py` (North's motion, ruled in order
before the floor opened, and South's amendment to it), the chair takes up the motion, the
committee rules the amendment in order, the amendment carries in an open vote, the motion as
amended in a secret one, and a procedural question is put to a show of hands."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from tests.floor.sitting import Hall, cast, check_in, close, open_vote

from newcourse.conferences import services as conference_services
from newcourse.conferences.models import AgendaItem, Ruling
from newcourse.floor import services
from newcourse.floor.models import FloorVote


@dataclass
class Sitting:
    hall: Hall
    ruling: Ruling
    amendment_vote: FloorVote
    motion_vote: FloorVote
    hands_vote: FloorVote


def at(hall: Hall, minutes: int) -> datetime.datetime:
    return hall.now + datetime.timedelta(minutes=minutes)


def take_up(hall: Hall, position: int | None, minutes: int = 0) -> None:
    item = (
        AgendaItem.objects.get(conference=hall.conference, position=position) if position else None
    )
    services.floor_take_up(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        item=item,
        now=at(hall, minutes),
    )


def rule(hall: Hall, minutes: int = 0, **item) -> Ruling:
    return conference_services.ruling_make(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        kind="admissible",
        reason="In order: it changes one line.",
        now=at(hall, minutes),
        **item,
    )


def sit(hall: Hall) -> Sitting:
    """The sitting, its clock in minutes from the floor's opening at 10:00: the motion taken
    up at 10:05, the ruling at 10:10, the amendment's vote from 10:15 to 10:20, the motion's
    from 10:20 to 10:25, the show of hands from 10:25 to 10:26."""
    one, two, three = hall.delegates
    start = hall.now
    check_in(hall, *hall.delegates)
    take_up(hall, 1, minutes=5)
    ruling = rule(hall, minutes=10, amendment=hall.amendment)
    hall.now = start + datetime.timedelta(minutes=15)
    amendment_vote = open_vote(hall, "open", amendment=hall.amendment)
    for delegate, choice in ((one, "for"), (two, "for"), (three, "against")):
        cast(hall, delegate, amendment_vote, choice)
    hall.now = start + datetime.timedelta(minutes=20)
    amendment_vote = close(hall, amendment_vote)
    motion_vote = open_vote(hall, "secret", motion=hall.motion)
    for delegate, choice in ((one, "for"), (two, "abstain"), (three, "for")):
        cast(hall, delegate, motion_vote, choice)
    hall.now = start + datetime.timedelta(minutes=25)
    motion_vote = close(hall, motion_vote)
    hands_vote = open_vote(hall, "hands", question="That conference thanks the tellers")
    hall.now = start + datetime.timedelta(minutes=26)
    hands_vote = close(hall, hands_vote, votes_for=3, votes_against=0, votes_abstain=0)
    hall.now = start
    return Sitting(hall, ruling, amendment_vote, motion_vote, hands_vote)


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "VACUUM")


@contextlib.contextmanager
def no_writes() -> Iterator[list[str]]:
    """Record every statement that writes while the block runs (reads must leave none)."""
    found: list[str] = []

    def watch(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if sql.lstrip().upper().startswith(WRITES):
            found.append(sql[:120])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield found
