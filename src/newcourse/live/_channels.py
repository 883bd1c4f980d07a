"""The channels: who owns a prefix, how its channels are rendered and who may see them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection

# "floor:12", "floor:12:speakers": the prefix names the app that owns the channel, the rest is
# the app's own. Short and plain, because a name travels in URLs and in PostgreSQL's NOTIFY.
NAME = re.compile(r"(?P<prefix>[a-z][a-z0-9-]{0,39}):[A-Za-z0-9._:-]{1,120}")
# Statements a render or a permission check must not run: reads never write.
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "TRUNCATE")

User = AbstractBaseUser | AnonymousUser
Render = Callable[[str], str]
MaySee = Callable[[str, User], bool]


@dataclass(frozen=True)
class LiveChannel:
    """What the app that owns `prefix` says about each of its channels: `render(channel)`, the
    HTML fragment of its current state (one render goes to everyone who watches it, so the
    fragment is the same for all of them: whatever differs by person belongs around it, in the
    page), and `may_see(channel, user)`, whether that person may watch it."""

    prefix: str
    render: Render
    may_see: MaySee


@dataclass(frozen=True)
class LiveFragment:
    """A channel's state as rendered once: the HTML and its tag, a digest that names this
    state on every server process and host alike (the event id a reconnecting client sends
    back, so that it is not sent a state it already shows)."""

    html: str
    tag: str

    @classmethod
    def of(cls, html: str) -> LiveFragment:
        return cls(html=html, tag=hashlib.blake2b(html.encode(), digest_size=8).hexdigest())


_channels: dict[str, LiveChannel] = {}


def live_channel(prefix: str, *, render: Render, may_see: MaySee) -> LiveChannel:
    """Say how the channels `prefix:…` are rendered and who may see them; called once, from
    the owning app's `AppConfig.ready()`. A prefix belongs to one app: a second, different
    registration is a mistake and stops start-up."""
    if not NAME.fullmatch(f"{prefix}:x"):
        raise ValueError(f"{prefix!r} is not a channel prefix: lowercase letters, digits, '-'")
    channel = LiveChannel(prefix=prefix, render=render, may_see=may_see)
    if _channels.setdefault(prefix, channel) != channel:
        raise ValueError(f"the live channels {prefix}:… are already registered")
    return channel


def channel_for(name: str) -> LiveChannel:
    """The registration of the channel `name`; ValueError for a name that is malformed or
    whose prefix no app registered (a mistake in the code that names it)."""
    match = NAME.fullmatch(name)
    if match is None:
        raise ValueError(f"{name!r} is not a live channel name (like 'floor:12')")
    try:
        return _channels[match["prefix"]]
    except KeyError:
        raise ValueError(f"no app registered the live channels {match['prefix']}:…") from None


def _refuse_writes(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    if sql.lstrip().upper().startswith(WRITES):
        raise RuntimeError(f"a live channel's render or permission check wrote: {sql[:80]}")
    return execute(sql, params, many, context)


@contextmanager
def reads_only() -> Iterator[None]:
    """Run an app's render or permission check, refusing any statement that writes: they
    run for every GET of a stream (RFC 9110: safe), so a write there is a bug to stop."""
    with connection.execute_wrapper(_refuse_writes):
        yield


def live_may_see(name: str, user: User) -> bool:
    """Whether `user` may watch the channel `name`: False for a malformed name or one no app
    registered, so that a refusal does not tell a channel that exists from one that does not."""
    try:
        channel = channel_for(name)
    except ValueError:
        return False
    with reads_only():
        return channel.may_see(name, user)


def live_render(name: str) -> LiveFragment:
    """The channel's current state, rendered now in the active language: for the page that
    shows it, so that the page and the stream show the same bytes (`{% live %}` does this)."""
    channel = channel_for(name)
    with reads_only():
        return LiveFragment.of(channel.render(name))
