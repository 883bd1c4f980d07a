"""Every change to offices, elections, ballots and recall: one function each, recorded.

Split by what changes: `offices` (offices and terms), `timetable` (an election's life from
scheduled to declared), `nominations`, `ballots` and `recall`. Import from here.
"""

from .ballots import ballot_cast
from .board import board_audit, board_cast
from .ceremony import teller_submit
from .credentials import letters_take
from .nominations import (
    candidate_accept,
    candidate_nominate,
    candidate_second,
    candidate_withdraw,
)
from .offices import office_create, term_end, term_record_founding
from .recall import recall_open, recall_sign
from .timetable import (
    StepFailure,
    Tick,
    election_advance,
    election_close,
    election_count,
    election_declare,
    election_schedule,
    elections_tick,
)

__all__ = [
    "StepFailure",
    "Tick",
    "ballot_cast",
    "board_audit",
    "board_cast",
    "candidate_accept",
    "candidate_nominate",
    "candidate_second",
    "candidate_withdraw",
    "election_advance",
    "election_close",
    "election_count",
    "election_declare",
    "election_schedule",
    "elections_tick",
    "letters_take",
    "office_create",
    "recall_open",
    "recall_sign",
    "teller_submit",
    "term_end",
    "term_record_founding",
]
