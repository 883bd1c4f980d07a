"""Standing down on the web: the delegate (or an officer of their body) finds *Stand down* on
their entry in the credentials report, a page that says who takes the seat, and a reason to
give; refusals are shown on the page with the reason kept. The report, the conference page
and the card then show who took whose seat, and the alternates in line."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.conferences.credentialing import RULEBOOK, issued, seat, seat_alternates
from tests.conferences.steps import fixed

from newcourse.conferences.models import Credential
from newcourse.offices import services as office_services


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    """Six members of North, who send two delegates."""
    return [make_member(tree["north"], name=f"North {n}") for n in range(1, 7)]


@pytest.fixture
def conference(tree, secretary, north):
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], north[:2])
    seat_alternates(conference, tree["north"], [north[2]])
    seat(conference, tree["far"], [secretary])
    return conference


@pytest.fixture
def credentials(conference):
    return issued(conference)


def report_url(conference):
    return reverse("conference_credentials", args=[conference.pk])


def stand_down_url(credential):
    return reverse("credential_stand_down", args=[credential.pk])


def test_a_delegate_finds_stand_down_on_their_own_entry_only(
    client, conference, credentials, north
):
    client.force_login(north[0].person)
    html = client.get(report_url(conference)).content.decode()
    assert stand_down_url(credentials["North 1"]) in html
    assert stand_down_url(credentials["North 2"]) not in html


def test_the_report_and_the_conference_page_list_the_alternates_in_line(
    client, conference, credentials, north
):
    client.force_login(north[5].person)
    report = client.get(report_url(conference)).content.decode()
    assert '<li value="1">North 3 <span class="badge">in line</span></li>' in report
    page = client.get(reverse("conference", args=[conference.pk])).content.decode()
    assert '<ol class="alternates"><li value="1">North 3</li></ol>' in page


def test_the_page_says_who_takes_the_seat(client, credentials, north):
    client.force_login(north[0].person)
    html = client.get(stand_down_url(credentials["North 1"])).content.decode()
    assert "You give up your seat in the delegation of North to Congress 2027." in html
    assert "The first alternate in line, North 3, takes the seat at once" in html
    assert 'name="reason"' in html
    assert 'name="viewport"' in html


def test_a_delegate_stands_down_and_the_alternate_takes_the_seat(
    client, conference, credentials, north
):
    client.force_login(north[0].person)
    response = client.post(stand_down_url(credentials["North 1"]), {"reason": "Taken ill"})
    given_up = credentials["North 1"]
    assert response.url == f"{report_url(conference)}#credential-{given_up.pk}"
    assert Credential.objects.get(pk=given_up.pk).status == "stood-down"
    taken = Credential.objects.get(alternate_for=given_up)
    html = client.get(report_url(conference)).content.decode()
    assert "The delegate has stood down." in html
    assert ": Taken ill. The credential is no longer valid." in html
    assert "The seat was taken by North 3, an alternate." in html
    assert "Alternate for North 1: took the seat they gave up." in html
    assert "in the seat of North 1" in html
    assert stand_down_url(given_up) not in html
    client.force_login(north[2].person)
    card = client.get(taken.get_absolute_url()).content.decode()
    assert "<dt>Alternate for</dt><dd>North 1</dd>" in card


def test_the_card_given_up_says_it_is_no_longer_valid(client, credentials, north):
    client.force_login(north[0].person)
    client.post(stand_down_url(credentials["North 1"]), {"reason": "Taken ill"})
    card = client.get(credentials["North 1"].get_absolute_url()).content.decode()
    assert "Stood down (no longer valid)" in card


def test_with_no_alternate_left_the_seat_stays_empty_and_says_so(
    client, conference, credentials, north
):
    client.force_login(north[0].person)
    client.post(stand_down_url(credentials["North 1"]), {"reason": "Taken ill"})
    client.force_login(north[1].person)
    page = client.get(stand_down_url(credentials["North 2"])).content.decode()
    assert "No alternate is left: the seat will stay empty." in page
    client.post(stand_down_url(credentials["North 2"]), {"reason": "Moved away"})
    html = client.get(report_url(conference)).content.decode()
    assert "No alternate was left: the seat is empty." in html


def test_standing_down_without_a_reason_is_refused_on_the_page(client, credentials, north):
    client.force_login(north[0].person)
    response = client.post(stand_down_url(credentials["North 1"]), {"reason": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"


def test_standing_down_twice_is_refused_with_the_reason_kept(client, credentials, north):
    client.force_login(north[0].person)
    client.post(stand_down_url(credentials["North 1"]), {"reason": "Taken ill"})
    response = client.post(stand_down_url(credentials["North 1"]), {"reason": "Still ill"})
    html = response.content.decode()
    assert "This delegate has stood down: the credential is no longer valid." in html
    assert 'value="Still ill"' in html
    assert Credential.objects.filter(alternate_for__isnull=False).count() == 1


def test_a_fellow_delegate_finds_no_stand_down_page(client, credentials, north):
    client.force_login(north[1].person)
    assert client.get(stand_down_url(credentials["North 1"])).status_code == 404
    response = client.post(stand_down_url(credentials["North 1"]), {"reason": "Rival"})
    assert response.status_code == 404
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"


def test_the_stand_down_page_speaks_french(client, credentials, north):
    client.force_login(north[0].person)
    html = client.get(
        stand_down_url(credentials["North 1"]), headers={"accept-language": "fr"}
    ).content.decode()
    assert "Se retirer" in html


def test_an_officer_of_the_body_finds_stand_down_on_each_of_its_delegates(
    client, tree, make_member, conference, credentials
):
    officer = make_member(tree["north"], name="North Secretary")
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Branch secretary"
    )
    office_services.term_record_founding(actor="system:test", office=office, members=[officer])
    client.force_login(officer.person)
    html = client.get(report_url(conference)).content.decode()
    assert stand_down_url(credentials["North 1"]) in html
    assert stand_down_url(credentials["North 2"]) in html
    assert stand_down_url(credentials["Officer Person"]) not in html
    page = client.get(stand_down_url(credentials["North 1"])).content.decode()
    assert "You stand North 1 down from the delegation of North" in page
