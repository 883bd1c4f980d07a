"""The minutes' pages: the minutes as they stand for anyone who sees the conference, in
English or French, their Markdown to keep, and the PDF once the scheduler has rendered it;
reading them writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.floor.minuting import no_writes, sit

from newcourse.floor.minutes_document import minutes_markdown
from newcourse.floor.selectors_minutes import minutes_of
from newcourse.floor.services.minutes import minutes_render


@pytest.fixture
def sitting(hall):
    return sit(hall)


def test_the_minutes_page_shows_each_vote_and_ruling_and_writes_nothing(client, sitting):
    hall = sitting.hall
    client.force_login(hall.delegates[1].person)
    with no_writes() as writes:
        response = client.get(reverse("floor_minutes", args=[hall.conference.pk]))
    assert (response.status_code, writes) == (200, [])
    page = response.content.decode()
    assert "<h1>Minutes of Congress 2027</h1>" in page
    assert "<h3>Vote 1: Amendment 1.1</h3>" in page
    assert "<td>Delegate 3 (" in page
    assert "<h3>Ruling 2: Amendment 1.1</h3>" in page
    assert "Reason: In order: it changes one line." in page
    assert "<strong>Carried</strong>: 2 for, 0 against, 1 abstentions" in page
    assert reverse("floor_minutes_md", args=[hall.conference.pk]) in page
    assert reverse("floor_minutes_pdf", args=[hall.conference.pk]) not in page


def test_the_minutes_page_is_in_french_for_a_french_reader(client, sitting):
    hall = sitting.hall
    client.force_login(hall.delegates[1].person)
    page = client.get(
        reverse("floor_minutes", args=[hall.conference.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "<h1>Procès-verbal de Congress 2027</h1>" in page
    assert "Markdown, pour les archives" in page


def test_the_markdown_is_a_file_to_keep(client, sitting):
    conference = sitting.hall.conference
    client.force_login(sitting.hall.delegates[0].person)
    with no_writes() as writes:
        response = client.get(reverse("floor_minutes_md", args=[conference.pk]))
    assert writes == []
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="conference-{conference.pk}-minutes.md"'
    )
    assert response.content.decode() == minutes_markdown(minutes_of(conference))


def test_the_pdf_is_served_once_rendered_and_linked_from_the_page(client, sitting):
    conference = sitting.hall.conference
    client.force_login(sitting.hall.delegates[0].person)
    assert client.get(reverse("floor_minutes_pdf", args=[conference.pk])).status_code == 404
    assert minutes_render(conference=conference)
    response = client.get(reverse("floor_minutes_pdf", args=[conference.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")
    page = client.get(reverse("floor_minutes", args=[conference.pk])).content.decode()
    assert reverse("floor_minutes_pdf", args=[conference.pk]) in page
    assert "a new PDF is ready within a minute" not in page


def test_the_conference_page_links_the_minutes(client, sitting):
    conference = sitting.hall.conference
    client.force_login(sitting.hall.delegates[0].person)
    page = client.get(conference.get_absolute_url()).content.decode()
    assert reverse("floor_minutes", args=[conference.pk]) in page


def test_the_minutes_are_read_logged_in(client, sitting):
    conference = sitting.hall.conference
    for name in ("floor_minutes", "floor_minutes_md", "floor_minutes_pdf"):
        response = client.get(reverse(name, args=[conference.pk]))
        assert (response.status_code, response["Location"].split("?")[0]) == (
            302,
            reverse("login"),
        ), name
