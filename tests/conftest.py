"""Shared fixtures: a small federated organisation built through the real services."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from newcourse.organisation import services
from newcourse.organisation.models import Body, Member

# Speed is measured in benchmarks, never asserted: no example may fail for being slow on a
# busy machine.
hypothesis_settings.register_profile("newcourse", deadline=None)
hypothesis_settings.load_profile("newcourse")


@pytest.fixture
def tree(db: Any) -> dict[str, Body]:
    """international > section > region > {north, south}, plus a second section."""
    actor = "system:test"
    international = services.body_create(actor=actor, name="International", kind="International")
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

    def make(body: Body, branch: Body | None = None, title: str = "Secretary") -> Member:
        from newcourse.elections import services as election_services

        member = make_member(branch or body, name="Officer Person")
        office = election_services.office_create(actor="system:test", body=body, title=title)
        election_services.term_record_founding(actor="system:test", office=office, members=[member])
        return member

    return make


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
    from newcourse.elections import services as election_services

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
        office = election_services.office_create(
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
