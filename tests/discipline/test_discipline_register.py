"""The register's side of due process: a suspended member neither votes nor stands, and an
expelled member's history stays."""

from __future__ import annotations

from collections.abc import Callable

from tests.discipline.steps import NOW, days_later

from newcourse.discipline import services
from newcourse.discipline.models import Case
from newcourse.elections.eligibility import electorate_of, why_member_cannot_stand
from newcourse.elections.models import Election
from newcourse.elections.services import elections_tick
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


def test_suspended_officer_seat_held_not_filled_by_election(
    file_charge: Callable[..., Case],
    panel: list[Member],
    accused: Member,
    tree: dict[str, Body],
) -> None:
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Treasurer"
    )
    office_services.term_record_founding(actor="system:test", office=office, members=[accused])
    case = file_charge()
    services.case_suspend(
        case=case, by=panel[0], days=10, reasons="Risk.", votes_for=panel[:3], now=NOW
    )

    elections_tick(now=NOW)

    assert not Election.objects.filter(office=office).exists()


def test_expelled_officer_seat_filled_by_by_election(
    heard_case: Case, panel: list[Member], accused: Member, tree: dict[str, Body]
) -> None:
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Treasurer"
    )
    office_services.term_record_founding(actor="system:test", office=office, members=[accused])
    services.case_decide(
        case=heard_case, by=panel[0], outcome="expulsion", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip

    elections_tick(now=days_later(35))

    assert list(Election.objects.filter(office=office).values_list("kind", flat=True)) == [
        "by-election"
    ]
