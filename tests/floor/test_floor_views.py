"""The hall's pages: the chair opens a vote from the console, a delegate votes from their
phone with one button, the projector shows the count of votes cast (never a secret vote's
tally) and then the result; a refusal is answered on the page with its reason."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.floor.sitting import check_in, sitting_today

from newcourse.floor.models import FloorVote


@pytest.fixture
def today(hall):
    sitting_today(hall)
    check_in(hall, *hall.delegates)
    return hall


def floor(hall):
    return reverse("floor", args=[hall.conference.pk])


def test_the_chair_opens_a_vote_a_delegate_casts_and_the_chair_closes_it(client, today):
    conference = today.conference
    client.force_login(today.chair.person)
    page = client.get(floor(today)).content.decode()
    assert "Chair&#x27;s console" in page or "Chair's console" in page
    response = client.post(
        reverse("floor_vote_open", args=[conference.pk]),
        {"kind": "secret", "item": f"amendment:{today.amendment.pk}", "question": ""},
    )
    assert response.status_code == 302
    vote = FloorVote.objects.get()
    assert vote.amendment == today.amendment

    delegate = today.delegates[0]
    client.force_login(delegate.person)
    page = client.get(floor(today)).content.decode()
    assert reverse("floor_vote_cast", args=[conference.pk, vote.pk]) in page
    client.post(reverse("floor_vote_cast", args=[conference.pk, vote.pk]), {"choice": "for"})
    page = client.get(floor(today)).content.decode()
    # The hall's state is the same for all; the page marks the votes this delegate cast.
    assert f'<div class="hall" data-present data-voted="{vote.pk}">' in page

    projector = client.get(reverse("floor_projector", args=[conference.pk])).content.decode()
    assert "1 vote cast." in projector
    assert "for, 0 against" not in projector

    client.force_login(today.chair.person)
    client.post(reverse("floor_vote_close", args=[conference.pk, vote.pk]), {})
    vote.refresh_from_db()
    assert (vote.state, vote.outcome, vote.votes_for) == ("closed", "carried", 1)
    state = client.get(reverse("floor", args=[conference.pk])).content.decode()
    assert "1 for, 0 against, 0 abstaining" in state


def test_a_delegate_sees_no_console_and_a_refused_act_says_why(client, today):
    conference = today.conference
    delegate = today.delegates[1]
    client.force_login(delegate.person)
    page = client.get(floor(today)).content.decode()
    assert reverse("floor_vote_open", args=[conference.pk]) not in page
    response = client.post(
        reverse("floor_vote_open", args=[conference.pk]),
        {"kind": "open", "item": "", "question": "That the chair leave the chair"},
    )
    assert response.status_code == 200
    assert "Only the members of the standing orders committee" in response.content.decode()
    assert not FloorVote.objects.exists()


def test_a_steward_checks_a_delegate_in_at_the_door_and_a_bad_code_is_answered(client, hall):
    sitting_today(hall)
    conference = hall.conference
    client.force_login(hall.chair.person)
    bad = client.post(reverse("floor_check_in", args=[conference.pk]), {"token": "nonsense"})
    assert "No credential to this conference has that code." in bad.content.decode()
    credential = hall.credentials[hall.delegates[0].pk]
    client.post(reverse("floor_check_in", args=[conference.pk]), {"token": credential.token})
    state = client.get(reverse("floor", args=[conference.pk])).content.decode()
    assert "1 of 3 delegates present; the quorum is 2." in state


def test_the_pages_are_for_those_who_may_see_the_conference(client, hall):
    response = client.get(floor(hall))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_delegate_asks_to_speak_and_the_chair_calls_them(client, today):
    conference = today.conference
    client.force_login(today.chair.person)
    item = conference.agenda.get(position=1)
    client.post(reverse("floor_take_up", args=[conference.pk]), {"item": item.pk})
    delegate = today.delegates[2]
    client.force_login(delegate.person)
    page = client.get(floor(today)).content.decode()
    assert reverse("speaker_ask", args=[conference.pk]) in page
    client.post(reverse("speaker_ask", args=[conference.pk]), {"stance": "against"})
    refused = client.post(reverse("speaker_ask", args=[conference.pk]), {"stance": "for"})
    assert "already on the list" in refused.content.decode()
    projector = client.get(reverse("floor_projector", args=[conference.pk])).content.decode()
    assert "Delegate 3 (North, against)" in projector
    client.force_login(today.chair.person)
    client.post(reverse("speaker_next", args=[conference.pk]))
    state = client.get(reverse("floor", args=[conference.pk])).content.decode()
    assert "Speaking:" in state
    assert "Delegate 3" in state
    assert 'data-ends-at="' in state
    client.post(reverse("speaker_end", args=[conference.pk]))
    page = client.get(floor(today)).content.decode()
    assert "Who spoke" in page
    assert '<th scope="row">not declared</th><td class="num">1</td>' in page


def test_the_projector_shows_the_text_under_debate_and_the_amendments_changes(client, today):
    conference = today.conference
    client.force_login(today.chair.person)
    client.post(
        reverse("floor_take_up", args=[conference.pk]),
        {"item": conference.agenda.get(position=1).pk},
    )
    projector = reverse("floor_projector", args=[conference.pk])
    shown = client.get(projector).content.decode()
    assert '<li value="3" class="line-paragraph" id="line-3">' in shown
    assert "Conference resolves to fight for a pay rise." in shown
    client.post(
        reverse("floor_vote_open", args=[conference.pk]),
        {"kind": "open", "item": f"amendment:{today.amendment.pk}", "question": ""},
    )
    shown = client.get(projector).content.decode()
    assert '<del class="diff-line">Conference resolves to fight for a pay rise.</del>' in shown
    assert '<ins class="diff-line">Conference resolves to strike for a pay rise.</ins>' in shown


def test_only_the_stewards_console_may_use_the_camera(client, today):
    url = reverse("floor", args=[today.conference.pk])
    client.force_login(today.chair.person)
    assert client.get(url)["Permissions-Policy"].startswith("camera=(self)")
    client.force_login(today.delegates[0].person)
    assert client.get(url)["Permissions-Policy"].startswith("camera=()")
