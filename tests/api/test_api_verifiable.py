"""The verifiable-election endpoints: public parameters, the board, the tellers' files (a
whole key ceremony and count scripted over the API with tokens, as `curl` would), the tellers'
download after the close and the record, which `newcourse verify` accepts."""

import datetime
import io
import json
import zipfile

import pytest
from django.test import Client

from newcourse import crypto
from newcourse.api import views as api_views
from newcourse.crypto import (
    teller_step_commit,
    teller_step_deal,
    teller_step_decrypt,
    teller_step_keygen,
    teller_step_receive,
)
from newcourse.crypto._verify_cli import main as verify_main
from newcourse.demo.tellers import cast
from newcourse.elections import services
from newcourse.elections.models import ElectionStatus
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable import services as verifiable_services
from newcourse.verifiable.models import TellerMessage

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def verifiable_voters(electorate):
    """The verifiable election's voters are the six of the API's electorate: Voters 0, 1 and 2
    stand (nominated by Voter 3, seconded by 4), and Voter 5 only looks on."""
    return electorate


@pytest.fixture
def ceremony(tellers, schedule_verifiable, home):
    """A verifiable plurality election whose voting was due an hour ago and waits for the
    region's five tellers' key ceremony."""
    election = schedule_verifiable()
    assert election.verifiable and election.status == ElectionStatus.NOMINATIONS
    return election


def url(election, rest):
    return f"/api/v1/elections/{election.pk}/{rest}"


def send_file(client, election, path):
    """POST a teller's file as `curl --data-binary @FILE` does (form-encoded content type)."""
    return client.generic(
        "POST",
        url(election, "tellers/"),
        path.read_bytes(),
        content_type="application/x-www-form-urlencoded",
    )


def fetch_bundle(client, election, kind, directory):
    response = client.get(url(election, f"tellers/{kind}/"))
    assert response.status_code == 200, response.content
    path = directory / f"{kind}-bundle.json"
    path.write_bytes(response.content)
    return path


@pytest.fixture
def teller_clients(tellers, bearer):
    """Each teller's client, sending the teller's token."""
    return [bearer(member, name="teller") for member in tellers]


def ceremony_over_the_api(election, clients, directory):
    """Every teller runs `newcourse teller` in a directory of its own and hands in each file
    with its token; between steps each downloads the bundle of the step before."""
    folders = [directory / f"teller-{i}" for i in range(1, 6)]
    for index, (client, folder) in enumerate(zip(clients, folders, strict=True), 1):
        teller_step_keygen(
            folder, election_id=election.verification.record_id, index=index, tellers=5, threshold=3
        )
        response = send_file(client, election, folder / "public-key.json")
        assert response.status_code == 201, response.content
        assert response.json() == {"kind": "public-key", "teller": index}
    steps = (
        (teller_step_commit, "public-key", "commitment.json"),
        (teller_step_deal, "commitment", "deal.json"),
        (teller_step_receive, "deal", "complaints.json"),
    )
    for step, reads, writes in steps:
        for client, folder in zip(clients, folders, strict=True):
            step(folder, [fetch_bundle(client, election, reads, folder)])
            response = send_file(client, election, folder / writes)
            assert response.status_code == 201, response.content
    return dict(zip(range(1, 6), folders, strict=True))


@pytest.fixture
def open_election(ceremony, teller_clients, tmp_path, open_verifiable):
    """The ceremony done over the API; voting opens with the next look at the election, and
    every elector's credential is emailed."""
    return open_verifiable(ceremony, ceremony_over_the_api(ceremony, teller_clients, tmp_path))


def cast_ballots(election, electorate, codes):
    """Voter 0 votes for the first candidate, Voter 1 audits a ballot then votes, Voter 2
    votes and votes again. Returns the trackers in board order."""

    def code(n):
        return codes[electorate[n].person.email]

    trackers = [cast(election, electorate[0], code(0), [1, 0, 0])]
    cast(election, electorate[1], code(1), [0, 1, 0], audit=True)
    trackers.append(cast(election, electorate[1], code(1), [0, 1, 0]))
    trackers.append(cast(election, electorate[2], code(2), [0, 0, 1]))
    trackers.append(cast(election, electorate[2], code(2), [1, 0, 0]))
    return trackers


@pytest.fixture
def closed(open_election, electorate):
    election, folders, codes = open_election
    trackers = cast_ballots(election, electorate, codes)
    election = services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    assert election.status == ElectionStatus.CLOSED
    return election, folders, trackers


# GET /elections/{id}/verifiable/


def test_verifiable_gives_what_ballot_js_takes_with_tellers_and_board(
    open_election, electorate, tellers, as_member
):
    election, _folders, codes = open_election
    client = as_member(electorate[5])
    response = client.get(url(election, "verifiable/"))
    assert response.status_code == 200
    data = response.json()
    public = verifiable.public_json(election)
    assert {k: data[k] for k in public} == public
    assert data["fingerprint"] == election.verification.fingerprint
    assert len(data["credentials"]) == election.electorate_size
    ceremony = ["public-key", "commitment", "deal", "complaints"]
    assert data["tellers"] == [
        {"index": i, "name": f"Teller {i - 1}", "handed_in": ceremony} for i in range(1, 6)
    ]
    assert data["threshold"] == 3
    genesis = crypto.genesis_hash(bytes.fromhex(election.verification.fingerprint)).hex()
    assert (data["board_head"], data["ballots"]) == (genesis, 0)

    trackers = cast_ballots(election, electorate, codes)
    data = client.get(url(election, "verifiable/")).json()
    assert data["ballots"] == len(trackers) == 4
    assert data["board_head"] == verifiable.board_head(election) != genesis


def test_a_ballot_encrypted_from_the_published_parameters_is_accepted(open_election, electorate):
    """The public JSON is enough to rebuild the election a ballot is encrypted for."""
    election, _folders, codes = open_election
    data = Client()
    data.force_login(electorate[0].person)
    public = data.get(url(election, "verifiable/")).json()
    rebuilt = crypto.Election(
        crypto.Manifest.from_json(public["manifest"]),
        crypto.Point.from_hex(public["election_key"]),
        tuple(tuple(crypto.Point.from_hex(c) for c in row) for row in public["commitments"]),
        tuple(
            crypto.Credential(crypto.Point.from_hex(c["key"]), c["weight"])
            for c in public["credentials"]
        ),
        bytes.fromhex(public["ceremony"]),
    )
    assert rebuilt.fingerprint.hex() == public["fingerprint"]
    secret = crypto.credential_from_code(
        election.verification.record_id, codes[electorate[0].person.email]
    )
    opened = crypto.ballot_encrypt(election=rebuilt, credential_secret=secret, marks=[[0, 0, 1]])
    verifiable_services.board_cast(
        election=election, member=electorate[0], ballot=opened.ballot.to_json()
    )


def test_verifiable_during_the_key_ceremony_is_not_yet(ceremony, electorate, as_member):
    response = as_member(electorate[0]).get(url(ceremony, "verifiable/"))
    assert response.status_code == 409
    assert (
        response.json()["detail"]
        == "The election key is not fixed yet: the tellers' key ceremony is still under way."
    )


def test_a_secret_ballot_has_no_verifiable_endpoints(voting, electorate, as_member):
    election, _candidates = voting
    client = as_member(electorate[0])
    for rest in ["verifiable/", "board/", "tellers/public-key/", "for-tellers.zip", "record.zip"]:
        response = client.get(url(election, rest))
        assert response.status_code == 404, rest
        assert response.json()["detail"].startswith("This election is not verifiable")
    response = client.post(url(election, "tellers/"), data="{}", content_type="application/json")
    assert response.status_code == 404


def test_verifiable_is_closed_to_outsiders_and_strangers(open_election, tree, make_member):
    election, _folders, _codes = open_election
    assert Client().get(url(election, "verifiable/")).status_code == 401
    outsider = Client()
    outsider.force_login(make_member(tree["far"]).person)
    response = outsider.get(url(election, "verifiable/"))
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such election, or it is not open to you."


# GET /elections/{id}/board/


def test_board_lists_trackers_and_chain_never_credentials_or_ballots(
    open_election, electorate, as_member
):
    election, _folders, codes = open_election
    trackers = cast_ballots(election, electorate, codes)
    response = as_member(electorate[5]).get(url(election, "board/"))
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["page"], page["pages"], page["next"], page["previous"]) == (
        4,
        1,
        1,
        None,
        None,
    )
    entries = list(verifiable.board_entries(election))
    assert page["entries"] == [
        {"seq": e.seq, "tracker": e.tracker.hex(), "supersedes": e.supersedes, "hash": e.hash.hex()}
        for e in entries
    ]
    assert [e["tracker"] for e in page["entries"]] == trackers
    assert [e["supersedes"] for e in page["entries"]] == [None, None, None, 2]
    assert page["entries"][-1]["hash"] == verifiable.board_head(election)


def test_board_pages(open_election, electorate, as_member, monkeypatch):
    monkeypatch.setattr(api_views, "BOARD_PAGE_SIZE", 3)
    election, _folders, codes = open_election
    cast_ballots(election, electorate, codes)
    client = as_member(electorate[5])
    first = client.get(url(election, "board/")).json()
    assert [e["seq"] for e in first["entries"]] == [0, 1, 2]
    assert first["next"] == f"/api/v1/elections/{election.pk}/board/?page=2"
    second = client.get(first["next"]).json()
    assert [e["seq"] for e in second["entries"]] == [3]
    assert (second["page"], second["pages"], second["next"]) == (2, 2, None)
    assert second["previous"] == f"/api/v1/elections/{election.pk}/board/?page=1"
    for bad in ["0", "two", "-1"]:
        response = client.get(url(election, f"board/?page={bad}"))
        assert response.status_code == 400
        assert response.json()["detail"] == "“page” must be a whole number from 1."
    response = client.get(url(election, "board/?page=3"))
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no page 3: the board has 2."


# The tellers' files: GET /elections/{id}/tellers/{kind}/ and POST /elections/{id}/tellers/


def test_the_key_ceremony_scripted_over_the_api_opens_the_vote(open_election, electorate):
    election, _folders, codes = open_election
    assert election.voter_credentials.count() == election.electorate_size == len(codes)
    assert TellerMessage.objects.filter(teller__election=election).count() == 20


def test_a_bundle_waits_for_every_teller(ceremony, teller_clients, tmp_path):
    client = teller_clients[0]
    teller_step_keygen(
        tmp_path, election_id=ceremony.verification.record_id, index=1, tellers=5, threshold=3
    )
    assert send_file(client, ceremony, tmp_path / "public-key.json").status_code == 201
    response = client.get(url(ceremony, "tellers/public-key/"))
    assert response.status_code == 409
    assert (
        response.json()["detail"] == "1 of 5 tellers have handed in this step; wait for the others."
    )


def test_a_bundle_holds_every_tellers_file_in_order(open_election, as_member, electorate):
    election, folders, _codes = open_election
    response = as_member(electorate[5]).get(url(election, "tellers/deal/"))
    assert response.status_code == 200
    bundle = response.json()
    assert (bundle["format"], bundle["kind"], bundle["election_id"]) == (
        "newcourse-teller-bundle/1",
        "deal",
        election.verification.record_id,
    )
    assert bundle["messages"] == [
        json.loads((folders[i] / "deal.json").read_text(encoding="utf-8")) for i in range(1, 6)
    ]


def test_there_is_no_bundle_of_other_steps(ceremony, as_member, electorate):
    client = as_member(electorate[0])
    for kind in ["decryption-share", "teller-secret", "shares"]:
        response = client.get(url(ceremony, f"tellers/{kind}/"))
        assert response.status_code == 404
        assert (
            response.json()["detail"]
            == "There is no such step: give public-key, commitment, deal, complaints."
        )


def test_teller_files_are_refused_with_the_reason(
    ceremony, teller_clients, electorate, bearer, tmp_path
):
    teller_step_keygen(
        tmp_path, election_id=ceremony.verification.record_id, index=1, tellers=5, threshold=3
    )
    key = tmp_path / "public-key.json"

    response = send_file(bearer(electorate[0]), ceremony, key)
    assert (response.status_code, response.json()["detail"]) == (
        403,
        "You are not one of this election's tellers.",
    )
    response = send_file(teller_clients[1], ceremony, key)
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "This file was made by teller 1; you are teller 2.",
    )
    client = teller_clients[0]
    response = client.post(url(ceremony, "tellers/"), data="not json", content_type="text/plain")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON")
    response = client.post(url(ceremony, "tellers/"), data="", content_type="application/json")
    assert response.status_code == 400
    assert "not a teller's file" in response.json()["detail"]
    secret = tmp_path / "teller-secret.json"
    response = send_file(client, ceremony, secret)
    assert response.status_code == 400
    assert "one to keep, not to hand in" in response.json()["detail"]

    assert send_file(client, ceremony, key).status_code == 201
    response = send_file(client, ceremony, key)
    assert (response.status_code, response.json()["detail"]) == (
        409,
        "You have already handed in your Public key file.",
    )
    early = {
        "format": "newcourse-teller/1",
        "kind": "commitment",
        "election_id": ceremony.verification.record_id,
        "dealer": 1,
        "commitment": "00" * 32,
    }
    response = client.post(url(ceremony, "tellers/"), data=early, content_type="application/json")
    assert response.status_code == 409
    assert "1 of 5 are in" in response.json()["detail"]
    assert TellerMessage.objects.filter(teller__election=ceremony).count() == 1


def test_a_session_must_send_the_csrf_token_to_hand_in_a_file(ceremony, tellers, tmp_path):
    teller_step_keygen(
        tmp_path, election_id=ceremony.verification.record_id, index=1, tellers=5, threshold=3
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(tellers[0].person)
    response = send_file(client, ceremony, tmp_path / "public-key.json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


# GET /elections/{id}/for-tellers.zip and /elections/{id}/record.zip


def test_for_tellers_zip_waits_for_the_close(open_election, as_member, electorate):
    election, _folders, _codes = open_election
    response = as_member(electorate[0]).get(url(election, "for-tellers.zip"))
    assert response.status_code == 409
    assert response.json()["detail"].startswith("The tellers' files are published when voting")


def test_record_zip_waits_for_the_declaration(closed, as_member, electorate):
    election, _folders, _trackers = closed
    response = as_member(electorate[0]).get(url(election, "record.zip"))
    assert response.status_code == 409
    assert (
        response.json()["detail"] == "The election record is published when the result is declared."
    )


def test_tellers_decrypt_from_the_zip_and_the_record_verifies(
    closed, teller_clients, electorate, as_member, tmp_path
):
    election, folders, trackers = closed
    for index in (2, 4, 5):
        client = teller_clients[index - 1]
        response = client.get(url(election, "for-tellers.zip"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"] == (
            f'attachment; filename="election-{election.pk}-for-tellers.zip"'
        )
        published = tmp_path / f"for-teller-{index}.zip"
        published.write_bytes(response.content)
        assert sorted(zipfile.ZipFile(published).namelist()) == [
            "aggregate.json",
            "board.json",
            "credentials.json",
            "manifest.json",
            "tellers.json",
        ]
        teller_step_decrypt(folders[index], published)
        response = send_file(client, election, folders[index] / "decryption-share.json")
        assert response.status_code == 201, response.content
        assert response.json() == {"kind": "decryption-share", "teller": index}
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECLARED
    assert election.result["elected"] == [electorate[0].person.full_name]

    response = as_member(electorate[5]).get(url(election, "record.zip"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    folder = f"election-{election.pk}-record"
    assert response["Content-Disposition"] == f'attachment; filename="{folder}.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert all(name.startswith(f"{folder}/") for name in archive.namelist())
        archive.extractall(tmp_path / "unzipped")
    record = tmp_path / "unzipped" / folder
    assert verify_main([str(record), "--processes", "1", "--tracker", trackers[0]]) == 0

    late = send_file(teller_clients[0], election, folders[2] / "decryption-share.json")
    assert late.status_code == 400  # another teller's file


def test_a_fourth_share_after_the_count_is_refused(closed, teller_clients, tmp_path):
    election, folders, _trackers = closed
    published = tmp_path / "published.zip"
    published.write_bytes(teller_clients[0].get(url(election, "for-tellers.zip")).content)
    for index in (1, 2, 3, 4):
        teller_step_decrypt(folders[index], published)
    for index in (1, 2, 3):
        response = send_file(
            teller_clients[index - 1], election, folders[index] / "decryption-share.json"
        )
        assert response.status_code == 201
    response = send_file(teller_clients[3], election, folders[4] / "decryption-share.json")
    assert response.status_code == 409
