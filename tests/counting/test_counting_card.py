"""The card vote: delegations' cards cast as one or split, checked by hand and by Hypothesis."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.counting import (
    CardVote,
    Delegation,
    DelegationVote,
    ElectionError,
    card_vote,
    decide_motion,
)


def _one(delegation: Delegation, vote: DelegationVote | None, **kwargs: object) -> CardVote:
    votes = {} if vote is None else {delegation.name: vote}
    return card_vote([delegation], votes, **kwargs)  # type: ignore[arg-type]


def test_card_split_among_present_gives_absent_share_to_those_present():
    # Labour 2017: four delegates, one absent, so each of the three carries a third.
    # 1200 members / 3 present = 400 each; 2 for = 800, 1 against = 400.
    card = _one(Delegation("Rushcliffe", 1200, 4), DelegationVote(yes=2, no=1, present=3))

    line = card.lines[0]
    assert (line.yes, line.no, line.abstain) == (800, 400, 0)
    assert line.present == 1200
    assert line.not_cast == 0
    assert line.delegates_present == 3
    assert (
        line.note == "split among its 3 delegates present, 400 each: 2 for, 1 against, 0 abstaining"
    )


def test_card_split_among_seats_leaves_absent_share_uncast():
    # 1200 members / 4 seats = 300 each; 2 for = 600, 1 against = 300; the absent one's 300
    # is not cast, and 900 of the card is present.
    card = _one(
        Delegation("Rushcliffe", 1200, 4), DelegationVote(yes=2, no=1, present=3), share_of="seats"
    )

    line = card.lines[0]
    assert (line.yes, line.no, line.abstain) == (600, 300, 0)
    assert line.present == 900
    assert line.not_cast == 300


def test_card_split_keeps_thirds_exact():
    # 1000 members among 3 present: 1000/3 each; 1 for, 2 against.
    card = _one(Delegation("Bath", 1000, 3), DelegationVote(yes=1, no=2))

    assert card.yes == Fraction(1000, 3)
    assert card.no == Fraction(2000, 3)
    assert card.yes + card.no == 1000


def test_card_present_delegate_who_does_not_vote_leaves_share_uncast():
    # 900 among 3 present = 300 each; one keeps the card: 300 not cast, 900 present.
    card = _one(Delegation("York", 900, 3), DelegationVote(yes=1, abstain=1, present=3))

    assert (card.yes, card.no, card.abstain) == (300, 0, 300)
    assert card.not_cast == 300
    assert card.present == 900


def test_card_as_one_goes_to_the_side_most_chose():
    card = _one(Delegation("Unite", 5000, 10, as_one=True), DelegationVote(yes=7, no=2, abstain=1))

    line = card.lines[0]
    assert (line.yes, line.no, line.abstain) == (5000, 0, 0)
    assert line.note == "votes as one: 7 for, 2 against, 1 abstaining, so its card of 5000 goes for"


def test_card_as_one_goes_against_when_most_are_against():
    card = _one(Delegation("GMB", 3000, 5, as_one=True), DelegationVote(yes=2, no=3))

    assert (card.yes, card.no, card.abstain) == (0, 3000, 0)


@pytest.mark.parametrize(
    ("yes", "no", "abstain"),
    [(3, 3, 0), (3, 3, 2), (2, 1, 2), (0, 2, 2)],
)
def test_card_as_one_tie_for_the_most_abstains(yes, no, abstain):
    card = _one(
        Delegation("Unison", 4000, 10, as_one=True),
        DelegationVote(yes=yes, no=no, abstain=abstain),
    )

    assert (card.yes, card.no, card.abstain) == (0, 0, 4000)
    assert card.lines[0].note.endswith("a tie, so its card of 4000 abstains")


def test_card_as_one_abstains_when_most_abstain():
    # Only one delegate for, four abstaining: the delegation's choice is to abstain.
    card = _one(Delegation("CWU", 2000, 5, as_one=True), DelegationVote(yes=1, abstain=4))

    assert (card.yes, card.no, card.abstain) == (0, 0, 2000)


def test_card_as_one_present_but_silent_casts_nothing():
    card = _one(Delegation("FBU", 800, 4, as_one=True), DelegationVote(present=2))

    assert card.lines[0].not_cast == 800
    assert card.present == 800
    assert card.lines[0].note == "votes as one: none of its 2 present voted"


def test_card_absent_delegation_casts_nothing():
    card = card_vote(
        [Delegation("Leeds", 1200, 4), Delegation("Hull", 700, 2)],
        {"Leeds": DelegationVote(yes=4)},
    )

    hull = card.lines[1]
    assert (hull.yes, hull.no, hull.abstain, hull.present) == (0, 0, 0, 0)
    assert hull.not_cast == 700
    assert hull.note == "absent: its card of 700 is not cast"
    assert card.members == 1900
    assert card.not_cast == 700


def test_card_vote_totals_decide_by_decide_motion():
    # CLP A: 900 / 3 present, 2 for 1 against = 600 for, 300 against.
    # CLP B: 500 / 2 present, 1 for 1 against = 250 for, 250 against.
    # Union U votes as one, 3 of 5 against: 3000 against.
    # For 850, against 3550: lost.
    card = card_vote(
        [
            Delegation("A", 900, 3),
            Delegation("B", 500, 2),
            Delegation("U", 3000, 5, as_one=True),
        ],
        {
            "A": DelegationVote(yes=2, no=1),
            "B": DelegationVote(yes=1, no=1),
            "U": DelegationVote(yes=2, no=3),
        },
    )

    assert (card.yes, card.no, card.abstain) == (850, 3550, 0)
    assert card.delegates_present == 10
    result = decide_motion(yes=card.yes, no=card.no, abstain=card.abstain)
    assert result.carried is False
    assert result.reason == (
        "Not carried: 850 for, and the motion needed more than a half of the 4400 voting "
        "for or against (more than 2200)."
    )


def test_card_vote_tie_of_split_cards_falls_under_a_simple_majority():
    # Two cards of 100 split in thirds: 200/3 + 100/3 = 100 for, 100/3 + 200/3 = 100 against.
    card = card_vote(
        [Delegation("P", 100, 3), Delegation("Q", 100, 3)],
        {"P": DelegationVote(yes=2, no=1), "Q": DelegationVote(yes=1, no=2)},
    )

    assert (card.yes, card.no) == (100, 100)
    assert decide_motion(yes=card.yes, no=card.no).carried is False
    at_least_half = decide_motion(yes=card.yes, no=card.no, strict=False)
    assert at_least_half.carried is True


def test_card_vote_two_thirds_of_those_present():
    # 3 cards of 300, each split among 3 present (100 each): 6 for, 2 against, 1 silent.
    # For 600, present 900: two thirds of those present is 600, reached exactly.
    card = card_vote(
        [Delegation(name, 300, 3) for name in "XYZ"],
        {
            "X": DelegationVote(yes=3),
            "Y": DelegationVote(yes=2, no=1),
            "Z": DelegationVote(yes=1, no=1, present=3),
        },
    )

    assert (card.yes, card.no, card.present) == (600, 200, 900)
    result = decide_motion(
        yes=card.yes,
        no=card.no,
        majority=Fraction(2, 3),
        strict=False,
        majority_of="present",
        present=card.present,
    )
    assert result.carried is True
    assert result.reason == (
        "Carried: 600 for, and the motion needed at least 2/3 of the 900 present (at least 600)."
    )


@pytest.mark.parametrize(
    ("delegations", "votes", "message"),
    [
        ([Delegation("A", 10, 1), Delegation("A", 5, 1)], {}, "'A' is in the table twice"),
        ([Delegation("A", 10, 1)], {"B": DelegationVote(yes=1)}, "not in the table: B"),
        ([Delegation("A", -10, 1)], {}, "the members of 'A' cannot be negative"),
        ([Delegation("A", 10, -1)], {}, "the seats of 'A' cannot be negative"),
        ([Delegation("A", 10.5, 1)], {}, "must be a whole number"),  # type: ignore[arg-type]
        ([Delegation("", 10, 1)], {}, "a delegation needs a name"),
        ([Delegation("A", 10, 2)], {"A": DelegationVote(yes=-1)}, "'A' for cannot be negative"),
        ([Delegation("A", 10, 2)], {"A": DelegationVote(yes=3)}, "3 delegates of 'A' are present"),
        (
            [Delegation("A", 10, 5)],
            {"A": DelegationVote(yes=2, no=1, present=2)},
            "3 delegates of 'A' voted, but only 2 are present",
        ),
    ],
)
def test_card_vote_refuses_invalid_input(delegations, votes, message):
    with pytest.raises(ElectionError, match=message):
        card_vote(delegations, votes)


def test_card_vote_refuses_unknown_split():
    with pytest.raises(ElectionError, match="'present' or the 'seats'"):
        card_vote([], {}, share_of="members")  # type: ignore[arg-type]


def test_card_vote_of_no_delegations_is_empty():
    card = card_vote([], {})

    assert card.lines == ()
    assert (card.members, card.yes, card.no, card.abstain, card.not_cast) == (0, 0, 0, 0, 0)


# Properties.


@st.composite
def floors(draw: st.DrawFn) -> tuple[list[Delegation], dict[str, DelegationVote]]:
    delegations: list[Delegation] = []
    votes: dict[str, DelegationVote] = {}
    for i in range(draw(st.integers(0, 8))):
        seats = draw(st.integers(0, 6))
        delegation = Delegation(f"D{i}", draw(st.integers(0, 10_000)), seats, draw(st.booleans()))
        delegations.append(delegation)
        present = draw(st.integers(0, seats))
        yes = draw(st.integers(0, present))
        no = draw(st.integers(0, present - yes))
        abstain = draw(st.integers(0, present - yes - no))
        if draw(st.booleans()):
            votes[delegation.name] = DelegationVote(yes, no, abstain, present)
    return delegations, votes


share_ofs = st.sampled_from(["present", "seats"])


@given(floors(), share_ofs)
def test_card_vote_conserves_every_card(floor, share_of):
    delegations, votes = floor

    card = card_vote(delegations, votes, share_of=share_of)

    assert card.yes + card.no + card.abstain + card.not_cast == sum(d.members for d in delegations)
    assert card.members == sum(d.members for d in delegations)
    for line in card.lines:
        cast = line.yes + line.no + line.abstain
        assert line.yes >= 0 and line.no >= 0 and line.abstain >= 0
        assert cast <= line.present <= line.members
        assert cast + line.not_cast == line.members


@given(floors(), share_ofs)
def test_card_vote_as_one_casts_the_whole_card_or_nothing(floor, share_of):
    delegations, votes = floor

    card = card_vote(delegations, votes, share_of=share_of)

    for line in card.lines:
        if line.as_one:
            cast = sorted((line.yes, line.no, line.abstain))
            assert cast in ([0, 0, 0], [0, 0, line.members])


@given(floors())
def test_card_vote_split_among_present_casts_whole_card_when_all_vote(floor):
    delegations, votes = floor

    card = card_vote(delegations, votes)

    for line, delegation in zip(card.lines, delegations, strict=True):
        vote = votes.get(delegation.name)
        voted = 0 if vote is None else vote.yes + vote.no + vote.abstain
        if vote is not None and not delegation.as_one and voted > 0 and vote.present == voted:
            assert line.yes + line.no + line.abstain == delegation.members


@given(floors(), share_ofs, st.randoms(use_true_random=False))
def test_card_vote_order_of_delegations_changes_nothing(floor, share_of, rnd: random.Random):
    delegations, votes = floor
    shuffled = delegations[:]
    rnd.shuffle(shuffled)
    items = list(votes.items())
    rnd.shuffle(items)

    card = card_vote(delegations, votes, share_of=share_of)
    again = card_vote(shuffled, dict(items), share_of=share_of)

    totals = (card.yes, card.no, card.abstain, card.present, card.not_cast)
    assert totals == (again.yes, again.no, again.abstain, again.present, again.not_cast)
    assert sorted(card.lines, key=lambda line: line.delegation) == sorted(
        again.lines, key=lambda line: line.delegation
    )


@given(floors())
def test_card_vote_split_among_seats_casts_no_more_than_among_present(floor):
    delegations, votes = floor

    present = card_vote(delegations, votes, share_of="present")
    seats = card_vote(delegations, votes, share_of="seats")

    for p, s in zip(present.lines, seats.lines, strict=True):
        assert s.yes <= p.yes and s.no <= p.no and s.abstain <= p.abstain
