"""The deadlines the scheduler keeps: each step taken once its time has come, by the tick,
and never before. The clock moves by passing the tick a later `now`."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.discipline.steps import NOW, days_later

from newcourse.discipline import services
from newcourse.discipline.models import Case, CaseStatus
from newcourse.elections.services import elections_tick
from newcourse.offices import services as office_services
from newcourse.offices.models import Office, TermEnd
from newcourse.organisation import services as organisation
from newcourse.organisation.models import Body, EventKind, Member, MemberStatus
from newcourse.record.models import RecordEntry
from newcourse.refusals import NotPermitted


def _status(member: Member) -> str:
    member.refresh_from_db()
    return member.status


def test_case_not_decided_in_time_closes_in_accused_favour(
    file_charge: Callable[..., Case],
) -> None:
    case = file_charge()

    assert services.discipline_tick(now=days_later(90)) == []
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED
    services.discipline_tick(now=days_later(91))

    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.CLOSED, "lapsed")
    assert RecordEntry.objects.filter(action="case.lapsed").count() == 1


def test_lapsed_case_ends_interim_suspension(
    file_charge: Callable[..., Case], panel: list[Member], accused: Member
) -> None:
    case = file_charge()
    services.case_suspend(
        case=case, by=panel[0], days=60, reasons="Risk.", votes_for=panel[:3], now=days_later(40)
    )

    services.discipline_tick(now=days_later(91))

    assert _status(accused) == MemberStatus.ACTIVE


def test_tick_twice_takes_step_once(file_charge: Callable[..., Case]) -> None:
    file_charge()

    services.discipline_tick(now=days_later(91))
    services.discipline_tick(now=days_later(92))

    assert RecordEntry.objects.filter(action="case.lapsed").count() == 1


def test_sanction_takes_effect_after_appeal_time(
    heard_case: Case, panel: list[Member], accused: Member
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="expulsion", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip

    services.discipline_tick(now=days_later(34))
    assert _status(accused) == MemberStatus.ACTIVE
    services.discipline_tick(now=days_later(35))

    assert _status(accused) == MemberStatus.EXPELLED
    heard_case.refresh_from_db()
    assert (heard_case.status, heard_case.sanction_from) == (
        CaseStatus.CLOSED,
        days_later(35).date(),
    )


def test_suspension_sanction_served_then_membership_continues(
    heard_case: Case, panel: list[Member], accused: Member
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="suspension", days=10, reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    services.discipline_tick(now=days_later(35))
    assert _status(accused) == MemberStatus.SUSPENDED

    services.discipline_tick(now=days_later(45))

    assert _status(accused) == MemberStatus.ACTIVE
    assert list(accused.history.values_list("kind", flat=True)) == [
        EventKind.JOINED,
        EventKind.SUSPENDED,
        EventKind.RESTORED,
    ]


def test_interim_suspension_expires_by_itself(
    file_charge: Callable[..., Case], panel: list[Member], accused: Member
) -> None:
    case = file_charge()
    services.case_suspend(
        case=case, by=panel[0], days=14, reasons="Risk.", votes_for=panel[:3], now=NOW
    )
    assert _status(accused) == MemberStatus.SUSPENDED

    services.discipline_tick(now=days_later(13))
    assert _status(accused) == MemberStatus.SUSPENDED
    services.discipline_tick(now=days_later(14))

    assert _status(accused) == MemberStatus.ACTIVE
    assert case.suspensions.get().ended_at is not None


def test_interim_suspension_not_renewed_beyond_limit(
    file_charge: Callable[..., Case], panel: list[Member], accused: Member
) -> None:
    case = file_charge()
    services.case_suspend(
        case=case, by=panel[0], days=50, reasons="Risk.", votes_for=panel[:3], now=NOW
    )
    services.discipline_tick(now=days_later(50))

    suspension = services.case_suspend(
        case=case, by=panel[0], days=10, reasons="Again.", votes_for=panel[:3],
        now=days_later(51),
    )  # fmt: skip

    assert suspension.ends_on == days_later(61).date()
    services.discipline_tick(now=days_later(61))
    with pytest.raises(NotPermitted, match="0 days are left on this one"):
        services.case_suspend(
            case=case, by=panel[0], days=1, reasons="Once more.", votes_for=panel[:3],
            now=days_later(62),
        )  # fmt: skip
    assert _status(accused) == MemberStatus.ACTIVE


def test_appeal_not_decided_in_time_upheld(
    heard_case: Case, panel: list[Member], appeal_panel: list[Member], accused: Member
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="expulsion", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    services.case_appeal(case=heard_case, accused=accused, grounds="No.", now=days_later(7))

    services.discipline_tick(now=days_later(7 + 91))

    heard_case.refresh_from_db()
    assert (heard_case.appeal_outcome, _status(accused)) == ("lapsed", MemberStatus.ACTIVE)


def test_removal_ends_term_when_final(
    file_charge: Callable[..., Case],
    panel: list[Member],
    accused: Member,
    tree: dict[str, Body],
) -> None:
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Treasurer"
    )
    (term,) = office_services.term_record_founding(
        actor="system:test", office=office, members=[accused]
    )
    case = file_charge()
    services.case_reply(case=case, accused=accused, statement="No.", now=days_later(1))
    services.case_set_hearing(case=case, by=panel[0], on=days_later(2).date(), now=days_later(1))
    services.case_hold_hearing(case=case, by=panel[0], notes="Heard.", now=days_later(2))
    services.case_decide(
        case=case, by=panel[0], outcome="removal", reasons="Proved.", votes_for=panel[:3],
        now=days_later(3),
    )  # fmt: skip

    services.discipline_tick(now=days_later(32))

    term.refresh_from_db()
    assert (term.ended_on, term.end_reason) == (days_later(32).date(), TermEnd.REMOVED)
    assert Office.objects.get(pk=office.pk).terms.current(days_later(32).date()).count() == 0


def test_elections_tick_runs_due_process_step(file_charge: Callable[..., Case]) -> None:
    case = file_charge()

    elections_tick(now=days_later(91))

    case.refresh_from_db()
    assert case.outcome == "lapsed"


def test_sanction_on_member_who_resigned_meanwhile_closes_case_without_failure(
    heard_case: Case, panel: list[Member], accused: Member
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="expulsion", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    organisation.member_change_status(actor="system:test", member=accused, status="resigned")

    failures = services.discipline_tick(now=days_later(35))

    heard_case.refresh_from_db()
    assert (failures, heard_case.status, _status(accused)) == (
        [],
        CaseStatus.CLOSED,
        MemberStatus.RESIGNED,
    )
