"""Every change to a case: one function each, atomic, recorded. See the package's docstring
(`newcourse.discipline`) for the steps and their rules."""

from .charges import case_file
from .decisions import case_appeal, case_decide, case_decide_appeal, case_suspend
from .hearing import (
    case_hold_hearing,
    case_name_representative,
    case_reply,
    case_set_hearing,
    case_stand_aside,
)
from .tick import discipline_tick

__all__ = [
    "case_appeal",
    "case_decide",
    "case_decide_appeal",
    "case_file",
    "case_hold_hearing",
    "case_name_representative",
    "case_reply",
    "case_set_hearing",
    "case_stand_aside",
    "case_suspend",
    "discipline_tick",
]
