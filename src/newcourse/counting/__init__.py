"""`newcourse.counting`: every election and decision in New Course, counted by one pure library.

No Django and no third-party imports: the library can be used, and checked, on its own.

    from newcourse.counting import read_ballots, count, report_to_text
    report = count(read_ballots("ward.blt"), "scottish-stv")
    print(report_to_text(report))

The floor of a delegate conference: `card_vote` (each delegation's card, as one or split),
`sectional_result` (sections weighted, as Labour's CLPs and affiliates), `double_majority`,
`womens_vote` (a suspensive veto) and `demand_met` (enough delegates asked); each decides
with the majorities of `decide_motion`.

See docs/counting.md for the methods, the rules each follows, the file formats and the JSON
report format.
"""

from ._blt import read_blt, write_blt
from ._card import CardLine, CardVote, Delegation, DelegationVote, card_vote
from ._count import METHOD_NAMES, METHODS, candidate_limit, count
from ._csv import read_csv, write_csv
from ._demand import Demand, demand_met
from ._errors import BallotFileError, CountingError, ElectionError
from ._io import read_ballots
from ._jsonfile import read_json, write_json
from ._lot import Lot
from ._model import Ballot, Election, check_election
from ._motion import MotionResult, decide_motion
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

__all__ = [
    "METHODS",
    "METHOD_NAMES",
    "Ballot",
    "BallotFileError",
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
    "Report",
    "SectionDecision",
    "SectionShare",
    "SectionVote",
    "SectionalResult",
    "Stage",
    "TieBreak",
    "WomensVote",
    "candidate_limit",
    "card_vote",
    "check_election",
    "count",
    "decide_motion",
    "default_seed",
    "demand_met",
    "double_majority",
    "read_ballots",
    "read_blt",
    "read_csv",
    "read_json",
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
