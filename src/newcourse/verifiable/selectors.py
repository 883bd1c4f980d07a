"""A verifiable election as `newcourse.crypto` sees it, rebuilt from the database: the
tellers' ceremony, the election ballots are checked against, the board, the record.

Read-only: what changes state is in `services.ceremony` and `services.board`. Nothing here
holds a secret; everything it reads is published.

What is read back is checked as the verifier would check it: the stored manifest, key, tellers'
files, qualified tellers and credentials against the fingerprint (`crypto_election`), the board
against its hash chain (`board_entries`, `board_check`). A failure is the refusal
`StoredElectionTampered`, with the verifier's check and detail, which pages, the API and the
CLI show like any other refusal, never a server error.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from threading import Lock
from typing import Any

from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

from newcourse import crypto

from .errors import StoredElectionTampered
from .models import (
    AuditedBallot,
    BoardEntry,
    Teller,
    TellerMessage,
    TellerStep,
    VerificationStatus,
    VoterCredential,
    verification_of,
)

# An `newcourse.elections` Election: this app sits below elections and does not import it.
Election = Any

# The files the voting page runs to encrypt, as served under STATIC_URL: their hashes make
# the manifest's `client_code`, so the record names the code voters ran.
CLIENT_DIRECTORY = "elections/crypto"
CLIENT_EXTRA = ("elections/vote-verifiable.js",)
RECORD_MEDIA_TYPE = "application/zip"
# The verifier's names for the checks the server repeats (`newcourse verify` prints them).
CHECK_PARAMETERS = "parameters and fingerprint"
CHECK_CHAIN = "board hash chain"
# What a stored ballot can fail to decode with, besides the library's own errors.
DECODING_ERRORS = (crypto.CryptoError, KeyError, TypeError, ValueError, IndexError)


def tampered(election: Election, failure: crypto.VerificationFailed) -> StoredElectionTampered:
    """The refusal for a stored election that fails the verifier's check `failure`."""
    return StoredElectionTampered(
        _(
            "Election %(pk)s as stored fails the verifier's check “%(check)s”: %(detail)s. "
            "It may have been tampered with: nothing is read from it or added to it until the "
            "tellers have looked into it."
        )
        % {"pk": election.pk, "check": failure.check, "detail": failure.detail}
    )


def client_files() -> dict[str, bytes]:
    """The encrypting code as served: path under STATIC_URL → bytes (self-test pages left out)."""
    files: dict[str, bytes] = {}
    root = finders.find(CLIENT_DIRECTORY)
    if root:
        base = Path(str(root))
        for path in sorted(base.rglob("*.js")):
            relative = f"{CLIENT_DIRECTORY}/{path.relative_to(base).as_posix()}"
            if not path.name.startswith("selftest"):
                files[relative] = path.read_bytes()
    for name in CLIENT_EXTRA:
        found = finders.find(name)
        if found:
            files[name] = Path(str(found)).read_bytes()
    return files


def client_code_now() -> str:
    """The SHA-256 the manifest will name for the code being served now."""
    return crypto.client_code(client_files())


def messages_of(election: Election, kind: str) -> list[dict[str, Any]]:
    """The tellers' files of one step, in teller order."""
    return list(
        TellerMessage.objects.filter(teller__election=election, kind=kind)
        .order_by("teller__index")
        .values_list("document", flat=True)
    )


def ceremony_of(election: Election) -> crypto.KeyCeremony:
    """The key ceremony's public transcript, from the files the tellers handed in."""
    return crypto.ceremony_from_messages(
        election_id=election.verification.record_id,
        threshold=election.verification.threshold,
        public_keys=messages_of(election, TellerStep.PUBLIC_KEY),
        commitments=messages_of(election, TellerStep.COMMITMENT),
        deals=messages_of(election, TellerStep.DEAL),
        complaints=messages_of(election, TellerStep.COMPLAINTS),
    )


def step_counts(election: Election) -> dict[str, int]:
    """How many tellers have handed in each step's file."""
    counts = dict.fromkeys(TellerStep.values, 0)
    for kind in TellerMessage.objects.filter(teller__election=election).values_list(
        "kind", flat=True
    ):
        counts[kind] += 1
    return counts


def ceremony_complete(election: Election) -> bool:
    """Every teller has checked every deal: the election key can be fixed."""
    verification = verification_of(election)
    if verification is None:
        return False
    return step_counts(election)[TellerStep.COMPLAINTS] == verification.tellers


_cache: dict[tuple[int, str], crypto.Election] = {}
_cache_lock = Lock()
# The parts of VerifiableElection that make the fingerprint, and the fingerprint: the cache is
# keyed by their digest, so a change to the row is seen at once; the tellers' files and the
# credentials, read from their own tables, are checked when a process first builds the election.
FINGERPRINTED = ("manifest", "election_key", "qualified", "fingerprint")


def credentials_count(election: Election) -> int:
    """How many public credentials the credential authority has handed in (before voting
    opens), or the election lists (after): shown beside the electorate, so padding shows."""
    return VoterCredential.objects.filter(election=election).count()


def crypto_election(election: Election) -> crypto.Election:
    """What every ballot is checked against, once voting has opened, checked against its
    fingerprint (cached per process: the credential list of a large electorate takes a while
    to decode). Raises StoredElectionTampered if the stored election fails the check."""
    stamp = hashlib.sha256(
        json.dumps(
            [getattr(election.verification, k) for k in FINGERPRINTED], sort_keys=True
        ).encode()
    ).hexdigest()
    cached = _cache.get((election.pk, stamp))
    if cached is not None:
        return cached
    try:
        built = _crypto_election_built(election)
    except crypto.VerificationFailed as failure:
        raise tampered(election, failure) from failure
    with _cache_lock:
        if len(_cache) > 16:
            _cache.clear()
        _cache[(election.pk, stamp)] = built
    return built


def _crypto_election_built(election: Election) -> crypto.Election:
    try:
        fingerprint = str(election.verification.fingerprint)
        ceremony = ceremony_of(election)
        qualified = tuple(int(i) for i in election.verification.qualified)
        credentials = tuple(
            crypto.Credential(crypto.Point.from_hex(key), weight)
            for key, weight in election.voter_credentials.order_by("key").values_list(
                "key", "weight"
            )
        )
        built = crypto.Election(
            crypto.Manifest.from_json(election.verification.manifest),
            crypto.Point.from_hex(election.verification.election_key),
            ceremony.qualified_commitments(qualified),
            credentials,
            ceremony.digest(),
        )
    except DECODING_ERRORS as error:
        raise crypto.VerificationFailed(
            CHECK_PARAMETERS, f"the stored election cannot be read: {_describe(error)}"
        ) from None
    if built.fingerprint.hex() != fingerprint:
        raise crypto.VerificationFailed(
            CHECK_PARAMETERS, "the stored election does not match its fingerprint"
        )
    return built


def _describe(error: BaseException) -> str:
    if isinstance(error, KeyError):
        return f"{error.args[0]!r} is missing"
    return str(error) or error.__class__.__name__


def public_json(election: Election, *, credentials_up_to: int = 5000) -> dict[str, Any]:
    """The election as the voting page's `ballot.js` takes it, from the cached election every
    ballot is checked against. The credential list is sent when it is small enough for the
    browser to recompute the fingerprint itself."""
    built = crypto_election(election)
    data: dict[str, Any] = {
        "manifest": election.verification.manifest,
        "election_key": built.key.hex(),
        "commitments": [[c.hex() for c in row] for row in built.commitments],
        "ceremony": built.ceremony.hex(),
        "fingerprint": built.fingerprint.hex(),
    }
    if len(built.credentials) <= credentials_up_to:
        data["credentials"] = [{"key": c.key.hex(), "weight": c.weight} for c in built.credentials]
    return data


class _Chain:
    """The board's hash chain, checked entry by entry as the verifier checks it: each entry in
    its place, after the previous one, superseding the same credential's last ballot, its
    tracker that of its ballot and its hash that of its contents."""

    def __init__(self, fingerprint: bytes) -> None:
        self.fingerprint = fingerprint
        self.seq = 0
        self.head = crypto.genesis_hash(fingerprint)
        self.latest: dict[bytes, int] = {}

    def check(self, row: tuple[int, str, int | None, str, str, Any]) -> crypto.BoardEntry:
        seq, prev, supersedes, tracker, digest, ballot = row
        try:
            entry = crypto.BoardEntry(
                seq,
                bytes.fromhex(prev),
                supersedes,
                crypto.Ballot.from_json(ballot),
                bytes.fromhex(tracker),
                bytes.fromhex(digest),
            )
        except DECODING_ERRORS as error:
            raise self.broken(seq, f"cannot be read: {_describe(error)}") from None
        if seq != self.seq:
            raise self.broken(seq, f"seq is {seq}, not {self.seq}")
        credential = entry.ballot.credential.encoded
        if entry.ballot.tracker() != entry.tracker:
            raise self.broken(seq, "tracker is not its ballot's")
        fault = crypto.chain_fault(
            self.fingerprint,
            self.head,
            self.latest,
            seq=seq,
            prev=entry.prev,
            supersedes=supersedes,
            credential=credential,
            tracker=entry.tracker,
            entry=entry.hash,
        )
        if fault is not None:
            raise self.broken(seq, fault)
        self.seq, self.head = seq + 1, entry.hash
        self.latest[credential] = seq
        return entry

    @staticmethod
    def broken(seq: int, detail: str) -> crypto.VerificationFailed:
        return crypto.VerificationFailed(CHECK_CHAIN, f"entry {seq}: {detail}")


def _board_rows(
    election: Election, after: int = -1
) -> Iterable[tuple[int, str, int | None, str, str, Any]]:
    return (
        BoardEntry.objects.filter(election=election, seq__gt=after)
        .order_by("seq")
        .values_list("seq", "prev", "supersedes", "tracker", "hash", "ballot")
        .iterator(chunk_size=2000)
    )


def board_entries(election: Election) -> Iterator[crypto.BoardEntry]:
    """The board as the crypto library reads it, in order, each entry checked against the
    hash chain (StoredElectionTampered at the first that fails)."""
    chain = _Chain(bytes.fromhex(election.verification.fingerprint))
    for row in _board_rows(election):
        try:
            yield chain.check(row)
        except crypto.VerificationFailed as failure:
            raise tampered(election, failure) from failure


_checked: dict[tuple[int, str], _Chain] = {}


def board_check(election: Election) -> None:
    """Check the board's hash chain as far as this process has not checked it yet (the
    entries before were checked when first read here), for a page that shows the election
    without reading its whole board. Raises StoredElectionTampered."""
    key = (election.pk, str(election.verification.fingerprint))
    with _cache_lock:
        chain = _checked.get(key) or _Chain(bytes.fromhex(key[1]))
        _checked.pop(key, None)  # put back only once checked, so a failure is found again
    try:
        for row in _board_rows(election, after=chain.seq - 1):
            chain.check(row)
    except crypto.VerificationFailed as failure:
        raise tampered(election, failure) from failure
    with _cache_lock:
        if len(_checked) > 16:
            _checked.clear()
        _checked[key] = chain


def stored_election_check(election: Election) -> None:
    """Check an encrypted election as stored, as its page shows it: the election against its
    fingerprint and the board against its hash chain. Raises StoredElectionTampered."""
    crypto_election(election)
    board_check(election)


def counted_ballots(election: Election) -> list[crypto.Ballot]:
    """The last ballot of each credential."""
    superseded = set(
        BoardEntry.objects.filter(election=election, supersedes__isnull=False).values_list(
            "supersedes", flat=True
        )
    )
    return [e.ballot for e in board_entries(election) if e.seq not in superseded]


def board_head(election: Election) -> str:
    """The hash of the last board entry (the genesis hash for an empty board)."""
    last = BoardEntry.objects.filter(election=election).order_by("-seq").first()
    if last is not None:
        return last.hash
    return crypto.genesis_hash(bytes.fromhex(election.verification.fingerprint)).hex()


def decryption_shares(election: Election) -> list[crypto.DecryptionShare]:
    """The tellers' decryption shares handed in (each checked when it was), teller order."""
    return [
        crypto.share_from_message(d, election.verification.record_id)
        for d in messages_of(election, TellerStep.DECRYPTION_SHARE)
    ]


def aggregate_of(election: Election) -> crypto.Aggregate:
    return crypto.aggregate_decode(election.verification.aggregate)


def teller_keys(election: Election) -> dict[int, crypto.Point]:
    """Each teller's verification key K_j, from the ceremony."""
    _qualified, _key, verification = ceremony_of(election).verify()
    return verification


def record_available(election: Election) -> bool:
    """The record is published with the declared result of a verifiable count."""
    verification = verification_of(election)
    return bool(
        election.verifiable
        and election.declared_at is not None
        and verification is not None
        and verification.status == VerificationStatus.COUNTED
    )


def record_of(election: Election) -> crypto.ElectionRecord:
    """The election record, published when the result is declared."""
    built = crypto_election(election)
    audited = tuple(
        crypto.AuditedBallot.from_json(d)
        for d in AuditedBallot.objects.filter(election=election)
        .order_by("received_at", "pk")
        .values_list("document", flat=True)
    )
    return crypto.ElectionRecord(
        built.manifest,
        built.fingerprint,
        built.key,
        ceremony_of(election),
        tuple(int(i) for i in election.verification.qualified),
        built.credentials,
        tuple(board_entries(election)),
        audited,
        bytes.fromhex(election.verification.board_head),
        election.verification.counted,
        aggregate_of(election),
        tuple(decryption_shares(election)),
        tuple(tuple(int(t) for t in row) for row in election.verification.totals),
        election.electorate_size,
    )


def record_bytes(election: Election) -> dict[str, bytes]:
    """The record's files, index.json included."""
    return crypto.record_files(record_of(election))


def zip_files(files: dict[str, bytes], folder: str = "") -> bytes:
    """Files in one zip: under `folder/` (unzipping makes one directory), or at the top."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"{folder}/{name}" if folder else name, data)
    return buffer.getvalue()


def record_folder_name(election: Election) -> str:
    return f"election-{election.pk}-record"


def for_tellers_files(election: Election) -> dict[str, bytes]:
    """What `newcourse teller decrypt` reads: manifest, tellers, credentials, board and
    aggregate, in the record's formats."""
    built = crypto_election(election)
    ceremony = ceremony_of(election)
    board = crypto.Board(built.fingerprint)
    for entry in board_entries(election):
        board.append(entry.ballot)
    with tempfile.TemporaryDirectory() as directory:
        crypto.publish_for_tellers(
            directory,
            election=built,
            ceremony=ceremony,
            qualified=tuple(int(i) for i in election.verification.qualified),
            board=board,
            aggregate=aggregate_of(election),
        )
        return {path.name: path.read_bytes() for path in sorted(Path(directory).iterdir())}


def tellers_of(election: Election) -> list[Teller]:
    return list(election.tellers.select_related("member__person").order_by("index"))
