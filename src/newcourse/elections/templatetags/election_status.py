"""`{{ election|implied_status }}`: the status the timetable implies now, in words, for the
lists of elections (the same `selectors.status_implied` every page shows)."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import status_implied

register = template.Library()


@register.filter
def implied_status(election: Any) -> str:
    return str(status_implied(election).label)
