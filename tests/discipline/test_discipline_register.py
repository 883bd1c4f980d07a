"""The register's side of due process: a suspended member neither votes nor stands, and an
expelled member's history stays."""

from __future__ import annotations

from collections.abc import Callable

from tests.discipline.steps import NOW

from newcourse.discipline import services
from newcourse.discipline.models import Case
from newcourse.elections.eligibility import electorate_of, why_member_cannot_stand
from newcourse.offices import services as office_services
from newcourse.organisation.models import Body, Member
from newcourse.rules.selectors import rules_for


def test_suspended_member_neither_votes_nor_stands(
    file_charge: Callable[..., Case],
    panel: list[Member],
    accused: Member,
    tree: dict[str, Body],
) -> None:
    office = office_services.office_create(actor="system:test", body=tree["north"], title="Chair")
    case = file_charge()

    services.case_suspend(
        case=case, by=panel[0], days=14, reasons="Risk.", votes_for=panel[:3], now=NOW
    )

    accused.refresh_from_db()
    assert accused not in electorate_of(office)
    assert (
        why_member_cannot_stand(accused, office, NOW.date(), rules_for(tree["north"]))
        == "Accused Member is not a member in good standing."
    )
