"""Shared fixtures: a small federated organisation built through the real services."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from hypothesis import settings as hypothesis_settings
from tests.rulebooks import FOUNDED_ON, rulebook_text

from newcourse.demo.tellers import play_credential_authority, run_key_ceremony
from newcourse.elections import services as election_services
from newcourse.elections.models import ElectionStatus
from newcourse.offices import services as office_services
from newcourse.organisation import services
from newcourse.organisation.models import Body, Member
from newcourse.organisation.officers import Power
from newcourse.rules import services as rules_services

# Speed is measured in benchmarks, never asserted: no example may fail for being slow on a
# busy machine.
hypothesis_settings.register_profile("newcourse", deadline=None)
hypothesis_settings.load_profile("newcourse")


@pytest.fixture
def rulebook_parameters() -> dict[str, str]:
    """Parameters a test module sets in its organisation's founding rulebook (override this
    fixture in the module)."""
    return {}


@pytest.fixture
def tree(db: Any, rulebook_parameters: dict[str, str]) -> dict[str, Body]:
    """international > section > region > {north, south}, plus a second section; the
    international founded on the tests' rulebook."""
    actor = "system:test"
    international = rules_services.organisation_found(
        actor=actor,
        name="International",
        kind="International",
        text=rulebook_text(**rulebook_parameters),
        source="model:trade-union.en",
        effective_on=FOUNDED_ON,
    )
    section = services.body_create(
        actor=actor, name="Section", kind="Section", parent=international
    )
    other_section = services.body_create(
        actor=actor, name="Other Section", kind="Section", parent=international
    )
    region = services.body_create(actor=actor, name="Region", kind="Region", parent=section)
    north = services.body_create(actor=actor, name="North", kind="Branch", parent=region)
    south = services.body_create(actor=actor, name="South", kind="Branch", parent=region)
    far = services.body_create(actor=actor, name="Far", kind="Branch", parent=other_section)
    return {
        "international": international,
        "section": section,
        "other_section": other_section,
        "region": region,
        "north": north,
        "south": south,
        "far": far,
    }


@pytest.fixture
def make_member(db: Any) -> Callable[..., Member]:
    counter = iter(range(1, 100_000))

    def make(body: Body, name: str | None = None, **kwargs: Any) -> Member:
        n = next(counter)
        return services.member_admit(
            actor="system:test",
            email=kwargs.pop("email", f"member{n}@example.org"),
            full_name=name or f"Member {n}",
            body=body,
            joined_on=kwargs.pop("joined_on", datetime.date(2020, 1, 1)),
            **kwargs,
        )

    return make


@pytest.fixture
def officer_of(make_member: Callable[..., Member]) -> Callable[..., Member]:
    """An officer: a member holding an office of `body` by the body's founding act."""

    def make(
        body: Body,
        branch: Body | None = None,
        title: str = "Secretary",
        **rules: Any,
    ) -> Member:
        """`rules` may name the office's `kind` and `powers` (by default a post's: the
        register and creating offices)."""
        member = make_member(branch or body, name="Officer Person")
        office = office_services.office_create(actor="system:test", body=body, title=title, **rules)
        office_services.term_record_founding(actor="system:test", office=office, members=[member])
        return member

    return make


@pytest.fixture(autouse=True)
def the_installations_language() -> Any:
    """Each test starts in the installation's language: a request in French leaves its
    language active in the thread, which would otherwise leak into the next test."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests log people in often; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def voting_election(db: Any) -> Callable[..., Any]:
    """Build an election whose voting is open now, through the services, as the timetable
    would have run it: nominations two days ago, each of `candidates` proposed by
    `proposer`, seconded by `seconder` and accepted, voting opened an hour ago.
    """

    def build(
        body: Body,
        *,
        candidates: list[Member],
        proposer: Member,
        seconder: Member,
        title: str = "Chair",
        seats: int = 1,
    ) -> Any:
        now = datetime.datetime.now(datetime.UTC)
        office = office_services.office_create(
            actor="system:test", body=body, title=title, seats=seats
        )
        election = election_services.election_schedule(
            actor="system:test",
            office=office,
            nominations_open_at=now - datetime.timedelta(days=3),
            nominations_close_at=now - datetime.timedelta(hours=1),
            voting_opens_at=now - datetime.timedelta(hours=1),
            voting_closes_at=now + datetime.timedelta(days=1),
        )
        earlier = now - datetime.timedelta(days=2)
        election_services.election_advance(election=election, now=earlier)
        for member in candidates:
            nomination = election_services.candidate_nominate(
                nominator=proposer, election=election, candidate=member, now=earlier
            )
            election_services.candidate_second(seconder=seconder, candidate=nomination, now=earlier)
            election_services.candidate_accept(member=member, candidate=nomination, now=earlier)
        return election_services.election_advance(election=election, now=now)

    return build


# Verifiable elections ------------------------------------------------------------------


@pytest.fixture
def home(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """NEWCOURSE_HOME in a folder of its own (not `tmp_path`, which stays free for the test's
    own files): the tellers' folders and the demo's files."""
    settings.NEWCOURSE_HOME = tmp_path_factory.mktemp("home")
    return settings.NEWCOURSE_HOME


@pytest.fixture
def teller_count() -> int:
    """How many tellers the region elects; a module may override it."""
    return 5


@pytest.fixture
def tellers(
    tree: dict[str, Body], make_member: Callable[..., Member], teller_count: int
) -> list[Member]:
    """The region's tellers, Teller 0, 1, … of North, holding its tellers office by its
    founding act."""

    office = office_services.office_create(
        actor="system:test",
        body=tree["region"],
        title="Tellers",
        kind="tellers",
        seats=teller_count,
    )
    members = [make_member(tree["north"], name=f"Teller {n}") for n in range(teller_count)]
    office_services.term_record_founding(actor="system:test", office=office, members=members)
    return members


@pytest.fixture
def credential_authority(tree: dict[str, Body], make_member: Callable[..., Member]) -> Member:
    """The region's returning officer, its credential authority (an office with the power to
    issue voting credentials), by the office's founding act."""
    office = office_services.office_create(
        actor="system:test",
        body=tree["region"],
        title="Returning officer",
        powers=[Power.CREDENTIALS],
    )
    authority = make_member(tree["north"], name="Returning Officer")
    office_services.term_record_founding(actor="system:test", office=office, members=[authority])
    return authority


@pytest.fixture
def verifiable_voters(tree: dict[str, Body], make_member: Callable[..., Member]) -> list[Member]:
    """Voters 0 to 4, of South: 0, 1 and 2 stand, 3 nominates them and 4 seconds. A module
    whose voters are other people overrides it."""
    return [make_member(tree["south"], name=f"Voter {n}") for n in range(5)]


@pytest.fixture
def schedule_verifiable(
    tree: dict[str, Body], verifiable_voters: list[Member]
) -> Callable[..., Any]:
    """Schedule a plurality election for the region's Treasurer, meant to be verifiable (it is
    if the region has tellers), its voting due an hour ago. Voters 0, 1 and 2 stand, nominated
    by Voter 3 and seconded by Voter 4; the tellers' key ceremony has not run, so nominations
    are still open. `method`, `title` and `seats` make another office (a two-seat approval
    committee, say)."""

    def schedule(
        *,
        method: str = "plurality",
        title: str = "Treasurer",
        seats: int = 1,
    ) -> Any:
        now = datetime.datetime.now(datetime.UTC)
        hour = datetime.timedelta(hours=1)
        office = office_services.office_create(
            actor="system:test",
            body=tree["region"],
            title=title,
            seats=seats,
            method=method,
            verifiable=True,
        )
        election = election_services.election_schedule(
            actor="system:test",
            office=office,
            nominations_open_at=now - 3 * hour,
            nominations_close_at=now - 2 * hour,
            voting_opens_at=now - hour,
            voting_closes_at=now + 24 * hour,
        )
        earlier = now - 3 * hour
        election_services.election_advance(election=election, now=earlier)
        proposer, seconder = verifiable_voters[3], verifiable_voters[4]
        for member in verifiable_voters[:3]:
            nomination = election_services.candidate_nominate(
                nominator=proposer, election=election, candidate=member, now=earlier
            )
            election_services.candidate_second(seconder=seconder, candidate=nomination, now=earlier)
            election_services.candidate_accept(member=member, candidate=nomination, now=earlier)
        election.refresh_from_db()
        return election

    return schedule


@pytest.fixture
def open_verifiable(home: Path, credential_authority: Member) -> Callable[..., Any]:
    """Open the voting of a scheduled verifiable `election`: the tellers' key ceremony (run in
    `home/tellers` unless the tellers' `directories` are given, the ceremony done), the
    credential authority's codes (played as `newcourse credentials` does, only the public
    credentials handed in), then the opening. Returns the election, the tellers' directories
    by index and each voter's code by email address, as the authority delivered them."""

    def open_voting(election: Any, directories: dict[int, Path] | None = None) -> tuple:
        if directories is None:
            directories = run_key_ceremony(election, home / "tellers")
        codes = play_credential_authority(election, credential_authority)
        election = election_services.election_advance(election=election)
        assert election.status == ElectionStatus.VOTING and election.encrypted
        return election, directories, codes

    return open_voting


@pytest.fixture
def open_verifiable_election(
    tellers: list[Member], schedule_verifiable: Callable[..., Any], open_verifiable: Any
) -> tuple:
    """A verifiable election with voting open: (election, the tellers' directories by index,
    each voter's code by email address)."""
    return open_verifiable(schedule_verifiable())


@pytest.fixture
def pdf_printing() -> None:
    """The papers are printed by WeasyPrint, which needs the system's Pango: a test that prints
    is skipped, saying so, on a machine without it (`apt-get install libpango-1.0-0`)."""
    try:
        import weasyprint  # noqa: F401, PLC0415
    except (ImportError, OSError) as error:
        pytest.skip(f"no PDF printing here ({error}): install libpango-1.0-0")


@pytest.fixture
def mail_worker(db: Any) -> Callable[[], int]:
    """The queue's worker, run on demand: every task that may run now, as `newcourse worker`
    would take them (inside the test's transaction). Returns how many it ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def run() -> int:
        ran = 0
        while (task := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
            task.claim(worker.worker_id)
            worker.run_task(task)
            ran += 1
        return ran

    return run
