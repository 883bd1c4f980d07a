"""Filing a charge: what is refused, with a clear message and nothing changed (or, for the
clauses, only the refusal recorded), and what a filed charge opens."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from tests.discipline.steps import NOW

from newcourse.discipline import services
from newcourse.discipline.models import Case, CaseStatus, Recusal, Refusal
from newcourse.offices import services as office_services
from newcourse.organisation import services as organisation
from newcourse.organisation.models import Body, Member
from newcourse.record.models import RecordEntry
from newcourse.refusals import Conflict, InvalidInput, NotEligible, NotPermitted
from newcourse.tendencies import services as tendencies


def test_charge_opens_case_with_reply_and_decision_deadlines(
    file_charge: Callable[..., Case],
) -> None:
    case = file_charge()

    assert (case.status, case.clauses, case.reply_due_on, case.decision_due_on) == (
        CaseStatus.NOTIFIED,
        ["2.2"],
        NOW.date() + datetime.timedelta(days=21),
        NOW.date() + datetime.timedelta(days=90),
    )


def test_charge_opening_on_record_without_facts_evidence_or_names(
    file_charge: Callable[..., Case],
) -> None:
    case = file_charge()

    entry = RecordEntry.objects.get(action="case.opened")
    assert entry.subject == f"case:{case.pk}"
    assert entry.payload == {
        "case": case.pk,
        "clauses": ["2.2"],
        "filed_by": "member",
        "on_behalf_of": None,
        "reply_due_on": case.reply_due_on.isoformat(),
        "decision_due_on": case.decision_due_on.isoformat(),
        "rulebook_version": 1,
        "standing_orders_version": None,
    }
    assert not RecordEntry.objects.filter(
        subject=f"case:{case.pk}", private_part__isnull=False
    ).exists()


def _refused_charge(
    file_charge: Callable[..., Case], error: type[Exception], **kwargs: object
) -> str:
    with pytest.raises(error) as caught:
        file_charge(**kwargs)
    assert Case.objects.count() == 0
    return str(caught.value)


def test_charge_citing_no_clause_refused_and_recorded(file_charge: Callable[..., Case]) -> None:
    message = _refused_charge(file_charge, InvalidInput, clauses=[])

    assert message == (
        "A charge must cite the clause of the rulebook the member is said to have broken. "
        "The charge was refused, and the refusal recorded."
    )
    assert list(Refusal.objects.values_list("reason", flat=True)) == ["no-clause"]
    assert RecordEntry.objects.get(action="case.charge_refused").payload["reason"] == "no-clause"


def test_charge_citing_clause_rulebook_lacks_refused(file_charge: Callable[..., Case]) -> None:
    message = _refused_charge(file_charge, InvalidInput, clauses=["2.2", "99.1"])

    assert message == (
        "The rulebook in force has no clause 99.1. The charge was refused, and the refusal "
        "recorded."
    )


def test_charge_citing_tendency_membership_refused(file_charge: Callable[..., Case]) -> None:
    message = _refused_charge(file_charge, InvalidInput, clauses=["10.1"])

    assert message == (
        "Clauses 1.4, 2.3, 10.1 protect opinions, votes, criticism of officers and membership "
        "of a tendency: no charge may rest on them alone. The charge was refused, and the "
        "refusal recorded."
    )
    entry = RecordEntry.objects.get(action="case.charge_refused")
    assert entry.payload == {
        "refusal": Refusal.objects.get().pk,
        "reason": "protected-only",
        "clauses": ["10.1"],
    }


def test_charge_citing_criticism_and_votes_only_refused(file_charge: Callable[..., Case]) -> None:
    _refused_charge(file_charge, InvalidInput, clauses=["1.4", "2.3"])

    assert list(Refusal.objects.values_list("clauses", flat=True)) == [["1.4", "2.3"]]


def test_charge_citing_protected_clause_and_another_accepted(
    file_charge: Callable[..., Case],
) -> None:
    case = file_charge(clauses=["10.1", "2.2"])

    assert case.clauses == ["10.1", "2.2"]


def test_charge_against_non_member_refused_with_nothing_changed(
    file_charge: Callable[..., Case], accused: Member
) -> None:
    organisation.member_change_status(actor="system:test", member=accused, status="resigned")
    entries = RecordEntry.objects.count()

    message = _refused_charge(file_charge, NotEligible)

    assert message == "A charge can only be brought against a member of Region."
    assert (RecordEntry.objects.count(), Refusal.objects.count()) == (entries, 0)


def test_charge_against_member_outside_body_refused(
    file_charge: Callable[..., Case], tree: dict[str, Body], make_member: Callable[..., Member]
) -> None:
    message = _refused_charge(
        file_charge, NotEligible, accused=make_member(tree["far"], name="Far Away")
    )

    assert message == "A charge can only be brought against a member of Region."


def test_charge_without_evidence_refused(file_charge: Callable[..., Case]) -> None:
    assert _refused_charge(file_charge, InvalidInput, evidence="  ") == "Write the evidence."


def test_charge_before_body_without_panel_refused(
    file_charge: Callable[..., Case], tree: dict[str, Body]
) -> None:
    message = _refused_charge(file_charge, Conflict, body=tree["section"])

    assert message == (
        "Section has no disputes panel to hear a charge: its members elect one first."
    )


def test_charge_on_behalf_of_body_needs_its_officer(
    file_charge: Callable[..., Case], tree: dict[str, Body]
) -> None:
    message = _refused_charge(file_charge, NotPermitted, on_behalf_of=tree["region"])

    assert message == "Only an officer of Region may file a charge on its behalf."


def test_charge_on_behalf_of_body_counts_as_officers(
    file_charge: Callable[..., Case],
    tree: dict[str, Body],
    officer_of: Callable[..., Member],
) -> None:
    secretary = officer_of(tree["region"], branch=tree["south"])

    case = file_charge(filed_by=secretary, on_behalf_of=tree["region"])

    assert (case.on_behalf_of, case.filer_was_officer) == (tree["region"], True)
    assert RecordEntry.objects.get(action="case.opened").payload["filed_by"] == "body"


def test_charge_against_tendency_member_counted_as_such(
    file_charge: Callable[..., Case], accused: Member, tree: dict[str, Body]
) -> None:
    tendencies.tendency_propose(
        member=accused, body=tree["international"], name="Rank and File", platform="Democracy."
    )

    case = file_charge()

    assert case.accused_in_tendency is True


def test_panel_member_of_accused_branch_stands_aside_at_filing(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge()

    assert list(Recusal.objects.filter(case=case).values_list("member", "reason")) == [
        (panel[3].pk, "branch")
    ]


def test_panel_member_who_is_witness_stands_aside(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge(witnesses=[panel[1]])

    assert sorted(Recusal.objects.filter(case=case).values_list("member", "reason")) == sorted(
        [(panel[1].pk, "witness"), (panel[3].pk, "branch")]
    )


def test_panel_member_who_files_stands_aside_as_party(
    file_charge: Callable[..., Case], panel: list[Member]
) -> None:
    case = file_charge(filed_by=panel[0])

    assert Recusal.objects.get(case=case, member=panel[0]).reason == "party"


def test_panel_member_holding_executive_office_stands_aside(
    file_charge: Callable[..., Case], panel: list[Member], tree: dict[str, Body]
) -> None:
    office = office_services.office_create(actor="system:test", body=tree["region"], title="Chair")
    office_services.term_record_founding(actor="system:test", office=office, members=[panel[2]])

    case = file_charge()

    assert Recusal.objects.get(case=case, member=panel[2]).reason == "executive"


def test_panel_member_taking_executive_office_later_stands_aside_before_acting(
    file_charge: Callable[..., Case], panel: list[Member], tree: dict[str, Body]
) -> None:
    case = file_charge()
    office = office_services.office_create(actor="system:test", body=tree["region"], title="Chair")
    office_services.term_record_founding(actor="system:test", office=office, members=[panel[0]])

    with pytest.raises(NotPermitted) as caught:
        services.case_set_hearing(
            case=case, by=panel[0], on=NOW.date() + datetime.timedelta(days=30), now=NOW
        )

    assert str(caught.value) == "Panel 0 stands aside on this case and takes no part in it."
    assert Recusal.objects.get(case=case, member=panel[0]).reason == "executive"
