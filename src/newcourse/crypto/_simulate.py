"""A whole election in one process: key ceremony, credentials, voters, an audited ballot, a
revote, the tally by t of n tellers, and the record. For tests, benchmarks and demos — its
randomness is seeded, so it must never run a real election."""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ._ballot import AuditedBallot, ballot_encrypt, check_ballot, credential_generate
from ._batch import start_method
from ._board import Board
from ._election import Credential, Election, Manifest, Question
from ._group import Scalar, seeded_scalars
from ._record import ElectionRecord, write_record
from ._tally import aggregate_ballots, decryption_share_make, tally_decrypt, verify_decryption_share
from ._tellers import (
    Complaint,
    KeyCeremony,
    _seal,
    dkg_commitment,
    dkg_deal,
    dkg_polynomial,
    dkg_receive,
    teller_keygen,
    teller_share,
)

DEFAULT_QUESTIONS = (Question("Chair", ("Ada", "Bea", "Cal", "Dee", "Eli"), 1, 1),)


@dataclass(frozen=True, slots=True)
class Simulation:
    """The record written, with what only the simulator knows (for tests to compare)."""

    record: ElectionRecord
    election: Election
    expected: tuple[tuple[int, ...], ...]
    counted_trackers: tuple[bytes, ...]
    superseded_trackers: tuple[bytes, ...]
    audited_tracker: bytes | None
    teller_secrets: dict[int, Scalar]
    credential_secrets: tuple[Scalar, ...]


def random_marks(question: Question, chooser: random.Random) -> list[int]:
    """A valid random answer: a total in [min_marks, max_marks] spread over the options."""
    marks = [0] * len(question.options)
    for _ in range(chooser.randint(question.min_marks, question.max_marks)):
        open_options = [o for o, m in enumerate(marks) if m < question.max_per_option]
        marks[chooser.choice(open_options)] += 1
    return marks


def _encrypt_job(job: tuple[Election, Scalar, list[list[int]], bytes]) -> AuditedBallot:
    election, secret, marks, seed = job
    return ballot_encrypt(
        election=election, credential_secret=secret, marks=marks, rng=seeded_scalars(seed)
    )


def simulate_election(
    directory: str | Path | None = None,
    *,
    voters: int = 20,
    questions: Sequence[Question] = DEFAULT_QUESTIONS,
    tellers: int = 5,
    threshold: int = 3,
    seed: bytes = b"newcourse-simulation",
    present: Sequence[int] | None = None,
    weights: Sequence[int] | None = None,
    audited: int = 1,
    revotes: int = 1,
    bad_dealer: int | None = None,
    processes: int = 1,
) -> Simulation:
    """Run an election end to end and, if `directory` is given, write its record there.

    `present` are the tellers who decrypt (default: the last t, to show any t suffice);
    `bad_dealer` sends teller 1 a bad share, so teller 1 complains and the dealer is
    disqualified; `processes` > 1 encrypts ballots in parallel."""
    rng = seeded_scalars(seed + b"/ceremony")
    chooser = random.Random(seed)  # noqa: S311 - simulation only, never a real election
    manifest = Manifest(
        "sim-" + seed.hex()[:8],
        "Simulated election",
        tuple(questions),
        "2026-01-01T09:00:00Z",
        "2026-01-08T09:00:00Z",
        tellers,
        threshold,
    )
    eid = manifest.election_id
    teller_pairs = [
        teller_keygen(election_id=eid, index=i, tellers=tellers, threshold=threshold, rng=rng)
        for i in range(1, tellers + 1)
    ]
    keys = tuple(k for _, k in teller_pairs)
    polynomials = [dkg_polynomial(threshold, rng) for _ in keys]
    deals = []
    for dealer, polynomial in enumerate(polynomials, 1):
        deal = dkg_deal(
            election_id=eid,
            dealer=dealer,
            tellers=keys,
            threshold=threshold,
            polynomial=polynomial,
            rng=rng,
        )
        if dealer == bad_dealer:
            wrong = _seal(eid, dealer, keys[0], Scalar(12345), rng)
            deal = type(deal)(deal.dealer, deal.coefficients, deal.proof, (wrong, *deal.shares[1:]))
        deals.append(deal)
    commitments = tuple(dkg_commitment(eid, d.dealer, d.coefficients) for d in deals)
    received: dict[int, dict[int, Scalar]] = {}
    complaints: list[Complaint] = []
    for secret, key in teller_pairs:
        received[key.index] = {}
        for deal in deals:
            outcome = dkg_receive(
                election_id=eid,
                recipient=key.index,
                secret=secret,
                tellers=keys,
                deal=deal,
                rng=rng,
            )
            if isinstance(outcome, Complaint):
                complaints.append(outcome)
            else:
                received[key.index][deal.dealer] = outcome
    ceremony = KeyCeremony(eid, threshold, keys, commitments, tuple(deals), tuple(complaints))
    qualified, election_key, teller_keys = ceremony.verify()
    secrets = {j: teller_share(received[j], qualified) for j in received}

    weight_of = list(weights) if weights is not None else [1] * voters
    issued = [
        credential_generate(weight_of[v], seeded_scalars(seed + b"/cred/%d" % v))
        for v in range(voters)
    ]
    issued.sort(key=lambda pair: pair[1].key.encoded)
    credentials = tuple(Credential(c.key, c.weight) for _, c in issued)
    election = Election(
        manifest,
        election_key,
        ceremony.qualified_commitments(qualified),
        credentials,
        ceremony.digest(),
    )

    jobs = [
        (
            election,
            issued[v][0],
            [random_marks(q, chooser) for q in questions],
            seed + b"/ballot/%d" % v,
        )
        for v in range(voters)
    ]
    extra = [
        (
            election,
            issued[v % voters][0],
            [random_marks(q, chooser) for q in questions],
            seed + b"/revote/%d" % v,
        )
        for v in range(min(revotes, voters))
    ]
    audit_jobs = [
        (
            election,
            issued[v % voters][0],
            [random_marks(q, chooser) for q in questions],
            seed + b"/audit/%d" % v,
        )
        for v in range(audited)
    ]
    all_jobs = jobs + extra + audit_jobs
    if processes > 1:
        with multiprocessing.get_context(start_method()).Pool(processes) as pool:
            made = pool.map(_encrypt_job, all_jobs, chunksize=50)
    else:
        made = [_encrypt_job(job) for job in all_jobs]
    cast, opened = made[: len(jobs) + len(extra)], made[len(jobs) + len(extra) :]

    board = Board(election.fingerprint)
    for ballot in cast:
        board.append(check_ballot(election, ballot.ballot))
    counted = board.counted()
    counted_set = {b.tracker() for b in counted}
    expected = [[0] * len(q.options) for q in questions]
    for made_ballot in cast:
        if made_ballot.ballot.tracker() in counted_set:
            weight = election.weights[made_ballot.ballot.credential.encoded]
            for row, marks in zip(expected, made_ballot.marks, strict=True):
                for o, m in enumerate(marks):
                    row[o] += weight * m

    aggregate = aggregate_ballots(election, counted)
    decrypting = (
        list(present) if present is not None else list(range(tellers - threshold + 1, tellers + 1))
    )
    shares = []
    for j in decrypting:
        share = decryption_share_make(
            election=election, teller=j, secret=secrets[j], aggregate=aggregate, rng=rng
        )
        verify_decryption_share(election, teller_keys[j], aggregate, share)
        shares.append(share)
    totals = tally_decrypt(election, aggregate, shares)
    record = ElectionRecord(
        manifest,
        election.fingerprint,
        election_key,
        ceremony,
        qualified,
        credentials,
        tuple(board.entries),
        tuple(opened),
        board.head(),
        len(counted),
        aggregate,
        tuple(shares),
        totals,
    )
    if directory is not None:
        write_record(directory, record)
    return Simulation(
        record,
        election,
        tuple(tuple(r) for r in expected),
        tuple(b.tracker() for b in counted),
        tuple(e.tracker for e in board.entries if e.tracker not in counted_set),
        opened[0].ballot.tracker() if opened else None,
        secrets,
        tuple(s for s, _ in issued),
    )
