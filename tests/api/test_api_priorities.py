"""The priorities ballot through the API: the standing orders committee opens it, a delegate
votes, anyone who sees the conference reads the ballot and, once counted, the report; refusals
answered as problem details, nothing changed. Every response is checked against the OpenAPI
description (conftest)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.prioritising import HOUR, RULEBOOK, close, congress, open_ballot

from newcourse.conferences.models import PrioritiesBallot, PrioritiesPaper

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def ready(tree, make_member, secretary):
    """The congress, its date for delegates yesterday: the API may open the ballot now."""
    return congress(tree, make_member, secretary, start=timezone.localdate() - 8 * DAY)


def url(ready, tail=""):
    return f"/api/v1/conferences/{ready.conference.pk}/priorities/{tail}"


def test_the_committee_opens_the_ballot_and_a_reader_sees_it(bearer, post, as_member, ready):
    pay, _housing, transport = ready.motions
    closes = (timezone.now() + HOUR).replace(microsecond=0)

    response = post(
        bearer(ready.chair),
        url(ready),
        {
            "choices": 1,
            "priorities": 1,
            "closes_at": closes.isoformat(),
            "topics": [f"motion:{pay.pk}", f"motion:{transport.pk}"],
        },
    )

    assert response.status_code == 201
    data = as_member(ready.stranger).get(url(ready)).json()
    ballot = data["ballot"]
    assert [t["title"] for t in ballot["topics"]] == ["1. Pay", "3. Transport"]
    assert (ballot["choices"], ballot["priorities"], ballot["electorate"]) == (1, 1, 5)
    assert (ballot["state"], ballot["voted"], ballot["you_voted"], ballot["count"]) == (
        "open",
        0,
        None,
        None,
    )


def test_a_conference_without_a_ballot_reads_null(as_member, ready):
    assert as_member(ready.stranger).get(url(ready)).json() == {
        "conference": ready.conference.pk,
        "ballot": None,
    }


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"choices": 2, "priorities": 3}, 400),
        ({"choices": "2", "priorities": 1}, 400),
        ({"choices": 2, "priorities": 1, "closes_at": "tomorrow"}, 400),
        ({"choices": 2, "priorities": 1, "closes_at": "2030-01-01T10:00"}, 400),
        ({"choices": 2, "priorities": 1, "topics": "all"}, 400),
    ],
)
def test_bad_openings_are_refused(bearer, post, ready, body, status):
    closes = (timezone.now() + HOUR).isoformat()
    response = post(bearer(ready.chair), url(ready), {"closes_at": closes, **body})

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert not PrioritiesBallot.objects.exists()


def test_only_the_committee_opens_it(bearer, post, ready):
    closes = (timezone.now() + HOUR).isoformat()
    response = post(
        bearer(ready.delegates[0]), url(ready), {"choices": 2, "priorities": 1, "closes_at": closes}
    )

    assert (response.status_code, response.json()["type"].rsplit("/", 1)[1]) == (
        403,
        "not-permitted",
    )


def test_a_delegate_votes_once(bearer, post, ready):
    ballot = open_ballot(ready, now=timezone.now())
    first = ballot.topics.first()
    client = bearer(ready.delegates[0])

    response = post(client, url(ready, "vote/"), {"topics": [first.pk]})

    assert response.status_code == 201
    assert (response.json()["ballot"]["voted"], response.json()["ballot"]["you_voted"]) == (
        1,
        True,
    )
    again = post(client, url(ready, "vote/"), {"topics": [first.pk]})
    assert (again.status_code, again.json()["type"].rsplit("/", 1)[1]) == (409, "already-done")
    assert PrioritiesPaper.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "topics", "status", "code"),
    [
        ("stranger", "first", 403, "not-eligible"),
        ("delegate", "all", 400, "invalid-ballot"),
        ("delegate", "none", 400, "invalid-ballot"),
        ("delegate", "text", 400, "invalid-input"),
    ],
)
def test_bad_votes_are_refused(bearer, post, ready, who, topics, status, code):
    ballot = open_ballot(ready, now=timezone.now())
    ids = list(ballot.topics.values_list("pk", flat=True))
    marks = {"first": ids[:1], "all": ids, "none": [], "text": ["Pay"]}[topics]
    member = ready.stranger if who == "stranger" else ready.delegates[0]

    response = post(bearer(member), url(ready, "vote/"), {"topics": marks})

    assert (response.status_code, response.json()["type"].rsplit("/", 1)[1]) == (status, code)
    assert not PrioritiesPaper.objects.exists()


def test_a_vote_without_a_ballot_is_not_found(bearer, post, ready):
    response = post(bearer(ready.delegates[0]), url(ready, "vote/"), {"topics": [1]})

    assert response.status_code == 404


def test_after_the_count_the_report_is_read(bearer, post, as_member, ready):
    ballot = open_ballot(ready, now=timezone.now())
    pay, housing, _transport = ballot.topics.all()
    for delegate, marks in zip(ready.delegates[:2], [[pay.pk], [pay.pk, housing.pk]], strict=True):
        assert post(bearer(delegate), url(ready, "vote/"), {"topics": marks}).status_code == 201
    PrioritiesBallot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    close(PrioritiesBallot.objects.get(pk=ballot.pk))

    data = as_member(ready.stranger).get(url(ready)).json()["ballot"]

    assert data["state"] == "counted"
    assert [(t["approvals"], t["priority"]) for t in data["topics"]] == [
        (2, True),
        (1, True),
        (0, False),
    ]
    assert data["count"]["method"] == "approval"
    assert data["count"]["elected"] == ["1. Pay", "2. Housing"]


def test_a_count_nobody_voted_in_reads_no_report(as_member, ready):
    ballot = open_ballot(ready, now=timezone.now())
    PrioritiesBallot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    close(PrioritiesBallot.objects.get(pk=ballot.pk))

    data = as_member(ready.stranger).get(url(ready)).json()["ballot"]

    assert (data["state"], data["count"]) == ("counted", None)
    assert [t["approvals"] for t in data["topics"]] == [0, 0, 0]
