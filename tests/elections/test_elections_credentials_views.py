"""The credential authority's page of a verifiable election, and what the election and voting
pages say about credentials: the authority downloads the electors and hands in the public
credentials there; nobody else sees either; the count shows beside the electorate."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newcourse import crypto
from newcourse.demo.tellers import run_key_ceremony
from newcourse.elections import services
from newcourse.elections.models import ElectionStatus


@pytest.fixture
def scheduled(tellers, schedule_verifiable):
    return schedule_verifiable()


def logged_in(client, member):
    client.force_login(member.person)
    return client


def test_the_authority_downloads_the_electors_and_hands_in_the_public_file(
    scheduled, credential_authority, client, home
):
    run_key_ceremony(scheduled, home / "tellers")
    client = logged_in(client, credential_authority)
    page = client.get(reverse("election_credentials_authority", args=[scheduled.pk]))
    assert page.status_code == 200
    assert "newcourse credentials generate" in page.content.decode()
    download = client.get(reverse("election_electors", args=[scheduled.pk]))
    assert download["Cache-Control"] == "no-store"
    electors = crypto.ElectorsList.from_json(json.loads(download.content))
    public, letters = crypto.credentials_generate(electors)
    upload = SimpleUploadedFile("public-credentials.json", json.dumps(public).encode())
    response = client.post(
        reverse("election_credentials_authority", args=[scheduled.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert scheduled.voter_credentials.count() == len(letters)
    election = services.election_advance(election=scheduled)
    assert election.status == ElectionStatus.VOTING


def test_nobody_else_sees_the_authoritys_page_or_the_electors(
    scheduled, credential_authority, tellers, verifiable_voters, client
):
    for member in (tellers[0], verifiable_voters[0]):
        client = logged_in(client, member)
        page = reverse("election_credentials_authority", args=[scheduled.pk])
        assert client.get(page).status_code == 404
        assert client.get(reverse("election_electors", args=[scheduled.pk])).status_code == 404
        assert client.post(page, {}).status_code == 404


def test_the_election_page_says_voting_waits_for_the_authority_and_links_it_for_them(
    scheduled, credential_authority, verifiable_voters, client, home
):
    run_key_ceremony(scheduled, home / "tellers")
    text = logged_in(client, verifiable_voters[0]).get(scheduled.get_absolute_url()).content
    assert b"Voting waits for the credential authority" in text
    assert reverse("election_credentials_authority", args=[scheduled.pk]).encode() not in text
    text = logged_in(client, credential_authority).get(scheduled.get_absolute_url()).content
    assert reverse("election_credentials_authority", args=[scheduled.pk]).encode() in text


def test_the_public_credentials_show_beside_the_electorate(
    open_verifiable_election, verifiable_voters, client
):
    election, _directories, _codes = open_verifiable_election
    text = logged_in(client, verifiable_voters[0]).get(election.get_absolute_url()).content
    n = election.voter_credentials.count()
    assert f"{n}, for an electorate of {election.electorate_size}".encode() in text
    listed = json.loads(client.get(reverse("election_credentials", args=[election.pk])).content)
    assert listed["electorate"] == election.electorate_size == len(listed["credentials"])


def test_the_election_page_says_when_the_body_has_no_credential_authority(
    scheduled, verifiable_voters, client, home
):
    """Voting would wait for an authority nobody holds: the page says what must happen."""
    run_key_ceremony(scheduled, home / "tellers")
    page = logged_in(client, verifiable_voters[0]).get(scheduled.get_absolute_url())
    assert "has no credential authority now" in page.content.decode()


def test_the_election_page_says_nothing_of_it_once_an_authority_is_elected(
    scheduled, credential_authority, verifiable_voters, client, home
):
    run_key_ceremony(scheduled, home / "tellers")
    page = logged_in(client, verifiable_voters[0]).get(scheduled.get_absolute_url())
    assert "Voting waits for the credential authority" in page.content.decode()
    assert "has no credential authority now" not in page.content.decode()
