"""The hall as a live channel, "floor:<conference id>": every page of the hall (the floor, the
projector) shows its state, and `newcourse.live` keeps them current as it changes. The state is
the same for everyone who may see the conference: who is present, the item under debate and its
text, the speaker and the list, the vote open with its count, the last result. What is one
person's own (whether they voted) stays outside it, on their page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from newcourse.conferences.access import access_conference_for_person
from newcourse.live import live_channel, live_publish
from newcourse.refusals import AccessDenied

from . import selectors

PREFIX = "floor"


def channel_of(conference_id: int) -> str:
    return f"{PREFIX}:{conference_id}"


def _conference_id(channel: str) -> int:
    _prefix, _colon, rest = channel.partition(":")
    if not rest.isdigit() or len(rest) > 12:
        raise AccessDenied("There is no such conference.")
    return int(rest)


def may_watch(channel: str, user: Any) -> bool:
    """Whoever may see the conference's body watches its hall."""
    try:
        access_conference_for_person(person=user, pk=_conference_id(channel))
    except AccessDenied:
        return False
    return True


def hall_fragment(channel: str) -> str:
    from newcourse.conferences.models import Conference  # noqa: PLC0415 - apps load first

    conference = Conference.objects.select_related("body").get(pk=_conference_id(channel))
    return render_to_string("floor/_state.html", selectors.hall_state(conference))


def hall_changed(conference_id: int) -> None:
    """Tell every page of the hall it changed (on commit)."""
    live_publish(channel_of(conference_id))


def register() -> None:
    live_channel(PREFIX, render=hall_fragment, may_see=may_watch)
