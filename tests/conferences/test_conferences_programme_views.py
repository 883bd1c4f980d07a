"""The programme's pages: an officer who calls conferences writes the first version; members
read it by numbered line, each line credited to the decision that last changed it, and compare
any two versions; a branch officer starts a programme amendment from the programme as it
stands, and its motion page shows what it changes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.conferences.amending import RULEBOOK, branch_secretary
from tests.conferences.deciding import PROGRAMME, carried, programme_amendment
from tests.conferences.steps import committee

from newcourse.conferences import services
from newcourse.conferences.models import Motion, ProgrammeVersion


@pytest.fixture
def rulebook_parameters():
    return {**RULEBOOK, "motions.max_words": "40"}


@pytest.fixture
def north(tree, make_member):
    return branch_secretary(tree["north"], make_member)


def test_the_secretary_writes_the_first_programme_from_the_page(client, tree, secretary):
    client.force_login(secretary.person)
    page = reverse("programme", args=["international"])
    found = reverse("programme_found", args=["international"])
    assert found in client.get(page).content.decode()
    assert client.post(found, {"text": ""}).status_code == 200  # answered on the form
    assert not ProgrammeVersion.objects.exists()
    response = client.post(found, {"text": PROGRAMME})
    assert response.status_code == 302
    html = client.get(page).content.decode()
    assert "Rents controlled in every city." in html
    assert found not in html


def test_a_member_reads_the_programme_but_finds_no_form_to_write_it(client, tree, north):
    client.force_login(north.person)
    html = client.get(reverse("programme", args=["international"])).content.decode()
    assert "This body has no programme yet." in html
    assert client.get(reverse("programme_found", args=["international"])).status_code == 404
    assert (
        client.get(reverse("programme", args=["international"]) + "?version=4").status_code == 404
    )


def test_versions_are_compared_and_each_changed_line_credited_to_its_motion(
    client, tree, secretary, conference, make_member, north
):
    services.programme_found(
        person=secretary.person, member=secretary, body=tree["international"], text=PROGRAMME
    )
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    motion = programme_amendment(north, conference, tree["north"], "every city", "every town")
    carried(chair, conference, motion)
    client.force_login(north.person)
    html = client.get(reverse("programme", args=["international"]) + "?compare=1").content.decode()
    assert "What changed from version 1 to version 2" in html
    assert '<ins class="diff-line">2.1 Rents controlled in every town.</ins>' in html
    assert f'href="{motion.get_absolute_url()}"' in html
    older = client.get(reverse("programme", args=["international"]) + "?version=1&compare=2")
    html = older.content.decode()
    assert "Version 1, adopted" in html
    assert '?version=1" aria-current="page"' in html
    for bad in ("?version=²", "?compare=" + "9" * 5000):
        url = reverse("programme", args=["international"]) + bad
        assert client.get(url).status_code == 200  # read as no version asked for


def test_a_programme_amendment_starts_from_the_programme_and_shows_its_changes(
    client, tree, secretary, conference, north
):
    services.programme_found(
        person=secretary.person, member=secretary, body=tree["international"], text=PROGRAMME
    )
    client.force_login(north.person)
    url = reverse("motion_submit", args=[conference.pk])
    assert "?programme=1" in client.get(url).content.decode()
    form = client.get(url + "?programme=1").context["form"]
    assert form.initial["amends_programme_version"] == 1
    response = client.post(
        url,
        {
            "body": tree["north"].pk,
            "title": "Towns too",
            "text": PROGRAMME.replace("every city", "every town and city"),
            "meeting_on": timezone.localdate().isoformat(),
            "votes_for": 5,
            "votes_against": 1,
            "votes_abstain": 0,
            "amends_programme_version": 1,
        },
    )
    assert response.status_code == 302
    motion = Motion.objects.get()
    html = client.get(motion.get_absolute_url()).content.decode()
    assert "What it changes in the programme" in html
    assert '<ins class="diff-line">2.1 Rents controlled in every town and city.</ins>' in html
