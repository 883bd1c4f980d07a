"""The organisation's own refusals, in the one tree of `newcourse.refusals`, in words a
membership secretary reads. None reveals more than the person asking may know."""

from __future__ import annotations

from newcourse.refusals import Conflict, NotPermitted, StaleChange


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


class BeyondReach(NotPermitted):
    """The member holds office in a body the acting officer's register does not reach: only
    an officer keeping the register of that body, or of one above it, changes their
    membership, so that a branch cannot suspend the officers of the bodies above it.
    Answered as any act that is not the caller's to do (`not-permitted`)."""
