"""The order of the list: each rule as a test, then their combinations and the chair's moves.

Every expected order below is worked out by hand from the rules in ``_order.py``'s docstring;
the comments give the steps where there is more than one.
"""

from __future__ import annotations

import pytest
from tests.speakers.builders import MAN, WOMAN, ask, ids, spoke

from newcourse.speakers import (
    Debate,
    Gender,
    GenderOrder,
    ListRules,
    ProgressiveStack,
    Reason,
    RequestRefused,
    SpeakingRequest,
    next_speaker,
    speaking_list,
    speaking_order,
)

PLAIN = ListRules()
SIDES = ListRules(alternate_stances=True)
WOMEN_FIRST = ListRules(gender_order=GenderOrder.ALTERNATE)
STACK = ListRules(progressive_stack=ProgressiveStack.DEBATE)


def test_plain_list_is_in_order_of_asking_whatever_the_input_order() -> None:
    requests = [ask("c", 30), ask("a", 10), ask("b", 20)]
    assert ids(speaking_order(requests, PLAIN)) == ["a", "b", "c"]


def test_points_of_order_go_first_in_order_of_asking() -> None:
    requests = [
        ask("a", 1),
        ask("p2", 5, "point-of-order"),
        ask("b", 2, "against"),
        ask("p1", 3, "point-of-order"),
    ]
    found = speaking_list(requests, SIDES)
    assert ids(found.requests) == ["p1", "p2", "a", "b"]
    assert found.turns[0].reasons == (Reason.POINT_OF_ORDER,)


def test_mover_and_seconder_open_and_reply_closes_the_debate() -> None:
    requests = [
        ask("reply", 1, role="reply", speaker="mo"),
        ask("a", 2),
        ask("second", 3, role="seconder"),
        ask("move", 4, role="mover", speaker="mo"),
        ask("p", 5, "point-of-order"),
    ]
    assert ids(speaking_order(requests, PLAIN)) == ["p", "move", "second", "a", "reply"]


def test_sides_alternate_starting_against_the_side_of_the_last_speech() -> None:
    requests = [ask("f1", 1), ask("f2", 2), ask("a1", 3, "against"), ask("a2", 4, "against")]
    debate = Debate(speeches=(spoke("mo", "for", role="mover"),))
    found = speaking_list(requests, SIDES, debate)
    assert ids(found.requests) == ["a1", "f1", "a2", "f2"]
    assert found.turns[0].reasons == (Reason.OPPOSES_LAST_SIDE, Reason.ORDER_OF_ASKING)


def test_sides_alternate_after_a_mover_still_waiting_to_speak() -> None:
    requests = [ask("move", 1, "for", role="mover"), ask("f", 2), ask("a", 3, "against")]
    assert ids(speaking_order(requests, SIDES)) == ["move", "a", "f"]


def test_sides_alternate_from_the_first_asked_when_no_side_has_spoken() -> None:
    requests = [ask("a1", 1, "against"), ask("a2", 2, "against"), ask("f1", 3)]
    assert ids(speaking_order(requests, SIDES)) == ["a1", "f1", "a2"]


def test_sides_go_on_in_order_of_asking_when_one_side_runs_out() -> None:
    requests = [ask("f1", 1), ask("f2", 2), ask("f3", 3), ask("a1", 4, "against")]
    debate = Debate(speeches=(spoke("x", "against"),))
    found = speaking_list(requests, SIDES, debate)
    assert ids(found.requests) == ["f1", "a1", "f2", "f3"]
    assert found.turns[3].reasons == (Reason.SAME_SIDE_ONLY,)


def test_neutral_speaker_heard_in_order_of_asking_with_the_side_in_turn() -> None:
    # Last side "for".  1: against's turn, a1 (1) before n2 (2) and a3 (3).  2: for's turn:
    # n2 (2) before f4 (4).  3: the neutral did not hand over the turn, still for's: f4.
    # 4: a3.
    requests = [ask("a1", 1, "against"), ask("n2", 2, "neutral"), ask("a3", 3, "against")]
    requests.append(ask("f4", 4))
    debate = Debate(speeches=(spoke("x", "for"),))
    found = speaking_list(requests, SIDES, debate)
    assert ids(found.requests) == ["a1", "n2", "f4", "a3"]
    assert Reason.NEUTRAL in found.turns[1].reasons


def test_neutral_speech_does_not_hand_over_the_turn() -> None:
    requests = [ask("f", 1), ask("a", 2, "against")]
    debate = Debate(speeches=(spoke("x", "for"), spoke("y", "neutral")))
    assert ids(speaking_order(requests, SIDES, debate)) == ["a", "f"]


def test_sides_ignored_when_the_rule_is_off() -> None:
    requests = [ask("f1", 1), ask("f2", 2), ask("a1", 3, "against")]
    debate = Debate(speeches=(spoke("x", "for"),))
    assert ids(speaking_order(requests, PLAIN, debate)) == ["f1", "f2", "a1"]


def test_women_first_alternating_list() -> None:
    requests = [ask("m1", 1, gender=MAN), ask("m2", 2, gender=MAN)]
    requests += [ask("w1", 3, gender=WOMAN), ask("w2", 4, gender=WOMAN)]
    found = speaking_list(requests, WOMEN_FIRST)
    assert ids(found.requests) == ["w1", "m1", "w2", "m2"]
    assert [t.reasons[0] for t in found.turns] == [
        Reason.WOMAN_TURN,
        Reason.OPEN_TURN,
        Reason.WOMAN_TURN,
        Reason.OPEN_TURN,
    ]


def test_alternating_list_goes_on_from_the_last_ordinary_speech() -> None:
    requests = [ask("w", 1, gender=WOMAN), ask("m", 2, gender=MAN)]
    debate = Debate(speeches=(spoke("x", gender=WOMAN), spoke("p", "point-of-order", MAN)))
    assert ids(speaking_order(requests, WOMEN_FIRST, debate)) == ["m", "w"]


def test_alternating_list_starts_with_a_woman_whatever_the_mover() -> None:
    requests = [ask("m", 1, gender=MAN), ask("w", 2, gender=WOMAN)]
    debate = Debate(speeches=(spoke("mo", gender=WOMAN, role="mover"),))
    assert ids(speaking_order(requests, WOMEN_FIRST, debate)) == ["w", "m"]


def test_undeclared_and_non_binary_speakers_are_on_the_open_list() -> None:
    requests = [ask("n", 1, gender=None), ask("x", 2, gender=Gender.NON_BINARY)]
    requests.append(ask("w", 3, gender=WOMAN))
    assert ids(speaking_order(requests, WOMEN_FIRST)) == ["w", "n", "x"]


def test_open_list_goes_on_in_order_when_women_run_out() -> None:
    requests = [ask("m1", 1, gender=MAN), ask("m2", 2, gender=MAN), ask("w", 3, gender=WOMAN)]
    requests.append(ask("m3", 4, gender=MAN))
    found = speaking_list(requests, WOMEN_FIRST)
    assert ids(found.requests) == ["w", "m1", "m2", "m3"]
    assert found.turns[2].reasons == (Reason.NO_WOMAN_WAITING, Reason.ORDER_OF_ASKING)
    assert not found.held


def test_women_go_on_when_the_open_list_runs_out() -> None:
    requests = [ask("w1", 1, gender=WOMAN), ask("w2", 2, gender=WOMAN), ask("w3", 3, gender=WOMAN)]
    requests.append(ask("m", 4, gender=MAN))
    found = speaking_list(requests, WOMEN_FIRST)
    assert ids(found.requests) == ["w1", "m", "w2", "w3"]
    assert found.turns[3].reasons == (Reason.NO_OTHER_WAITING,)


def test_rest_of_list_held_when_women_run_out_and_women_decide() -> None:
    rules = ListRules(gender_order=GenderOrder.ALTERNATE, ask_women_to_continue=True)
    requests = [ask("m1", 1, gender=MAN), ask("w", 2, gender=WOMAN), ask("m2", 3, gender=MAN)]
    found = speaking_list(requests, rules)
    assert ids(found.requests) == ["w", "m1", "m2"]
    assert [t.held for t in found.turns] == [False, False, True]
    assert found.held
    assert found.turns[2].reasons[-1] is Reason.HELD


def test_next_speaker_is_none_while_the_women_have_not_agreed_to_go_on() -> None:
    rules = ListRules(gender_order=GenderOrder.ALTERNATE, ask_women_to_continue=True)
    requests = [ask("m1", 1, gender=MAN), ask("m2", 2, gender=MAN)]
    debate = Debate(speeches=(spoke("m0", gender=MAN),))
    assert next_speaker(requests, rules, debate) is None
    agreed = Debate(speeches=debate.speeches, women_agreed_to_continue=True)
    found = speaking_list(requests, rules, agreed)
    assert not found.held
    assert next_speaker(requests, rules, agreed) == requests[0]


def test_progressive_stack_puts_first_speeches_first() -> None:
    requests = [ask("ann", 1), ask("bob", 2), ask("cat", 3)]
    debate = Debate(speeches=(spoke("ann"),))
    found = speaking_list(requests, STACK, debate)
    assert ids(found.requests) == ["bob", "cat", "ann"]
    assert found.turns[2].reasons == (Reason.EVERYONE_HAS_SPOKEN,)


def test_progressive_stack_over_the_conference_counts_earlier_debates() -> None:
    requests = [ask("ann", 1), ask("bob", 2)]
    debate = Debate(earlier_speakers=frozenset({"ann"}))
    over_conference = ListRules(progressive_stack=ProgressiveStack.CONFERENCE)
    assert ids(speaking_order(requests, STACK, debate)) == ["ann", "bob"]
    assert ids(speaking_order(requests, over_conference, debate)) == ["bob", "ann"]


def test_progressive_stack_counts_a_second_request_of_one_speaker_as_a_second_speech() -> None:
    requests = [ask("b1", 1, speaker="bob"), ask("b2", 2, speaker="bob"), ask("cat", 3)]
    assert ids(speaking_order(requests, STACK)) == ["b1", "cat", "b2"]


def test_points_of_order_do_not_count_as_having_spoken() -> None:
    requests = [ask("ann", 1), ask("bob", 2)]
    debate = Debate(speeches=(spoke("ann", "point-of-order"),))
    assert ids(speaking_order(requests, STACK, debate)) == ["ann", "bob"]


def test_mover_has_spoken_for_the_progressive_stack() -> None:
    requests = [ask("move", 1, role="mover", speaker="mo"), ask("again", 2, speaker="mo")]
    requests.append(ask("bob", 3))
    assert ids(speaking_order(requests, STACK)) == ["move", "bob", "again"]


def test_gender_comes_before_the_sides() -> None:
    # Last side "for", but it is a woman's turn and the only woman is for.
    requests = [ask("m", 1, "against", MAN), ask("w", 2, "for", WOMAN)]
    debate = Debate(speeches=(spoke("x", "for"),))
    rules = ListRules(alternate_stances=True, gender_order=GenderOrder.ALTERNATE)
    found = speaking_list(requests, rules, debate)
    assert ids(found.requests) == ["w", "m"]
    assert found.turns[0].reasons == (Reason.WOMAN_TURN, Reason.SAME_SIDE_ONLY)


def test_gender_comes_before_the_progressive_stack() -> None:
    requests = [ask("man", 1, gender=MAN), ask("ann", 2, gender=WOMAN)]
    debate = Debate(speeches=(spoke("ann", gender=WOMAN), spoke("x", gender=MAN)))
    rules = ListRules(gender_order=GenderOrder.ALTERNATE, progressive_stack=ProgressiveStack.DEBATE)
    assert ids(speaking_order(requests, rules, debate)) == ["ann", "man"]


def test_progressive_stack_comes_before_the_sides() -> None:
    # Last side "for": bob is against but has spoken; ann is for and has not.
    requests = [ask("bob", 1, "against"), ask("ann", 2, "for")]
    debate = Debate(speeches=(spoke("bob", "against"), spoke("x", "for")))
    rules = ListRules(alternate_stances=True, progressive_stack=ProgressiveStack.DEBATE)
    assert ids(speaking_order(requests, rules, debate)) == ["ann", "bob"]


def test_all_rules_together() -> None:
    # The mover (a man, for) has spoken.  1: woman's turn, cat (for) and eve (against) both
    # first speeches, for spoke last: eve.  2: open turn, bob, dan first speeches (mo has
    # spoken), against spoke last: bob (for).  3: woman's turn, cat only, though for spoke
    # last.  4: open turn, dan (first speech) before mo.  5: no woman, mo (neutral).
    rules = ListRules(
        alternate_stances=True,
        gender_order=GenderOrder.ALTERNATE,
        progressive_stack=ProgressiveStack.DEBATE,
    )
    requests = [
        ask("bob", 1, "for", MAN),
        ask("cat", 2, "for", WOMAN),
        ask("dan", 3, "against", MAN),
        ask("eve", 4, "against", WOMAN),
        ask("fay", 5, "point-of-order", WOMAN),
        ask("mo-again", 6, "neutral", MAN, speaker="mo"),
        ask("mo-reply", 7, "for", speaker="mo", role="reply"),
    ]
    debate = Debate(speeches=(spoke("mo", "for", MAN, role="mover"),))
    found = speaking_list(requests, rules, debate)
    assert ids(found.requests) == ["fay", "eve", "bob", "cat", "dan", "mo-again", "mo-reply"]
    assert found.turns[5].reasons == (
        Reason.NO_WOMAN_WAITING,
        Reason.EVERYONE_HAS_SPOKEN,
        Reason.NEUTRAL,
    )


def test_chair_placed_request_stays_at_its_position() -> None:
    requests = [ask("a", 1), ask("b", 2), ask("c", 3), ask("d", 4, placed_at=2)]
    found = speaking_list(requests, PLAIN)
    assert ids(found.requests) == ["a", "d", "b", "c"]
    assert found.turns[1].reasons == (Reason.CHAIR,)


def test_chair_may_place_a_speaker_before_points_of_order() -> None:
    requests = [ask("p", 1, "point-of-order"), ask("a", 2, placed_at=1)]
    assert ids(speaking_order(requests, PLAIN)) == ["a", "p"]


def test_chair_placements_past_the_end_go_to_the_end_in_position_order() -> None:
    requests = [ask("a", 1), ask("z", 2, placed_at=9), ask("y", 3, placed_at=7), ask("b", 4)]
    assert ids(speaking_order(requests, PLAIN)) == ["a", "b", "y", "z"]


def test_chair_placement_does_not_shift_the_alternation_of_the_rest() -> None:
    # Without the placed man, the women-first list of the rest is w1, m1, w2.
    requests = [ask("w1", 1, gender=WOMAN), ask("m1", 2, gender=MAN), ask("w2", 3, gender=WOMAN)]
    requests.append(ask("m0", 4, gender=MAN, placed_at=1))
    assert ids(speaking_order(requests, WOMEN_FIRST)) == ["m0", "w1", "m1", "w2"]


def test_next_speaker_is_the_head_of_the_list() -> None:
    requests = [ask("a", 2), ask("p", 3, "point-of-order")]
    assert next_speaker(requests, PLAIN) == requests[1]
    assert next_speaker([], PLAIN) is None


@pytest.mark.parametrize(
    ("requests", "message"),
    [
        ([ask("a", 1), ask("a", 2, speaker="b")], "request 'a': two requests have this id"),
        ([ask("a", 1), ask("b", 1)], "request 'b': same order of asking (1) as request 'a'"),
        (
            [ask("a", 1, placed_at=2), ask("b", 2, placed_at=2)],
            "request 'b': placed at position 2, where the chair placed request 'a'",
        ),
    ],
)
def test_list_refused_when_the_order_would_depend_on_input_order(
    requests: list[SpeakingRequest], message: str
) -> None:
    with pytest.raises(RequestRefused) as refused:
        speaking_order(requests, PLAIN)
    assert str(refused.value) == message
    assert refused.value.code == "request-refused"
