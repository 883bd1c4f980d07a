"""The floor of a conference: who speaks next, for how long, and who spoke.

Delegates ask to speak for, against, neutral or on a point of order; the chair sees the list
and moves, adds, removes and closes it.  This library holds the rules of that list and nothing
else: the app stores the requests and speeches in its tables, passes them in as the frozen
values below, and stores what comes back.  Pure Python: importing it never imports Django.

* :func:`speaking_list` / :func:`speaking_order` / :func:`next_speaker`: the waiting
  :class:`SpeakingRequest` values in order under :class:`ListRules`, given the
  :class:`Debate` so far (its :class:`Speech` values).  Points of order first, in order of
  asking; then mover, seconder, the debate (by gender, first speeches, sides, order of
  asking, in that precedence), the reply; the chair's placements laid over.  Every rule and
  tie-break is written out in ``_order.py``'s docstring.
* :func:`accepts`, :func:`admit`, :func:`place`, :func:`remove`: joining the list (a closed
  list takes only points of order, and anything the chair adds), the chair's moves.
* :func:`elapsed`, :func:`remaining`, :func:`overrun`, :func:`countdown`: the speaking clock,
  with :meth:`SpeakingTimes.allowed` for the seconds each kind of speaker has.
* :func:`speaking_statistics`: totals by speaker, gender, branch and stance, and women's share.
* ``newcourse speakers order FILE.json``: the command line (``_cli.main``).

Errors form one hierarchy under :class:`SpeakersError` (a :class:`ValueError` with a stable
``code``): :class:`RequestRefused` (and its :class:`ListClosed`, :class:`AlreadyWaiting`),
:class:`RulesRefused`, :class:`SpeechRefused`, :class:`ClockRefused`, :class:`FileRefused`.
"""

from ._cli import main
from ._clock import countdown, elapsed, overrun, remaining
from ._errors import (
    AlreadyWaiting,
    ClockRefused,
    FileRefused,
    ListClosed,
    RequestRefused,
    RulesRefused,
    SpeakersError,
    SpeechRefused,
)
from ._model import Debate, Gender, Role, SpeakingRequest, Speech, Stance, is_woman
from ._order import Reason, SpeakersList, Turn, next_speaker, speaking_list, speaking_order
from ._queue import accepts, admit, place, remove
from ._rules import GenderOrder, ListRules, ProgressiveStack, SpeakingTimes
from ._statistics import SpeakingStatistics, Tally, speaking_statistics

__all__ = [
    "AlreadyWaiting",
    "ClockRefused",
    "Debate",
    "FileRefused",
    "Gender",
    "GenderOrder",
    "ListClosed",
    "ListRules",
    "ProgressiveStack",
    "Reason",
    "RequestRefused",
    "Role",
    "RulesRefused",
    "SpeakersError",
    "SpeakersList",
    "SpeakingRequest",
    "SpeakingStatistics",
    "SpeakingTimes",
    "Speech",
    "SpeechRefused",
    "Stance",
    "Tally",
    "Turn",
    "accepts",
    "admit",
    "countdown",
    "elapsed",
    "is_woman",
    "main",
    "next_speaker",
    "overrun",
    "place",
    "remaining",
    "remove",
    "speaking_list",
    "speaking_order",
    "speaking_statistics",
]
