"""The standalone verifier: checks an election record with no network and no database.

Checks run in a fixed order and stop at the first failure, which is raised as
`VerificationFailed(check, detail)`; the names below are what the CLI prints.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ._ballot import AuditedBallot, check_audited_ballot, check_ballot
from ._batch import start_method
from ._board import chain_fault, genesis_hash
from ._codec import (
    aggregate_decode,
    ceremony_decode,
    credentials_decode,
    integer,
    items,
    share_decode,
)
from ._election import Election, Manifest, check_credential_list
from ._elgamal import Ciphertext
from ._errors import CryptoError, InvalidEncoding, RecordError, VerificationFailed
from ._group import Point, decode_digest
from ._record import (
    entry_decode,
    load_documents,
    load_shuffles,
    parse_document,
    parse_shuffle,
    shuffle_name,
)
from ._shuffle_files import BallotList, shuffle_link_check
from ._tally import (
    Aggregate,
    DecryptionShare,
    aggregate_ciphertexts,
    check_totals,
    verify_decryption_share,
)
from ._tellers import KeyCeremony

CHECK_INDEX: Final = "file index"
CHECK_PARAMETERS: Final = "parameters and fingerprint"
CHECK_TELLERS: Final = "tellers' proofs and election key"
CHECK_CREDENTIALS: Final = "credential list"
CHECK_BALLOTS: Final = "ballots"
CHECK_AUDITED: Final = "audited ballots"
CHECK_CHAIN: Final = "board hash chain"
CHECK_UNIQUE: Final = "duplicates and one ballot per credential"
CHECK_AGGREGATE: Final = "aggregate"
CHECK_DECRYPTION: Final = "decryption proofs"
CHECK_RESULT: Final = "published result"
CHECK_SHUFFLES: Final = "tellers' shuffles"
CHECK_TRACKER: Final = "tracker"

Progress = Callable[[int, int], None]
"""Called as progress(done, total) while ballots are checked."""
OnCheck = Callable[[str, str], None]
"""Called as on_check(check, summary) each time a check passes."""


@dataclass(slots=True)
class VerificationReport:
    """What a successful verification established."""

    checks: list[tuple[str, str]] = field(default_factory=list)
    ballots: int = 0
    counted: int = 0
    totals: tuple[tuple[int, ...], ...] = ()
    tracker_seq: int | None = None
    shuffles: int = 0


@dataclass(frozen=True, slots=True)
class _Checked:
    """What a worker hands back about one valid ballot (so the ballot is decoded once)."""

    seq: int
    credential: bytes
    tracker: bytes
    choices: tuple[tuple[tuple[bytes, bytes], ...], ...]


_WORKER_ELECTION: Election | None = None


def _init_worker(election: Election) -> None:
    global _WORKER_ELECTION
    _WORKER_ELECTION = election


def _check_entries(chunk: list[tuple[int, Any]]) -> list[_Checked] | tuple[int, str]:
    """Check a run of board entries; the first failure as (position, message)."""
    election = _WORKER_ELECTION
    assert election is not None  # noqa: S101 - set by _init_worker
    results = []
    for position, data in chunk:
        try:
            entry = entry_decode(data)
            check_ballot(election, entry.ballot)
        except (CryptoError, KeyError, TypeError) as error:
            return position, f"board entry {position}: {_describe(error)}"
        tracker = entry.ballot.tracker()
        if tracker != entry.tracker:
            return position, f"board entry {position}: tracker does not match the ballot"
        results.append(
            _Checked(
                position,
                entry.ballot.credential.encoded,
                tracker,
                tuple(
                    tuple((c.alpha.encoded, c.beta.encoded) for c in a.choices)
                    for a in entry.ballot.answers
                ),
            )
        )
    return results


def _describe(error: BaseException) -> str:
    if isinstance(error, InvalidEncoding):
        return f"bad encoding: {error}"
    if isinstance(error, KeyError):
        return f"bad encoding: missing field {error}"
    return str(error)


def _chunks(entries: Sequence[Any], size: int) -> Iterator[list[tuple[int, Any]]]:
    for start in range(0, len(entries), size):
        yield list(enumerate(entries[start : start + size], start))


def _fail(check: str, detail: str) -> VerificationFailed:
    return VerificationFailed(check, detail)


def verify_record(
    directory: str | Path,
    *,
    tracker: str | None = None,
    progress: Progress | None = None,
    on_check: OnCheck | None = None,
    processes: int | None = None,
) -> VerificationReport:
    """Verify an election record. Returns the report, or raises VerificationFailed naming
    the first failed check, or RecordError if the record cannot be read at all.

    `processes` ballot-checking processes (default: all cores; 1 checks in this process)."""
    try:
        return _verify(Path(directory), tracker, progress, on_check, processes)
    except (InvalidEncoding, KeyError, TypeError, ValueError) as error:
        raise RecordError(f"malformed record: {_describe(error)}") from None


def _verify(
    directory: Path,
    tracker: str | None,
    progress: Progress | None,
    on_check: OnCheck | None,
    processes: int | None,
) -> VerificationReport:
    report = VerificationReport()

    def passed(check: str, summary: str) -> None:
        report.checks.append((check, summary))
        if on_check is not None:
            on_check(check, summary)

    index, raw = load_documents(directory)
    for name, data in raw.items():
        if index["files"].get(name) != hashlib.sha256(data).hexdigest():
            raise _fail(CHECK_INDEX, f"{name}: SHA-256 differs from index.json")
    shuffle_files = load_shuffles(directory, index)
    for name, data in shuffle_files.values():
        if index["files"][name] != hashlib.sha256(data).hexdigest():
            raise _fail(CHECK_INDEX, f"{name}: SHA-256 differs from index.json")
    docs = {name: parse_document(name, data) for name, data in raw.items()}
    passed(CHECK_INDEX, f"{len(raw) + len(shuffle_files)} files match their SHA-256")

    election, ceremony, qualified = _check_parameters(docs)
    passed(CHECK_PARAMETERS, f"fingerprint {election.fingerprint.hex()}")
    teller_keys = _check_tellers(election, ceremony, qualified)
    manifest, credentials = election.manifest, election.credentials
    passed(
        CHECK_TELLERS,
        f"{len(qualified)} of {manifest.tellers} tellers qualified, threshold {manifest.threshold}",
    )

    try:
        check_credential_list(credentials)
    except CryptoError as error:
        raise _fail(CHECK_CREDENTIALS, str(error)) from None
    electorate = _electorate(docs["credentials.json"], len(credentials))
    passed(
        CHECK_CREDENTIALS,
        f"{len(credentials)} credentials, total weight {election.total_weight()}"
        + ("" if electorate is None else f", for an electorate of {electorate}"),
    )

    entries = items(docs["board.json"]["entries"], "entries")
    checked = _check_all(election, entries, progress, processes)
    report.ballots = len(checked)
    passed(CHECK_BALLOTS, f"{len(checked)} ballots: encodings, signatures, proofs, trackers")

    audited_cts, audited_trackers = _check_audited(election, docs["audited.json"])
    passed(
        CHECK_AUDITED,
        f"{len(docs['audited.json']['ballots'])} audited ballots open to their revealed marks",
    )

    counted_seqs = _check_chain(election.fingerprint, entries, checked)
    passed(CHECK_CHAIN, f"{len(entries)} entries chained")

    _check_unique(checked, audited_cts, counted_seqs, len(credentials))
    report.counted = len(counted_seqs)
    passed(
        CHECK_UNIQUE, f"{len(counted_seqs)} counted, {len(checked) - len(counted_seqs)} superseded"
    )

    aggregate = _check_aggregate(election, docs["aggregate.json"], checked, counted_seqs, entries)
    passed(CHECK_AGGREGATE, "recomputed from the counted ballots")

    shares = _check_decryption(election, docs["decryption.json"], aggregate, teller_keys)
    tellers = [share.teller for share in shares]
    passed(CHECK_DECRYPTION, f"shares from tellers {tellers}")

    report.totals = _check_result(election, docs["result.json"], aggregate, shares)
    passed(CHECK_RESULT, f"totals {[list(r) for r in report.totals]}")

    if shuffle_files:
        chain = {p: parse_shuffle(name, data) for p, (name, data) in shuffle_files.items()}
        counted_rows = [
            tuple(Ciphertext(Point(a), Point(b)) for row in c.choices for a, b in row)
            for c in checked
            if c.seq in counted_seqs
        ]
        report.shuffles = _check_shuffles(election, chain, counted_rows, processes, passed)

    if tracker is not None:
        report.tracker_seq = _check_tracker(tracker, checked, counted_seqs, audited_trackers)
        passed(CHECK_TRACKER, f"on the board at entry {report.tracker_seq} and counted")
    return report


def _electorate(document: dict[str, Any], credentials: int) -> int | None:
    """The electorate's size published beside the credentials, if it is: there may be fewer
    credentials (electors the authority issued none to) but never more (padding)."""
    electorate = document.get("electorate")
    if electorate is None:
        return None
    if isinstance(electorate, bool) or not isinstance(electorate, int) or electorate < 0:
        raise _fail(CHECK_CREDENTIALS, "the electorate's size is not a whole number")
    if credentials > electorate:
        raise _fail(
            CHECK_CREDENTIALS,
            f"{credentials} credentials for an electorate of {electorate}: the list is padded",
        )
    return electorate


def _check_parameters(docs: dict[str, Any]) -> tuple[Election, KeyCeremony, tuple[int, ...]]:
    try:
        manifest = Manifest.from_json(docs["manifest.json"]["manifest"])
        published = decode_digest(docs["manifest.json"]["fingerprint"], "fingerprint")
        key = Point.from_hex(docs["manifest.json"]["election_key"])
        ceremony, qualified = ceremony_decode(docs["tellers.json"])
        credentials = credentials_decode(docs["credentials.json"]["credentials"])
        if any(not 1 <= i <= len(ceremony.deals) for i in qualified):
            raise InvalidEncoding("qualified dealer out of range")
        election = Election(
            manifest, key, ceremony.qualified_commitments(qualified), credentials, ceremony.digest()
        )
    except (CryptoError, KeyError, TypeError, ValueError) as error:
        raise _fail(CHECK_PARAMETERS, _describe(error)) from None
    if (manifest.tellers, manifest.threshold) != (len(ceremony.tellers), ceremony.threshold):
        raise _fail(CHECK_PARAMETERS, "teller count or threshold differ from the manifest")
    if ceremony.election_id != manifest.election_id:
        raise _fail(CHECK_PARAMETERS, "key ceremony is for another election")
    if election.fingerprint != published:
        raise _fail(
            CHECK_PARAMETERS, "fingerprint does not match manifest, key, tellers and credentials"
        )
    return election, ceremony, qualified


def _check_tellers(
    election: Election, ceremony: KeyCeremony, qualified: tuple[int, ...]
) -> dict[int, Point]:
    try:
        computed_qualified, computed_key, teller_keys = ceremony.verify()
    except CryptoError as error:
        raise _fail(CHECK_TELLERS, str(error)) from None
    if computed_qualified != qualified:
        raise _fail(CHECK_TELLERS, f"qualified tellers are {computed_qualified}, not {qualified}")
    if computed_key != election.key:
        raise _fail(CHECK_TELLERS, "election key is not the sum of the qualified constant terms")
    return teller_keys


def _check_audited(election: Election, document: dict[str, Any]) -> tuple[set[bytes], set[bytes]]:
    """Check every audited ballot; return their ciphertexts' α (which may not be cast) and
    their trackers."""
    alphas: set[bytes] = set()
    trackers: set[bytes] = set()
    for position, data in enumerate(items(document["ballots"], "audited")):
        try:
            audited = AuditedBallot.from_json(data)
            check_audited_ballot(election, audited)
        except (CryptoError, KeyError, TypeError) as error:
            raise _fail(CHECK_AUDITED, f"audited ballot {position}: {_describe(error)}") from None
        alphas.update(c.alpha.encoded for a in audited.ballot.answers for c in a.choices)
        trackers.add(audited.ballot.tracker())
    return alphas, trackers


def _check_decryption(
    election: Election,
    document: dict[str, Any],
    aggregate: Aggregate,
    teller_keys: dict[int, Point],
) -> tuple[DecryptionShare, ...]:
    try:
        shares = tuple(share_decode(s) for s in items(document["shares"], "shares"))
        tellers = [s.teller for s in shares]
        if len(set(tellers)) != len(tellers) or any(t not in teller_keys for t in tellers):
            raise InvalidEncoding("decryption shares must come from distinct, known tellers")
        if len(shares) < election.manifest.threshold:
            raise InvalidEncoding(f"{len(shares)} decryption shares, fewer than the threshold")
        for share in shares:
            verify_decryption_share(election, teller_keys[share.teller], aggregate, share)
    except (CryptoError, KeyError, TypeError) as error:
        raise _fail(CHECK_DECRYPTION, _describe(error)) from None
    return shares


def _check_all(
    election: Election, entries: list[Any], progress: Progress | None, processes: int | None
) -> list[_Checked]:
    # By default small boards are checked in-process: starting workers would cost more.
    workers = processes or os.cpu_count() or 1
    in_process = workers == 1 or (processes is None and len(entries) < 400)
    size = max(1, min(200, len(entries) // (workers * 8) or 1))
    checked: list[_Checked] = []

    def absorb(result: list[_Checked] | tuple[int, str]) -> None:
        if isinstance(result, tuple):
            raise _fail(CHECK_BALLOTS, result[1])
        checked.extend(result)
        if progress is not None:
            progress(len(checked), len(entries))

    if in_process:
        _init_worker(election)
        for chunk in _chunks(entries, size):
            absorb(_check_entries(chunk))
        return checked
    context = multiprocessing.get_context(start_method())
    with context.Pool(workers, initializer=_init_worker, initargs=(election,)) as pool:
        for result in pool.imap(_check_entries, _chunks(entries, size)):
            absorb(result)
    return checked


def _check_chain(fingerprint: bytes, entries: list[Any], checked: list[_Checked]) -> set[int]:
    prev = genesis_hash(fingerprint)
    latest: dict[bytes, int] = {}
    for position, (data, ballot) in enumerate(zip(entries, checked, strict=True)):
        try:
            seq = integer(data["seq"], "seq")
            entry_prev = decode_digest(data["prev"], "prev")
            supersedes = data["supersedes"]
            if supersedes is not None:
                supersedes = integer(supersedes, "supersedes")
            entry_hash_value = decode_digest(data["hash"], "hash")
        except (CryptoError, KeyError, TypeError) as error:
            raise _fail(CHECK_CHAIN, f"entry {position}: {_describe(error)}") from None
        if seq != position:
            raise _fail(CHECK_CHAIN, f"entry {position}: seq is {seq}")
        fault = chain_fault(
            fingerprint,
            prev,
            latest,
            seq=seq,
            prev=entry_prev,
            supersedes=supersedes,
            credential=ballot.credential,
            tracker=ballot.tracker,
            entry=entry_hash_value,
        )
        if fault is not None:
            raise _fail(CHECK_CHAIN, f"entry {position}: {fault}")
        latest[ballot.credential] = position
        prev = entry_hash_value
    return set(latest.values())


def _check_unique(
    checked: list[_Checked], audited_cts: set[bytes], counted: set[int], credentials: int
) -> None:
    trackers: set[bytes] = set()
    alphas: set[bytes] = set()
    for ballot in checked:
        if ballot.tracker in trackers:
            raise _fail(CHECK_UNIQUE, f"entry {ballot.seq}: duplicate ballot (same tracker)")
        trackers.add(ballot.tracker)
        for row in ballot.choices:
            for alpha, _ in row:
                if alpha in alphas or alpha in audited_cts:
                    raise _fail(CHECK_UNIQUE, f"entry {ballot.seq}: duplicate ciphertext")
                alphas.add(alpha)
    if len(counted) > credentials:
        raise _fail(CHECK_UNIQUE, "more counted ballots than credentials")


def _check_aggregate(
    election: Election,
    document: dict[str, Any],
    checked: list[_Checked],
    counted: set[int],
    entries: list[Any],
) -> tuple[tuple[Ciphertext, ...], ...]:
    try:
        published = aggregate_decode(document["questions"])
        head = decode_digest(document["board_head"], "board_head")
        count = integer(document["counted"], "counted")
    except (CryptoError, KeyError, TypeError) as error:
        raise _fail(CHECK_AGGREGATE, _describe(error)) from None
    expected_head = (
        decode_digest(entries[-1]["hash"], "hash")
        if entries
        else genesis_hash(election.fingerprint)
    )
    if head != expected_head:
        raise _fail(CHECK_AGGREGATE, "board head differs from the last entry's hash")
    if count != len(counted):
        raise _fail(CHECK_AGGREGATE, f"says {count} ballots counted, the board has {len(counted)}")
    votes = (
        (
            election.weights[c.credential],
            [[Ciphertext(Point(a), Point(b)) for a, b in row] for row in c.choices],
        )
        for c in checked
        if c.seq in counted
    )
    if aggregate_ciphertexts(election, votes) != published:
        raise _fail(CHECK_AGGREGATE, "published aggregate differs from the counted ballots")
    return published


def _check_result(
    election: Election,
    document: dict[str, Any],
    aggregate: tuple[tuple[Ciphertext, ...], ...],
    shares: Sequence[Any],
) -> tuple[tuple[int, ...], ...]:
    try:
        totals = tuple(
            tuple(integer(t, "total") for t in items(row, "totals row"))
            for row in items(document["totals"], "totals")
        )
        readable = document["questions"]
    except (CryptoError, KeyError, TypeError) as error:
        raise _fail(CHECK_RESULT, _describe(error)) from None
    if not check_totals(election, aggregate, shares, totals):
        raise _fail(CHECK_RESULT, "published totals are not what the tellers decrypted")
    expected = [
        {
            "title": q.title,
            "options": [
                {"option": name, "total": total} for name, total in zip(q.options, row, strict=True)
            ],
        }
        for q, row in zip(election.manifest.questions, totals, strict=True)
    ]
    if readable != expected:
        raise _fail(CHECK_RESULT, "the readable result differs from the verified totals")
    return totals


def _check_shuffles(
    election: Election,
    chain: dict[int, BallotList],
    counted: list[tuple[Ciphertext, ...]],
    processes: int | None,
    passed: Callable[[str, str], None],
) -> int:
    """Check the tellers' shuffle chain: position 0 is the board's counted ballots, then each
    position p ≥ 1 is teller p's correct shuffle of the list at p − 1 (the proof and the
    input it names), at least `threshold` of them, so that unless t tellers collude, one
    shuffle in the chain is by a teller who forgot its permutation. Returns the number of
    shuffles; raises VerificationFailed naming the first position and teller that fail."""
    manifest = election.manifest
    if any(credential.weight != 1 for credential in election.credentials):
        raise _fail(
            CHECK_SHUFFLES,
            "a shuffled count needs every credential to weigh 1: a card vote would lose its "
            "weight in the shuffle",
        )
    for position, ballot_list in chain.items():
        if ballot_list.position != position:
            raise _fail(
                CHECK_SHUFFLES,
                f"{shuffle_name(position)} holds the list at position {ballot_list.position}: "
                "the chain is out of order",
            )
    positions = list(chain)
    missing = sorted(set(range(positions[-1] + 1)) - set(positions))
    if missing:
        raise _fail(
            CHECK_SHUFFLES,
            f"no list at position {missing[0]}"
            + ("" if missing[0] == 0 else f" (teller {missing[0]}'s shuffle)")
            + f": the chain has positions {positions}",
        )
    shuffles = positions[-1]
    if shuffles > manifest.tellers:
        raise _fail(
            CHECK_SHUFFLES,
            f"{shuffles} shuffles for {manifest.tellers} tellers: teller p shuffles at position p",
        )
    if shuffles < manifest.threshold:
        raise _fail(
            CHECK_SHUFFLES,
            f"{shuffles} shuffles, fewer than the threshold {manifest.threshold}: the chain "
            "must hold at least one teller outside any group that could decrypt",
        )
    start = chain[0]
    if (start.election_id, start.fingerprint, start.key) != (
        manifest.election_id,
        election.fingerprint,
        election.key,
    ):
        raise _fail(CHECK_SHUFFLES, "position 0 (the board's list) is not of this election")
    if list(start.ballots) != counted:
        raise _fail(
            CHECK_SHUFFLES,
            f"position 0 holds {len(start.ballots)} ballots that are not the board's "
            f"{len(counted)} counted ballots in board order",
        )
    passed(CHECK_SHUFFLES, f"position 0: the board's {len(counted)} counted ballots")
    jobs = processes or os.cpu_count() or 1
    for position in range(1, shuffles + 1):
        try:
            shuffle_link_check(
                chain[position - 1],
                chain[position],
                election_id=manifest.election_id,
                fingerprint=election.fingerprint,
                key=election.key,
                jobs=jobs,
            )
        except CryptoError as error:
            raise _fail(
                CHECK_SHUFFLES, f"position {position} (teller {position}'s shuffle): {error}"
            ) from None
        passed(
            CHECK_SHUFFLES,
            f"position {position}: teller {position}'s shuffle of {len(counted)} ballots proved",
        )
    return shuffles


def _check_tracker(
    tracker: str, checked: list[_Checked], counted: set[int], audited: set[bytes]
) -> int:
    try:
        wanted = decode_digest(tracker.strip().lower(), "tracker")
    except CryptoError as error:
        raise _fail(CHECK_TRACKER, str(error)) from None
    for ballot in checked:
        if ballot.tracker == wanted:
            if ballot.seq not in counted:
                raise _fail(
                    CHECK_TRACKER,
                    f"ballot at entry {ballot.seq} was superseded by "
                    "a later ballot under the same credential",
                )
            return ballot.seq
    if wanted in audited:
        raise _fail(CHECK_TRACKER, "this ballot was audited (opened), so it is not counted")
    raise _fail(CHECK_TRACKER, "no ballot with this tracker is on the board")
