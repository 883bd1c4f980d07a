"""The case file is the parties' and the panel's: nobody else sees it, whatever their office."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser

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
