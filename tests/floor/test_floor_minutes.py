"""The minutes assemble themselves from what the floor, the committee and the open record
hold, in the order things happened: the rulings made before the floor opened, then each item
taken up with its rulings, its votes (kind, question, attendance, figures, majority, outcome,
an open vote's roll and never a secret one's) and the decisions they made, with the
amendments carried first."""

from __future__ import annotations

import pytest
from tests.floor.minuting import at, rule, sit, take_up
from tests.floor.sitting import check_in, close, open_vote

from newcourse.conferences import services as conference_services
from newcourse.floor.selectors_minutes import (
    AmendmentCarried,
    DecisionMinute,
    RollCall,
    RulingMinute,
    minutes_of,
)


@pytest.fixture
def sitting(hall):
    return sit(hall)


def test_the_minutes_give_each_item_with_its_rulings_and_votes_in_order(sitting):
    hall = sitting.hall
    minutes = minutes_of(hall.conference)
    assert (minutes.credentialed, minutes.attended, minutes.online) == (3, 3, 0)
    assert minutes.floor_opened_at == sitting.hall.conference.floor.opened_at
    assert [(r.number, r.kind, r.item_kind, r.item, r.reason) for r in minutes.before] == [
        (1, "admissible", "motion", "1. Cost of living", "In order.")
    ]
    (item,) = minutes.items
    assert (item.position, item.title, item.speeches) == (1, "Cost of living", ())
    assert [(type(act).__name__, getattr(act, "number", None)) for act in item.acts] == [
        ("RulingMinute", 2),
        ("VoteMinute", 1),
        ("VoteMinute", 2),
        ("VoteMinute", 3),
    ]
    assert item.acts[0] == RulingMinute(
        number=2,
        kind="admissible",
        item_kind="amendment",
        item_id=hall.amendment.pk,
        item="1.1",
        reason="In order: it changes one line.",
        ruled_at=sitting.ruling.ruled_at,
    )


def test_an_open_vote_is_minuted_with_its_figures_and_roll(sitting):
    hall = sitting.hall
    one, two, three = hall.delegates
    vote = minutes_of(hall.conference).votes[0]
    assert (vote.kind, vote.item_kind, vote.item, vote.present) == ("open", "amendment", "1.1", 3)
    assert (vote.votes_for, vote.votes_against, vote.votes_abstain) == (2, 1, 0)
    assert (vote.majority, vote.outcome, vote.decision) == ("simple", "carried", None)
    # By delegation, then by name: Delegate 2, Delegate 3, North Secretary (`one`).
    assert vote.roll == (
        RollCall(member=two.number, name="Delegate 2", delegation="North", vote="for"),
        RollCall(member=three.number, name="Delegate 3", delegation="North", vote="against"),
        RollCall(member=one.number, name="North Secretary", delegation="North", vote="for"),
    )
    assert (vote.opened_at, vote.closed_at) == (at(hall, 15), at(hall, 20))


def test_a_secret_vote_has_no_roll_and_carries_the_decision_with_its_amendments(sitting):
    hall = sitting.hall
    vote = minutes_of(hall.conference).votes[1]
    assert (vote.kind, vote.item_kind, vote.roll) == ("secret", "motion", ())
    assert (vote.votes_for, vote.votes_against, vote.votes_abstain) == (2, 0, 1)
    assert vote.decision == DecisionMinute(
        id=sitting.motion_vote.decision_id,
        item_kind="motion",
        item_id=hall.motion.pk,
        item="1. Cost of living",
        outcome="carried",
        votes_for=2,
        votes_against=0,
        votes_abstain=1,
        majority="simple",
        amendments=(AmendmentCarried(id=hall.amendment.pk, number="1.1"),),
        rules_version=None,
        programme_version=None,
        not_applied="",
        recorded_at=sitting.motion_vote.closed_at,
    )


def test_a_show_of_hands_on_a_procedural_question_has_the_tellers_figures_and_no_roll(sitting):
    vote = minutes_of(sitting.hall.conference).votes[2]
    assert (vote.kind, vote.question, vote.item_kind, vote.item_id) == (
        "hands",
        "That conference thanks the tellers",
        "",
        None,
    )
    assert (vote.votes_for, vote.votes_against, vote.votes_abstain, vote.outcome) == (
        3,
        0,
        0,
        "carried",
    )
    assert (vote.roll, vote.sections, vote.decision) == ((), (), None)


def test_an_open_vote_still_running_shows_no_figures(hall):
    check_in(hall, *hall.delegates)
    open_vote(hall, "open", question="That the question be now put")
    (vote,) = minutes_of(hall.conference).votes
    assert (vote.state, vote.closed_at, vote.votes_for, vote.outcome, vote.roll) == (
        "open",
        None,
        None,
        "",
        (),
    )


def test_business_with_no_item_under_debate_is_minuted_apart(hall):
    check_in(hall, *hall.delegates)
    first = close(
        hall,
        open_vote(hall, "hands", question="That standing orders be adopted"),
        votes_for=3,
        votes_against=0,
        votes_abstain=0,
    )
    take_up(hall, 1)
    take_up(hall, None)
    rule(hall, amendment=hall.amendment)
    items = minutes_of(hall.conference).items
    assert [(item.position, item.title) for item in items] == [
        (None, ""),
        (1, "Cost of living"),
        (None, ""),
    ]
    assert [[getattr(act, "number", None) for act in item.acts] for item in items] == [
        [first.number],
        [],
        [2],
    ]
    assert (items[0].taken_up_at, items[2].taken_up_at is not None) == (None, True)


def test_a_decision_the_committee_entered_is_minuted_on_its_own(hall):
    check_in(hall, *hall.delegates)
    take_up(hall, 1)
    decision = conference_services.decision_record(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        votes_for=1,
        votes_against=2,
        motion=hall.motion,
        now=hall.now,
    )
    (item,) = minutes_of(hall.conference).items
    (act,) = item.acts
    assert isinstance(act, DecisionMinute)
    assert (act.id, act.outcome, act.votes_for, act.votes_against, act.amendments) == (
        decision.pk,
        "lost",
        1,
        2,
        (),
    )
