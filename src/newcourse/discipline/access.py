"""Who may see a case file: the parties (the accused and the member who filed the charge)
and the panel hearing it (or its appeal), members who stand aside included, since they must
see what they stand aside from. Nobody else, whatever office they hold: the open record
carries each step's fact for everyone else. Refusals do not say whether the case exists.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.organisation.access import int_or_none
from newcourse.organisation.models import Member
from newcourse.refusals import AccessDenied

from .models import Case, Stage
from .selectors import hearing_body, panel_members


def member_of(person: Any) -> Member | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Member.objects.select_related("body").filter(person_id=person.pk).first()


def may_see_case_file(*, member: Member | None, case: Case) -> bool:
    """Whether `member` is a party to the case or sits on a panel hearing it."""
    if member is None:
        return False
    if member.pk in (case.accused_id, case.filed_by_id):
        return True
    today = timezone.localdate()
    if member in panel_members(case.body, today):
        return True
    if case.appeal_body_id is None:
        return False
    return member in panel_members(hearing_body(case, Stage.APPEAL), today)


def access_case_for_person(*, person: Any, pk: int | str) -> Case:
    """The case file, for its parties and its panel; refused as "not found" to anyone else."""
    case = (
        Case.objects.select_related("body", "accused__person", "filed_by__person", "appeal_body")
        .filter(pk=int_or_none(pk))
        .first()
    )
    if case is None or not may_see_case_file(member=member_of(person), case=case):
        raise AccessDenied(_("There is no such case, or its file is not open to you."))
    return case
