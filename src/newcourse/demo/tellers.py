"""Tellers, the credential authority and voters played by one process, for the demo and the
tests.

Everything goes through the real paths: the tellers' steps are those `newcourse teller` runs,
each in its own directory, and their files are handed in through `teller_submit`; the
credential authority's codes are made as `newcourse credentials generate` makes them and only
the public credentials are handed in, through `credentials_upload`; ballots are encrypted with
the code a member was given and cast through `board_cast`. In a real election each teller and
the credential authority run on their own machines, and each voter encrypts in their browser.
"""

from __future__ import annotations

import datetime
import json
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from newcourse import crypto
from newcourse.elections.models import Election
from newcourse.elections.selectors import electors_for_authority
from newcourse.elections.services import credentials_upload, teller_submit
from newcourse.organisation.models import Member
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import Teller
from newcourse.verifiable.services import board_audit, board_cast

CODE = re.compile(r"\b([A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5})\b")
STEP_FILES = ("public-key.json", "commitment.json", "deal.json", "complaints.json")


def _submit(teller: Teller, path: Path, now: datetime.datetime | None = None) -> None:
    teller_submit(
        election=teller.election,
        member=teller.member,
        document=json.loads(path.read_text(encoding="utf-8")),
        now=now,
    )


def run_key_ceremony(election: Election, home: Path) -> dict[int, Path]:
    """Every teller's key generation, commitment, deal and check of the deals, each in
    `home/teller-<i>`, handed in step by step. Returns each teller's directory."""
    tellers = list(election.tellers.select_related("member").order_by("index"))
    n, t = election.verification.tellers, election.verification.threshold
    directories = {teller.index: home / f"teller-{teller.index}" for teller in tellers}
    for teller in tellers:
        crypto.teller_step_keygen(
            directories[teller.index],
            election_id=election.verification.record_id,
            index=teller.index,
            tellers=n,
            threshold=t,
        )
        _submit(teller, directories[teller.index] / "public-key.json")
    steps = (
        (crypto.teller_step_commit, "public-key.json", "commitment.json"),
        (crypto.teller_step_deal, "commitment.json", "deal.json"),
        (crypto.teller_step_receive, "deal.json", "complaints.json"),
    )
    for step, reads, writes in steps:
        inputs = [directories[teller.index] / reads for teller in tellers]
        for teller in tellers:
            step(directories[teller.index], inputs)
            _submit(teller, directories[teller.index] / writes)
    return directories


def run_decryption(
    election: Election,
    directories: dict[int, Path],
    present: Iterable[int],
    now: datetime.datetime | None = None,
) -> None:
    """The tellers in `present` each check the published board and aggregate and hand in
    their decryption share (at `now`, for a demo set in the past)."""
    with tempfile.TemporaryDirectory() as published:
        for name, data in verifiable.for_tellers_files(election).items():
            (Path(published) / name).write_bytes(data)
        tellers = {t.index: t for t in election.tellers.select_related("member")}
        for index in present:
            crypto.teller_step_decrypt(directories[index], published)
            _submit(tellers[index], directories[index] / "decryption-share.json", now)


def play_credential_authority(election: Election, authority: Member) -> dict[str, str]:
    """Play the election's credential authority, as `newcourse credentials download`,
    `generate` and `upload` do on the authority's machine: codes for every elector without
    one, only the public credentials handed to the server. Returns each new code by the
    member's email address (in a real election the codes go to the members, and nobody
    collects them)."""
    electors = crypto.ElectorsList.from_json(electors_for_authority(election))
    public, letters = crypto.credentials_generate(electors)
    if public["credentials"]:
        credentials_upload(election=election, person=authority.person, document=public)
    return {letter.email: letter.code for letter in letters}


def cast(
    election: Election,
    member: Member,
    code: str,
    marks: Sequence[int],
    *,
    audit: bool = False,
    now: datetime.datetime | None = None,
) -> str:
    """Encrypt `marks` (one per option) with the member's credential code and cast it (or
    audit it) at `now` (the real time by default); returns the tracker."""
    built = verifiable.crypto_election(election)
    opened = crypto.ballot_encrypt(
        election=built,
        credential_secret=crypto.credential_from_code(election.verification.record_id, code),
        marks=[list(marks)],
    )
    if audit:
        board_audit(election=election, member=member, audited=opened.to_json(), now=now)
    else:
        board_cast(election=election, member=member, ballot=opened.ballot.to_json(), now=now)
    return opened.ballot.tracker().hex()
