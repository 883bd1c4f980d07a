"""`newcourse.counting`: every election and decision in New Course, counted by one pure library.

No Django and no third-party imports: the library can be used, and checked, on its own.

    from newcourse.counting import read_ballots, count, report_to_text
    report = count(read_ballots("ward.blt"), "scottish-stv")
    print(report_to_text(report))

The floor of a delegate conference: `card_vote` (each delegation's card, as one or split),
`sectional_result` (sections weighted, as Labour's CLPs and affiliates), `double_majority`,
`womens_vote` (a suspensive veto) and `demand_met` (enough delegates asked); each decides
with the majorities of `decide_motion`.

Participatory budgets (Pabulib `.pb` files): `read_pabulib`, then `count_budget` by greedy,
greedy-no-skip or the Method of Equal Shares (with the add1 completion, and Wieliczka's
comparison step), explained by `budget_to_text`.

Every name is imported from its module on first use (PEP 562): `newcourse count` loads only
the reader, the method and the report it needs, not the whole library, so a count starts
fast.

See docs/counting.md for the methods, the rules each follows, the file formats and the JSON
report format.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not `typing`'s: importing typing is start-up time a count does not need
if TYPE_CHECKING:
    from typing import Any

    from ._blt import read_blt, write_blt
    from ._budget import BudgetCount, ProjectResult, count_budget
    from ._budget_report import budget_to_csv, budget_to_json, budget_to_text
    from ._card import CardLine, CardVote, Delegation, DelegationVote, card_vote
    from ._count import METHODS, candidate_limit, count
    from ._csv import read_csv, write_csv
    from ._demand import Demand, demand_met
    from ._errors import BallotFileError, CountingError, ElectionError
    from ._io import read_ballots
    from ._jsonfile import read_json, write_json
    from ._lot import Lot
    from ._methods import BUDGET_METHODS, METHOD_NAMES
    from ._model import Ballot, Election, check_election
    from ._motion import MotionResult, decide_motion
    from ._pabulib import BudgetProject, BudgetVote, read_pabulib
    from ._prep import default_seed
    from ._render import report_from_json, report_to_csv, report_to_json, report_to_text
    from ._report import Report, Stage, TieBreak
    from ._sections import (
        DoubleMajority,
        SectionalResult,
        SectionDecision,
        SectionShare,
        SectionVote,
        WomensVote,
        double_majority,
        sectional_result,
        womens_vote,
    )

_HOME: dict[str, str] = {
    "read_blt": "._blt",
    "write_blt": "._blt",
    "BudgetCount": "._budget",
    "ProjectResult": "._budget",
    "count_budget": "._budget",
    "budget_to_csv": "._budget_report",
    "budget_to_json": "._budget_report",
    "budget_to_text": "._budget_report",
    "CardLine": "._card",
    "CardVote": "._card",
    "Delegation": "._card",
    "DelegationVote": "._card",
    "card_vote": "._card",
    "METHOD_NAMES": "._methods",
    "METHODS": "._count",
    "candidate_limit": "._count",
    "count": "._count",
    "read_csv": "._csv",
    "write_csv": "._csv",
    "Demand": "._demand",
    "demand_met": "._demand",
    "BallotFileError": "._errors",
    "CountingError": "._errors",
    "ElectionError": "._errors",
    "BUDGET_METHODS": "._methods",
    "read_ballots": "._io",
    "read_json": "._jsonfile",
    "write_json": "._jsonfile",
    "Lot": "._lot",
    "Ballot": "._model",
    "Election": "._model",
    "check_election": "._model",
    "MotionResult": "._motion",
    "decide_motion": "._motion",
    "BudgetProject": "._pabulib",
    "BudgetVote": "._pabulib",
    "read_pabulib": "._pabulib",
    "default_seed": "._prep",
    "report_from_json": "._render",
    "report_to_csv": "._render",
    "report_to_json": "._render",
    "report_to_text": "._render",
    "Report": "._report",
    "Stage": "._report",
    "TieBreak": "._report",
    "DoubleMajority": "._sections",
    "SectionalResult": "._sections",
    "SectionDecision": "._sections",
    "SectionShare": "._sections",
    "SectionVote": "._sections",
    "WomensVote": "._sections",
    "double_majority": "._sections",
    "sectional_result": "._sections",
    "womens_vote": "._sections",
}
"""Each public name -> the private module that defines it."""

__all__ = [
    "BUDGET_METHODS",
    "METHODS",
    "METHOD_NAMES",
    "Ballot",
    "BallotFileError",
    "BudgetCount",
    "BudgetProject",
    "BudgetVote",
    "CardLine",
    "CardVote",
    "CountingError",
    "Delegation",
    "DelegationVote",
    "Demand",
    "DoubleMajority",
    "Election",
    "ElectionError",
    "Lot",
    "MotionResult",
    "ProjectResult",
    "Report",
    "SectionDecision",
    "SectionShare",
    "SectionVote",
    "SectionalResult",
    "Stage",
    "TieBreak",
    "WomensVote",
    "budget_to_csv",
    "budget_to_json",
    "budget_to_text",
    "candidate_limit",
    "card_vote",
    "check_election",
    "count",
    "count_budget",
    "decide_motion",
    "default_seed",
    "demand_met",
    "double_majority",
    "read_ballots",
    "read_blt",
    "read_csv",
    "read_json",
    "read_pabulib",
    "report_from_json",
    "report_to_csv",
    "report_to_json",
    "report_to_text",
    "sectional_result",
    "womens_vote",
    "write_blt",
    "write_csv",
    "write_json",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
