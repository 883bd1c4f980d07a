"""Every refusal the election services give, each with a message a member can act on."""

from __future__ import annotations


class ElectionRefused(Exception):
    """Base of every refusal; `message` is fit to show on a page or print on stderr."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class NotEligible(ElectionRefused):
    pass


class OutsideWindow(ElectionRefused):
    pass


class AlreadyDone(ElectionRefused):
    pass


class InvalidBallot(ElectionRefused):
    pass


class NotPermitted(ElectionRefused):
    pass


class InvalidTellerFile(ElectionRefused):
    pass
