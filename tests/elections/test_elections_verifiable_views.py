"""The pages of a verifiable election, through the Django test client: the voting page, the cast
and audit endpoints, the board, the tellers' page with its uploads and downloads, the record
download, and what the election page says."""

import datetime
import html
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from newcourse import crypto
from newcourse.crypto import teller_step_decrypt, teller_step_keygen
from newcourse.crypto._verify_cli import main as verify_main
from newcourse.demo.tellers import cast, run_decryption
from newcourse.elections import services
from newcourse.elections.models import Election, ElectionStatus
from newcourse.elections.views_verifiable import option_labels
from newcourse.offices import services as office_services
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import (
    AuditedBallot,
    BoardEntry,
    SeenCiphertext,
    TellerMessage,
    VerifiableElection,
)

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def teller_count():
    """Three tellers, any two of whom can count."""
    return 3


@pytest.fixture
def outsider(tree, make_member):
    """A member of the International: may see the region's election, is not on its electorate."""
    return make_member(tree["international"], name="Outsider")


@pytest.fixture
def scheduled(tellers, schedule_verifiable):
    """A verifiable plurality election for treasurer, three candidates, tellers' ceremony to do."""
    return schedule_verifiable()


def code_of(codes, member):
    return codes[member.person.email]


def vote(election, codes, member, marks, audit=False):
    """`member` casts (or audits) a ballot with the code emailed to them; returns its tracker."""
    return cast(election, member, code_of(codes, member), marks, audit=audit)


def encrypted(election, code, marks):
    """A ballot encrypted as the voting page does, with the member's credential code."""
    return crypto.ballot_encrypt(
        election=verifiable.crypto_election(election),
        credential_secret=crypto.credential_from_code(election.verification.record_id, code),
        marks=[marks],
    )


def post_json(client, name, election, document):
    return client.post(
        reverse(name, args=[election.pk]),
        data=json.dumps(document) if not isinstance(document, str) else document,
        content_type="application/json",
    )


def page_text(response):
    """The page as a reader sees its words (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


# The voting page -----------------------------------------------------------------------


def test_voting_page_shows_the_options_in_manifest_order_and_the_election(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("vote", args=[election.pk]))

    assert response.status_code == 200
    assert response.templates[0].name == "elections/verifiable/vote.html"
    options = election.verification.manifest["questions"][0]["options"]
    assert response.context["options"] == list(enumerate(options))
    text = page_text(response)
    assert election.verification.fingerprint in text
    assert election.verification.manifest["client_code"] in text
    assert 'id="election-public"' in text
    assert "<noscript>" in text
    assert "elections/vote-verifiable.js" in text
    assert "You have already cast a ballot" not in text


def test_voting_page_embeds_the_public_election(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("vote", args=[election.pk]))

    assert response.context["public"] == verifiable.public_json(election)
    assert len(response.context["public"]["credentials"]) == election.electorate_size


def test_voting_page_tells_a_member_who_voted_that_the_last_ballot_counts(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, codes = open_verifiable_election
    vote(election, codes, verifiable_voters[0], [1, 0, 0])
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("vote", args=[election.pk]))

    assert response.status_code == 200
    assert "You have already cast a ballot in this election. You may vote again" in page_text(
        response
    )


def test_voting_page_sends_a_non_elector_back_with_a_message(
    client, open_verifiable_election, outsider
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(outsider.person)

    response = client.get(reverse("vote", args=[election.pk]), follow=True)

    assert response.redirect_chain[-1][0] == election.get_absolute_url()
    assert "You are not on the electorate of this election." in page_text(response)


@pytest.fixture
def open_approval_election(tellers, schedule_verifiable, open_verifiable):
    """A verifiable two-seat approval election with voting open: (election, directories,
    codes)."""
    return open_verifiable(schedule_verifiable(method="approval", title="Committee", seats=2))


def test_voting_page_of_an_approval_election_has_a_checkbox_per_option(
    client, open_approval_election, verifiable_voters
):
    election, _directories, codes = open_approval_election
    question = election.verification.manifest["questions"][0]
    assert (question["min_marks"], question["max_marks"], question["max_per_option"]) == (1, 3, 1)
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("vote", args=[election.pk]))

    text = page_text(response)
    assert text.count('type="checkbox" name="mark"') == 3
    assert 'type="radio"' not in text
    assert "Tick every option you approve of (at least 1, at most 3)." in text
    assert "Mark one option." not in text
    assert "marks_out_of_range" in response.context["texts"]
    # The page's ballot of two approvals is taken by the board.
    tracker = vote(election, codes, verifiable_voters[0], [1, 0, 1])
    assert list(BoardEntry.objects.values_list("tracker", flat=True)) == [tracker]


def test_voting_page_of_a_plurality_election_keeps_its_radio_buttons(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    text = page_text(client.get(reverse("vote", args=[election.pk])))

    assert text.count('type="radio" name="mark"') == 3
    assert 'type="checkbox"' not in text
    assert "Mark one option." in text and "Tick every option" not in text


# The cast and audit endpoints ----------------------------------------------------------


def test_cast_puts_a_ballot_encrypted_with_the_members_code_on_the_board(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, codes = open_verifiable_election
    opened = encrypted(election, code_of(codes, verifiable_voters[0]), [0, 1, 0])
    client.force_login(verifiable_voters[0].person)

    response = post_json(client, "board_cast", election, opened.ballot.to_json())

    assert response.status_code == 200
    assert response.json() == {"tracker": opened.ballot.tracker().hex(), "seq": 0}
    assert list(BoardEntry.objects.values_list("tracker", flat=True)) == [
        opened.ballot.tracker().hex()
    ]


def test_cast_refuses_a_tampered_ballot_and_stores_nothing(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, codes = open_verifiable_election
    document = encrypted(election, code_of(codes, verifiable_voters[0]), [1, 0, 0]).ballot.to_json()
    choices = document["answers"][0]["choices"]
    choices[0]["alpha"], choices[1]["alpha"] = choices[1]["alpha"], choices[0]["alpha"]
    client.force_login(verifiable_voters[0].person)

    response = post_json(client, "board_cast", election, document)

    assert response.status_code == 400
    assert response.json()["error"].startswith("The encrypted ballot was refused")
    assert BoardEntry.objects.count() == SeenCiphertext.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "The ballot could not be read: it is not valid JSON."),
        ("[1, 2]", "The ballot must be a JSON object."),
        ('{"answers": "nonsense"}', "The encrypted ballot was refused"),
    ],
)
def test_cast_refuses_a_malformed_ballot_with_a_message(
    client, open_verifiable_election, verifiable_voters, body, message
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = post_json(client, "board_cast", election, body)

    assert response.status_code == 400
    assert response.json()["error"].startswith(message)
    assert BoardEntry.objects.count() == 0


def test_cast_refuses_a_member_not_on_the_electorate_with_403(
    client, open_verifiable_election, verifiable_voters, outsider
):
    election, _directories, codes = open_verifiable_election
    document = encrypted(election, code_of(codes, verifiable_voters[0]), [1, 0, 0]).ballot.to_json()
    client.force_login(outsider.person)

    response = post_json(client, "board_cast", election, document)

    assert response.status_code == 403
    assert "not on the electorate" in response.json()["error"]
    assert BoardEntry.objects.count() == 0


def test_cast_is_not_found_outside_the_body(
    client, open_verifiable_election, verifiable_voters, tree, make_member
):
    election, _directories, codes = open_verifiable_election
    document = encrypted(election, code_of(codes, verifiable_voters[0]), [1, 0, 0]).ballot.to_json()
    client.force_login(make_member(tree["far"]).person)

    assert post_json(client, "board_cast", election, document).status_code == 404


def test_cast_needs_the_csrf_token(open_verifiable_election, verifiable_voters):
    election, _directories, codes = open_verifiable_election
    document = encrypted(election, code_of(codes, verifiable_voters[0]), [1, 0, 0]).ballot.to_json()
    client = Client(enforce_csrf_checks=True)
    client.force_login(verifiable_voters[0].person)

    assert post_json(client, "board_cast", election, document).status_code == 403
    assert BoardEntry.objects.count() == 0


def test_audit_publishes_the_opened_ballot_which_then_cannot_be_cast(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, codes = open_verifiable_election
    opened = encrypted(election, code_of(codes, verifiable_voters[1]), [0, 0, 1])
    client.force_login(verifiable_voters[1].person)

    audited = post_json(client, "board_audit", election, opened.to_json())
    cast_after = post_json(client, "board_cast", election, opened.ballot.to_json())

    assert audited.status_code == 200
    assert audited.json() == {"tracker": opened.ballot.tracker().hex()}
    assert AuditedBallot.objects.get().document == opened.to_json()
    assert cast_after.status_code == 409
    assert BoardEntry.objects.count() == 0


def test_audit_refuses_an_opening_that_does_not_match(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, codes = open_verifiable_election
    document = encrypted(election, code_of(codes, verifiable_voters[1]), [0, 0, 1]).to_json()
    document["marks"] = [[1, 0, 0]]
    client.force_login(verifiable_voters[1].person)

    response = post_json(client, "board_audit", election, document)

    assert response.status_code == 400
    assert response.json()["error"].startswith("The encrypted ballot was refused")
    assert AuditedBallot.objects.count() == SeenCiphertext.objects.count() == 0


# The board ---------------------------------------------------------------------------


@pytest.fixture
def board(open_verifiable_election, verifiable_voters):
    """Voter 0 votes, voter 1 votes then votes again, voter 2 audits a ballot."""
    election, _directories, codes = open_verifiable_election
    trackers = {
        "counted": vote(election, codes, verifiable_voters[0], [1, 0, 0]),
        "superseded": vote(election, codes, verifiable_voters[1], [0, 1, 0]),
        "again": vote(election, codes, verifiable_voters[1], [0, 0, 1]),
        "audited": vote(election, codes, verifiable_voters[2], [0, 1, 0], audit=True),
    }
    return election, trackers


def test_board_lists_every_entry_in_order_and_which_are_superseded(
    client, board, verifiable_voters
):
    election, trackers = board
    client.force_login(verifiable_voters[4].person)

    response = client.get(reverse("board", args=[election.pk]))

    assert response.status_code == 200
    assert [(entry.seq, entry.tracker, later) for entry, later in response.context["rows"]] == [
        (0, trackers["counted"], None),
        (1, trackers["superseded"], 2),
        (2, trackers["again"], None),
    ]
    assert response.context["head"] == verifiable.board_head(election)
    assert response.context["entries"] == 3
    assert verifiable.board_head(election) in page_text(response)


@pytest.mark.parametrize(
    ("which", "answer"),
    [
        ("counted", "On the board (entry 0) and counted."),
        ("again", "On the board (entry 2) and counted."),
        ("superseded", "superseded by a later ballot with the same credential (entry 2)"),
        ("audited", "Audited: opened and published, never counted."),
    ],
)
def test_board_answers_where_a_tracker_is(client, board, verifiable_voters, which, answer):
    election, trackers = board
    client.force_login(verifiable_voters[4].person)

    response = client.get(
        reverse("board", args=[election.pk]), {"tracker": trackers[which].upper()}
    )

    assert answer in page_text(response)


def test_board_says_a_tracker_is_not_on_it_or_is_mistyped(client, board, verifiable_voters):
    election, _trackers = board
    client.force_login(verifiable_voters[4].person)
    url = reverse("board", args=[election.pk])

    absent = client.get(url, {"tracker": "ab" * 32})
    mistyped = client.get(url, {"tracker": "xyz"})

    assert "Not on the board." in page_text(absent)
    assert mistyped.context["form"].errors["tracker"] == [
        "A tracker is 64 characters, each a digit 0–9 or a letter a–f."
    ]


def test_board_is_not_found_for_an_election_without_encrypted_ballots(
    client, tree, make_member, voting_election
):
    members = [make_member(tree["north"]) for _ in range(4)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    client.force_login(members[0].person)

    assert client.get(reverse("board", args=[election.pk])).status_code == 404
    assert client.get(reverse("tellers", args=[election.pk])).status_code == 404


# The tellers' page -------------------------------------------------------------------


def upload(client, election, document):
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return client.post(
        reverse("tellers", args=[election.pk]),
        {"file": SimpleUploadedFile("file.json", data, content_type="application/json")},
        follow=True,
    )


def test_tellers_page_tells_a_teller_exactly_what_to_run_first(client, scheduled, tellers):
    client.force_login(tellers[1].person)

    response = client.get(reverse("tellers", args=[scheduled.pk]))

    assert response.status_code == 200
    assert response.context["mine"].index == 2
    record_id = scheduled.verification.record_id
    assert response.context["task"].commands == [
        f"newcourse teller keygen teller-{scheduled.pk} --election {record_id} "
        "--index 2 --tellers 3 --threshold 2"
    ]
    assert response.context["task"].upload == "public-key.json"


def test_tellers_page_takes_a_tellers_file_and_refuses_another_tellers(
    client, scheduled, tellers, home
):
    teller_step_keygen(
        home / "t1", election_id=scheduled.verification.record_id, index=1, tellers=3, threshold=2
    )
    document = json.loads((home / "t1" / "public-key.json").read_text())

    client.force_login(tellers[1].person)
    refused = upload(client, scheduled, document)
    client.force_login(tellers[0].person)
    taken = upload(client, scheduled, document)

    assert "This file was made by teller 1; you are teller 2." in page_text(refused)
    assert "Your public key file is in." in page_text(taken)
    assert list(TellerMessage.objects.values_list("teller__index", "kind")) == [(1, "public-key")]
    assert taken.context["task"].waiting.startswith("Waiting for the other tellers: 1 of 3")


def test_tellers_page_refuses_a_file_that_is_not_json(client, scheduled, tellers):
    client.force_login(tellers[0].person)

    response = upload(client, scheduled, b"\x89PNG not json")

    assert "This file is not JSON" in page_text(response)
    assert TellerMessage.objects.count() == 0


def test_tellers_page_shows_no_upload_to_a_member_who_is_not_a_teller(
    client, scheduled, verifiable_voters
):
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("tellers", args=[scheduled.pk]))
    posted = upload(client, scheduled, {"format": "newcourse-teller/1"})

    assert response.status_code == 200
    assert response.context["mine"] is None
    assert 'type="file"' not in page_text(response)
    assert "You are not one of this election's tellers." in page_text(posted)


def test_tellers_page_shows_who_handed_in_what(client, open_verifiable_election, verifiable_voters):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("tellers", args=[election.pk]))

    assert [(t.index, done) for t, done in response.context["rows"]] == [
        (i, [True, True, True, True, False]) for i in (1, 2, 3)
    ]


def test_a_teller_waits_for_the_close_once_the_ceremony_is_done(
    client, open_verifiable_election, tellers
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(tellers[2].person)

    task = client.get(reverse("tellers", args=[election.pk])).context["task"]

    assert task.waiting.startswith("Nothing to do until voting closes")
    assert task.commands == []


def test_the_anonymised_ballots_page_sends_to_the_board(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("ballots", args=[election.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("board", args=[election.pk])


def test_a_bundle_is_not_there_until_every_teller_has_handed_in(
    client, scheduled, tellers, home, verifiable_voters
):
    teller_step_keygen(
        home / "t1", election_id=scheduled.verification.record_id, index=1, tellers=3, threshold=2
    )
    services.teller_submit(
        election=scheduled,
        member=tellers[0],
        document=json.loads((home / "t1" / "public-key.json").read_text()),
    )
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("teller_bundle", args=[scheduled.pk, "public-keys"]))

    assert response.status_code == 404
    assert "1 of 3 tellers have handed in this step" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "kind", "field"),
    [
        ("public-keys", "public-key", "index"),
        ("commitments", "commitment", "dealer"),
        ("deals", "deal", "dealer"),
        ("complaints", "complaints", "recipient"),
    ],
)
def test_each_steps_bundle_downloads_as_one_file(
    client, open_verifiable_election, verifiable_voters, name, kind, field
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("teller_bundle", args=[election.pk, name]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}.json"'
    bundle = json.loads(response.content)
    assert (bundle["format"], bundle["kind"]) == ("newcourse-teller-bundle/1", kind)
    assert [m[field] for m in bundle["messages"]] == [1, 2, 3]


def test_an_unknown_bundle_is_not_found(client, open_verifiable_election, verifiable_voters):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    assert client.get(reverse("teller_bundle", args=[election.pk, "secrets"])).status_code == 404


# After the close: the tellers decrypt through the page, and the record verifies ------------


@pytest.fixture
def closed(open_verifiable_election, verifiable_voters):
    election, directories, codes = open_verifiable_election
    vote(election, codes, verifiable_voters[0], [1, 0, 0])
    vote(election, codes, verifiable_voters[1], [0, 1, 0], audit=True)
    vote(election, codes, verifiable_voters[1], [1, 0, 0])
    tracker = vote(election, codes, verifiable_voters[2], [0, 0, 1])
    services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    election.refresh_from_db()
    assert election.status == ElectionStatus.CLOSED
    return election, directories, tracker


def test_for_tellers_zip_is_published_at_the_close(
    client, open_verifiable_election, closed, verifiable_voters
):
    election, _directories, _tracker = closed
    client.force_login(verifiable_voters[4].person)

    response = client.get(reverse("tellers_zip", args=[election.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="for-tellers.zip"'
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == sorted(verifiable.for_tellers_files(election))
    assert "board.json" in names and "aggregate.json" in names


def test_for_tellers_zip_is_not_there_before_the_close(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[4].person)

    response = client.get(reverse("tellers_zip", args=[election.pk]))

    assert response.status_code == 404
    assert "published when voting closes" in response.content.decode()


def test_tellers_decrypt_through_the_page_and_the_record_verifies(
    client, closed, tellers, verifiable_voters, home, tmp_path
):
    election, directories, tracker = closed
    client.force_login(verifiable_voters[4].person)
    assert client.get(reverse("election_record", args=[election.pk])).status_code == 404
    for index in (1, 3):
        client.force_login(tellers[index - 1].person)
        page = client.get(reverse("tellers", args=[election.pk]))
        assert page.context["task"].commands == [
            f"newcourse teller decrypt teller-{election.pk} for-tellers.zip"
        ]
        archive = home / f"for-tellers-{index}.zip"
        archive.write_bytes(client.get(reverse("tellers_zip", args=[election.pk])).content)
        written = teller_step_decrypt(directories[index], archive)
        upload(client, election, json.loads(written.read_text()))
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECLARED

    client.force_login(verifiable_voters[4].person)
    response = client.get(reverse("election_record", args=[election.pk]))
    folder = f"election-{election.pk}-record"
    assert response["Content-Disposition"] == f'attachment; filename="{folder}.zip"'
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)

    assert verify_main([str(tmp_path / folder), "--processes", "1", "--tracker", tracker]) == 0


def test_election_page_shows_the_verifiable_result_and_how_to_check_it(
    client, closed, tellers, verifiable_voters
):
    election, directories, _tracker = closed
    run_decryption(election, directories, present=[1, 2])
    client.force_login(verifiable_voters[4].person)

    response = client.get(reverse("election", args=[election.pk]))

    text = page_text(response)
    options = election.verification.manifest["questions"][0]["options"]
    assert response.context["verifiable_totals"] == list(zip(options, [2, 0, 1], strict=True))
    assert f"unzip election-{election.pk}-record.zip" in text
    assert f"newcourse verify election-{election.pk}-record" in text
    assert "--tracker TRACKER" in text
    assert reverse("election_record", args=[election.pk]) in text
    assert "not yet end-to-end verifiable" not in text


# The election page -------------------------------------------------------------------


def test_election_page_says_plainly_that_the_election_is_verifiable(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("election", args=[election.pk]))

    text = page_text(response)
    assert "Ballots are encrypted in each voter's own browser" in text
    assert "counted by 3 elected tellers, any 2 of whom must agree" in text
    assert reverse("board", args=[election.pk]) in text
    assert reverse("tellers", args=[election.pk]) in text
    assert reverse("vote", args=[election.pk]) in text
    assert "not yet end-to-end verifiable" not in text


def test_election_page_says_why_an_election_meant_to_be_verifiable_is_not(
    client, tree, verifiable_voters, make_member
):
    now = datetime.datetime.now(datetime.UTC)
    office = office_services.office_create(
        actor="system:test",
        body=tree["region"],
        title="Secretary",
        method="plurality",
        verifiable=True,
    )
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now + HOUR,
        nominations_close_at=now + 2 * HOUR,
        voting_opens_at=now + 3 * HOUR,
        voting_closes_at=now + 4 * HOUR,
    )
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("election", args=[election.pk]))

    text = page_text(response)
    assert "not yet end-to-end verifiable" in text
    assert "meant to be verifiable, but this one is not: Region has 0 elected tellers" in text


def test_a_recalls_yes_and_no_say_what_they_do():
    manifest = {"questions": [{"options": ["Yes", "No"]}]}
    election = Election(kind="recall")
    election.verification = VerifiableElection(manifest=manifest)

    assert option_labels(election) == ["Yes, recall", "No, keep them in office"]


def test_tellers_page_speaks_french(client, scheduled, tellers):
    client.force_login(tellers[0].person)

    # LocaleMiddleware leaves French active in this thread: put back what was active before.
    with translation.override(translation.get_language()):
        response = client.get(reverse("tellers", args=[scheduled.pk]), HTTP_ACCEPT_LANGUAGE="fr")

    text = page_text(response)
    assert response["Content-Language"] == "fr"
    assert "<h1>Scrutateur·rices" in text
    assert "Remettre le fichier" in text


def test_the_credential_list_is_published_and_recomputes_the_fingerprint(
    client, open_verifiable_election, verifiable_voters
):
    election, _directories, _codes = open_verifiable_election
    client.force_login(verifiable_voters[0].person)

    response = client.get(reverse("election_credentials", args=[election.pk]))

    published = json.loads(response.content)
    keys = [c["key"] for c in published["credentials"]]
    assert keys == sorted(keys) and len(keys) == election.electorate_size
    built = verifiable.crypto_election(election)
    assert [c.key.hex() for c in built.credentials] == keys
    assert published["fingerprint"] == built.fingerprint.hex()
    assert "member" not in response.content.decode()
    board = client.get(reverse("board", args=[election.pk]))
    assert reverse("election_credentials", args=[election.pk]) in board.content.decode()
