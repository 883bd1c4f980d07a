"""A section with members, and a tendency rule the tests can reason about: 10% of the members
in good standing, at least 3 signatures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newcourse.organisation.models import Body, Member
from newcourse.tendencies import services
from newcourse.tendencies.models import Tendency


@pytest.fixture
def rulebook_parameters() -> dict[str, str]:
    return {
        "tendency.signatures": "10%",
        "tendency.minimum": "3",
        "tendency.signatories": "members",
    }


@pytest.fixture
def section(tree: dict[str, Body]) -> Body:
    return tree["section"]


@pytest.fixture
def members(tree: dict[str, Body], make_member: Callable[..., Member]) -> list[Member]:
    """Twenty members in good standing of branches within the section."""
    return [
        make_member(tree["north"] if n % 2 else tree["south"], name=f"Signer {n:02d}")
        for n in range(20)
    ]


@pytest.fixture
def propose(section: Body, members: list[Member]) -> Callable[..., Tendency]:
    def make(member: Member | None = None, name: str = "Rank and File", **kwargs: Any) -> Tendency:
        return services.tendency_propose(
            member=member or members[0],
            body=kwargs.pop("body", section),
            name=name,
            platform=kwargs.pop("platform", "Democracy in the union, elected officials."),
        )

    return make
