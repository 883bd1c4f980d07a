"""Every change to a verifiable election: its tellers' ceremony, the voters' credentials, the
board, the close and the decryption. The timetable (`newcourse.elections`) calls these at its
steps; pages and the API call `teller_submit`, `credentials_upload`, `board_cast` and
`board_audit`.
"""

from .board import (
    board_audit,
    board_cast,
    board_close,
    tally,
    tally_ready,
    verification_abandon,
    verification_lock,
    verification_void,
)
from .ceremony import (
    bundle,
    ceremony_result,
    teller_submit,
    tellers_fix,
    tellers_replace_absent,
)
from .credentials import credentials_fix, credentials_upload

__all__ = [
    "board_audit",
    "board_cast",
    "board_close",
    "bundle",
    "ceremony_result",
    "credentials_fix",
    "credentials_upload",
    "tally",
    "tally_ready",
    "teller_submit",
    "tellers_fix",
    "tellers_replace_absent",
    "verification_abandon",
    "verification_lock",
    "verification_void",
]
