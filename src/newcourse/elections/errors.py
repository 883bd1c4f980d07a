"""The election rooms' own refusals, in the one tree of `newcourse.refusals`."""

from __future__ import annotations

from newcourse.refusals import InvalidInput


class InvalidBallot(InvalidInput):
    """The ballot does not fit the election (unknown candidate, too many marks, bad proof)."""

    code = "invalid-ballot"


class InvalidTellerFile(InvalidInput):
    """A teller's file is not the one the ceremony or the count needs now."""

    code = "invalid-teller-file"
