"""The priorities ballot's pages: the standing orders committee opens it from a form listing
the topics going forward; a delegate on its electorate ticks up to the number of topics from
their phone, once; a refused paper is answered with a message and keeps its ticks; after the
count everyone who sees the conference reads the approvals per topic, and the agenda marks the
priorities."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.conferences.prioritising import HOUR, RULEBOOK, close, congress, open_ballot

from newcourse.conferences import services
from newcourse.conferences.models import PrioritiesBallot, PrioritiesPaper
from newcourse.conferences.services.agenda import Entry

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def ready(tree, make_member, secretary):
    """The congress, its date for delegates yesterday: the pages may open the ballot now."""
    return congress(tree, make_member, secretary, start=timezone.localdate() - 8 * DAY)


@pytest.fixture
def ballot(ready):
    return open_ballot(ready, now=timezone.now())


def page(conference):
    return reverse("conference_priorities", args=[conference.pk])


def test_the_conference_page_links_to_the_ballot_and_the_committee_opens_it(client, ready):
    client.force_login(ready.chair.person)
    conference = ready.conference
    assert page(conference) in client.get(conference.get_absolute_url()).content.decode()
    opening = reverse("priorities_open", args=[conference.pk])
    assert opening in client.get(page(conference)).content.decode()
    pay, _housing, transport = ready.motions
    closes = timezone.localtime(timezone.now() + 2 * HOUR)

    response = client.post(
        reverse("priorities_open", args=[conference.pk]),
        {
            "topics": [f"motion:{pay.pk}", f"motion:{transport.pk}"],
            "choices": "1",
            "priorities": "1",
            "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert response.status_code == 302
    ballot = PrioritiesBallot.objects.get()
    assert [t.title for t in ballot.topics.all()] == ["1. Pay", "3. Transport"]
    assert (ballot.choices, ballot.priorities, ballot.electorate_size) == (1, 1, 5)


def test_a_refused_opening_says_why_and_keeps_the_form(client, ready):
    client.force_login(ready.chair.person)
    response = client.post(
        reverse("priorities_open", args=[ready.conference.pk]),
        {
            "topics": [f"motion:{m.pk}" for m in ready.motions],
            "choices": "2",
            "priorities": "3",
            "closes_at": timezone.localtime(timezone.now() + HOUR).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    text = response.content.decode()
    assert "From 1 to 2 of the 3 topics reach the floor: fewer than all." in text
    assert 'name="priorities" value="3"' in text
    assert not PrioritiesBallot.objects.exists()


def test_only_the_committee_reaches_the_form(client, ready):
    client.force_login(ready.delegates[0].person)

    assert client.get(reverse("priorities_open", args=[ready.conference.pk])).status_code == 404
    assert (
        reverse("priorities_open", args=[ready.conference.pk])
        not in client.get(page(ready.conference)).content.decode()
    )


def test_a_delegate_votes_from_the_page_once(client, ready, ballot):
    delegate = ready.delegates[0]
    client.force_login(delegate.person)
    text = client.get(page(ready.conference)).content.decode()
    assert 'type="checkbox" name="topics"' in text
    assert "Tick up to 2." in text
    first = ballot.topics.first()

    response = client.post(
        reverse("priorities_vote", args=[ready.conference.pk]), {"topics": [str(first.pk)]}
    )

    assert response.status_code == 302
    assert PrioritiesPaper.objects.get().topics == [first.pk]
    again = client.get(page(ready.conference)).content.decode()
    assert "You have voted." in again
    assert 'name="topics"' not in again
    assert "1 of 5 delegates have voted." in again


def test_too_many_ticks_are_refused_and_kept(client, ready, ballot):
    client.force_login(ready.delegates[0].person)
    ids = [str(t.pk) for t in ballot.topics.all()]

    response = client.post(reverse("priorities_vote", args=[ready.conference.pk]), {"topics": ids})

    text = response.content.decode()
    assert "Approve at most 2 topics." in text
    assert text.count("checked") == 3
    assert not PrioritiesPaper.objects.exists()


def test_a_member_who_is_not_a_delegate_is_told_so(client, ready, ballot):
    client.force_login(ready.stranger.person)
    assert "Only the delegates on the ballot" in client.get(page(ready.conference)).content.decode()

    response = client.post(
        reverse("priorities_vote", args=[ready.conference.pk]),
        {"topics": [str(ballot.topics.first().pk)]},
    )

    assert "You are not on the electorate of this ballot" in response.content.decode()
    assert not PrioritiesPaper.objects.exists()


def test_after_the_count_the_page_shows_the_approvals_and_the_agenda_marks_the_priorities(
    client, ready, ballot
):
    for delegate, topic in zip(ready.delegates, [0, 0, 1, 2, 0], strict=True):
        services.priorities_vote(
            person=delegate.person,
            member=delegate,
            ballot=ballot,
            topics=[list(ballot.topics.all())[topic].pk],
            now=ballot.opened_at,
        )
    PrioritiesBallot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    close(PrioritiesBallot.objects.get(pk=ballot.pk))
    client.force_login(ready.stranger.person)

    text = client.get(page(ready.conference)).content.decode()

    assert "5 of 5 delegates voted." in text
    assert '<td class="num">3</td>' in text
    assert "A tie for the last place between 2. Housing, 3. Transport was settled by lot" in text
    pay = ready.motions[0]
    services.agenda_publish(
        person=ready.chair.person,
        member=ready.chair,
        conference=ready.conference,
        entries=[Entry(kind="motion", minutes=10, motion=m) for m in ready.motions],
    )
    agenda = client.get(reverse("conference_agenda", args=[ready.conference.pk])).content.decode()
    assert agenda.count('<span class="badge">priority</span>') == 2
    assert f'{pay.get_absolute_url()}">Motion 1: Pay</a> <span class="badge">priority' in agenda


def test_a_conference_without_a_ballot_says_so(client, ready):
    client.force_login(ready.stranger.person)

    text = client.get(page(ready.conference)).content.decode()

    assert "It has not opened one." in text


def test_the_ballot_speaks_french(client, ready, ballot):
    client.force_login(ready.delegates[0].person)

    text = client.get(page(ready.conference), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "<h1>Scrutin des priorités</h1>" in text
    assert "Cochez-en jusqu’à 2." in text
