"""The speakers' list on the item under debate: delegates present ask to speak, points of
order first in order of asking, for and against alternating, women first where the chair set
the list so; the chair adds, moves and removes requests and closes the list; the next speaker
is called with their time, the speech ends with its seconds on the open record; statistics by
gender and branch."""

from __future__ import annotations

import datetime

import pytest
from tests.floor.sitting import check_in, declare

from newcourse.floor import selectors, selectors_speakers, services
from newcourse.floor.models import Speaker
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, NotEligible, NotPermitted, OutsideWindow


@pytest.fixture
def debating(hall):
    check_in(hall, *hall.delegates)
    services.floor_take_up(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        item=hall.conference.agenda.get(position=1),
        now=hall.now,
    )
    return hall


def ask(hall, delegate, stance, **extra):
    return services.speaker_ask(
        person=delegate.person, member=delegate, conference=hall.conference, stance=stance, **extra
    )


def order(hall):
    floor = selectors.floor_of(hall.conference)
    return [(s.credential.term.member, s.stance) for s in selectors_speakers.speaking_order(floor)]


def call_next(hall, now=None):
    return services.speaker_next(
        person=hall.chair.person, member=hall.chair, conference=hall.conference, now=now or hall.now
    )


def test_no_one_asks_before_an_item_is_under_debate(hall):
    check_in(hall, hall.delegates[0])
    with pytest.raises(OutsideWindow, match="No item is under debate"):
        ask(hall, hall.delegates[0], "for")


def test_a_point_of_order_jumps_the_queue_and_sides_alternate(debating):
    one, two, three = debating.delegates
    ask(debating, one, "for")
    ask(debating, two, "for")
    ask(debating, three, "against")
    ask(debating, three, "point-of-order")
    assert order(debating) == [
        (three, "point-of-order"),
        (one, "for"),
        (three, "against"),
        (two, "for"),
    ]


def test_women_first_alternating_when_the_chair_sets_the_list_so(debating):
    one, two, three = debating.delegates
    declare(debating, three)
    services.speakers_list_set(
        person=debating.chair.person,
        member=debating.chair,
        conference=debating.conference,
        closed=False,
        alternate_stances=False,
        gender_order="alternate-women-first",
        progressive_stack="off",
        mover_seconds=300,
        speaker_seconds=120,
        point_of_order_seconds=60,
    )
    ask(debating, one, "for")
    ask(debating, two, "for")
    ask(debating, three, "for")
    assert order(debating) == [(three, "for"), (one, "for"), (two, "for")]
    assert RecordEntry.objects.filter(action="conference.speakers_list_set").count() == 1


def test_one_request_each_a_closed_list_takes_only_points_of_order(debating):
    one, two, _three = debating.delegates
    ask(debating, one, "for")
    with pytest.raises(AlreadyDone, match="already on the list"):
        ask(debating, one, "against")
    services.speakers_list_set(
        person=debating.chair.person,
        member=debating.chair,
        conference=debating.conference,
        closed=True,
        alternate_stances=True,
        gender_order="none",
        progressive_stack="off",
        mover_seconds=300,
        speaker_seconds=180,
        point_of_order_seconds=60,
    )
    with pytest.raises(OutsideWindow, match="closed"):
        ask(debating, two, "against")
    ask(debating, two, "point-of-order")
    added = services.speaker_add(
        person=debating.chair.person,
        member=debating.chair,
        conference=debating.conference,
        credential=debating.credentials[two.pk],
        stance="against",
    )
    assert added.state == "waiting"


def test_the_chair_moves_and_removes_and_a_delegate_withdraws(debating):
    one, two, three = debating.delegates
    first = ask(debating, one, "for")
    second = ask(debating, two, "against")
    third = ask(debating, three, "for")
    services.speaker_place(
        person=debating.chair.person, member=debating.chair, speaker=third, position=1
    )
    assert order(debating)[0] == (three, "for")
    with pytest.raises(NotPermitted):
        services.speaker_place(person=one.person, member=one, speaker=third, position=2)
    services.speaker_remove(person=debating.chair.person, member=debating.chair, speaker=second)
    with pytest.raises(NotPermitted):
        services.speaker_withdraw(person=two.person, member=two, speaker=first)
    services.speaker_withdraw(person=one.person, member=one, speaker=first)
    assert order(debating) == [(three, "for")]


def test_the_next_speaker_has_their_time_and_the_speech_goes_on_the_record(debating):
    one, two, _three = debating.delegates
    ask(debating, one, "for")
    ask(debating, two, "point-of-order")
    called = call_next(debating)
    assert (called.credential.term.member, called.allowed_seconds) == (two, 60)
    floor = selectors.floor_of(debating.conference)
    now = selectors_speakers.speaking(floor, debating.now + datetime.timedelta(seconds=75))
    assert (now.speaker, now.countdown) == (called, "-0:15")
    later = debating.now + datetime.timedelta(seconds=75)
    following = call_next(debating, later)
    assert (following.credential.term.member, following.allowed_seconds) == (one, 180)
    ended = Speaker.objects.get(pk=called.pk)
    assert (ended.state, ended.seconds) == ("spoken", 75)
    entry = RecordEntry.objects.get(action="conference.spoke")
    assert (entry.payload["seconds"], entry.payload["stance"]) == (75, "point-of-order")
    services.speaker_end(
        person=debating.chair.person,
        member=debating.chair,
        conference=debating.conference,
        now=later + datetime.timedelta(seconds=100),
    )
    with pytest.raises(AlreadyDone, match="Nobody has the floor"):
        services.speaker_end(
            person=debating.chair.person, member=debating.chair, conference=debating.conference
        )
    assert call_next(debating) is None
    stats = selectors_speakers.statistics(debating.conference)
    assert (stats.total.speeches, stats.total.seconds) == (2, 175)
    assert {branch: tally.seconds for branch, tally in stats.by_branch.items()} == {"North": 175}


def test_only_a_delegate_present_asks(debating, make_member, tree):
    outsider = make_member(tree["north"])
    with pytest.raises(NotEligible):
        ask(debating, outsider, "for")
