"""The credentials report, read by whoever sees the conference; the committee's review and a
delegate's challenge from it, refusals shown as messages; the delegate's printable card with
the QR code of its own address, seen by the delegate and the committee only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from tests.conferences.credentialing import RULEBOOK, credentials_committee, issued, seat
from tests.conferences.steps import call, fixed

from newcourse.conferences.models import Challenge, Credential


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    return [make_member(tree["north"], name=f"North {n}") for n in range(1, 5)]


@pytest.fixture
def conference(tree, secretary, north):
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], north[:2])
    return conference


@pytest.fixture
def chair(tree, make_member, secretary, conference):
    member = make_member(tree["south"], name="Credentials Chair")
    credentials_committee(secretary, conference, [member])
    return member


@pytest.fixture
def credentials(conference):
    return issued(conference)


def report_url(conference):
    return reverse("conference_credentials", args=[conference.pk])


def test_the_conference_page_links_to_the_credentials_report(client, conference, north):
    client.force_login(north[3].person)
    html = client.get(reverse("conference", args=[conference.pk])).content.decode()
    assert f'href="{report_url(conference)}"' in html


def test_a_member_reads_the_report_without_review_forms_or_cards(
    client, conference, credentials, chair, north
):
    client.force_login(north[3].person)
    html = client.get(report_url(conference)).content.decode()
    assert '<div class="table-wrap"><table>' in html
    assert "North 1 <span" in html
    assert "Credentials committee" in html
    assert reverse("credential_review", args=[credentials["North 1"].pk]) not in html
    assert "/credentials/" + credentials["North 1"].token not in html
    assert reverse("credential_challenge", args=[credentials["North 1"].pk]) not in html


def test_the_committee_sees_review_forms_with_a_reason_and_every_card(
    client, conference, credentials, chair
):
    client.force_login(chair.person)
    html = client.get(report_url(conference)).content.decode()
    assert reverse("credential_review", args=[credentials["North 1"].pk]) in html
    assert f'id="review-reason-{credentials["North 1"].pk}"' in html
    assert credentials["North 2"].get_absolute_url() in html


def test_a_delegate_sees_their_own_card_and_may_challenge_the_others(
    client, conference, credentials, north
):
    client.force_login(north[0].person)
    html = client.get(report_url(conference)).content.decode()
    assert credentials["North 1"].get_absolute_url() in html
    assert credentials["North 2"].get_absolute_url() not in html
    assert reverse("credential_challenge", args=[credentials["North 2"].pk]) in html
    assert reverse("credential_challenge", args=[credentials["North 1"].pk]) not in html


def test_the_committee_verifies_from_the_report(client, conference, credentials, chair):
    client.force_login(chair.person)
    credential = credentials["North 1"]
    response = client.post(
        reverse("credential_review", args=[credential.pk]), {"verdict": "verify", "reason": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{report_url(conference)}#credential-{credential.pk}"
    assert Credential.objects.get(pk=credential.pk).status == "verified"


def test_a_rejection_without_a_reason_is_shown_as_a_message_and_changes_nothing(
    client, conference, credentials, chair
):
    client.force_login(chair.person)
    credential = credentials["North 1"]
    response = client.post(
        reverse("credential_review", args=[credential.pk]),
        {"verdict": "reject", "reason": " "},
        follow=True,
    )
    assert "Give the reason the credential is rejected." in response.content.decode()
    assert Credential.objects.get(pk=credential.pk).status == "pending"


def test_a_review_by_someone_outside_the_committee_is_refused(
    client, conference, credentials, north
):
    client.force_login(north[3].person)
    credential = credentials["North 1"]
    response = client.post(
        reverse("credential_review", args=[credential.pk]), {"verdict": "verify"}, follow=True
    )
    assert "Only the credentials committee" in response.content.decode()
    assert Credential.objects.get(pk=credential.pk).status == "pending"


def test_a_review_without_a_verdict_is_refused(client, conference, credentials, chair):
    client.force_login(chair.person)
    credential = credentials["North 1"]
    response = client.post(reverse("credential_review", args=[credential.pk]), {}, follow=True)
    assert "Verify or reject the credential." in response.content.decode()


def test_a_delegate_challenges_from_the_report(client, conference, credentials, north):
    client.force_login(north[0].person)
    credential = credentials["North 2"]
    response = client.post(
        reverse("credential_challenge", args=[credential.pk]),
        {"reason": "Elected after the deadline"},
        follow=True,
    )
    html = response.content.decode()
    assert "The challenge is recorded" in html
    assert "Elected after the deadline" in html
    assert Challenge.objects.get().raised_by == north[0]


def test_a_challenge_without_a_reason_is_refused(client, conference, credentials, north):
    client.force_login(north[0].person)
    response = client.post(
        reverse("credential_challenge", args=[credentials["North 2"].pk]), {}, follow=True
    )
    assert response.status_code == 200
    assert not Challenge.objects.exists()


def test_the_delegate_prints_their_card_with_the_qr_code_of_its_address(
    client, conference, credentials, north
):
    client.force_login(north[0].person)
    credential = credentials["North 1"]
    page = client.get(credential.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>North 1</h1>" in html
    assert "<dd>North</dd>" in html
    assert f"<dd>{north[0].person.email}</dd>" in html
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="qr">', html)
    assert f"http://testserver/credentials/{credential.token}/" in html
    assert "conferences/credential.css" in html


def test_the_committee_sees_a_card_and_nobody_else_does(
    client, conference, credentials, chair, north
):
    url = credentials["North 1"].get_absolute_url()
    client.force_login(chair.person)
    assert client.get(url).status_code == 200
    for outsider in (north[1], north[3]):
        client.force_login(outsider.person)
        assert client.get(url).status_code == 404
    assert client.get(reverse("credential_card", args=["no-such-card"])).status_code == 404


def test_the_report_of_a_conference_not_open_to_the_reader_is_not_found(
    client, tree, officer_of, make_member
):
    section_secretary = officer_of(tree["section"])
    conference = call(section_secretary, tree["section"])
    outsider = make_member(tree["far"])
    client.force_login(outsider.person)
    assert client.get(report_url(conference)).status_code == 404


def test_the_report_and_the_card_speak_french(client, conference, credentials, north):
    client.force_login(north[0].person)
    report = client.get(report_url(conference), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    card = client.get(
        credentials["North 1"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "<h1>Accréditations <span" in report
    assert "Accréditation de délégué·e" in card
