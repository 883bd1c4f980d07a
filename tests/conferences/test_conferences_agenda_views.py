"""The agenda's pages: the committee publishes it from a form listing what goes forward with
places and minutes, and business by title; everyone who sees the conference reads the agenda,
the papers by numbered line and, once the scheduler printed it, their PDF."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.conferences.amending import RULEBOOK, amend, branch_secretary, motion

from newcourse.conferences import services
from newcourse.conferences.models import AgendaItem

SOUTH_TEXT = "Conference notes rents doubled.\n\nConference resolves to fight for rent controls."


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def motions(tree, conference, make_member, chair):
    north = branch_secretary(tree["north"], make_member)
    south = branch_secretary(tree["south"], make_member)
    first = motion(north, conference, tree["north"])
    amend(south, first, tree["south"])
    second = motion(south, conference, tree["south"], text=SOUTH_TEXT)
    for each in (first, second):
        services.ruling_make(
            person=chair.person,
            member=chair,
            conference=conference,
            kind="admissible",
            reason="In order.",
            motion=each,
        )
    return first, second


def form(first, second, **extra):
    return {
        f"place_motion:{first.pk}": "20",
        f"minutes_motion:{first.pk}": "15",
        f"place_motion:{second.pk}": "10",
        f"minutes_motion:{second.pk}": "25",
        "extra_0_kind": "report",
        "extra_0_title": "The executive's report",
        "extra_0_place": "5",
        "extra_0_minutes": "30",
        **{f"extra_{k}_kind": "other" for k in range(1, 4)},
        **extra,
    }


def test_the_committee_publishes_the_agenda_in_the_order_of_its_places(
    client, chair, conference, motions
):
    first, second = motions
    client.force_login(chair.person)
    url = reverse("agenda_publish", args=[conference.pk])
    assert url in client.get(reverse("conference_agenda", args=[conference.pk])).content.decode()
    response = client.post(url, form(first, second))
    assert response.status_code == 302
    assert [(i.title, i.minutes) for i in AgendaItem.objects.order_by("position")] == [
        ("The executive's report", 30),
        ("Cost of living", 25),
        ("Cost of living", 15),
    ]
    assert [i.motion for i in AgendaItem.objects.order_by("position")][1:] == [second, first]
    page = client.get(reverse("conference_agenda", args=[conference.pk])).content.decode()
    assert "the PDF is being printed" in page
    assert '<td class="num">70</td>' in page


def test_a_named_item_without_its_time_is_answered_on_the_form(client, chair, conference, motions):
    client.force_login(chair.person)
    response = client.post(
        reverse("agenda_publish", args=[conference.pk]), form(*motions, extra_0_minutes="")
    )
    assert response.status_code == 200
    assert "Give each item you name its place and its minutes." in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_the_form_starts_from_the_published_agenda(client, chair, conference, motions):
    client.force_login(chair.person)
    client.post(reverse("agenda_publish", args=[conference.pk]), form(*motions))
    html = client.get(reverse("agenda_publish", args=[conference.pk])).content.decode()
    assert 'value="The executive&#x27;s report"' in html


def test_a_member_reads_the_papers_and_the_pdf_once_printed(
    pdf_printing, client, chair, conference, motions, make_member, tree
):
    client.force_login(chair.person)
    client.post(reverse("agenda_publish", args=[conference.pk]), form(*motions))
    client.force_login(make_member(tree["north"]).person)
    pdf_url = reverse("conference_papers_pdf", args=[conference.pk])
    assert client.get(pdf_url).status_code == 404
    papers = client.get(reverse("conference_papers", args=[conference.pk])).content.decode()
    assert "Amendment 1, by South" in papers
    assert "The executive&#x27;s report" in papers
    services.conferences_tick()
    response = client.get(pdf_url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content[:5] == b"%PDF-"
    assert (
        pdf_url in client.get(reverse("conference_agenda", args=[conference.pk])).content.decode()
    )


def test_before_the_agenda_there_are_no_papers(client, conference, make_member, tree):
    client.force_login(make_member(tree["north"]).person)
    assert client.get(reverse("conference_papers", args=[conference.pk])).status_code == 404
    page = client.get(reverse("conference_agenda", args=[conference.pk]))
    assert page.status_code == 200
    assert reverse("agenda_publish", args=[conference.pk]) not in page.content.decode()


def test_only_the_committee_finds_the_publishing_form(client, conference, make_member, tree):
    client.force_login(make_member(tree["north"]).person)
    assert client.get(reverse("agenda_publish", args=[conference.pk])).status_code == 404


def test_an_overtaken_agenda_says_so_on_its_page(
    client, chair, conference, motions, make_member, tree
):
    client.force_login(chair.person)
    client.post(reverse("agenda_publish", args=[conference.pk]), form(*motions))
    url = reverse("conference_agenda", args=[conference.pk])
    assert "Business has changed since this version" not in client.get(url).content.decode()
    services.ruling_make(
        person=chair.person,
        member=chair,
        conference=conference,
        kind="out-of-order",
        reason="Reconsidered.",
        motion=motions[1],
    )
    client.force_login(make_member(tree["north"]).person)
    assert "Business has changed since this version" in client.get(url).content.decode()
