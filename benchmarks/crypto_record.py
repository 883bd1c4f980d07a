"""Benchmark of `newcourse.crypto`: builds a record of N ballots (5 options, 3-of-5 tellers)
and prints encryption and verification time per ballot, full-record verification on 1 and 2
cores, and tally + decryption time, beside ElectionGuard 1.4.0's ~220 ms per ballot.

    nice .venv/bin/python benchmarks/crypto_record.py [--ballots 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from newcourse.crypto import (
    aggregate_ballots,
    ballot_encrypt,
    check_ballot,
    decryption_share_make,
    read_record,
    seeded_scalars,
    simulate_election,
    tally_decrypt,
    verify_decryption_share,
    verify_record,
)

ELECTIONGUARD_MS = 220.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the record here and keep it")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="newcourse-bench-")) / "record"

    started = time.perf_counter()
    sim = simulate_election(
        directory, voters=args.ballots, tellers=5, threshold=3, seed=b"benchmark", processes=2
    )
    built = time.perf_counter() - started
    print(
        f"record of {args.ballots} ballots (5 options, 3 of 5 tellers) built in "
        f"{built:.1f} s (2 processes, server-side checks included)"
    )

    election = sim.election
    sample = 200
    rng = seeded_scalars(b"benchmark-encrypt")
    started = time.perf_counter()
    ballots = [
        ballot_encrypt(
            election=election,
            credential_secret=sim.credential_secrets[i],
            marks=[[1 if o == i % 5 else 0 for o in range(5)]],
            rng=rng,
        ).ballot
        for i in range(sample)
    ]
    encrypt_ms = (time.perf_counter() - started) / sample * 1e3
    started = time.perf_counter()
    for ballot in ballots:
        check_ballot(election, ballot.to_json())
    verify_ms = (time.perf_counter() - started) / sample * 1e3
    print(f"encrypt one 5-option ballot: {encrypt_ms:.2f} ms")
    print(
        f"verify one 5-option ballot (decode + proofs + signature): {verify_ms:.2f} ms "
        f"— ElectionGuard 1.4.0: ~{ELECTIONGUARD_MS:.0f} ms, "
        f"{ELECTIONGUARD_MS / verify_ms:.0f}x faster"
    )

    timings = {}
    for processes in (1, 2):
        started = time.perf_counter()
        verify_record(directory, processes=processes)
        timings[processes] = time.perf_counter() - started
        print(
            f"full record verification, {processes} core(s): {timings[processes]:.1f} s "
            f"({timings[processes] / args.ballots * 1e3:.2f} ms per ballot; 100,000 ballots "
            f"≈ {timings[processes] / args.ballots * 1e5 / 60:.1f} min)"
        )

    record = read_record(directory)
    counted = [entry.ballot for entry in record.board]
    latest = {b.credential.encoded: b for b in counted}
    started = time.perf_counter()
    aggregate = aggregate_ballots(election, latest.values())
    aggregated = time.perf_counter() - started
    started = time.perf_counter()
    shares = []
    teller_keys = record.ceremony.verify()[2]
    for teller in (2, 4, 5):
        share = decryption_share_make(
            election=election,
            teller=teller,
            secret=sim.teller_secrets[teller],
            aggregate=aggregate,
            rng=rng,
        )
        verify_decryption_share(election, teller_keys[teller], aggregate, share)
        shares.append(share)
    totals = tally_decrypt(election, aggregate, shares)
    decrypted = time.perf_counter() - started
    assert totals == sim.expected
    print(
        f"tally of {len(latest)} ballots: aggregate {aggregated:.2f} s, 3 decryption shares "
        f"with proofs + Lagrange + BSGS {decrypted:.2f} s; totals {list(totals[0])}"
    )
    if args.keep is None:
        shutil.rmtree(directory.parent)


if __name__ == "__main__":
    main()
