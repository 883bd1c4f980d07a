"""What can go wrong when changing the organisation, in words a membership secretary reads.

Every error carries a message fit to show on a page or print on stderr; none reveals more than
the person asking may know.
"""

from __future__ import annotations


class OrganisationError(Exception):
    """Base of every refusal the organisation's services give."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class BodyNotFound(OrganisationError):
    pass


class BodyCycle(OrganisationError):
    pass


class DuplicateMember(OrganisationError):
    pass


class StaleMembership(OrganisationError):
    """Somebody else changed this membership after the page was loaded."""


class InvalidTransition(OrganisationError):
    pass


class AccessDenied(OrganisationError):
    pass


class DuplicateBody(OrganisationError):
    pass
