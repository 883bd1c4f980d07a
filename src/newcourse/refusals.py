"""The one tree of refusals: every rule that says no raises one of these.

A refusal carries a message for people (already translated when raised) and, on its class, a
stable `code` and the HTTP `status` it answers with. It is turned into a response in exactly
three places: a form error or message on a page (`newcourse.web.refusals`), RFC 9457 problem
details in the API (`newcourse.api.problems`), and exit code 2 with the message on stderr in the CLI
(`newcourse.console`). Nothing else catches a refusal to render it.

This module imports nothing of Django or the apps, so every layer can raise these.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "AccessDenied",
    "AlreadyDone",
    "Conflict",
    "InvalidBallot",
    "InvalidInput",
    "InvalidRules",
    "NoRulebook",
    "NotEligible",
    "NotPermitted",
    "OutsideWindow",
    "Refused",
    "StaleChange",
    "TooManyAttempts",
    "Unavailable",
]


class Refused(Exception):
    """Base of every refusal; `message` is fit to show on a page or print on stderr."""

    code: ClassVar[str] = "refused"
    status: ClassVar[int] = 400

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class InvalidInput(Refused):
    """What was sent cannot be used as it is (a bad file, a ballot that does not fit)."""

    code = "invalid-input"
    status = 400


class InvalidBallot(InvalidInput):
    """The ballot does not fit the election (unknown candidate, too many marks, bad proof)."""

    code = "invalid-ballot"


class InvalidRules(InvalidInput):
    """A rulebook or standing orders that cannot be loaded: a missing parameter, a value of
    the wrong kind or out of range, a standing order outside the rulebook's limits. The message
    names the clause and the reason."""

    code = "invalid-rules"


class AccessDenied(Refused):
    """The person may not see or touch this; answered as "not found", so that a probe learns
    nothing about what exists."""

    code = "not-found"
    status = 404


class NotPermitted(Refused):
    """The person is known and the thing exists, but this act is not theirs to do."""

    code = "not-permitted"
    status = 403


class NotEligible(Refused):
    """The rules on standing, membership or eligibility exclude this member."""

    code = "not-eligible"
    status = 403


class NoRulebook(Refused):
    """The act needs a number from the organisation's rulebook, and it has none yet."""

    code = "no-rulebook"
    status = 409


class OutsideWindow(Refused):
    """The timetable does not allow this now (too early, too late)."""

    code = "outside-window"
    status = 409


class AlreadyDone(Refused):
    """It has been done already and is done once only."""

    code = "already-done"
    status = 409


class Conflict(Refused):
    """It would clash with what exists (a duplicate, a cycle, an impossible transition)."""

    code = "conflict"
    status = 409


class StaleChange(Refused):
    """Somebody else changed this after the page was loaded."""

    code = "stale"
    status = 409


class TooManyAttempts(Refused):
    """Too many tries from here, or at this login, in a short time (logins, password resets,
    API tokens); `message` says when to try again and `retry_after` gives it in seconds."""

    code = "too-many-attempts"
    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(Refused):
    """The database or the disk cannot serve for now (newcourse.outage): nothing was saved, and
    the same request can be sent again after `retry_after` seconds."""

    code = "unavailable"
    status = 503

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
