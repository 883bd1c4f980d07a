"""The demo's elections: one declared by STV, one open for voting, one recall petition, and
Glasgow's tellers with a declared verifiable election and one open for voting.

Everything goes through the same services a real election uses, with the clock set to the
moments of the timetable, so the record tells the story in order. The tellers and the voters
are played in this process (`tellers`).
"""

from __future__ import annotations

import datetime
import os
import random
import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from newcourse.elections import services
from newcourse.elections.models import Election, ElectionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import OfficeKind, Term
from newcourse.organisation.models import Body, Member
from newcourse.organisation.officers import Power

from .tellers import CODE, cast, play_credential_authority, run_decryption, run_key_ceremony

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def _stand(
    election: Election,
    members: list[Member],
    when: datetime.datetime,
    rng: random.Random,
    statements: list[str],
) -> list[str]:
    """Nominate, second and accept each member; returns candidate ids in the same order."""
    electorate = list(
        Member.objects.in_good_standing()
        .within(election.office.body)
        .exclude(pk__in=[m.pk for m in members])
        .order_by("number")
    )
    ids = []
    for member, statement in zip(members, statements, strict=False):
        proposer, seconder = rng.sample(electorate, 2)
        candidate = services.candidate_nominate(
            nominator=proposer, election=election, candidate=member, now=when
        )
        services.candidate_second(seconder=seconder, candidate=candidate, now=when)
        services.candidate_accept(member=member, candidate=candidate, statement=statement, now=when)
        ids.append(str(candidate.pk))
    return ids


def seed_declared_committee(rng: random.Random) -> Election:
    """British Section national committee: 5 seats, Scottish STV, 130+ ballots, declared."""
    section = Body.objects.get(slug="british-section")
    office = office_services.office_create(
        actor="system:demo",
        body=section,
        title="National committee",
        kind="committee",
        seats=5,
    )
    opens = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=datetime.UTC)
    election = services.election_schedule(
        actor="system:demo",
        office=office,
        nominations_open_at=opens,
        nominations_close_at=opens + 14 * DAY,
        voting_opens_at=opens + 14 * DAY,
        voting_closes_at=opens + 21 * DAY,
    )
    services.election_advance(election=election, now=opens + HOUR)
    # The demo logins stay ordinary members, so each shows what its role sees.
    pool = list(
        Member.objects.in_good_standing()
        .within(section)
        .filter(person__email__endswith="@members.example")
        .order_by("number")
    )
    candidates = rng.sample(pool, 8)
    statements = [
        "Rank-and-file control of every negotiation, and report-backs in every branch.",
        "Officials on a worker's wage, elected and recallable.",
        "Build the branches in the logistics sector; no sweetheart deals.",
        "Open books: every member sees the accounts every quarter.",
        "Solidarity across borders: joint action with the Section française.",
        "Defend the right to organise tendencies and circulate platforms.",
        "Democratic control of the strike fund.",
        "More women and young workers on every committee.",
    ]
    ids = _stand(election, candidates, opens + 2 * DAY, rng, statements)
    voting_time = opens + 15 * DAY
    services.election_advance(election=election, now=voting_time)
    # Two slates and independents: voters mostly rank within their slate, then cross over.
    slates = [ids[:3], ids[3:6], ids[6:]]
    electors = list(election.electors.select_related("member").order_by("member__number"))
    for elector in rng.sample(electors, len(electors) * 85 // 100):
        first = rng.choices(slates, weights=[5, 4, 2])[0]
        ranking = rng.sample(first, len(first))
        others = [c for c in ids if c not in ranking]
        ranking += rng.sample(others, rng.randint(0, len(others)))
        services.ballot_cast(
            election=election, member=elector.member, choices=ranking, now=voting_time
        )
    return services.election_advance(election=election, now=opens + 22 * DAY)


def seed_open_branch_election(rng: random.Random) -> Election:
    """Glasgow branch chair: one seat, instant-runoff, voting open now for a fortnight."""
    glasgow = Body.objects.get(slug="glasgow")
    office = office_services.office_create(
        actor="system:demo",
        body=glasgow,
        title="Branch chair",
        seats=1,
        powers=[Power.OFFICES],  # proposes the branch's offices; the register is the secretary's
    )
    now = timezone.now()
    election = services.election_schedule(
        actor="system:demo",
        office=office,
        nominations_open_at=now - 10 * DAY,
        nominations_close_at=now - HOUR,
        voting_opens_at=now - HOUR,
        voting_closes_at=now + 14 * DAY,
    )
    services.election_advance(election=election, now=now - 9 * DAY)
    pool = list(
        Member.objects.in_good_standing()
        .filter(body=glasgow, person__email__endswith="@members.example")
        .order_by("number")
    )
    _stand(
        election,
        rng.sample(pool, 3),
        now - 8 * DAY,
        rng,
        [
            "Meetings at times shift workers can attend.",
            "A branch newsletter every month, written by members.",
            "Every motion from the branch goes to conference.",
        ],
    )
    return services.election_advance(election=election, now=now)


def seed_recall_petition(rng: random.Random) -> None:
    """A petition to recall the International's general secretary, still collecting."""
    term = Term.objects.get(office__title="General secretary")
    electorate = list(
        Member.objects.in_good_standing()
        .within(term.office.body)
        .exclude(pk=term.member_id)
        .filter(person__email__endswith="@members.example")
        .order_by("number")
    )
    opener, *signers = rng.sample(electorate, 12)
    petition = services.recall_open(
        member=opener,
        term=term,
        reason="Signed the 2026 framework agreement without a members' ballot.",
    )
    for member in signers:
        services.recall_sign(member=member, petition=petition)


def elections_seed(rng: random.Random) -> None:
    """Every election of the demo, its petition and Glasgow's tellers, in the order they
    happened."""
    seed_declared_committee(rng)
    seed_open_branch_election(rng)
    seed_recall_petition(rng)
    seed_verifiable(rng)
    # Offices left vacant open their elections by themselves.
    tick = services.elections_tick()
    if tick.failures:  # the tick carries on past a failure; the demo must not
        raise RuntimeError(f"The demo's timetable failed: {tick.failures}")


# Verifiable ballots: Glasgow's elected tellers, one declared verifiable election whose record
# verifies, and one open for voting in which the demo's member holds a credential. Tellers and
# voters are played in-process through the real paths (`tellers`).

VOTER_LOGIN = "member@glasgow.example"
TELLERS_FOLDER = "demo-tellers"
CREDENTIAL_FILE = "demo-credential.txt"


def tellers_home(election: Election) -> Path:
    """Where the demo keeps the tellers' directories of one election."""
    return Path(settings.NEWCOURSE_HOME) / TELLERS_FOLDER / f"election-{election.pk}"


def credential_path() -> Path:
    return Path(settings.NEWCOURSE_HOME) / CREDENTIAL_FILE


AUTHORITY_LOGIN = "secretary@glasgow.example"
AUTHORITY_NOTE = (
    "The demo plays the credential authority: in a real organisation, an elected officer does "
    "this on their own machine (newcourse credentials download, generate, upload), and the "
    "server never sees a code."
)


def _open_with_credentials(election: Election, opens: datetime.datetime) -> dict[str, str]:
    """Play Glasgow's credential authority (codes made as `newcourse credentials generate`
    makes them, only the public credentials handed in), then open the vote. Returns each
    elector's code by email address: in a real election the authority delivers them to the
    members, and nobody collects them."""
    authority = Member.objects.get(person__email=AUTHORITY_LOGIN)
    codes = play_credential_authority(election, authority)
    services.election_advance(election=election, now=opens)
    return codes


def _glasgow_pool() -> list[Member]:
    return list(
        Member.objects.in_good_standing()
        .filter(body__slug="glasgow", person__email__endswith="@members.example")
        .order_by("number")
    )


def seed_credential_authority() -> None:
    """Glasgow branch's returning officer, its credential authority: the branch secretary,
    by the office's founding act."""
    office = office_services.office_create(
        actor="system:demo",
        body=Body.objects.get(slug="glasgow"),
        title="Returning officer",
        powers=[Power.CREDENTIALS],
    )
    office_services.term_record_founding(
        actor="system:demo",
        office=office,
        members=[Member.objects.get(person__email=AUTHORITY_LOGIN)],
    )


def seed_tellers(rng: random.Random) -> list[Member]:
    """Glasgow branch's five tellers, by the office's founding act."""
    glasgow = Body.objects.get(slug="glasgow")
    office = office_services.office_create(
        actor="system:demo",
        body=glasgow,
        title="Tellers",
        kind="tellers",
        seats=5,
    )
    tellers = rng.sample(_glasgow_pool(), 5)
    office_services.term_record_founding(actor="system:demo", office=office, members=tellers)
    return tellers


def _verifiable_election(
    title: str,
    rng: random.Random,
    *,
    opens: datetime.datetime,
    closes: datetime.datetime,
    statements: list[str],
    exclude: list[Member],
    kind: str = OfficeKind.POST,
    powers: list[str] | None = None,
) -> tuple[Election, dict[int, Path], dict[str, str]]:
    """A verifiable plurality election in Glasgow, taken through nominations and the tellers'
    key ceremony to the opening of the vote, `opens` being when voting opens. Returns the
    election, the tellers' directories and each elector's credential code by email."""
    glasgow = Body.objects.get(slug="glasgow")
    office = office_services.office_create(
        actor="system:demo",
        body=glasgow,
        title=title,
        kind=kind,
        powers=powers,
        seats=1,
        method="plurality",
        verifiable=True,
    )
    election = services.election_schedule(
        actor="system:demo",
        office=office,
        nominations_open_at=opens - 10 * DAY,
        nominations_close_at=opens,
        voting_opens_at=opens,
        voting_closes_at=closes,
    )
    services.election_advance(election=election, now=opens - 10 * DAY + HOUR)
    pool = [m for m in _glasgow_pool() if m not in exclude]
    _stand(election, rng.sample(pool, len(statements)), opens - 8 * DAY, rng, statements)
    home = tellers_home(election)
    if home.exists():
        shutil.rmtree(home)  # left by an earlier demo database: its keys are of no use now
    directories = run_key_ceremony(election, home)
    codes = _open_with_credentials(election, opens)
    election.refresh_from_db()
    return election, directories, codes


def seed_declared_verifiable(rng: random.Random, tellers: list[Member]) -> Election:
    """Glasgow branch treasurer, a month ago: encrypted ballots (one audited, one revote),
    decrypted by three of the five tellers, declared; its record verifies."""
    opens = timezone.now() - 30 * DAY
    opens = opens.replace(hour=9, minute=0, second=0, microsecond=0)
    election, directories, codes = _verifiable_election(
        "Branch treasurer",
        rng,
        powers=[Power.BOOKS],
        opens=opens,
        closes=opens + 7 * DAY,
        statements=[
            "Every penny of the branch's money accounted for at every meeting.",
            "A hardship fund for members on strike, paid out within a week.",
            "Dues on a sliding scale, so the lowest paid pay least.",
        ],
        exclude=tellers,
    )
    voting = opens + HOUR
    electors = list(election.electors.select_related("member__person").order_by("member__number"))
    voters = rng.sample(electors, len(electors) * 4 // 5)
    for n, elector in enumerate(voters):
        code = codes[elector.member.person.email]
        marks = [0, 0, 0]
        marks[rng.choices(range(3), weights=[5, 3, 2])[0]] = 1
        if n == 0:  # a voter who checks the encryption first (a Benaloh challenge)
            cast(election, elector.member, code, marks, audit=True, now=voting)
        cast(election, elector.member, code, marks, now=voting)
        if n == 1:  # and one who changes their mind: the later ballot counts
            cast(election, elector.member, code, [1, 0, 0], now=voting + DAY)
    election = services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    run_decryption(
        election, directories, present=[1, 2, 4], now=election.voting_closes_at + 2 * HOUR
    )
    election.refresh_from_db()
    return election


def seed_open_verifiable(rng: random.Random, tellers: list[Member]) -> Election:
    """Glasgow's delegate to conference: verifiable, voting open for a week. The demo member
    has a credential (written to NEWCOURSE_HOME/demo-credential.txt) and has not voted."""
    now = timezone.now()
    election, _directories, codes = _verifiable_election(
        "Conference delegate",
        rng,
        kind=OfficeKind.DELEGATION,
        opens=now - HOUR,
        closes=now + 7 * DAY,
        statements=[
            "Mandated by the branch meeting, reporting back in writing.",
            "For the motion on sector-wide bargaining.",
            "Against any deal that is not put to a members' ballot.",
        ],
        exclude=tellers,
    )
    electors = [
        e
        for e in election.electors.select_related("member__person").order_by("member__number")
        if e.member.person.email != VOTER_LOGIN
    ]
    for elector in rng.sample(electors, 8):
        marks = [0, 0, 0]
        marks[rng.randrange(3)] = 1
        cast(election, elector.member, codes[elector.member.person.email], marks)
    credential_write(election, codes[VOTER_LOGIN])
    return election


def credential_write(election: Election, code: str) -> Path:
    """The demo member's voting credential, for the demo's printout (mode 0600)."""
    path = credential_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        f"# The voting credential of {VOTER_LOGIN} in election {election.pk} "
        f"({election.office.title}, {election.office.body}), a New Course demo.\n{code}\n"
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def seed_verifiable(rng: random.Random) -> None:
    seed_credential_authority()
    tellers = seed_tellers(rng)
    seed_declared_verifiable(rng, tellers)
    seed_open_verifiable(rng, tellers)


def verifiable_notes(base_url: str = "http://127.0.0.1:8000") -> list[str]:
    """What the demo prints about its verifiable elections, after the logins: the demo
    member's credential, how to play a teller, how to check a record."""
    elections = list(
        Election.objects.filter(verifiable=True, office__body__slug="glasgow")
        .select_related("office__body")
        .order_by("pk")
    )
    if not elections:
        return []
    lines = ["Verifiable ballots (docs/verifiable-ballots.md):", f"  {AUTHORITY_NOTE}"]
    for election in elections:
        title = f"{election.office.title}, {election.office.body} (election {election.pk})"
        if election.status == ElectionStatus.DECLARED:
            lines += [
                f"  {title}: declared. Check its record:",
                f"    newcourse election record {election.pk} --out record-{election.pk} "
                f"&& newcourse verify record-{election.pk}",
            ]
        elif election.status in {ElectionStatus.VOTING, ElectionStatus.CLOSED}:
            lines += _open_notes(election, title, base_url)
    return lines


def _open_notes(election: Election, title: str, base_url: str) -> list[str]:
    closes = election.voting_closes_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"  {title}: voting open until {closes}."]
    if election.status == ElectionStatus.CLOSED:
        lines = [f"  {title}: voting closed at {closes}; the tellers can decrypt."]
    path = credential_path()
    found = CODE.search(path.read_text(encoding="utf-8")) if path.exists() else None
    if found and election.status == ElectionStatus.VOTING:
        lines.append(f"    Voting credential of {VOTER_LOGIN}: {found.group(1)} (in {path})")
    home = tellers_home(election)
    tellers = list(election.tellers.select_related("member__person").order_by("index"))
    lines.append(
        f"    Its {len(tellers)} tellers (any {election.verification.threshold} decrypt the count) "
        f"and their directories in {home}:"
    )
    lines += [f"      teller-{t.index}  {t.member.person.email}" for t in tellers]
    if not tellers:
        return lines
    first = tellers[0]
    api = f"{base_url}/api/v1/elections/{election.pk}"
    lines += [
        f"    To play teller {first.index} once voting has closed:",
        f"      newcourse token create {first.member.person.email} --name teller   # TOKEN",
        f'      curl -o for-tellers.zip -H "Authorization: Bearer TOKEN" {api}/for-tellers.zip',
        f"      newcourse teller decrypt {home}/teller-{first.index} for-tellers.zip",
        f'      curl -H "Authorization: Bearer TOKEN" '
        f"--data-binary @{home}/teller-{first.index}/decryption-share.json {api}/tellers/",
    ]
    return lines
