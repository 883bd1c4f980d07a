"""Every change in the hall.

hall  the floor opened by the chair, and the item under debate taken up
attendance  delegates checked in at the door (or by themselves) and out
votes  votes on the floor opened, cast, closed with their figures
"""

from .attendance import delegate_check_in, delegate_check_out
from .demands import delegate_declare, floor_demand
from .hall import floor_open, floor_take_up
from .speakers import (
    speaker_add,
    speaker_ask,
    speaker_end,
    speaker_next,
    speaker_place,
    speaker_remove,
    speaker_withdraw,
    speakers_list_set,
)
from .votes import floor_vote_cast, floor_vote_close, floor_vote_open

__all__ = [
    "delegate_check_in",
    "delegate_check_out",
    "delegate_declare",
    "floor_demand",
    "floor_open",
    "floor_take_up",
    "floor_vote_cast",
    "floor_vote_close",
    "floor_vote_open",
    "speaker_add",
    "speaker_ask",
    "speaker_end",
    "speaker_next",
    "speaker_place",
    "speaker_remove",
    "speaker_withdraw",
    "speakers_list_set",
]
