"""The one exception hierarchy of ``newcourse.speakers``.

Every refusal the library makes on purpose is a :class:`SpeakersError`, a :class:`ValueError`
(it is raised for bad values, where Python code expects one).  Each class carries a stable
``code`` so the app can map it once onto its own refusals (``newcourse.refusals``) without
reading the message, and the message is plain English naming what is wrong.

The subclasses say who has to fix it, because each is fixed by someone else:

* :class:`RequestRefused`: a request to speak, or the set of waiting requests, cannot be used
  (two with one id, two placed by the chair at the same position); its subclasses are the
  refusals a delegate meets from their phone: :class:`ListClosed` and :class:`AlreadyWaiting`;
* :class:`RulesRefused`: the list's rules cannot be used (a negative speaking time);
* :class:`SpeechRefused`: a speech given cannot be counted (negative seconds);
* :class:`ClockRefused`: a speaking clock's times do not fit together;
* :class:`FileRefused`: the command line's JSON file, naming the key at fault.
"""

from __future__ import annotations

from typing import ClassVar


class SpeakersError(ValueError):
    """Base class of every refusal raised by ``newcourse.speakers``.

    ``reason`` is a plain-English phrase; ``request_id`` the request it is about, or ``None``.
    """

    code: ClassVar[str] = "speakers-refused"

    def __init__(self, reason: str, *, request_id: str | None = None) -> None:
        self.reason = reason
        self.request_id = request_id
        super().__init__(reason if request_id is None else f"request {request_id!r}: {reason}")


class RequestRefused(SpeakersError):
    """A request to speak, or the waiting requests together, cannot be used."""

    code = "request-refused"


class ListClosed(RequestRefused):
    """The list of speakers is closed to this request (closed lists take points of order, and
    the chair may still add anyone)."""

    code = "list-closed"


class AlreadyWaiting(RequestRefused):
    """The delegate already waits on this list with a request of the same kind (one to speak
    in the debate, or one point of order)."""

    code = "already-waiting"


class RulesRefused(SpeakersError):
    """The rules of the list cannot be used (a speaking time below zero)."""

    code = "rules-refused"


class SpeechRefused(SpeakersError):
    """A speech given cannot be counted (seconds below zero, an unknown stance)."""

    code = "speech-refused"


class ClockRefused(SpeakersError):
    """A speaking clock's times do not fit together (a pause before the start, a negative
    pause, naive and aware datetimes mixed)."""

    code = "clock-refused"


class FileRefused(SpeakersError):
    """The JSON file given to ``newcourse speakers`` cannot be used; ``key`` names where."""

    code = "file-refused"

    def __init__(self, reason: str, *, key: str | None = None) -> None:
        super().__init__(reason)
        self.key = key
        if key is not None:
            self.args = (f"key {key!r}: {reason}",)
