"""Every change to elections, ballots and recall: one function each, recorded.

Split by what changes: `timetable` (an election's life from scheduled to declared),
`nominations`, `ballots`, `recall`, `tellers` (a teller's file, after which the count may
follow) and `credentials` (the credential authority's public credentials). Import from here.
Offices and terms change in `newcourse.offices.services`; the verifiable election's ceremony,
credentials and board in `newcourse.verifiable.services`.
"""

from .ballots import ballot_cast, new_form_key
from .credentials import credentials_upload
from .nominations import (
    candidate_accept,
    candidate_nominate,
    candidate_nominate_by_number,
    candidate_second,
    candidate_withdraw,
)
from .recall import recall_open, recall_sign
from .tellers import teller_submit
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
    "candidate_accept",
    "candidate_nominate",
    "candidate_nominate_by_number",
    "candidate_second",
    "candidate_withdraw",
    "credentials_upload",
    "election_advance",
    "election_close",
    "election_count",
    "election_declare",
    "election_schedule",
    "elections_tick",
    "new_form_key",
    "recall_open",
    "recall_sign",
    "teller_submit",
]
