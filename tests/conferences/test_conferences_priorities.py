"""When time is short, the delegates choose the topics that reach the floor: the standing
orders committee opens a priorities ballot on the topics going forward, once, after the
delegates hold their credentials and before the conference closes; the delegates holding a
verified credential then each approve up to `choices` topics, once and secretly; at the close
the scheduler counts the papers by the counting library's approval count, marks the
`priorities` topics with most approvals, and publishes the report on the open record."""

from __future__ import annotations

import datetime

import pytest
from tests.conferences.credentialing import after_delegates, at, review
from tests.conferences.prioritising import HOUR, RULEBOOK, close, congress, open_ballot, vote

from newcourse import counting
from newcourse.conferences import selectors, services
from newcourse.conferences.models import (
    Credential,
    PrioritiesBallot,
    PrioritiesElector,
    PrioritiesPaper,
    PrioritiesTopic,
)
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
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def ready(tree, make_member, secretary):
    return congress(tree, make_member, secretary)


def titles(ballot):
    return [topic.title for topic in ballot.topics.all()]


# Opened by the standing orders committee


def test_the_committee_opens_the_ballot_on_every_topic_going_forward(ready):
    ballot = open_ballot(ready)

    assert titles(ballot) == ["1. Pay", "2. Housing", "3. Transport"]
    assert (ballot.choices, ballot.priorities, ballot.electorate_size) == (2, 2, 5)
    assert set(ballot.electors.values_list("member_id", flat=True)) == {
        delegate.pk for delegate in ready.delegates
    }
    entry = RecordEntry.objects.get(action="conference.priorities_opened")
    assert entry.payload["topics"] == ["1. Pay", "2. Housing", "3. Transport"]
    assert entry.payload["electorate"] == 5


def test_the_committee_may_put_only_some_topics_on_the_ballot(ready):
    pay, _housing, transport = ready.motions

    ballot = open_ballot(ready, priorities=1, topics=[f"motion:{transport.pk}", f"motion:{pay.pk}"])

    assert titles(ballot) == ["1. Pay", "3. Transport"]


def test_a_topic_that_does_not_go_forward_is_refused(ready):
    pay = ready.motions[0]
    services.ruling_make(
        person=ready.chair.person,
        member=ready.chair,
        conference=ready.conference,
        kind="out-of-order",
        reason="Not ours.",
        motion=pay,
        now=after_delegates(ready.conference),
    )

    with pytest.raises(InvalidInput):
        open_ballot(ready, priorities=1, topics=[f"motion:{pay.pk}", "motion:99999"])
    assert titles(open_ballot(ready, priorities=1)) == ["2. Housing", "3. Transport"]


def test_only_the_standing_orders_committee_opens_it(ready):
    delegate = ready.delegates[0]

    with pytest.raises(NotPermitted):
        services.priorities_open(
            person=delegate.person,
            member=delegate,
            conference=ready.conference,
            choices=2,
            priorities=2,
            closes_at=after_delegates(ready.conference) + HOUR,
            now=after_delegates(ready.conference),
        )
    assert not PrioritiesBallot.objects.exists()


def test_it_opens_once_the_delegates_hold_credentials_and_until_the_conference_closes(ready):
    conference = ready.conference

    with pytest.raises(OutsideWindow):
        open_ballot(ready, now=at(conference.delegates_by))
    with pytest.raises(OutsideWindow):
        open_ballot(ready, now=at(conference.closes_on + datetime.timedelta(days=1)))
    assert open_ballot(ready, now=at(conference.closes_on)).state == "open"


def test_voting_closes_after_now_and_by_the_end_of_the_conference(ready):
    now = after_delegates(ready.conference)
    last_midnight = at(ready.conference.closes_on + datetime.timedelta(days=1)) - 12 * HOUR

    with pytest.raises(InvalidInput):
        open_ballot(ready, closes_at=now)
    with pytest.raises(InvalidInput):
        open_ballot(ready, closes_at=last_midnight + datetime.timedelta(seconds=1))
    assert open_ballot(ready, closes_at=last_midnight).closes_at == last_midnight


@pytest.mark.parametrize(
    ("choices", "priorities"),
    [(2, 3), (2, 0), (0, 2), (4, 2), (True, 1), ("2", 1)],
)
def test_the_numbers_fit_the_topics(ready, choices, priorities):
    with pytest.raises(InvalidInput):
        open_ballot(ready, choices=choices, priorities=priorities)
    assert not PrioritiesBallot.objects.exists()


def test_a_ballot_on_one_topic_is_refused(ready):
    with pytest.raises(InvalidInput):
        open_ballot(ready, choices=1, priorities=1, topics=[f"motion:{ready.motions[0].pk}"])


def test_it_opens_once(ready):
    open_ballot(ready)

    with pytest.raises(AlreadyDone):
        open_ballot(ready)
    assert PrioritiesBallot.objects.count() == 1


def test_without_a_verified_delegate_nobody_could_vote(tree, make_member, secretary):
    unverified = congress(tree, make_member, secretary, verified=False)

    with pytest.raises(OutsideWindow):
        open_ballot(unverified)
    assert not PrioritiesBallot.objects.exists()


# Voting


def test_a_delegate_votes_once(ready):
    ballot = open_ballot(ready)
    delegate = ready.delegates[0]
    vote(ballot, delegate, ["Pay", "Transport"])

    with pytest.raises(AlreadyDone):
        vote(ballot, delegate, ["Housing"])
    assert list(PrioritiesPaper.objects.values_list("topics", flat=True)) == [
        sorted(t.pk for t in ballot.topics.all() if t.title != "2. Housing")
    ]
    assert selectors.priorities_voted(ballot, delegate) is True
    assert selectors.priorities_turnout(ballot) == 1


def test_a_member_who_is_not_a_delegate_does_not_vote(ready):
    ballot = open_ballot(ready)

    with pytest.raises(NotEligible):
        vote(ballot, ready.stranger, ["Pay"])
    assert selectors.priorities_voted(ballot, ready.stranger) is None
    assert not PrioritiesPaper.objects.exists()


def test_a_delegate_verified_after_it_opened_is_not_on_its_electorate(tree, make_member, secretary):
    unverified = congress(tree, make_member, secretary, verified=False)
    first, second = Credential.objects.select_related("term").order_by("pk")[:2]
    review(unverified.verifier, first)
    ballot = open_ballot(unverified)
    review(unverified.verifier, second)

    with pytest.raises(NotEligible):
        vote(ballot, second.term.member, ["Pay"])
    assert list(ballot.electors.values_list("member_id", flat=True)) == [first.term.member_id]


@pytest.mark.parametrize("marks", [["Pay", "Housing", "Transport"], []])
def test_a_paper_approves_from_one_topic_to_the_choices(ready, marks):
    ballot = open_ballot(ready)

    with pytest.raises(InvalidBallot):
        vote(ballot, ready.delegates[0], marks)
    assert selectors.priorities_voted(ballot, ready.delegates[0]) is False


def test_a_paper_approves_only_the_ballots_topics(ready):
    ballot = open_ballot(ready)
    delegate = ready.delegates[0]

    with pytest.raises(InvalidBallot):
        services.priorities_vote(
            person=delegate.person,
            member=delegate,
            ballot=ballot,
            topics=[ballot.topics.first().pk, 99999],
            now=ballot.opened_at,
        )
    assert selectors.priorities_voted(ballot, delegate) is False


def test_nobody_votes_after_the_close(ready):
    ballot = open_ballot(ready)

    with pytest.raises(OutsideWindow):
        vote(ballot, ready.delegates[0], ["Pay"], now=ballot.closes_at)
    assert selectors.priorities_voted(ballot, ready.delegates[0]) is False


def test_a_delegate_votes_in_their_own_name(ready):
    ballot = open_ballot(ready)
    first, second = ready.delegates[:2]

    with pytest.raises(NotPermitted):
        services.priorities_vote(
            person=first.person,
            member=second,
            ballot=ballot,
            topics=[ballot.topics.first().pk],
            now=ballot.opened_at,
        )
    assert not PrioritiesPaper.objects.exists()


# Secrecy (docs/secrecy.md)


def test_no_row_links_a_voter_to_a_paper(ready):
    ballot = open_ballot(ready)
    vote(ballot, ready.delegates[0], ["Pay"])

    paper_columns = {field.column for field in PrioritiesPaper._meta.concrete_fields}
    elector_columns = {field.column for field in PrioritiesElector._meta.concrete_fields}
    assert paper_columns == {"id", "ballot_id", "topics"}
    assert elector_columns == {"id", "ballot_id", "member_id", "has_voted"}
    assert [f.name for f in PrioritiesElector._meta.get_fields() if f.is_relation] == [
        "ballot",
        "member",
    ]


def test_casting_writes_no_record_entry(ready):
    ballot = open_ballot(ready)
    before = RecordEntry.objects.count()

    vote(ballot, ready.delegates[0], ["Pay"])

    assert RecordEntry.objects.count() == before


def test_a_paper_keeps_the_topics_in_ascending_order_not_as_ticked(ready):
    ballot = open_ballot(ready)
    ids = list(ballot.topics.values_list("pk", flat=True))
    delegate = ready.delegates[0]

    services.priorities_vote(
        person=delegate.person,
        member=delegate,
        ballot=ballot,
        topics=[ids[2], ids[0]],
        now=ballot.opened_at,
    )

    assert PrioritiesPaper.objects.get().topics == [ids[0], ids[2]]


def test_the_count_rewrites_the_box_under_fresh_ids(ready):
    ballot = open_ballot(ready)
    for delegate in ready.delegates:
        vote(ballot, delegate, ["Pay"])
    before = set(PrioritiesPaper.objects.values_list("pk", flat=True))

    close(ballot)

    after = set(PrioritiesPaper.objects.values_list("pk", flat=True))
    assert len(after) == 5
    assert not before & after


# The count


def test_the_count_chooses_the_topics_with_most_approvals(ready):
    """By hand: Pay is approved on papers 1, 2 and 4 (3), Housing on 1 and 3 (2), Transport
    on 3, 4 and 5 (3): Pay and Transport reach the floor, Housing does not."""
    ballot = open_ballot(ready)
    papers = [["Pay", "Housing"], ["Pay"], ["Housing", "Transport"], ["Pay", "Transport"]]
    papers.append(["Transport"])
    for delegate, marks in zip(ready.delegates, papers, strict=True):
        vote(ballot, delegate, marks)

    ballot = close(ballot)

    topics = list(ballot.topics.all())
    assert [(t.title, t.approvals, t.priority) for t in topics] == [
        ("1. Pay", 3, True),
        ("2. Housing", 2, False),
        ("3. Transport", 3, True),
    ]
    assert ballot.state == "counted"
    assert ballot.result["papers"] == 5
    assert ballot.result["count"]["method"] == "approval"
    assert ballot.result["count"]["elected"] == ["1. Pay", "3. Transport"]
    assert ballot.result["count"]["stages"][0]["votes"] == {
        "1. Pay": "3",
        "2. Housing": "2",
        "3. Transport": "3",
    }
    assert ballot.result["count"]["tie_breaks"] == []
    assert selectors.priorities_chosen(ready.conference) == {
        f"motion:{ready.motions[0].pk}",
        f"motion:{ready.motions[2].pk}",
    }
    entry = RecordEntry.objects.get(action="conference.priorities_counted")
    assert entry.payload["priorities"] == ["1. Pay", "3. Transport"]
    assert entry.payload["votes"] == {"1. Pay": "3", "2. Housing": "2", "3. Transport": "3"}
    assert (entry.payload["papers"], entry.payload["electorate"]) == (5, 5)


def test_a_tie_for_the_last_place_is_settled_by_the_engines_lot_and_reported(ready):
    """Pay 2, Housing 1, Transport 1, one place after Pay: Housing and Transport tie, and the
    library's lot, seeded from the papers, chooses; counting the same papers again chooses
    alike."""
    ballot = open_ballot(ready)
    papers = [["Pay"], ["Pay", "Housing"], ["Transport"]]
    for delegate, marks in zip(ready.delegates[:3], papers, strict=True):
        vote(ballot, delegate, marks)

    ballot = close(ballot)

    [tie] = ballot.result["count"]["tie_breaks"]
    assert tie["between"] == ["2. Housing", "3. Transport"]
    assert tie["rule"] == "lot"
    again = counting.count(
        counting.Election(
            candidates=("1. Pay", "2. Housing", "3. Transport"),
            seats=2,
            ballots=(
                counting.Ballot(((0,),)),
                counting.Ballot(((0, 1),)),
                counting.Ballot(((2,),)),
            ),
            title=str(ballot),
        ),
        "approval",
    )
    chosen = ["1. Pay", again.candidates[again.elected[1]]]
    assert tie["chosen"] == chosen[1]
    assert ballot.result["count"]["elected"] == chosen
    assert [t.title for t in ballot.topics.all() if t.priority] == sorted(chosen)


def test_it_is_counted_at_the_close_not_before_and_once(ready):
    ballot = open_ballot(ready)
    vote(ballot, ready.delegates[0], ["Pay"])

    assert services.conferences_tick(now=ballot.closes_at - datetime.timedelta(seconds=1)) == []
    assert PrioritiesBallot.objects.get().state == "open"
    close(ballot)
    assert services.priorities_count(ballot=ballot, now=ballot.closes_at) is False
    assert RecordEntry.objects.filter(action="conference.priorities_counted").count() == 1


def test_a_ballot_nobody_voted_in_chooses_nothing(ready):
    ballot = close(open_ballot(ready))

    assert ballot.result == {"papers": 0, "electorate": 5, "count": None, "chosen": []}
    assert not PrioritiesTopic.objects.filter(priority=True).exists()
    assert (
        RecordEntry.objects.get(action="conference.priorities_counted").payload["priorities"] == []
    )
