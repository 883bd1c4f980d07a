"""Ballot encryption in Chromium (elections/static/elections/crypto/): the JavaScript passes
every protocol test vector, and a ballot it encrypts is one Python's check_ballot accepts."""

from __future__ import annotations

import copy
import hashlib
import json
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import newcourse
from newcourse.crypto import (
    AuditedBallot,
    Election,
    InvalidProof,
    check_audited_ballot,
    check_ballot,
    credential_issue,
    simulate_election,
)

VECTORS = Path(__file__).parent.parent / "data" / "crypto" / "vectors.json"
VENDORED = Path(newcourse.__file__).parent / "elections/static/elections/crypto/vendor/VENDORED.md"
CRYPTO = "/static/elections/crypto"
FIVE_OPTIONS = [[0, 0, 1, 0, 0]]


@pytest.fixture(scope="module")
def simulation():
    """A small election (3 tellers, threshold 2) with one five-option question."""
    return simulate_election(voters=3, tellers=3, threshold=2, audited=0, revotes=0)


def election_public_json(election) -> dict[str, Any]:
    """What the voting page is given: the shapes of the record's files."""
    return {
        "manifest": election.manifest.to_json(),
        "election_key": election.key.hex(),
        "commitments": [[point.hex() for point in row] for row in election.commitments],
        "credentials": [{"key": c.key.hex(), "weight": c.weight} for c in election.credentials],
        "ceremony": election.ceremony.hex(),
        "fingerprint": election.fingerprint.hex(),
    }


def open_crypto_page(page, live_server) -> None:
    """Any page of the server's origin will do for importing the modules."""
    page.goto(f"{live_server.url}{CRYPTO}/ballot.js")


def encrypt_in_browser(page, live_server, election, secret, marks) -> dict[str, Any]:
    return page.evaluate(
        """async ([url, election, secret, marks]) => {
            const ballot = await import(url);
            const opened = ballot.encryptBallot(election, secret, marks);
            return {...opened, tracker: ballot.ballotTracker(opened.ballot)};
        }""",
        [f"{live_server.url}{CRYPTO}/ballot.js", election, secret, marks],
    )


def run_selftest(page, live_server, vectors_text: str) -> dict[str, Any]:
    # Matched on the path alone: a glob would also catch the page, whose query names the file.
    page.route(
        lambda url: urlsplit(url).path == "/test-data/vectors.json",
        lambda route: route.fulfill(status=200, content_type="application/json", body=vectors_text),
    )
    page.goto(f"{live_server.url}{CRYPTO}/selftest.html?vectors=/test-data/vectors.json")
    page.wait_for_selector("#result:not([data-status=running])", timeout=60_000)
    return json.loads(page.locator("#result").inner_text())


def test_selftest_page_passes_every_vector(page, live_server):
    summary = run_selftest(page, live_server, VECTORS.read_text(encoding="utf-8"))

    assert summary["failed"] == []
    assert summary["passed"] == summary["total"] == 38
    assert page.locator("#result").get_attribute("data-status") == "passed"


def test_selftest_page_reports_a_vector_that_does_not_match(page, live_server):
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    tracker = vectors["ballot"]["tracker"]
    vectors["ballot"]["tracker"] = ("1" if tracker[0] == "0" else "0") + tracker[1:]

    summary = run_selftest(page, live_server, json.dumps(vectors))

    assert summary["failed"] == ["ballot/tracker", "ballot/board"]  # the entry hashes it
    assert page.locator("#result").get_attribute("data-status") == "failed"


def test_vendored_files_match_their_recorded_sha256():
    recorded = VENDORED.read_text(encoding="utf-8").split("```")[1].split()
    listed = dict(zip(recorded[1::2], recorded[0::2], strict=True))

    assert sorted(listed) == sorted(
        str(p.relative_to(VENDORED.parent))
        for p in VENDORED.parent.rglob("*")
        if p.is_file() and p.name != "VENDORED.md"
    )
    for name, sha in listed.items():
        assert hashlib.sha256((VENDORED.parent / name).read_bytes()).hexdigest() == sha, name


def test_browser_ballot_is_accepted_by_check_ballot(page, live_server, simulation):
    election = simulation.election
    open_crypto_page(page, live_server)

    opened = encrypt_in_browser(
        page,
        live_server,
        election_public_json(election),
        simulation.credential_secrets[0].hex(),
        FIVE_OPTIONS,
    )

    ballot = check_ballot(election, opened["ballot"])
    assert ballot.tracker().hex() == opened["tracker"]
    assert ballot.to_json() == opened["ballot"]
    audited = AuditedBallot.from_json({k: opened[k] for k in ("ballot", "marks", "randomness")})
    check_audited_ballot(election, audited)
    assert audited.marks == ((0, 0, 1, 0, 0),)


def test_browser_ballot_with_one_proof_byte_changed_is_rejected(page, live_server, simulation):
    election = simulation.election
    open_crypto_page(page, live_server)
    opened = encrypt_in_browser(
        page,
        live_server,
        election_public_json(election),
        simulation.credential_secrets[1].hex(),
        FIVE_OPTIONS,
    )
    tampered = copy.deepcopy(opened["ballot"])
    part = tampered["answers"][0]["proofs"][3][1]
    part["response"] = f"{int(part['response'][:2], 16) ^ 0x01:02x}" + part["response"][2:]

    with pytest.raises(InvalidProof):
        check_ballot(election, tampered)


def test_browser_ballot_from_a_credential_code_is_accepted(page, live_server, simulation):
    base = simulation.election
    code, credential = credential_issue(base.manifest.election_id)
    election = Election(
        base.manifest,
        base.key,
        base.commitments,
        tuple(sorted((*base.credentials, credential), key=lambda c: c.key.encoded)),
        base.ceremony,
    )
    open_crypto_page(page, live_server)

    opened = page.evaluate(
        """async ([url, election, id, code, marks]) => {
            const ballot = await import(url);
            const secret = ballot.credentialFromCode(id, code.toLowerCase().replaceAll("-", " "));
            let refused = "";
            try {
                ballot.credentialFromCode(id, code.slice(0, -1) + "0");
            } catch (error) {
                refused = `${error.name}: ${error.message}`;
            }
            return {...ballot.encryptBallot(election, secret, marks), refused};
        }""",
        [
            f"{live_server.url}{CRYPTO}/ballot.js",
            election_public_json(election),
            election.manifest.election_id,
            code,
            FIVE_OPTIONS,
        ],
    )

    assert check_ballot(election, opened["ballot"]).credential == credential.key
    assert opened["refused"].startswith("InvalidCredentialCode: credential code: character 23, ")


def test_browser_refuses_an_election_whose_fingerprint_does_not_match(
    page, live_server, simulation
):
    public = election_public_json(simulation.election)
    public["manifest"]["title"] = "Another election"
    open_crypto_page(page, live_server)

    with pytest.raises(Exception, match="fingerprint does not match"):
        encrypt_in_browser(
            page, live_server, public, simulation.credential_secrets[0].hex(), FIVE_OPTIONS
        )


def test_browser_encryption_time_is_reported(page, live_server, simulation, capsys):
    open_crypto_page(page, live_server)

    timings = page.evaluate(
        """async ([url, election, secret, marks]) => {
            const ballot = await import(url);
            const times = [];
            for (let i = 0; i < 7; i++) {
                const start = performance.now();
                ballot.encryptBallot(election, secret, marks);
                times.push(performance.now() - start);
            }
            return times;
        }""",
        [
            f"{live_server.url}{CRYPTO}/ballot.js",
            election_public_json(simulation.election),
            simulation.credential_secrets[0].hex(),
            FIVE_OPTIONS,
        ],
    )

    with capsys.disabled():
        print(
            f"\nbrowser encryption of a 5-option ballot: first {timings[0]:.1f} ms, "
            f"median of the rest {statistics.median(timings[1:]):.1f} ms "
            f"(from the election's JSON, fingerprint recomputed)"
        )
    assert len(timings) == 7
