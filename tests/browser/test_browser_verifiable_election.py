"""A verifiable election end to end, as its people would run it: five tellers make the key by
the `newcourse teller` command on their own folders and hand their files to the server (one
through the tellers' page, the others with a token through the API); the branch's credential
authority makes the codes with `newcourse credentials` on their own folder and hands the
server only the public credentials; members vote in Chromium with their codes, one auditing
a ballot first; after the close three
of the five tellers decrypt; the result is declared, and the record downloaded from the
election's page passes `newcourse verify` — and fails it once a byte of it is changed.

Time passing is the one thing a test cannot click: between the phases the test moves the
election's dates, as the calendar would.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import os
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from tests.browser.journey import (
    PASSWORD,
    member_page,
    time_passes_to_close,
    time_passes_to_voting,
)
from tests.rulebooks import FOUNDED_ON, rulebook_text

from newcourse.accounts.tokens import api_token_create
from newcourse.elections import services
from newcourse.elections.models import Election, ElectionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import Office
from newcourse.organisation import services as organisation_services
from newcourse.organisation.officers import Power
from newcourse.rules import services as rules_services
from newcourse.verifiable.models import BoardEntry

HOUR = datetime.timedelta(hours=1)
VOTERS = ["Ada", "Bea", "Cal", "Dee", "Eve"]
TELLERS = ["Tam", "Uma", "Val", "Wes", "Xan"]
AUTHORITY = "Zed"
STEPS = [("keygen", None), ("commit", "public-key"), ("deal", "commitment"), ("receive", "deal")]
WRITES = {
    "keygen": "public-key.json",
    "commit": "commitment.json",
    "deal": "deal.json",
    "receive": "complaints.json",
    "decrypt": "decryption-share.json",
}


def teller_cli(*args: str, command: str = "teller", token: str = "") -> str:
    """`newcourse teller …` (or `credentials …`), run as a teller (or the credential
    authority) runs it: a separate process, no database."""
    done = subprocess.run(
        [sys.executable, "-m", "newcourse", command, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "NEWCOURSE_API_TOKEN": token},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def api(live_server, token: str, path: str, body: bytes | None = None) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - the test's own live server
        f"{live_server.url}/api/v1/{path}",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - test server
        return response.read()


RULES: dict[str, str] = {}


@pytest.fixture
def union(transactional_db, settings, tmp_path):
    """A branch of eleven members: five voters, five elected tellers of the union, and the
    branch's returning officer, its credential authority."""
    settings.NEWCOURSE_HOME = tmp_path / "server"
    actor = "system:test"
    root = rules_services.organisation_found(
        actor=actor,
        name="Union",
        kind="Union",
        text=rulebook_text(**RULES),
        source="file",
        effective_on=FOUNDED_ON,
    )
    branch = organisation_services.body_create(
        actor=actor, name="Dockside", kind="Branch", parent=root
    )
    members = {}
    for name in [*VOTERS, *TELLERS, AUTHORITY]:
        member = organisation_services.member_admit(
            actor=actor,
            email=f"{name.lower()}@example.org",
            full_name=name,
            body=branch,
            joined_on=datetime.date(2020, 1, 1),
        )
        member.person.set_password(PASSWORD)
        member.person.save()
        members[name] = member
    call_command(
        "office", "create", "--body", root.slug, "--title", "Tellers", "--kind", "tellers",
        "--seats", "5",
    )  # fmt: skip
    tellers = Office.objects.get(title="Tellers")
    call_command("office", "found", str(tellers.pk), *[members[n].number for n in TELLERS])
    returning = office_services.office_create(
        actor=actor, body=branch, title="Returning officer", powers=[Power.CREDENTIALS]
    )
    office_services.term_record_founding(
        actor=actor, office=returning, members=[members[AUTHORITY]]
    )
    call_command(
        "office", "create", "--body", branch.slug, "--title", "Treasurer", "--method",
        "plurality", "--verifiable",
    )  # fmt: skip
    return branch, members


def schedule_with_candidates(members) -> Election:
    office = Office.objects.get(title="Treasurer")
    now = timezone.now()
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - HOUR,
        nominations_close_at=now + 24 * HOUR,
        voting_opens_at=now + 24 * HOUR,
        voting_closes_at=now + 48 * HOUR,
    )
    services.election_advance(election=election, now=now)
    for name in ["Ada", "Bea", "Cal"]:
        nomination = services.candidate_nominate(
            nominator=members["Dee"], election=election, candidate=members[name], now=now
        )
        services.candidate_second(seconder=members["Eve"], candidate=nomination, now=now)
        services.candidate_accept(member=members[name], candidate=nomination, now=now)
    election.refresh_from_db()
    return election


def hand_in_through_the_page(page, live_server, election: Election, path: Path) -> None:
    page.goto(f"{live_server.url}/elections/{election.pk}/tellers/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Hand in the file").click()
    page.wait_for_load_state()
    assert "refused" not in page.locator("main").inner_text().lower()


def vote(browser, live_server, election, name, code, candidate, *, audit_first=None) -> str:
    page = member_page(browser, live_server, name)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/elections/{election.pk}/vote/")
    page.locator("#verifiable-vote").wait_for(state="visible")
    page.get_by_label("Your voting credential").fill(code)
    if audit_first:
        page.get_by_label(audit_first).check()
        page.get_by_role("button", name="Encrypt my ballot").click()
        page.locator("#encrypted").wait_for(state="visible", timeout=30_000)
        page.get_by_role("button", name="Audit this ballot instead").click()
        page.locator("#audited").wait_for(state="visible")
        page.get_by_role("button", name="Encrypt a fresh ballot to cast").click()
    page.get_by_label(candidate).check()
    page.get_by_role("button", name="Encrypt my ballot").click()
    page.locator("#encrypted").wait_for(state="visible", timeout=30_000)
    page.get_by_role("button", name="Cast this ballot").click()
    page.locator("#receipt").wait_for(state="visible")
    tracker = page.locator("#receipt .tracker").inner_text()
    assert errors == []
    page.context.close()
    return tracker


def test_a_verifiable_election_from_the_key_ceremony_to_the_checked_record(
    browser, live_server, union, tmp_path
):
    _branch, members = union
    election = schedule_with_candidates(members)
    assert election.verifiable and election.verification.threshold == 3
    teller_index = {t.member.person.full_name: t.index for t in election.tellers.all()}
    tokens = {name: api_token_create(email=f"{name.lower()}@example.org", name="ceremony")[1]
              for name in TELLERS}  # fmt: skip
    folders = {name: tmp_path / f"teller-{name.lower()}" for name in TELLERS}
    first_teller = member_page(browser, live_server, TELLERS[0])

    # The key ceremony: each step by the CLI on the teller's own folder, handed in to the server.
    for step, needs in STEPS:
        bundle = None
        if needs:
            bundle = tmp_path / f"{needs}-bundle.json"
            bundle.write_bytes(
                api(live_server, tokens[TELLERS[1]], f"elections/{election.pk}/tellers/{needs}/")
            )
        for name in TELLERS:
            if step == "keygen":
                teller_cli(
                    "keygen", str(folders[name]), "--election", election.verification.record_id,
                    "--index", str(teller_index[name]), "--tellers", "5", "--threshold", "3",
                )  # fmt: skip
            else:
                teller_cli(step, str(folders[name]), str(bundle))
            written = folders[name] / WRITES[step]
            if name == TELLERS[0]:
                hand_in_through_the_page(first_teller, live_server, election, written)
            else:
                api(
                    live_server,
                    tokens[name],
                    f"elections/{election.pk}/tellers/",
                    written.read_bytes(),
                )
    relayed = api(live_server, tokens[TELLERS[1]], f"elections/{election.pk}/tellers/deal/")
    secret = json.loads((folders[TELLERS[0]] / "teller-secret.json").read_text())["secret"]
    assert secret.encode() not in relayed  # the server relays public files only

    # The credential authority, on their own folder: the electors, the codes, the public file.
    token = api_token_create(email=f"{AUTHORITY.lower()}@example.org", name="credentials")[1]
    server = ["--server", live_server.url, "--election", str(election.pk)]
    own = tmp_path / "authority"
    own.mkdir()
    teller_cli("download", *server, "--out", str(own / "electors.json"),
               command="credentials", token=token)  # fmt: skip
    teller_cli("generate", str(own / "electors.json"), "--out", str(own / "codes"),
               command="credentials")  # fmt: skip
    teller_cli("upload", *server, str(own / "codes" / "public-credentials.json"),
               command="credentials", token=token)  # fmt: skip
    with (own / "codes" / "letters.csv").open(encoding="utf-8") as letters:
        codes = {row["email"]: row["code"] for row in csv.DictReader(letters)}
    assert len(codes) == len([*VOTERS, *TELLERS, AUTHORITY])
    assert election.voter_credentials.count() == len(codes)

    # Voting opens; three members vote, one auditing a ballot first.
    time_passes_to_voting(election)  # and the scheduler takes the step
    first_teller.goto(f"{live_server.url}/elections/{election.pk}/")
    election.refresh_from_db()
    assert election.status == ElectionStatus.VOTING and election.encrypted
    trackers = {
        "Ada": vote(browser, live_server, election, "Ada", codes["ada@example.org"], "Bea"),
        "Dee": vote(
            browser,
            live_server,
            election,
            "Dee",
            codes["dee@example.org"],
            "Bea",
            audit_first="Cal",
        ),
        "Eve": vote(browser, live_server, election, "Eve", codes["eve@example.org"], "Ada"),
    }
    assert BoardEntry.objects.filter(election=election).count() == 3

    # The close, then three of the five tellers decrypt: the second, the fourth and the first.
    time_passes_to_close(election)
    first_teller.goto(f"{live_server.url}/elections/{election.pk}/")
    election.refresh_from_db()
    assert election.status == ElectionStatus.CLOSED and election.counted_at is None
    for name in [TELLERS[1], TELLERS[3], TELLERS[0]]:
        published = tmp_path / f"for-{name}.zip"
        published.write_bytes(
            api(live_server, tokens[name], f"elections/{election.pk}/for-tellers.zip")
        )
        teller_cli("decrypt", str(folders[name]), str(published))
        share = folders[name] / "decryption-share.json"
        if name == TELLERS[0]:
            hand_in_through_the_page(first_teller, live_server, election, share)
        else:
            api(live_server, tokens[name], f"elections/{election.pk}/tellers/", share.read_bytes())
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECLARED
    assert election.result["elected"] == ["Bea"]

    # The declared result and the record, from the election's page.
    first_teller.goto(f"{live_server.url}/elections/{election.pk}/")
    assert "Bea" in first_teller.locator("main").inner_text()
    with first_teller.expect_download() as download:
        first_teller.get_by_role("link", name="Download the election record").click()
    archive = tmp_path / "record.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path / "unzipped")
    record = next((tmp_path / "unzipped").iterdir())
    checked = subprocess.run(
        [sys.executable, "-m", "newcourse", "verify", str(record), "--tracker", trackers["Dee"]],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "published result" in checked.stdout
    result = json.loads((record / "result.json").read_text())
    assert result["totals"] == [[1, 2, 0]]
    assert len(json.loads((record / "audited.json").read_text())["ballots"]) == 1

    # One changed byte of one ballot, with the index made to match: the verifier names it.
    board = (record / "board.json").read_text()
    alpha = json.loads(board.splitlines()[1].rstrip(","))["ballot"]["answers"][0]["choices"][0]
    (record / "board.json").write_text(board.replace(alpha["alpha"], alpha["beta"], 1))
    index = json.loads((record / "index.json").read_text())
    index["files"]["board.json"] = hashlib.sha256((record / "board.json").read_bytes()).hexdigest()
    (record / "index.json").write_text(json.dumps(index))
    tampered = subprocess.run(
        [sys.executable, "-m", "newcourse", "verify", str(record)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert tampered.returncode == 1
    assert "ballots" in tampered.stdout + tampered.stderr
