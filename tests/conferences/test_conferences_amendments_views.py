"""The amendments' pages: a motion's page shows each amendment with its meeting's decision, its
changes line by line and the amendments it conflicts with; another sending body's officer finds
the form that amends it, until the amendments deadline; the motion's body accepts one as
friendly with a button."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from tests.conferences.amending import AMENDED, RULEBOOK, TEXT, amend, branch_secretary, motion
from tests.conferences.steps import DAY, call

from newcourse.conferences.models import Amendment


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def conference(tree, officer_of):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    return call(secretary, tree["international"], unit_kind="Branch")


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def north_motion(tree, conference, north_secretary):
    return motion(north_secretary, conference, tree["north"])


def form_data(body, **extra):
    return {
        "body": body.pk,
        "text": AMENDED,
        "meeting_on": timezone.localdate().isoformat(),
        "votes_for": "5",
        "votes_against": "1",
        "votes_abstain": "0",
        **extra,
    }


def test_the_motion_page_shows_each_amendment_with_its_changes(
    client, tree, north_motion, south_secretary, make_member
):
    amend(south_secretary, north_motion, tree["south"])
    amend(
        south_secretary,
        north_motion,
        tree["south"],
        text=AMENDED.replace("strike", "campaign"),
    )
    client.force_login(make_member(tree["far"]).person)
    html = client.get(reverse("motion", args=[north_motion.pk])).content.decode()
    assert "Amendment 1, by South" in html
    assert '<p class="muted">Line 3 (was line 3)</p>' in html
    assert '<del class="diff-line">Conference resolves to fight for a pay rise.</del>' in html
    assert '<ins class="diff-line">Conference resolves to strike for a pay rise.</ins>' in html
    assert '<p><strong>Conflicts with</strong> <a href="#amendment-2">amendment 2</a></p>' in html
    assert "Carried at the meeting of" in html and "5 for, 1 against, 0 abstentions." in html
    assert reverse("amendment_submit", args=[north_motion.pk]) not in html
    assert "Accept as friendly" not in html


def test_without_amendments_the_motion_page_says_so(client, tree, north_motion, north_secretary):
    client.force_login(north_secretary.person)
    html = client.get(reverse("motion", args=[north_motion.pk])).content.decode()
    assert "No amendment submitted yet." in html
    # North's own officer does not amend North's motion.
    assert reverse("amendment_submit", args=[north_motion.pk]) not in html


def test_another_bodys_officer_sees_the_amend_link_until_the_deadline(
    client, tree, conference, north_motion, south_secretary
):
    client.force_login(south_secretary.person)
    link = f'<a href="/motions/{north_motion.pk}/amend/">Amend this motion</a>'
    assert link in client.get(reverse("motion", args=[north_motion.pk])).content.decode()
    conference.amendments_by = timezone.localdate() - DAY
    conference.save(update_fields=["amendments_by"])
    assert link not in client.get(reverse("motion", args=[north_motion.pk])).content.decode()


def test_the_amend_form_is_filled_with_the_motions_text(
    client, tree, north_motion, south_secretary
):
    client.force_login(south_secretary.person)
    page = client.get(reverse("amendment_submit", args=[north_motion.pk]))
    assert page.status_code == 200
    assert page.context["form"]["text"].value() == TEXT
    assert list(page.context["form"].fields["body"].queryset) == [tree["south"]]
    assert not Amendment.objects.exists()


def test_the_officer_amends_and_lands_on_the_amendment(client, tree, north_motion, south_secretary):
    client.force_login(south_secretary.person)
    response = client.post(
        reverse("amendment_submit", args=[north_motion.pk]), form_data(tree["south"])
    )
    amendment = Amendment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/motions/{north_motion.pk}/#amendment-1"
    assert (amendment.number, amendment.body, amendment.text) == (1, tree["south"], AMENDED)


def test_an_amendment_that_changes_nothing_is_a_form_error(
    client, tree, north_motion, south_secretary
):
    client.force_login(south_secretary.person)
    response = client.post(
        reverse("amendment_submit", args=[north_motion.pk]), form_data(tree["south"], text=TEXT)
    )
    assert response.status_code == 200
    assert "The amendment changes nothing in the motion." in response.content.decode()
    assert not Amendment.objects.exists()


def test_the_motions_own_officer_finds_no_amend_form(client, tree, north_motion, north_secretary):
    client.force_login(north_secretary.person)
    url = reverse("amendment_submit", args=[north_motion.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(tree["north"])).status_code == 404
    assert not Amendment.objects.exists()


def test_the_motions_officer_accepts_an_amendment_as_friendly(
    client, tree, north_motion, north_secretary, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])
    client.force_login(north_secretary.person)
    html = client.get(reverse("motion", args=[north_motion.pk])).content.decode()
    assert f'action="/amendments/{amendment.pk}/accept/"' in html
    response = client.post(reverse("amendment_accept", args=[amendment.pk]))
    assert response.status_code == 302
    amendment.refresh_from_db()
    assert amendment.friendly is True
    html = client.get(reverse("motion", args=[north_motion.pk])).content.decode()
    assert '<span class="badge">accepted as friendly</span>' in html
    assert f'action="/amendments/{amendment.pk}/accept/"' not in html


def test_another_bodys_officer_cannot_accept_and_get_changes_nothing(
    client, tree, north_motion, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])
    client.force_login(south_secretary.person)
    assert client.get(reverse("amendment_accept", args=[amendment.pk])).status_code == 405
    client.post(reverse("amendment_accept", args=[amendment.pk]))
    amendment.refresh_from_db()
    assert amendment.friendly is False
    assert client.post(reverse("amendment_accept", args=[amendment.pk + 1])).status_code == 404


def test_the_amendments_speak_french(client, tree, north_motion, south_secretary):
    amend(south_secretary, north_motion, tree["south"])
    client.force_login(south_secretary.person)
    with translation.override(translation.get_language()):
        page = client.get(reverse("motion", args=[north_motion.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    assert "Amendement 1, par South" in html
    assert "Amender cette motion" in html
