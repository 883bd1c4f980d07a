"""An organisation on the tests' rulebook, its general secretary, a branch secretary, and ten
members to vote; `carry` takes a rule change through its whole path."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from tests.rules.steps import DAY, propose, vote

from newcourse.organisation.models import Body, Member
from newcourse.rules import services
from newcourse.rules.models import RuleChange


@pytest.fixture
def now() -> datetime.datetime:
    return timezone.now()


@pytest.fixture
def secretary(tree: dict[str, Body], officer_of: Callable[..., Member]) -> Member:
    """The general secretary: an officer of the international, who may propose rule changes."""
    return officer_of(tree["international"], branch=tree["north"], title="General secretary")


@pytest.fixture
def branch_secretary(tree: dict[str, Body], make_member: Callable[..., Member]) -> Member:
    from newcourse.offices import services as office_services  # noqa: PLC0415

    member = make_member(tree["north"], name="North Secretary")
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Branch secretary"
    )
    office_services.term_record_founding(actor="system:test", office=office, members=[member])
    return member


@pytest.fixture
def voters(tree: dict[str, Body], make_member: Callable[..., Member]) -> list[Member]:
    """Five members in North, five in South."""
    return [make_member(tree["north" if n < 5 else "south"]) for n in range(10)]


@pytest.fixture
def carry(secretary: Member, voters: list[Member], tree: dict[str, Body]) -> Callable[..., Any]:
    """Carry a change to the rulebook through notice, vote and count, ending `days_ago` days
    ago (so the new version is in force today)."""

    def run(
        parameters: dict[str, str], *, body: Body | None = None, proposer: Member | None = None
    ) -> RuleChange:
        opens = timezone.now() - 20 * DAY
        change = propose(
            proposer or secretary, body or tree["international"], parameters=parameters, now=opens
        )
        vote(change, voters, "FFFFFFFFFA", opens + DAY)
        services.rule_changes_tick(now=change.voting_closes_at + DAY)
        change.refresh_from_db()
        return change

    return run
