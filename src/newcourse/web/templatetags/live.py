"""`{% live "floor:12" %}`: a channel's current state in the element that `web/live.js` keeps
current. The page renders the state itself, so it is whole without JavaScript, and names the
state it shows, so the stream does not send it again."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from newcourse.live import live_render

register = template.Library()


@register.simple_tag
def live(channel: str, element: str = "div") -> SafeString:
    """The page's view decides who may see the page; this only renders the channel."""
    if not element.isalpha():
        raise template.TemplateSyntaxError(f"{element!r} is not an element name")
    fragment = live_render(channel)
    return format_html(
        '<{} data-live="{}" data-live-last="{}">{}</{}>',
        element,
        channel,
        fragment.tag,
        # The channel's render returns HTML, escaped where it needs to be, as the stream
        # sends it: the page shows the same.
        mark_safe(fragment.html),  # noqa: S308
        element,
    )
