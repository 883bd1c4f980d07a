"""`{% record_head as head %}`: the record's head for every page's footer, in one query."""

from __future__ import annotations

import logging

from django import template
from django.db import DatabaseError

from newcourse.record.models import RecordHead
from newcourse.record.selectors import record_head as current_head

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def record_head() -> RecordHead | str | None:
    """The head row; None before the first entry; "damaged" if the row cannot be read (every
    page still renders, and says so, rather than every page failing)."""
    try:
        return current_head()
    except DatabaseError:
        logger.exception("The record's head row cannot be read")
        return "damaged"
