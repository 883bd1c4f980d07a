"""Who serves a body as an officer: a question this app asks and the offices app answers.

Holding a current term of office is the only source of an officer's rights, and offices live
above this app (an office belongs to a body), so the organisation cannot look terms up itself
without reaching upwards. It declares the question here; `newcourse.offices` registers its
answer when Django starts. Until an answer is registered nobody is an officer: rights are
never granted by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Body


class Power(models.TextChoices):
    """What holding an office entitles its officers to do. An office has the powers the
    rules give it (secretary: the register; treasurer: the books; tellers: only the count;
    delegates: nothing administrative); an officer acts only within their office's powers."""

    REGISTER = "register", _("Keep the register of members (directory, admissions, standing)")
    OFFICES = "offices", _("Create the body's offices")
    BOOKS = "books", _("Keep the books")
    CREDENTIALS = "credentials", _("Issue voting credentials (credential authority)")


class OfficerRoll(Protocol):
    def serves_in(self, person: Any, paths: Sequence[str], power: str | None = None) -> bool:
        """Whether `person` now holds office in a body whose path is one of `paths` (in an
        office with `power`, when one is named)."""

    def bodies_served(self, person: Any, power: str | None = None) -> list[Body]:
        """The bodies in which `person` now holds office (with `power`, when one is named)."""

    def bodies_elected_to(self, person: Any) -> list[Body]:
        """The bodies in whose offices `person` has a term not yet over (or not yet begun:
        an officer-elect), whether or not their membership is current today: a suspended
        officer's term runs on, and readmission gives the office back."""

    def officers_of(self, body: Body) -> list[Any]:
        """The current terms in `body`'s offices, by office then name."""


class _NobodyServes:
    def serves_in(self, person: Any, paths: Sequence[str], power: str | None = None) -> bool:
        return False

    def bodies_served(self, person: Any, power: str | None = None) -> list[Body]:
        return []

    def bodies_elected_to(self, person: Any) -> list[Body]:
        return []

    def officers_of(self, body: Body) -> list[Any]:
        return []


_roll: OfficerRoll = _NobodyServes()


def officer_roll_register(roll: OfficerRoll) -> None:
    """Called once, by the offices app's `ready()`."""
    global _roll
    _roll = roll


def officer_roll() -> OfficerRoll:
    return _roll
