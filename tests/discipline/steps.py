"""The tests' clock: the charge is filed now, and each later step `days_later`."""

from __future__ import annotations

import datetime

NOW = datetime.datetime.now(datetime.UTC)


def days_later(days: int) -> datetime.datetime:
    """A moment `days` days after the test's filing: the scheduler's clock, moved on."""
    return NOW + datetime.timedelta(days=days)
