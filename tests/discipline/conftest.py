"""A region whose disputes panel hears charges against members of its branches, a section
above it whose panel hears appeals, and the parties: the trade-union model rulebook (reply
21 days, decision 90, appeal 28, quorum 3, interim suspension 60 days, protected clauses 1.4,
2.3 and 10.1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.discipline.steps import NOW, days_later

from newcourse.discipline import services
from newcourse.discipline.models import Case
from newcourse.offices import services as office_services
from newcourse.organisation.models import Body, Member


def _panel(body: Body, members: list[Member], title: str = "Disputes panel") -> None:
    office = office_services.office_create(
        actor="system:test", body=body, title=title, kind="panel", seats=len(members)
    )
    office_services.term_record_founding(actor="system:test", office=office, members=members)


@pytest.fixture
def rulebook_parameters() -> dict[str, str]:
    """A tendency is declared by its first signature, so a member can belong to one."""
    return {"tendency.signatures": "1%", "tendency.minimum": "1"}


@pytest.fixture
def region(tree: dict[str, Body]) -> Body:
    return tree["region"]


@pytest.fixture
def accused(tree: dict[str, Body], make_member: Callable[..., Member]) -> Member:
    return make_member(tree["north"], name="Accused Member")


@pytest.fixture
def complainant(tree: dict[str, Body], make_member: Callable[..., Member]) -> Member:
    return make_member(tree["south"], name="Complaining Member")


@pytest.fixture
def panel(tree: dict[str, Body], make_member: Callable[..., Member]) -> list[Member]:
    """The region's panel: three members of South, and one of North (the accused's branch,
    who stands aside on the case)."""
    members = [make_member(tree["south"], name=f"Panel {n}") for n in range(3)]
    members.append(make_member(tree["north"], name="Panel North"))
    _panel(tree["region"], members)
    return members


@pytest.fixture
def appeal_panel(tree: dict[str, Body], make_member: Callable[..., Member]) -> list[Member]:
    """The section's panel, which hears appeals from the region's."""
    members = [make_member(tree["south"], name=f"Appeal Panel {n}") for n in range(3)]
    _panel(tree["section"], members, title="Appeals panel")
    return members


@pytest.fixture
def file_charge(
    region: Body, accused: Member, complainant: Member, panel: list[Member]
) -> Callable[..., Case]:
    def file(**kwargs: Any) -> Case:
        return services.case_file(
            filed_by=kwargs.pop("filed_by", complainant),
            accused=kwargs.pop("accused", accused),
            body=kwargs.pop("body", region),
            clauses=kwargs.pop("clauses", ["2.2"]),
            facts=kwargs.pop("facts", "Kept the branch's dues for themselves."),
            evidence=kwargs.pop("evidence", "The branch's bank statements for March."),
            now=kwargs.pop("now", NOW),
            **kwargs,
        )

    return file


@pytest.fixture
def heard_case(file_charge: Callable[..., Case], panel: list[Member], accused: Member) -> Case:
    """A case replied to and heard on the day after the reply."""
    case = file_charge()
    services.case_reply(case=case, accused=accused, statement="I did not.", now=days_later(1))
    services.case_set_hearing(case=case, by=panel[0], on=days_later(5).date(), now=days_later(2))
    return services.case_hold_hearing(
        case=case, by=panel[0], notes="Both sides heard online.", now=days_later(5)
    )
