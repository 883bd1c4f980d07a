"""Properties of the order that hold for every list, every rule and every debate."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from newcourse.speakers import (
    Debate,
    Gender,
    GenderOrder,
    ListRules,
    ProgressiveStack,
    Role,
    SpeakingRequest,
    Speech,
    Stance,
    is_woman,
    place,
    remove,
    speaking_list,
    speaking_order,
)

# Few speakers, so that repeated speakers and shared traits are common.
SPEAKERS = st.sampled_from(["ann", "bob", "cat", "dan", "eve", "fay", "gus"])
NAMES = st.sampled_from(["ann", "bob", "cat", *(f"s{i}" for i in range(12))])
GENDERS = st.sampled_from([Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, None])
DEBATE_STANCES = st.sampled_from([Stance.FOR, Stance.AGAINST, Stance.NEUTRAL])
ROLES = st.sampled_from([Role.SPEAKER, Role.SPEAKER, Role.SPEAKER, Role.MOVER, Role.SECONDER])

rules = st.builds(
    ListRules,
    alternate_stances=st.booleans(),
    gender_order=st.sampled_from(list(GenderOrder)),
    progressive_stack=st.sampled_from(list(ProgressiveStack)),
    ask_women_to_continue=st.booleans(),
)

speeches = st.builds(
    Speech,
    speaker=SPEAKERS,
    stance=st.sampled_from(list(Stance)),
    gender=GENDERS,
    role=st.sampled_from([Role.SPEAKER, Role.MOVER]),
)

debates = st.builds(
    Debate,
    speeches=st.lists(speeches, max_size=5).map(tuple),
    earlier_speakers=st.frozensets(SPEAKERS, max_size=3),
    women_agreed_to_continue=st.booleans(),
)


@st.composite
def waiting(draw: st.DrawFn, *, placements: bool = True, unique_speakers: bool = False):
    """Requests with unique ids and orders of asking, some points of order, some placed."""
    size = draw(st.integers(min_value=0, max_value=12))
    sequences = draw(st.lists(st.integers(-50, 50), min_size=size, max_size=size, unique=True))
    if unique_speakers:  # some of them may have spoken in the debate drawn beside
        names = draw(st.lists(NAMES, min_size=size, max_size=size, unique=True))
    else:
        names = draw(st.lists(SPEAKERS, min_size=size, max_size=size))
    positions = draw(
        st.lists(st.integers(1, size + 3), max_size=size, unique=True)
        if placements
        else st.just([])
    )
    requests = []
    for index, (sequence, speaker) in enumerate(zip(sequences, names, strict=True)):
        point = draw(st.integers(0, 5)) == 0
        requests.append(
            SpeakingRequest(
                id=f"r{index}",
                speaker=speaker,
                stance=Stance.POINT_OF_ORDER if point else draw(DEBATE_STANCES),
                sequence=sequence,
                gender=draw(GENDERS),
                role=Role.SPEAKER if point else draw(ROLES),
                placed_at=positions[index] if index < len(positions) else None,
            )
        )
    return requests


@given(waiting(), rules, debates)
def test_order_is_a_permutation_of_the_requests(requests, list_rules, debate) -> None:
    order = speaking_order(requests, list_rules, debate)
    assert sorted(r.id for r in order) == sorted(r.id for r in requests)
    assert len(order) == len(requests)


@given(waiting(), rules, debates, st.randoms(use_true_random=False))
def test_order_is_deterministic_whatever_the_input_order(
    requests, list_rules, debate, rng: random.Random
) -> None:
    shuffled = list(requests)
    rng.shuffle(shuffled)
    assert speaking_order(shuffled, list_rules, debate) == speaking_order(
        requests, list_rules, debate
    )


@given(waiting(placements=False), rules, debates)
def test_points_of_order_always_precede_others(requests, list_rules, debate) -> None:
    order = speaking_order(requests, list_rules, debate)
    kinds = [r.is_point_of_order for r in order]
    assert kinds == sorted(kinds, reverse=True)


@given(waiting(placements=False, unique_speakers=True), rules, debates)
def test_order_of_asking_kept_among_requests_alike(requests, list_rules, debate) -> None:
    """Two requests no rule can tell apart (same kind, role, list, side and history) keep
    their order of asking."""
    spoken = debate.speakers()

    def likeness(r: SpeakingRequest) -> tuple[object, ...]:
        return (
            r.is_point_of_order,
            r.role,
            is_woman(r.gender),
            r.stance,
            r.speaker in spoken,
            r.speaker in debate.earlier_speakers,
        )

    order = speaking_order(requests, list_rules, debate)
    for group in {likeness(r) for r in order}:
        sequences = [r.sequence for r in order if likeness(r) == group]
        assert sequences == sorted(sequences)


@given(waiting(), rules, debates)
def test_chair_placements_are_kept(requests, list_rules, debate) -> None:
    order = speaking_order(requests, list_rules, debate)
    for position, request in enumerate(order, start=1):
        if request.placed_at is not None and request.placed_at <= len(order):
            assert request.placed_at == position


@given(waiting(placements=False), rules, debates)
def test_women_and_open_list_alternate_until_one_runs_out(requests, list_rules, debate) -> None:
    """Under the women-first rule, two ordinary speakers in a row from one list mean the
    other list has no one left; and the first is a woman when the debate has had no
    ordinary speaker and a woman waits."""
    list_rules = ListRules(
        alternate_stances=list_rules.alternate_stances,
        gender_order=GenderOrder.ALTERNATE,
        progressive_stack=list_rules.progressive_stack,
        ask_women_to_continue=list_rules.ask_women_to_continue,
    )
    ordinary = [
        is_woman(r.gender)
        for r in speaking_order(requests, list_rules, debate)
        if r.role is Role.SPEAKER and not r.is_point_of_order
    ]
    for index in range(1, len(ordinary)):
        if ordinary[index] == ordinary[index - 1]:
            assert (not ordinary[index]) not in ordinary[index + 1 :]
    opened = any(s.role is Role.SPEAKER and not s.is_point_of_order for s in debate.speeches)
    if ordinary and any(ordinary) and not opened:
        assert ordinary[0]


@given(waiting(placements=False), debates)
def test_sides_alternate_until_one_runs_out(requests, debate) -> None:
    """With only the sides' rule: when an ordinary speaker takes the side that was heard last
    (neutral speakers between do not count), no ordinary speaker of the other side is left."""
    list_rules = ListRules(alternate_stances=True)
    heard = [s.stance for s in debate.speeches if s.stance in (Stance.FOR, Stance.AGAINST)]
    sides = [(stance, False) for stance in heard]
    sides += [
        (r.stance, r.role is Role.SPEAKER)
        for r in speaking_order(requests, list_rules, debate)
        if r.stance in (Stance.FOR, Stance.AGAINST) and r.role is not Role.REPLY
    ]
    for index in range(1, len(sides)):
        stance, ordinary = sides[index]
        if ordinary and stance == sides[index - 1][0]:
            other = Stance.AGAINST if stance is Stance.FOR else Stance.FOR
            assert (other, True) not in sides[index + 1 :]


@given(waiting(), rules, debates)
def test_held_turns_are_the_open_lists_tail(requests, list_rules, debate) -> None:
    found = speaking_list(requests, list_rules, debate)
    held = [
        turn.held
        for turn in found.turns
        if turn.request.placed_at is None
        and turn.request.role is Role.SPEAKER
        and not turn.request.is_point_of_order
    ]
    assert held == sorted(held)  # once held, held to the end of the debate
    for turn in found.turns:
        if turn.held:
            assert not is_woman(turn.request.gender)
            assert list_rules.ask_women_to_continue
            assert not debate.women_agreed_to_continue


@given(waiting(), rules, debates, st.data())
def test_place_puts_a_request_where_the_chair_said(requests, list_rules, debate, data) -> None:
    if not requests:
        return
    chosen = data.draw(st.sampled_from(requests))
    position = data.draw(st.integers(1, len(requests) + 2))
    order = speaking_order(place(requests, chosen.id, position), list_rules, debate)
    assert order.index(next(r for r in order if r.id == chosen.id)) + 1 == min(
        position, len(requests)
    )


@given(waiting(), rules, debates, st.data())
def test_remove_keeps_every_placement_where_it_was_shown(requests, list_rules, debate, data):
    if not requests:
        return
    chosen = data.draw(st.sampled_from(requests))
    before = [r.id for r in speaking_order(requests, list_rules, debate)]
    after = [
        r.id
        for r in speaking_order(remove(requests, chosen.id, list_rules, debate), list_rules, debate)
    ]
    assert sorted(after) == sorted(set(before) - {chosen.id})
    gone = before.index(chosen.id)
    for request in requests:
        if request.placed_at is not None and request.id != chosen.id:
            was = before.index(request.id)
            assert after.index(request.id) == (was - 1 if was > gone else was)
