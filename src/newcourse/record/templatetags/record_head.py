"""`{% record_head as head %}`: the record's head for every page's footer, in one query."""

from __future__ import annotations

from django import template

from newcourse.record.models import RecordHead
from newcourse.record.selectors import record_head as current_head

register = template.Library()


@register.simple_tag
def record_head() -> RecordHead | None:
    return current_head()
