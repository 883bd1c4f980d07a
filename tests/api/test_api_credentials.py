"""The credential authority over the API, as `newcourse credentials download` and `upload`
do it with the authority's token: the electors list (theirs only), the public credentials
handed in before voting opens, and their count beside the electorate."""

import io
import json
import urllib.error

import pytest

from newcourse import crypto
from newcourse.crypto import _authority_cli
from newcourse.elections.models import ElectionStatus


@pytest.fixture
def verifiable_voters(electorate):
    return electorate


@pytest.fixture
def ceremony(tellers, schedule_verifiable):
    return schedule_verifiable()


def url(election, rest):
    return f"/api/v1/elections/{election.pk}/{rest}"


def test_the_authority_downloads_the_electors_and_hands_in_public_credentials(
    ceremony, credential_authority, bearer, post
):
    client = bearer(credential_authority)
    response = client.get(url(ceremony, "electors/"))
    assert response.status_code == 200
    electors = response.json()
    assert electors["election_id"] == ceremony.verification.record_id
    public, letters = crypto.credentials_generate(crypto.ElectorsList.from_json(electors))
    response = post(client, url(ceremony, "credentials/"), public)
    assert response.status_code == 201, response.content
    assert response.json()["uploaded"] == len(letters) == len(electors["electors"])
    detail = client.get(url(ceremony, "")).json()
    assert detail["credentials"] == len(letters)


def test_nobody_else_reads_the_electors_or_hands_in_credentials(
    ceremony, credential_authority, electorate, tellers, bearer, post
):
    electors = bearer(credential_authority).get(url(ceremony, "electors/")).json()
    public, _letters = crypto.credentials_generate(crypto.ElectorsList.from_json(electors))
    for member in (electorate[0], tellers[0]):
        client = bearer(member)
        assert client.get(url(ceremony, "electors/")).status_code == 403
        assert post(client, url(ceremony, "credentials/"), public).status_code == 403
    assert ceremony.voter_credentials.count() == 0


def test_a_spoilt_file_is_refused_with_the_reason(ceremony, credential_authority, bearer, post):
    client = bearer(credential_authority)
    electors = client.get(url(ceremony, "electors/")).json()
    public, _letters = crypto.credentials_generate(crypto.ElectorsList.from_json(electors))
    public["credentials"][0]["key"] = public["credentials"][1]["key"]
    response = post(client, url(ceremony, "credentials/"), public)
    assert response.status_code == 400
    assert "repeats another key" in response.json()["detail"]


def test_credentials_after_voting_opened_are_refused(
    open_verifiable_election, credential_authority, bearer, post
):
    election, _directories, _codes = open_verifiable_election
    assert election.status == ElectionStatus.VOTING
    client = bearer(credential_authority)
    document = {
        "format": crypto.PUBLIC_CREDENTIALS_FORMAT,
        "election_id": election.verification.record_id,
        "credentials": [],
    }
    assert post(client, url(election, "credentials/"), document).status_code == 409
    detail = client.get(url(election, "")).json()
    assert detail["credentials"] == detail["electorate_size"]


class Answer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_the_authoritys_commands_talk_to_the_api(
    ceremony, credential_authority, bearer, tmp_path, monkeypatch, capsys
):
    """`newcourse credentials download`, `generate`, `upload`, end to end; the HTTP requests
    they make are answered by the test client instead of the network."""
    client = bearer(credential_authority)
    token = client.defaults["HTTP_AUTHORIZATION"].split()[1]

    def urlopen(request, timeout):
        path = request.full_url.removeprefix("http://server.example")
        assert request.headers["Authorization"] == f"Bearer {token}"
        if request.get_method() == "GET":
            response = client.get(path)
        else:
            response = client.post(path, request.data, content_type="application/json")
        if response.status_code >= 400:
            raise urllib.error.HTTPError(
                request.full_url, response.status_code, "", {}, io.BytesIO(response.content)
            )
        return Answer(response.content)

    monkeypatch.setattr(_authority_cli.urllib.request, "urlopen", urlopen)
    monkeypatch.setenv("NEWCOURSE_API_TOKEN", token)
    server = ["--server", "http://server.example", "--election", str(ceremony.pk)]
    electors = tmp_path / "electors.json"
    assert _authority_cli.main(["download", *server, "--out", str(electors)]) == 0
    out = tmp_path / "codes"
    assert _authority_cli.main(["generate", str(electors), "--out", str(out)]) == 0
    public = out / "public-credentials.json"
    assert _authority_cli.main(["upload", *server, str(public)]) == 0
    count = len(json.loads(public.read_text())["credentials"])
    assert ceremony.voter_credentials.count() == count
    assert _authority_cli.main(["upload", *server, str(public)]) == 1  # already held
    assert "already holds a credential" in capsys.readouterr().err
