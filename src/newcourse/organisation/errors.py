"""The organisation's own refusals, in the one tree of `newcourse.refusals`, in words a
membership secretary reads. None reveals more than the person asking may know."""

from __future__ import annotations

from newcourse.refusals import Conflict, StaleChange


class BodyCycle(Conflict):
    code = "body-cycle"


class DuplicateBody(Conflict):
    code = "duplicate-body"


class DuplicateMember(Conflict):
    code = "duplicate-member"


class StaleMembership(StaleChange):
    """Somebody else changed this membership after the page was loaded."""


class InvalidTransition(Conflict):
    code = "invalid-transition"
