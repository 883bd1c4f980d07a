"""The minutes over the API: the same acts as the page, as data and as Markdown in the
reader's language, with the addresses of the Markdown and of the PDF once rendered; reading
them writes nothing. Every response is checked against the OpenAPI description (conftest)."""

from __future__ import annotations

import pytest
from django.utils import translation
from tests.floor.minuting import no_writes, sit
from tests.floor.sitting import RULEBOOK, sitting_hall

from newcourse.floor.minutes_document import minutes_markdown
from newcourse.floor.selectors_minutes import minutes_of
from newcourse.floor.services.minutes import minutes_render


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def sitting(tree, make_member, secretary):
    return sit(sitting_hall(tree, make_member, secretary))


def url(conference):
    return f"/api/v1/conferences/{conference.pk}/minutes/"


def test_the_minutes_as_data_with_each_vote_its_roll_and_the_decision(client, sitting):
    hall = sitting.hall
    # Logged in with a session: a bearer token's use is noted, a session's read writes nothing.
    client.force_login(hall.delegates[2].person)
    with no_writes() as writes:
        response = client.get(url(hall.conference))
    assert (response.status_code, writes) == (200, [])
    data = response.json()
    assert (data["conference"], data["body"], data["attendance"]) == (
        hall.conference.pk,
        "international",
        {"credentialed": 3, "attended": 3, "online": 0},
    )
    assert [(act["act"], act["number"], act["kind"]) for act in data["before"]] == [
        ("ruling", 1, "admissible")
    ]
    (item,) = data["items"]
    assert (item["position"], item["title"], item["speeches"]) == (1, "Cost of living", [])
    assert [(act["act"], act["number"]) for act in item["acts"]] == [
        ("ruling", 2),
        ("vote", 1),
        ("vote", 2),
        ("vote", 3),
    ]
    amendment_vote, motion_vote = item["acts"][1], item["acts"][2]
    assert [(c["name"], c["vote"]) for c in amendment_vote["roll"]] == [
        ("Delegate 2", "for"),
        ("Delegate 3", "against"),
        ("North Secretary", "for"),
    ]
    assert (amendment_vote["for"], amendment_vote["against"], amendment_vote["amendment"]) == (
        2,
        1,
        hall.amendment.pk,
    )
    assert (motion_vote["kind"], motion_vote["roll"]) == ("secret", [])
    assert motion_vote["decision"]["amendments"] == [{"id": hall.amendment.pk, "number": "1.1"}]
    with translation.override("en"):
        assert data["markdown"] == minutes_markdown(minutes_of(hall.conference))
    assert data["markdown_url"] == f"/conferences/{hall.conference.pk}/minutes.md"
    assert (data["pdf_url"], data["pdf_rendered_at"]) == (None, None)


def test_the_pdf_address_once_rendered_and_the_markdown_in_french(bearer, sitting):
    conference = sitting.hall.conference
    minutes_render(conference=conference)
    data = bearer(sitting.hall.delegates[0]).get(url(conference), HTTP_ACCEPT_LANGUAGE="fr").json()
    assert data["pdf_url"] == f"/conferences/{conference.pk}/minutes.pdf"
    assert data["markdown"].startswith("# Procès-verbal de Congress 2027\n")


def test_minutes_of_no_such_conference_are_not_found(bearer, sitting):
    response = bearer(sitting.hall.delegates[0]).get("/api/v1/conferences/999/minutes/")
    assert response.status_code == 404
