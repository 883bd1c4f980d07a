"""A verifiable election on the server, end to end, timed step by step.

Builds a branch of N electors (default 2,000) in a fresh database (SQLite in a temporary data
directory unless DATABASE_URL is set), five tellers, and a verifiable plurality election with
five candidates; runs the tellers' key ceremony through the real teller steps, plays the
credential authority (codes generated as `newcourse credentials generate` does, only the
public credentials uploaded), opens voting, encrypts one ballot per elector
in Python (both cores), then times what the server does: checking and appending each ballot to
the board, the close (the sum of the counted ballots), three tellers' decryption (each re-checks
every ballot before it decrypts), the count and declaration, building the record, and the
verifier over it.

    .venv/bin/python benchmarks/verifiable_election.py [--voters 2000]
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import statistics
import tempfile
import time
from pathlib import Path


def _encrypt(job: tuple[object, object, list[int]]) -> dict[str, object]:
    from newcourse import crypto

    election, secret, marks = job
    made = crypto.ballot_encrypt(election=election, credential_secret=secret, marks=[marks])
    return made.ballot.to_json()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=2000)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="newcourse-bench-"))
    os.environ.setdefault("NEWCOURSE_HOME", str(home))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newcourse.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from newcourse import crypto
    from newcourse.crypto._verify_cli import main as verify_main
    from newcourse.demo.tellers import play_credential_authority, run_decryption, run_key_ceremony
    from newcourse.elections import services as elections
    from newcourse.offices import services as office_services
    from newcourse.organisation import services
    from newcourse.organisation.officers import Power
    from newcourse.verifiable import selectors as verifiable
    from newcourse.verifiable import services as verifiable_services

    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    from newcourse import rulebook
    from newcourse.rules import services as rules

    root = rules.organisation_found(
        actor="bench",
        name="Union",
        kind="Union",
        text=rulebook.model_text("trade-union", "en"),
        source="model:trade-union.en",
        effective_on=datetime.date(2000, 1, 1),
    )
    branch = services.body_create(actor="bench", name="Branch", kind="Branch", parent=root)
    joined = datetime.date(2020, 1, 1)
    members = [
        services.member_admit(
            actor="bench",
            email=f"m{n}@example.org",
            full_name=f"Member {n:05d}",
            body=branch,
            joined_on=joined,
        )
        for n in range(args.voters)
    ]
    tellers = office_services.office_create(
        actor="bench", body=root, title="Tellers", kind="tellers", seats=5
    )
    office_services.term_record_founding(actor="bench", office=tellers, members=members[:5])
    returning = office_services.office_create(
        actor="bench", body=branch, title="Returning officer", powers=[Power.CREDENTIALS]
    )
    office_services.term_record_founding(actor="bench", office=returning, members=[members[12]])
    office = office_services.office_create(
        actor="bench", body=branch, title="Treasurer", method="plurality", verifiable=True
    )
    now = datetime.datetime.now(datetime.UTC)
    hour = datetime.timedelta(hours=1)
    election = elections.election_schedule(
        actor="bench",
        office=office,
        nominations_open_at=now - 3 * hour,
        nominations_close_at=now - 2 * hour,
        voting_opens_at=now - hour,
        voting_closes_at=now + 24 * hour,
    )
    elections.election_advance(election=election, now=now - 3 * hour)
    for candidate in members[5:10]:
        nomination = elections.candidate_nominate(
            nominator=members[10], election=election, candidate=candidate, now=now - 3 * hour
        )
        elections.candidate_second(seconder=members[11], candidate=nomination, now=now - 3 * hour)
        elections.candidate_accept(member=candidate, candidate=nomination, now=now - 3 * hour)

    started = time.perf_counter()
    directories = run_key_ceremony(election, home / "tellers")
    print(
        f"key ceremony, 5 tellers (4 steps each, checked by the server): "
        f"{time.perf_counter() - started:.2f} s"
    )
    started = time.perf_counter()
    codes = play_credential_authority(election, members[12])
    print(
        f"credential authority: {len(codes)} codes generated, public credentials uploaded: "
        f"{time.perf_counter() - started:.2f} s"
    )
    started = time.perf_counter()
    election = elections.election_advance(election=election)
    print(
        f"opening ({election.electorate_size} electors, credentials fixed): "
        f"{time.perf_counter() - started:.2f} s"
    )
    built = verifiable.crypto_election(election)
    by_email = {m.person.email: m for m in members}
    jobs = [
        (
            built,
            crypto.credential_from_code(election.verification.record_id, code),
            [1 if i == n % 5 else 0 for i in range(5)],
        )
        for n, code in enumerate(codes.values())
    ]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        ballots = pool.map(_encrypt, jobs, chunksize=50)
    print(
        f"encrypting {len(ballots)} ballots in Python on 2 cores: "
        f"{time.perf_counter() - started:.2f} s"
    )

    # The reference, in the same run: the verifier's check of the same ballots alone, without
    # the server's window, elector and board work around it.
    checks = []
    for ballot in ballots[:200]:
        one = time.perf_counter()
        crypto.check_ballot(built, ballot)
        checks.append(time.perf_counter() - one)
    times = []
    for email, ballot in zip(codes, ballots, strict=True):
        one = time.perf_counter()
        verifiable_services.board_cast(election=election, member=by_email[email], ballot=ballot)
        times.append(time.perf_counter() - one)
    times.sort()
    print(
        f"casting (check as the verifier would + board append), one at a time: "
        f"median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms, "
        f"{len(times) / sum(times):.0f} ballots/s on one core"
    )
    print(
        "the verifier's check alone (reference): "
        f"median {statistics.median(checks) * 1000:.1f} ms; "
        f"casting / check = {statistics.median(times) / statistics.median(checks):.2f}"
    )
    later = election.voting_closes_at + hour
    started = time.perf_counter()
    elections.election_advance(election=election, now=later)
    print(f"close (sum of {len(ballots)} ballots): {time.perf_counter() - started:.2f} s")
    election.refresh_from_db()
    started = time.perf_counter()
    run_decryption(election, directories, present=[1, 3, 5])
    print(
        f"decryption by 3 tellers (each re-checks the board) + count + declaration: "
        f"{time.perf_counter() - started:.2f} s"
    )
    election.refresh_from_db()
    print(f"result: {election.verification.totals}, status {election.status}")
    started = time.perf_counter()
    files = verifiable.record_bytes(election)
    out = home / "record"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    print(
        f"record built ({sum(len(d) for d in files.values()) / 1e6:.1f} MB): "
        f"{time.perf_counter() - started:.2f} s"
    )
    started = time.perf_counter()
    code = verify_main([str(out)])
    print(f"newcourse verify: exit {code}, {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
