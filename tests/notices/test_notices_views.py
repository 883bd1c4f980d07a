"""A member chooses what they are sent; every notice's link stops its kind in one click, and
opening that link changes nothing until the button is pressed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from newcourse.notices import services
from newcourse.notices.models import Delivery, Kind, Preference

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree, make_member):
    return make_member(tree["north"]).person


def test_the_choices_page_shows_and_keeps_each_kinds_delivery(client, person):
    client.force_login(person)
    page = client.get(reverse("notice_preferences")).content.decode()
    assert "Voting opens in an election where you vote" in page

    choices = dict.fromkeys(Kind.values, Delivery.EACH) | {Kind.NOMINATED: Delivery.DIGEST}
    response = client.post(reverse("notice_preferences"), choices)

    assert response.status_code == 302
    assert services.preferences_of(person)[Kind.NOMINATED] == Delivery.DIGEST


def test_an_unknown_delivery_is_refused_and_nothing_kept(client, person):
    client.force_login(person)
    response = client.post(reverse("notice_preferences"), {Kind.NOMINATED: "hourly"})
    assert response.status_code == 200
    assert not Preference.objects.exists()


def test_opening_the_stop_link_changes_nothing_and_the_button_stops_it(person):
    url = services.unsubscribe_url(person, Kind.VOTING_OPEN).split("localhost:8000", 1)[1]
    client = Client(enforce_csrf_checks=True)  # as a mail program's one-click post

    assert "Stop email for" in client.get(url).content.decode()
    assert not Preference.objects.exists()
    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert services.preferences_of(person)[Kind.VOTING_OPEN] == Delivery.NEVER
    assert services.preferences_of(person)[Kind.DECLARED] == Delivery.EACH


def test_a_digest_link_stops_every_kind(person):
    url = services.unsubscribe_url(person, services.ALL_KINDS).split("localhost:8000", 1)[1]
    Client().post(url)
    assert set(services.preferences_of(person).values()) == {Delivery.NEVER}


def test_a_forged_link_is_refused(person):
    url = services.unsubscribe_url(person, Kind.VOTING_OPEN).split("localhost:8000", 1)[1]
    response = Client().post(url[:-3] + "xyz/")
    assert response.status_code == 404
    assert not Preference.objects.exists()


def test_the_choices_page_in_french(client, person):
    person.preferred_language = "fr"
    person.save()
    client.force_login(person)
    page = client.get(reverse("notice_preferences"), headers={"accept-language": "fr"})
    assert "Ce que nous vous envoyons" in page.content.decode()
