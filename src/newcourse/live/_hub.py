"""Each server process's fan-out: one render per change, the same bytes to every watcher.

A process keeps, for each channel someone watches here (in each language it is watched in),
a feed: the latest rendered state, and whether it is stale. A publish, made here or, through
PostgreSQL, by any process on any host, only marks the feed stale; the feed's one refresh task
renders it again, at most once every RENDER_INTERVAL seconds however many publishes came in
between, and wakes the watchers. A watcher sends the latest state when it is ready to send:
a slow client skips the states it was too slow for and never builds a backlog. So 50 votes a
second watched by 2,000 delegates cost at most 5 renders a second, not 100,000.

Everything here runs on the process's event loop, except the renders: they run the app's
synchronous code (ORM, templates) on one thread of the hub's own, outside any request, whose
database connection is kept and checked as a request's would be.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.db import close_old_connections, connections
from django.utils import translation

from ._channels import LiveFragment, channel_for, reads_only

logger = logging.getLogger(__name__)

# At most one render of a channel (in one language) per this many seconds, per process.
RENDER_INTERVAL = 0.2
# After a render that failed, the next try waits this long (the page still shows its state).
RETRY_SECONDS = 5.0


@dataclass(eq=False)
class Feed:
    """One channel, in one language, as this process renders it for its watchers."""

    channel: str
    language: str
    state: LiveFragment | None = None
    event: bytes = b""
    # Set, and replaced by a new one, when `state` changes: every watcher waits on it.
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    stale: bool = True
    watchers: int = 0
    rendered_at: float = float("-inf")
    refreshing: asyncio.Task[None] | None = None


def event_bytes(fragment: LiveFragment) -> bytes:
    """The server-sent event carrying a state: its tag as the id, its HTML as data lines."""
    html = fragment.html.replace("\r\n", "\n").replace("\r", "\n")
    data = "".join(f"data: {line}\n" for line in html.split("\n"))
    return f"id: {fragment.tag}\n{data}\n".encode()


def render_here(channel: str, language: str) -> LiveFragment:
    """Render on the hub's thread, as a request would run: a connection that broke or grew
    too old is replaced before, and checked after."""
    close_old_connections()
    try:
        with translation.override(language), reads_only():
            return LiveFragment.of(channel_for(channel).render(channel))
    finally:
        close_old_connections()


class Hub:
    """The fan-out of one process (of one event loop: tests run several, one after another)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.feeds: dict[tuple[str, str], Feed] = {}
        self.closed = False
        self.renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-render")
        self.listener: asyncio.Task[None] | None = None
        # Whether changes from other processes are heard now (PostgreSQL's LISTEN is on).
        self.listening = False

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """A task of the hub's, in a context of its own: not the context of the request that
        happened to start it, whose end must not end the task."""
        return self.loop.create_task(coroutine, context=contextvars.Context())

    def join(self, channel: str, language: str) -> Feed:
        feed = self.feeds.get((channel, language))
        if feed is None:
            feed = self.feeds[(channel, language)] = Feed(channel, language)
            self.refresh(feed)
        feed.watchers += 1
        return feed

    def leave(self, feed: Feed) -> None:
        feed.watchers -= 1
        if feed.watchers == 0 and self.feeds.get((feed.channel, feed.language)) is feed:
            del self.feeds[(feed.channel, feed.language)]
            if feed.refreshing is not None:
                feed.refreshing.cancel()

    def mark_stale(self, channel: str) -> None:
        """The channel changed (a publish, here or from elsewhere): render it again soon."""
        for feed in list(self.feeds.values()):
            if feed.channel == channel:
                feed.stale = True
                self.refresh(feed)

    def mark_all_stale(self) -> None:
        """Changes may have been missed (the listening connection was down): render all."""
        for feed in list(self.feeds.values()):
            feed.stale = True
            self.refresh(feed)

    def refresh(self, feed: Feed) -> None:
        if feed.refreshing is None and not self.closed:
            feed.refreshing = self.spawn(self._refresh(feed))

    async def _refresh(self, feed: Feed) -> None:
        """Render while the feed is stale, at most once per RENDER_INTERVAL: the publishes
        that arrive while waiting or rendering are all answered by the next render."""
        try:
            while feed.stale and not self.closed:
                wait = feed.rendered_at + RENDER_INTERVAL - self.loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                feed.stale = False
                feed.rendered_at = self.loop.time()
                try:
                    fragment = await self.loop.run_in_executor(
                        self.renderer, render_here, feed.channel, feed.language
                    )
                except Exception:
                    logger.exception("Could not render the live channel %s", feed.channel)
                    feed.stale = True
                    await asyncio.sleep(RETRY_SECONDS)
                    continue
                if feed.state is None or fragment.tag != feed.state.tag:
                    feed.state, feed.event = fragment, event_bytes(fragment)
                    woken, feed.changed = feed.changed, asyncio.Event()
                    woken.set()
        finally:
            feed.refreshing = None

    async def close(self) -> None:
        """End every stream, stop listening, close the render thread's connection."""
        self.closed = True
        for feed in self.feeds.values():
            feed.changed.set()
            if feed.refreshing is not None:
                feed.refreshing.cancel()
        if self.listener is not None:
            self.listener.cancel()
            await asyncio.gather(self.listener, return_exceptions=True)
        await self.loop.run_in_executor(self.renderer, connections.close_all)
        self.renderer.shutdown(wait=False)

    def abandon(self) -> None:
        """Let go of a hub whose event loop closed without closing it: its render thread
        closes its database connection and ends."""
        self.closed = True
        self.renderer.submit(connections.close_all)
        self.renderer.shutdown(wait=False)
