"""Channels registered for the tests only (no app registers these in production).

`test:NAME` shows TEXT[NAME] (escaped) as a paragraph; anyone logged in may watch it, except
channels whose name starts `test:secret`. A test can hold a render: it reads the text, then
waits for GATES[NAME] to be set. RENDERS counts renders by channel and language, RENDERED_AT
notes when each began.

`test-members:SLUG` shows how many members the body SLUG has, from the database; `test-writes:X`
tries to write while rendering, which must be refused.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict

from django.utils import translation
from django.utils.html import format_html

from newcourse.live import live_channel
from newcourse.organisation.models import Member

TEXT: dict[str, str] = {}
GATES: dict[str, threading.Event] = {}
RENDERS: Counter[tuple[str, str]] = Counter()
RENDERED_AT: defaultdict[str, list[float]] = defaultdict(list)


def render_text(channel: str) -> str:
    text = TEXT.get(channel, "")
    RENDERS[(channel, translation.get_language())] += 1
    RENDERED_AT[channel].append(time.monotonic())
    gate = GATES.get(channel)
    if gate is not None:
        assert gate.wait(timeout=10)
    return str(format_html('<p lang="{}">{}</p>', translation.get_language(), text))


def may_see_text(channel: str, user) -> bool:
    return user.is_authenticated and not channel.startswith("test:secret")


def render_members(channel: str) -> str:
    slug = channel.split(":", 1)[1]
    return f"<p>{Member.objects.filter(body__slug=slug).count()} members</p>"


def render_writing(channel: str) -> str:
    Member.objects.filter(pk=-1).update(version=2)
    return "<p>wrote</p>"


def anyone(channel: str, user) -> bool:
    return True


live_channel("test", render=render_text, may_see=may_see_text)
live_channel("test-members", render=render_members, may_see=anyone)
live_channel("test-writes", render=render_writing, may_see=anyone)


def data_of(event: bytes) -> str:
    """The HTML an event carries (its data lines, joined as EventSource joins them)."""
    lines = event.decode().split("\n")
    return "\n".join(line.removeprefix("data: ") for line in lines if line.startswith("data: "))


def id_of(event: bytes) -> str:
    return next(line[4:] for line in event.decode().split("\n") if line.startswith("id: "))
