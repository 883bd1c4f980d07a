"""The International's congress has decided: North's first motion carried, its second lost,
and a third carried an hour later. The International's general secretary records actions;
North's secretary holds the office that owns them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from tests.conferences.amending import RULEBOOK, branch_secretary, motion
from tests.conferences.deciding import decide, on_the_agenda, sitting
from tests.conferences.steps import call, committee

from newcourse.actions import services
from newcourse.actions.models import Action
from newcourse.conferences.models import Decision
from newcourse.offices.models import Office
from newcourse.organisation.models import Body, Member

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def rulebook_parameters() -> dict[str, str]:
    return {**RULEBOOK, "motions.per_body": "3"}


@pytest.fixture
def secretary(tree: dict[str, Body], officer_of: Callable[..., Member]) -> Member:
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def conference(tree: dict[str, Body], secretary: Member) -> Any:
    return call(secretary, tree["international"], unit_kind="Branch")


@pytest.fixture
def chair(tree: dict[str, Body], make_member: Callable[..., Member], secretary, conference):
    member = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [member])
    return member


@pytest.fixture
def north(tree: dict[str, Body], make_member: Callable[..., Member]) -> Member:
    """North branch's secretary: a member, not an officer of the International."""
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def member(tree: dict[str, Body], make_member: Callable[..., Member]) -> Member:
    """A member of South, with no office."""
    return make_member(tree["south"], name="Plain Member")


@pytest.fixture
def decisions(tree, chair, conference, north) -> dict[str, Decision]:
    motions = [
        motion(north, conference, tree["north"]),
        motion(north, conference, tree["north"], text="Conference resolves to build a union."),
        motion(north, conference, tree["north"], text="Conference resolves to stop the campaign."),
    ]
    on_the_agenda(chair, conference, *motions)
    return {
        "carried": decide(chair, conference, motions[0], (90, 10)),
        "lost": decide(chair, conference, motions[1], (10, 90)),
        "later": decide(chair, conference, motions[2], (80, 20), now=sitting(conference) + HOUR),
    }


@pytest.fixture
def north_secretary_office(tree: dict[str, Body]) -> Office:
    return Office.objects.get(body=tree["north"], title="Secretary")


@pytest.fixture
def create(tree, secretary, decisions, north_secretary_office) -> Callable[..., Action]:
    """An action of the carried decision, recorded by the general secretary, owned by North's
    secretary's office unless told otherwise."""

    def make(**kwargs: Any) -> Action:
        if "owner_body" not in kwargs:
            kwargs.setdefault("owner_office", north_secretary_office)
        return services.action_create(
            person=secretary.person,
            member=secretary,
            body=kwargs.pop("body", tree["international"]),
            decision=kwargs.pop("decision", decisions["carried"]),
            task=kwargs.pop("task", "Write to every branch about the pay campaign."),
            **kwargs,
        )

    return make
