"""Joining the list (open, closed, once per kind) and the chair's moves and removals."""

from __future__ import annotations

import pytest
from tests.speakers.builders import MAN, WOMAN, ask, ids, spoke

from newcourse.speakers import (
    AlreadyWaiting,
    Debate,
    GenderOrder,
    ListClosed,
    ListRules,
    RequestRefused,
    Stance,
    accepts,
    admit,
    place,
    remove,
    speaking_order,
)

RULES = ListRules()
NO_POINTS_WHEN_CLOSED = ListRules(points_of_order_when_closed=False)


@pytest.mark.parametrize("stance", list(Stance))
def test_open_list_accepts_every_stance(stance: Stance) -> None:
    assert accepts(stance, closed=False, rules=NO_POINTS_WHEN_CLOSED)


@pytest.mark.parametrize(
    ("stance", "accepted"),
    [("for", False), ("against", False), ("neutral", False), ("point-of-order", True)],
)
def test_closed_list_accepts_only_points_of_order(stance: str, accepted: bool) -> None:
    assert accepts(stance, closed=True, rules=RULES) is accepted


def test_closed_list_refuses_points_of_order_when_the_rules_say_so() -> None:
    assert not accepts("point-of-order", closed=True, rules=NO_POINTS_WHEN_CLOSED)


def test_closed_list_accepts_anything_the_chair_adds() -> None:
    assert accepts("for", closed=True, rules=NO_POINTS_WHEN_CLOSED, by_chair=True)


def test_admit_adds_the_request_at_the_end_of_the_tuple() -> None:
    waiting = (ask("a", 1),)
    assert admit(ask("b", 2), waiting, closed=False, rules=RULES) == (ask("a", 1), ask("b", 2))


def test_admit_to_a_closed_list_refused_unless_a_point_of_order() -> None:
    with pytest.raises(ListClosed) as refused:
        admit(ask("b", 2), [ask("a", 1)], closed=True, rules=RULES)
    assert refused.value.code == "list-closed"
    assert str(refused.value) == "request 'b': the list of speakers is closed: only points of order"
    point = ask("p", 3, "point-of-order")
    assert admit(point, [ask("a", 1)], closed=True, rules=RULES)[-1] == point


def test_admit_to_a_closed_list_by_the_chair() -> None:
    added = admit(ask("b", 2), [], closed=True, rules=NO_POINTS_WHEN_CLOSED, by_chair=True)
    assert ids(added) == ["b"]


def test_admit_refuses_a_second_request_to_speak_from_one_delegate() -> None:
    with pytest.raises(AlreadyWaiting) as refused:
        admit(
            ask("b", 2, "against", speaker="ann"),
            [ask("a", 1, speaker="ann")],
            closed=False,
            rules=RULES,
        )
    assert refused.value.code == "already-waiting"
    assert str(refused.value) == (
        "request 'b': the delegate already waits with a request to speak (request 'a')"
    )


def test_admit_takes_one_point_of_order_beside_a_request_to_speak() -> None:
    waiting = admit(
        ask("p", 2, "point-of-order", speaker="ann"),
        [ask("a", 1, speaker="ann")],
        closed=False,
        rules=RULES,
    )
    assert ids(waiting) == ["a", "p"]
    with pytest.raises(AlreadyWaiting):
        admit(ask("q", 3, "point-of-order", speaker="ann"), waiting, closed=False, rules=RULES)


def test_admit_refuses_an_order_of_asking_already_used() -> None:
    with pytest.raises(RequestRefused, match="same order of asking"):
        admit(ask("b", 1), [ask("a", 1)], closed=False, rules=RULES)


def test_place_moves_a_request_to_a_position() -> None:
    moved = place([ask("a", 1), ask("b", 2), ask("c", 3)], "c", 1)
    assert [r.placed_at for r in moved] == [None, None, 1]
    assert ids(speaking_order(moved, RULES)) == ["c", "a", "b"]


def test_place_pushes_the_chairs_earlier_placements_down_where_they_meet() -> None:
    requests = [ask("a", 1, placed_at=2), ask("b", 2, placed_at=3), ask("c", 3, placed_at=5)]
    requests += [ask("d", 4), ask("e", 5)]
    moved = place(requests, "e", 2)
    assert [(r.id, r.placed_at) for r in moved] == [
        ("a", 3),
        ("b", 4),
        ("c", 5),
        ("d", None),
        ("e", 2),
    ]
    assert ids(speaking_order(moved, RULES)) == ["d", "e", "a", "b", "c"]


def test_place_past_the_end_means_the_end() -> None:
    moved = place([ask("a", 1), ask("b", 2)], "a", 7)
    assert moved[0].placed_at == 2
    assert ids(speaking_order(moved, RULES)) == ["b", "a"]


def test_place_none_returns_a_request_to_the_computed_order() -> None:
    moved = place([ask("a", 1), ask("b", 2, placed_at=1)], "b", None)
    assert moved == (ask("a", 1), ask("b", 2))


@pytest.mark.parametrize(("request_id", "position"), [("z", 1), ("a", 0), ("a", -2)])
def test_place_refuses_an_unknown_request_or_a_position_below_1(
    request_id: str, position: int
) -> None:
    with pytest.raises(RequestRefused):
        place([ask("a", 1)], request_id, position)


def test_remove_moves_placements_behind_it_up_one() -> None:
    # Shown: a, b, c@3, d, e@5.  Removing a (position 1): c shows at 2, e at 4.
    requests = [ask("a", 1), ask("b", 2), ask("c", 3, placed_at=3), ask("d", 4)]
    requests.append(ask("e", 5, placed_at=5))
    left = remove(requests, "a", RULES)
    assert [(r.id, r.placed_at) for r in left] == [("b", None), ("c", 2), ("d", None), ("e", 4)]
    assert ids(speaking_order(left, RULES)) == ["b", "c", "d", "e"]


def test_remove_leaves_placements_ahead_of_it_alone() -> None:
    requests = [ask("a", 1), ask("b", 2, placed_at=1), ask("c", 3)]
    left = remove(requests, "c", RULES)
    assert [(r.id, r.placed_at) for r in left] == [("a", None), ("b", 1)]


def test_remove_writes_a_placement_past_the_end_where_it_was_shown() -> None:
    left = remove([ask("a", 1), ask("b", 2, placed_at=9), ask("c", 3)], "c", RULES)
    assert [(r.id, r.placed_at) for r in left] == [("a", None), ("b", 2)]


def test_remove_when_the_next_speaker_is_called_keeps_the_chairs_place() -> None:
    # Women first: w1, m1, w2, with m0 placed 3rd by the chair.  w1 is called to speak.
    rules = ListRules(gender_order=GenderOrder.ALTERNATE)
    requests = [ask("w1", 1, gender=WOMAN), ask("m1", 2, gender=MAN), ask("w2", 3, gender=WOMAN)]
    requests.append(ask("m0", 4, gender=MAN, placed_at=3))
    assert ids(speaking_order(requests, rules)) == ["w1", "m1", "m0", "w2"]
    left = remove(requests, "w1", rules)
    debate = Debate(speeches=(spoke("w1", gender=WOMAN),))
    assert ids(speaking_order(left, rules, debate)) == ["m1", "m0", "w2"]


def test_remove_refuses_an_unknown_request() -> None:
    with pytest.raises(RequestRefused, match="no such request"):
        remove([ask("a", 1)], "b", RULES)
