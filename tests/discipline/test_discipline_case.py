"""A case from start to finish, and every way a step is refused with nothing changed."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from tests.discipline.steps import NOW, days_later

from newcourse.discipline import services
from newcourse.discipline.models import Case, CaseStatus, PanelVote
from newcourse.organisation.models import Body, EventKind, Member, MemberStatus
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, Conflict, InvalidInput, NotPermitted, OutsideWindow


def _unchanged(case: Case) -> tuple[object, ...]:
    case.refresh_from_db()
    return (case.status, case.outcome, PanelVote.objects.count(), RecordEntry.objects.count())


def test_case_walks_charge_notice_reply_hearing_decision_appeal_upheld(
    file_charge: Callable[..., Case],
    panel: list[Member],
    appeal_panel: list[Member],
    accused: Member,
) -> None:
    case = file_charge()
    services.case_name_representative(case=case, accused=accused, representative="A Friend")
    services.case_reply(case=case, accused=accused, statement="I did not.", now=days_later(3))
    services.case_set_hearing(case=case, by=panel[0], on=days_later(10).date(), now=days_later(4))
    services.case_hold_hearing(case=case, by=panel[1], notes="Heard.", now=days_later(10))
    services.case_suspend(
        case=case, by=panel[0], days=30, reasons="Risk to the funds.",
        votes_for=panel[:3], now=days_later(10),
    )  # fmt: skip
    services.case_decide(
        case=case, by=panel[0], outcome="expulsion", reasons="The statements show it.",
        votes_for=panel[:2], votes_against=panel[2:3], now=days_later(11),
    )  # fmt: skip
    services.case_appeal(case=case, accused=accused, grounds="Unfair.", now=days_later(20))

    services.case_decide_appeal(
        case=case, by=appeal_panel[0], upheld=True, reasons="The evidence does not show it.",
        votes_for=appeal_panel, now=days_later(30),
    )  # fmt: skip

    case.refresh_from_db()
    accused.refresh_from_db()
    assert (case.status, case.outcome, case.appeal_outcome, accused.status) == (
        CaseStatus.CLOSED,
        "expulsion",
        "upheld",
        MemberStatus.ACTIVE,
    )
    assert list(accused.history.values_list("kind", flat=True)) == [
        EventKind.JOINED,
        EventKind.SUSPENDED,
        EventKind.RESTORED,
    ]
    assert list(
        RecordEntry.objects.filter(subject=f"case:{case.pk}").values_list("action", flat=True)
    ) == [
        "case.opened",
        "case.stood_aside",
        "case.representative_named",
        "case.replied",
        "case.hearing_set",
        "case.heard",
        "case.suspended",
        "case.decided",
        "case.appealed",
        "case.appeal_decided",
        "case.suspension_ended",
    ]


def test_appeal_dismissed_expulsion_takes_effect_with_history_kept(
    heard_case: Case, panel: list[Member], appeal_panel: list[Member], accused: Member
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="expulsion", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    services.case_appeal(case=heard_case, accused=accused, grounds="No.", now=days_later(7))

    services.case_decide_appeal(
        case=heard_case, by=appeal_panel[0], upheld=False, reasons="Proved.",
        votes_for=appeal_panel, now=days_later(8),
    )  # fmt: skip

    accused.refresh_from_db()
    assert accused.status == MemberStatus.EXPELLED
    assert list(accused.history.values_list("kind", flat=True)) == [
        EventKind.JOINED,
        EventKind.EXPELLED,
    ]


def test_decision_sanction_waits_for_appeal_time(heard_case: Case, panel: list[Member]) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="suspension", days=30, reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip

    heard_case.refresh_from_db()
    heard_case.accused.refresh_from_db()
    assert (heard_case.status, heard_case.sanction_from, heard_case.accused.status) == (
        CaseStatus.DECIDED,
        None,
        MemberStatus.ACTIVE,
    )
    assert heard_case.appeal_due_on == days_later(6).date() + datetime.timedelta(days=28)


def test_warning_stands_at_once(heard_case: Case, panel: list[Member]) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip

    heard_case.refresh_from_db()
    assert heard_case.sanction_from == days_later(6).date()


def test_dismissal_closes_case(heard_case: Case, panel: list[Member]) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="dismissed", reasons="Not proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip

    heard_case.refresh_from_db()
    assert (heard_case.status, heard_case.appeal_due_on) == (CaseStatus.CLOSED, None)


def test_decision_without_quorum_refused(heard_case: Case, panel: list[Member]) -> None:
    before = _unchanged(heard_case)

    with pytest.raises(Conflict) as caught:
        services.case_decide(
            case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
            votes_for=panel[:2], now=days_later(6),
        )  # fmt: skip

    assert str(caught.value) == (
        "The panel is not quorate: the rules need at least 3 of its members who do not stand "
        "aside to vote, and 2 voted. Nothing was decided."
    )
    assert _unchanged(heard_case) == before


def test_decision_with_recused_member_voting_refused(heard_case: Case, panel: list[Member]) -> None:
    before = _unchanged(heard_case)

    with pytest.raises(NotPermitted) as caught:
        services.case_decide(
            case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
            votes_for=panel, now=days_later(6),
        )  # fmt: skip

    assert str(caught.value) == "Panel North stands aside on this case and cannot vote."
    assert _unchanged(heard_case) == before


def test_recused_member_cannot_act_for_panel(heard_case: Case, panel: list[Member]) -> None:
    with pytest.raises(NotPermitted) as caught:
        services.case_decide(
            case=heard_case, by=panel[3], outcome="warning", reasons="Proved.",
            votes_for=panel[:3], now=days_later(6),
        )  # fmt: skip

    assert str(caught.value) == "Panel North stands aside on this case and takes no part in it."


def test_decision_not_carried_refused(heard_case: Case, panel: list[Member]) -> None:
    with pytest.raises(Conflict, match="not carried"):
        services.case_decide(
            case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
            votes_for=panel[:1], votes_against=panel[1:3], now=days_later(6),
        )  # fmt: skip


def test_sanction_rulebook_does_not_allow_refused(heard_case: Case, panel: list[Member]) -> None:
    before = _unchanged(heard_case)

    with pytest.raises(NotPermitted) as caught:
        services.case_decide(
            case=heard_case, by=panel[0], outcome="suspension", days=400, reasons="Proved.",
            votes_for=panel[:3], now=days_later(6),
        )  # fmt: skip

    assert str(caught.value) == "A suspension lasts from 1 to 365 days under the rulebook."
    assert _unchanged(heard_case) == before


def test_unknown_sanction_refused(heard_case: Case, panel: list[Member]) -> None:
    with pytest.raises(NotPermitted, match="The rulebook does not allow this sanction"):
        services.case_decide(
            case=heard_case, by=panel[0], outcome="fine", reasons="Proved.",
            votes_for=panel[:3], now=days_later(6),
        )  # fmt: skip


def test_decision_before_hearing_refused(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge()

    with pytest.raises(Conflict, match="only after it has heard both sides"):
        services.case_decide(
            case=case, by=panel[0], outcome="warning", reasons="Proved.",
            votes_for=panel[:3], now=days_later(1),
        )  # fmt: skip


def test_hearing_before_reply_time_refused(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge()

    with pytest.raises(OutsideWindow) as caught:
        services.case_set_hearing(case=case, by=panel[0], on=days_later(5).date(), now=NOW)

    reply = days_later(21).date()
    assert str(caught.value) == (
        f"The hearing must be between {reply} (the accused has until {reply} to reply) and "
        f"{days_later(90).date()}, the day the case must be decided by."
    )


def test_hearing_after_decision_deadline_refused(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge()

    with pytest.raises(OutsideWindow):
        services.case_set_hearing(case=case, by=panel[0], on=days_later(91).date(), now=NOW)


def test_hearing_set_by_non_panel_member_refused(
    file_charge: Callable[..., Case], complainant: Member
) -> None:
    case = file_charge()

    with pytest.raises(NotPermitted, match="Only the disputes panel hearing this case"):
        services.case_set_hearing(case=case, by=complainant, on=days_later(30).date(), now=NOW)


def test_reply_after_its_time_refused(file_charge: Callable[..., Case], accused: Member) -> None:
    case = file_charge()

    with pytest.raises(OutsideWindow) as caught:
        services.case_reply(case=case, accused=accused, statement="Late.", now=days_later(22))

    assert str(caught.value) == f"The time to reply ended on {days_later(21).date()}."


def test_reply_by_someone_else_refused(
    file_charge: Callable[..., Case], complainant: Member
) -> None:
    case = file_charge()

    with pytest.raises(NotPermitted):
        services.case_reply(case=case, accused=complainant, statement="Hm.", now=NOW)


def test_appeal_after_its_deadline_refused(
    heard_case: Case, panel: list[Member], appeal_panel: list[Member], accused: Member
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    before = _unchanged(heard_case)

    with pytest.raises(OutsideWindow) as caught:
        services.case_appeal(case=heard_case, accused=accused, grounds="No.", now=days_later(35))

    assert str(caught.value) == f"The time to appeal ended on {days_later(34).date()}."
    assert _unchanged(heard_case) == before


def test_appeal_goes_to_next_body_up_with_panel(
    heard_case: Case,
    panel: list[Member],
    appeal_panel: list[Member],
    accused: Member,
    tree: dict[str, Body],
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip

    case = services.case_appeal(case=heard_case, accused=accused, grounds="No.", now=NOW)

    assert case.appeal_body == tree["section"]


def test_appeal_decided_by_first_panel_refused(
    heard_case: Case, panel: list[Member], appeal_panel: list[Member], accused: Member
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    services.case_appeal(case=heard_case, accused=accused, grounds="No.", now=days_later(7))

    with pytest.raises(NotPermitted):
        services.case_decide_appeal(
            case=heard_case, by=panel[0], upheld=True, reasons="Hm.",
            votes_for=panel[:3], now=days_later(8),
        )  # fmt: skip


def test_interim_suspension_beyond_rulebook_days_refused(
    file_charge: Callable[..., Case], panel: list[Member], accused: Member
) -> None:
    case = file_charge()

    with pytest.raises(NotPermitted) as caught:
        services.case_suspend(
            case=case, by=panel[0], days=61, reasons="Risk.", votes_for=panel[:3], now=NOW
        )

    assert str(caught.value) == (
        "An interim suspension lasts at most 60 days in all on a case, and is never renewed "
        "beyond that: 60 days are left on this one."
    )
    accused.refresh_from_db()
    assert accused.status == MemberStatus.ACTIVE


def test_interim_suspension_without_reasons_refused(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge()

    with pytest.raises(InvalidInput) as caught:
        services.case_suspend(
            case=case, by=panel[0], days=10, reasons=" ", votes_for=panel[:3], now=NOW
        )

    assert str(caught.value) == "Write the reasons."


def test_interim_suspension_twice_at_once_refused(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge()
    services.case_suspend(
        case=case, by=panel[0], days=10, reasons="Risk.", votes_for=panel[:3], now=NOW
    )

    with pytest.raises(AlreadyDone):
        services.case_suspend(
            case=case, by=panel[0], days=10, reasons="Risk.", votes_for=panel[:3], now=NOW
        )


def test_panel_member_standing_aside_as_witness_cannot_vote(
    heard_case: Case, panel: list[Member]
) -> None:
    services.case_stand_aside(case=heard_case, member=panel[2], reason="witness")

    with pytest.raises(NotPermitted) as caught:
        services.case_decide(
            case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
            votes_for=panel[:3], now=days_later(6),
        )  # fmt: skip

    assert str(caught.value) == "Panel 2 stands aside on this case and cannot vote."
    assert RecordEntry.objects.filter(action="case.stood_aside").count() == 2
