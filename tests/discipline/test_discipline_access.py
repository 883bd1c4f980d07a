"""The case file is the parties' and the panel's: nobody else sees it, whatever their office."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from tests.discipline.steps import days_later

from newcourse.discipline import services
from newcourse.discipline.access import access_case_for_person
from newcourse.discipline.models import Case
from newcourse.organisation.models import Body, Member
from newcourse.refusals import AccessDenied


def test_case_file_open_to_accused_filer_and_panel(
    file_charge: Callable[..., Case], accused: Member, complainant: Member, panel: list[Member]
) -> None:
    case = file_charge()

    assert [
        access_case_for_person(person=m.person, pk=case.pk)
        for m in (accused, complainant, panel[0], panel[3])
    ] == [case] * 4


def test_case_file_closed_to_officer_of_body(
    file_charge: Callable[..., Case], officer_of: Callable[..., Member], tree: dict[str, Body]
) -> None:
    case = file_charge()
    secretary = officer_of(tree["region"], branch=tree["south"])

    with pytest.raises(AccessDenied) as caught:
        access_case_for_person(person=secretary.person, pk=case.pk)

    assert str(caught.value) == "There is no such case, or its file is not open to you."


def test_case_file_closed_to_visitor_and_unknown_case(
    file_charge: Callable[..., Case], accused: Member
) -> None:
    case = file_charge()

    with pytest.raises(AccessDenied):
        access_case_for_person(person=AnonymousUser(), pk=case.pk)
    with pytest.raises(AccessDenied):
        access_case_for_person(person=accused.person, pk="nonsense")


def test_case_file_open_to_appeal_panel_only_once_appealed(
    heard_case: Case, panel: list[Member], appeal_panel: list[Member], accused: Member
) -> None:
    with pytest.raises(AccessDenied):
        access_case_for_person(person=appeal_panel[0].person, pk=heard_case.pk)
    services.case_decide(
        case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    services.case_appeal(case=heard_case, accused=accused, grounds="No.", now=days_later(7))

    assert access_case_for_person(person=appeal_panel[0].person, pk=heard_case.pk) == heard_case
