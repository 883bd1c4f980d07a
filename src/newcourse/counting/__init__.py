"""`newcourse.counting`: every election and decision in New Course, counted by one pure library.

No Django and no third-party imports: the library can be used, and checked, on its own.

    from newcourse.counting import read_ballots, count, report_to_text
    report = count(read_ballots("ward.blt"), "scottish-stv")
    print(report_to_text(report))

See docs/counting.md for the methods, the rules each follows, the file formats and the JSON
report format.
"""

from ._blt import read_blt, write_blt
from ._count import METHOD_NAMES, METHODS, candidate_limit, count
from ._csv import read_csv, write_csv
from ._errors import BallotFileError, CountingError, ElectionError
from ._io import read_ballots
from ._jsonfile import read_json, write_json
from ._lot import Lot
from ._model import Ballot, Election, check_election
from ._motion import MotionResult, decide_motion
from ._prep import default_seed
from ._render import report_from_json, report_to_csv, report_to_json, report_to_text
from ._report import Report, Stage, TieBreak

__all__ = [
    "METHODS",
    "METHOD_NAMES",
    "Ballot",
    "BallotFileError",
    "CountingError",
    "Election",
    "ElectionError",
    "Lot",
    "MotionResult",
    "Report",
    "Stage",
    "TieBreak",
    "candidate_limit",
    "check_election",
    "count",
    "decide_motion",
    "default_seed",
    "read_ballots",
    "read_blt",
    "read_csv",
    "read_json",
    "report_from_json",
    "report_to_csv",
    "report_to_json",
    "report_to_text",
    "write_blt",
    "write_csv",
    "write_json",
]
