"""`{{ shown.conflicts_with|amendment_links }}`: the amendments one conflicts with, each a link
to it on the motion's page. Hundreds of amendments to a long motion conflict thousands of times
over: the links are joined here, once per amendment, not by a template loop per link."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def amendment_links(numbers: Iterable[int]) -> SafeString:
    label = _("amendment %(number)s")
    return format_html_join(
        ", ",
        '<a href="#amendment-{}">{}</a>',
        ((number, label % {"number": number}) for number in numbers),
    )
