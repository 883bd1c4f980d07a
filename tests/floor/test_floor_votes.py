"""The chair opens one vote at a time, on an item of the published agenda or a procedural
question, once conference is quorate; delegates present vote once each from their phones; the
chair closes it and the rules' arithmetic declares the result. A vote on a motion is
conference's decision, with the amendments the floor carried before it; a secret vote's papers
name nobody."""

from __future__ import annotations

import pytest
from tests.conferences.amending import AMENDED
from tests.conferences.credentialing import challenge
from tests.floor.sitting import RULEBOOK, cast, check_in, close, open_vote

from newcourse.conferences.models import Decision
from newcourse.floor import selectors, services
from newcourse.floor.models import FloorPaper, FloorVote, FloorVoter
from newcourse.record.models import RecordEntry
from newcourse.refusals import (
    AlreadyDone,
    InvalidBallot,
    InvalidInput,
    NotEligible,
    NotPermitted,
    OutsideWindow,
)


@pytest.fixture
def quorate(hall):
    check_in(hall, *hall.delegates)
    return hall


def test_no_vote_opens_without_a_quorum(hall):
    check_in(hall, hall.delegates[0])
    with pytest.raises(OutsideWindow, match="1 of 3 delegates are present and the rules need 2"):
        open_vote(hall)
    assert not FloorVote.objects.exists()


def test_only_the_chair_opens_a_vote(quorate):
    delegate = quorate.delegates[0]
    with pytest.raises(NotPermitted, match="standing orders committee"):
        services.floor_vote_open(
            person=delegate.person,
            member=delegate,
            conference=quorate.conference,
            kind="open",
            motion=quorate.motion,
            now=quorate.now,
        )


def test_the_chairs_double_click_opens_one_vote_not_two(quorate):
    first = open_vote(quorate)
    with pytest.raises(AlreadyDone, match="Vote 1 is open"):
        open_vote(quorate, question="That the question be now put")
    assert list(FloorVote.objects.values_list("number", flat=True)) == [first.number]


def test_an_item_not_on_the_agenda_or_no_question_is_refused(quorate, tree, make_member):
    with pytest.raises(InvalidInput, match="Name the motion"):
        open_vote(quorate, question="  ")
    with pytest.raises(InvalidInput, match="one question at a time"):
        open_vote(quorate, motion=quorate.motion, amendment=quorate.amendment)


def test_an_open_vote_publishes_each_delegates_vote_and_carries_by_a_simple_majority(quorate):
    vote = open_vote(quorate, question="That standing orders be suspended")
    one, two, three = quorate.delegates
    cast(quorate, one, vote, "for")
    cast(quorate, two, vote, "for")
    cast(quorate, three, vote, "against")
    assert selectors.votes_cast(vote) == 3
    closed = close(quorate, vote)
    assert (closed.votes_for, closed.votes_against, closed.votes_abstain) == (2, 1, 0)
    assert closed.outcome == "carried"
    entry = RecordEntry.objects.get(action="conference.floor_vote_closed")
    assert entry.payload["roll"] == {
        f"member:{one.number}": "for",
        f"member:{two.number}": "for",
        f"member:{three.number}": "against",
    }
    assert [(v.credential.term.member, v.choice) for v in selectors.named_votes(closed)] == [
        (two, "for"),
        (three, "against"),
        (one, "for"),
    ]


def test_a_delegate_votes_once(quorate):
    vote = open_vote(quorate)
    cast(quorate, quorate.delegates[0], vote, "for")
    with pytest.raises(AlreadyDone, match="already voted"):
        cast(quorate, quorate.delegates[0], vote, "against")
    assert FloorVoter.objects.get(vote=vote).choice == "for"


def test_only_a_present_delegate_with_a_verified_credential_votes(quorate, make_member, tree):
    vote = open_vote(quorate)
    outsider = make_member(tree["north"], name="Not a delegate")
    with pytest.raises(NotEligible, match="verified credential"):
        cast(quorate, outsider, vote, "for")
    one, two, _three = quorate.delegates
    services.delegate_check_out(
        person=one.person, member=one, credential=quorate.credentials[one.pk], now=quorate.now
    )
    with pytest.raises(NotEligible, match="Check in"):
        cast(quorate, one, vote, "for")
    challenge(one, quorate.credentials[two.pk], now=quorate.now)
    with pytest.raises(NotEligible, match="verified credential"):
        cast(quorate, two, vote, "for")
    with pytest.raises(InvalidBallot, match="for, against or abstain"):
        cast(quorate, quorate.delegates[2], vote, "maybe")
    assert selectors.votes_cast(vote) == 0


def test_no_vote_is_cast_after_the_close(quorate):
    vote = open_vote(quorate)
    cast(quorate, quorate.delegates[0], vote, "for")
    close(quorate, vote)
    with pytest.raises(OutsideWindow, match="has closed"):
        cast(quorate, quorate.delegates[1], vote, "for")
    with pytest.raises(AlreadyDone, match="already closed"):
        close(quorate, vote)


def test_a_secret_votes_papers_hold_the_choice_and_its_voters_rows_none(quorate):
    vote = open_vote(quorate, kind="secret", question="That the chair's ruling be upheld")
    for delegate, choice in zip(quorate.delegates, ("against", "against", "abstain"), strict=True):
        cast(quorate, delegate, vote, choice)
    assert set(FloorVoter.objects.filter(vote=vote).values_list("choice", flat=True)) == {""}
    closed = close(quorate, vote)
    assert (closed.votes_for, closed.votes_against, closed.votes_abstain) == (0, 2, 1)
    assert closed.outcome == "lost"
    assert sorted(FloorPaper.objects.filter(vote=vote).values_list("choice", flat=True)) == [
        "abstain",
        "against",
        "against",
    ]
    assert "roll" not in RecordEntry.objects.get(action="conference.floor_vote_closed").payload
    assert list(selectors.named_votes(closed)) == []


def test_a_show_of_hands_is_closed_with_the_tellers_count(quorate):
    vote = open_vote(quorate, kind="hands", question="That the speaker be heard")
    with pytest.raises(InvalidBallot, match="show of hands"):
        cast(quorate, quorate.delegates[0], vote, "for")
    with pytest.raises(InvalidInput, match="tellers' count"):
        close(quorate, vote)
    closed = close(quorate, vote, votes_for=2, votes_against=2, votes_abstain=0)
    assert closed.outcome == "lost"  # a tie does not carry


def test_an_electronic_vote_takes_no_figures(quorate):
    vote = open_vote(quorate)
    with pytest.raises(InvalidInput, match="counts itself"):
        close(quorate, vote, votes_for=3, votes_against=0, votes_abstain=0)


def test_the_amendment_carried_is_in_the_text_conference_decides(quorate):
    one, two, three = quorate.delegates
    on_amendment = open_vote(quorate, amendment=quorate.amendment)
    cast(quorate, one, on_amendment, "for")
    cast(quorate, two, on_amendment, "for")
    assert close(quorate, on_amendment).outcome == "carried"
    with pytest.raises(AlreadyDone, match="already decided"):
        open_vote(quorate, amendment=quorate.amendment)
    on_motion = open_vote(quorate)
    for delegate in (one, two, three):
        cast(quorate, delegate, on_motion, "for")
    closed = close(quorate, on_motion)
    decision = Decision.objects.get(motion=quorate.motion)
    assert closed.decision == decision
    assert (decision.outcome, decision.votes_for, decision.votes_against) == ("carried", 3, 0)
    assert list(decision.amendments.all()) == [quorate.amendment]
    assert decision.text.rstrip("\n") == AMENDED
    with pytest.raises(AlreadyDone, match="already decided"):
        open_vote(quorate)


@pytest.mark.parametrize(
    "rulebook_parameters", [{**RULEBOOK, "conference.majority": "2/3"}], indirect=True
)
def test_an_amendment_needs_the_majority_the_rulebook_sets_for_a_motion(quorate):
    vote = open_vote(quorate, amendment=quorate.amendment)
    cast(quorate, quorate.delegates[0], vote, "for")
    cast(quorate, quorate.delegates[1], vote, "for")
    cast(quorate, quorate.delegates[2], vote, "against")
    closed = close(quorate, vote)
    assert (closed.outcome, closed.majority) == ("carried", "2/3")  # exactly two thirds
    procedural = open_vote(quorate, question="That the question be now put")
    assert close(quorate, procedural).majority == "simple"


@pytest.fixture
def rulebook_parameters(request):
    return {**RULEBOOK, **getattr(request, "param", {})}
