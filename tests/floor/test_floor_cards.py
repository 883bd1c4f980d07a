"""A card vote weighs each delegation's vote by the members it represents, split among its
delegates present or cast whole as the rulebook says, with each section's figures; delegates
may demand, while a vote is open, a card vote, a majority in each section or the women's vote
first, and enough of them put the question again so; a women's vote with most of them against
suspends the proposal until the next conference; a rule change needs the rulebook's two
thirds."""

from __future__ import annotations

import pytest
from tests.floor.sitting import (
    RULEBOOK,
    cast,
    check_in,
    close,
    declare,
    demand,
    open_vote,
    sitting_hall,
)

from newcourse.conferences.models import Decision
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, OutsideWindow


@pytest.fixture
def rulebook_parameters(request):
    return {**RULEBOOK, **getattr(request, "param", {})}


@pytest.fixture
def hall(tree, make_member, secretary):
    """North's three delegates, South's two (North and South in the Section) and Far's one
    (in the Other Section), all present. North and South carry 10 members each, Far 1."""
    hall = sitting_hall(tree, make_member, secretary, south=2, far=True, rules=True)
    check_in(hall, *hall.delegates)
    return hall


def votes(hall, vote, *choices):
    for delegate, choice in zip(hall.delegates, choices, strict=True):
        if choice:
            cast(hall, delegate, vote, choice)


def test_a_split_card_carries_the_members_each_delegate_present_shares(hall):
    vote = open_vote(hall, kind="card")
    votes(hall, vote, "for", "for", "against", "against", "against", "for")
    closed = close(hall, vote)
    # North's 10 split three ways: 20/3 for, 10/3 against; South's 10 against; Far's 1 for.
    # By heads it would carry 4 to 3; by cards it falls, 7 2/3 to 13 1/3.
    assert (closed.votes_for, closed.votes_against, closed.outcome) == (8, 13, "lost")
    assert {card["unit"]: (card["for"], card["against"]) for card in closed.cards} == {
        "North": ("6 2/3", "3 1/3"),
        "South": (0, 10),
        "Far": (1, 0),
    }
    assert closed.sections == {
        "Other Section": {"for": 1, "against": 0, "abstain": 0},
        "Section": {"for": "6 2/3", "against": "13 1/3", "abstain": 0},
    }
    decision = Decision.objects.get(motion=hall.motion)
    assert (decision.outcome, decision.votes_for, decision.votes_against) == ("lost", 8, 13)
    entry = RecordEntry.objects.get(action="conference.decided")
    assert (entry.payload["for"], entry.payload["against"]) == ("7 2/3", "13 1/3")


@pytest.mark.parametrize("rulebook_parameters", [{"conference.card": "whole"}], indirect=True)
def test_a_whole_card_goes_to_the_side_most_of_its_delegates_chose(hall):
    vote = open_vote(hall, kind="card")
    votes(hall, vote, "for", "for", "against", "against", "against", "for")
    closed = close(hall, vote)
    assert (closed.votes_for, closed.votes_against, closed.outcome) == (11, 10, "carried")


def test_a_card_vote_demanded_puts_the_question_again_by_card(hall):
    vote = open_vote(hall, kind="open")
    votes(hall, vote, "for", "for", "for", "against", "against", "for")
    demand(hall, hall.delegates[3], vote, "card")
    with pytest.raises(AlreadyDone, match="already"):
        demand(hall, hall.delegates[3], vote, "card")
    demand(hall, hall.delegates[4], vote, "card")
    closed = close(hall, vote)
    assert (closed.outcome, closed.retaken_for, closed.votes_for) == ("retaken", "card", None)
    assert not Decision.objects.exists()
    with pytest.raises(InvalidInput, match="card vote was demanded"):
        open_vote(hall, kind="open")
    again = open_vote(hall, kind="card")
    votes(hall, again, "for", "for", "for", "against", "against", "for")
    assert close(hall, again).outcome == "carried"  # North 10 + Far 1 for, South 10 against
    assert Decision.objects.get(motion=hall.motion).votes_for == 11


def test_one_demand_short_changes_nothing(hall):
    vote = open_vote(hall, kind="open")
    votes(hall, vote, "for", "for", "for", "against", "against", "for")
    demand(hall, hall.delegates[3], vote, "card")
    assert close(hall, vote).outcome == "carried"


def test_a_majority_in_each_section_when_a_quarter_demand_it(hall):
    vote = open_vote(hall, kind="open")
    votes(hall, vote, "for", "for", "for", "for", "for", "against")
    demand(hall, hall.delegates[5], vote, "double")
    closed = close(hall, vote)  # one of six demanded: short of a quarter
    assert (closed.outcome, closed.double_majority) == ("carried", False)


def test_the_double_majority_fails_when_one_section_is_against(hall):
    vote = open_vote(hall, kind="secret")
    votes(hall, vote, "for", "for", "for", "for", "for", "against")
    demand(hall, hall.delegates[5], vote, "double")
    demand(hall, hall.delegates[4], vote, "double")
    assert close(hall, vote).retaken_for == "double"
    with pytest.raises(InvalidInput, match="majority in each section"):
        open_vote(hall, kind="hands")
    again = open_vote(hall, kind="secret")
    assert again.double_majority
    votes(hall, again, "for", "for", "for", "for", "for", "against")
    closed = close(hall, again)
    assert closed.sections == {
        "Other Section": {"for": 0, "against": 1, "abstain": 0},
        "Section": {"for": 5, "against": 0, "abstain": 0},
    }
    assert (closed.votes_for, closed.votes_against, closed.outcome) == (5, 1, "lost")


def test_the_womens_vote_comes_first_and_its_majority_against_suspends_the_proposal(hall):
    one, two = hall.delegates[:2]
    declare(hall, one)
    declare(hall, two)
    vote = open_vote(hall, kind="open")
    with pytest.raises(NotEligible, match="declared themselves women"):
        demand(hall, hall.delegates[2], vote, "women")
    demand(hall, one, vote, "women")
    assert close(hall, vote).retaken_for == "women"
    women = open_vote(hall, kind="open")
    assert (women.electorate, women.kind) == ("women", "secret")
    assert women.question.startswith("Women's vote: ")
    with pytest.raises(NotEligible, match="declared themselves women"):
        cast(hall, hall.delegates[2], women, "for")
    cast(hall, one, women, "against")
    cast(hall, two, women, "against")
    closed = close(hall, women)
    assert (closed.veto, closed.outcome) == (True, "lost")
    assert not Decision.objects.exists()
    with pytest.raises(OutsideWindow, match="returns to the next conference"):
        open_vote(hall, kind="open")


def test_when_the_women_do_not_object_the_main_vote_follows(hall):
    one = hall.delegates[0]
    declare(hall, one)
    vote = open_vote(hall, kind="open")
    demand(hall, one, vote, "women")
    close(hall, vote)
    women = open_vote(hall, kind="open")
    cast(hall, one, women, "for")
    assert close(hall, women).veto is False
    main = open_vote(hall, kind="open")
    assert main.electorate == "delegates"
    votes(hall, main, "for", "for", "for", "against", "against", "for")
    assert close(hall, main).outcome == "carried"


def test_a_rule_change_short_of_two_thirds_falls(hall):
    vote = open_vote(hall, kind="open", motion=hall.rule_change)
    votes(hall, vote, "for", "for", "for", "against", "against", None)
    closed = close(hall, vote)
    assert (closed.votes_for, closed.votes_against, closed.majority, closed.outcome) == (
        3,
        2,
        "2/3",
        "lost",
    )
    assert Decision.objects.get(motion=hall.rule_change).version is None


def test_a_rule_change_with_two_thirds_is_the_next_version_of_the_rules(hall):
    vote = open_vote(hall, kind="open", motion=hall.rule_change)
    votes(hall, vote, "for", "for", "for", "for", "against", "against")
    assert close(hall, vote).outcome == "carried"
    assert Decision.objects.get(motion=hall.rule_change).version.number == 2


@pytest.mark.parametrize("rulebook_parameters", [{"conference.sections": "equal"}], indirect=True)
def test_where_the_rules_weigh_sections_equally_each_sections_share_counts_the_same(hall):
    """The split cards of the first test: pooled, 7 2/3 for and 13 1/3 against, it falls; the
    Section's share for is 1/3, the Other Section's the whole, (1/3 + 1) / 2 = 2/3: it carries."""
    vote = open_vote(hall, kind="card")
    votes(hall, vote, "for", "for", "against", "against", "against", "for")
    closed = close(hall, vote)
    assert (closed.votes_for, closed.votes_against, closed.outcome) == (8, 13, "carried")
    entry = RecordEntry.objects.get(action="conference.decided")
    assert "66.666" in entry.payload["reason"]
