"""One watcher's stream of a channel, as server-sent events."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

from django.conf import settings

from ._backends import hub_here, hub_remove

# A stream ends after about this long (±20%) and the browser reconnects at once: the
# permission to watch is checked again, and connections spread over the workers again.
STREAM_SECONDS = 600.0
HEARTBEAT = b": still here\n\n"


async def live_events(channel: str, *, language: str, last: str = "") -> AsyncIterator[bytes]:
    """The stream of a channel as server-sent events, for one watcher: the current state at
    once (unless it is `last`, the tag of the state the client already shows), then each new
    state when there is one, a comment every NEWCOURSE_LIVE_HEARTBEAT_SECONDS meanwhile, so
    proxies and the client know the connection lives. Ends after about STREAM_SECONDS, and
    when the process stops; the client then reconnects and is told the state again.

    The caller checks that the watcher may see the channel (`live_may_see`). Each watcher is
    this generator and nothing else: no thread, no queue."""
    hub = hub_here()
    heartbeat = float(settings.NEWCOURSE_LIVE_HEARTBEAT_SECONDS)
    ends = hub.loop.time() + STREAM_SECONDS * (0.8 + secrets.randbelow(400) / 1000)
    feed = hub.join(channel, language)
    try:
        # How long the browser waits before reconnecting: spread out, so that the clients of
        # a worker that restarts do not all come back in the same instant.
        yield f"retry: {1000 + secrets.randbelow(4000)}\n\n".encode()
        seen = last
        while not hub.closed:
            changed = feed.changed
            if feed.state is not None and feed.state.tag != seen:
                seen = feed.state.tag
                yield feed.event
                continue  # a newer state may have come while this client was being sent one
            remaining = ends - hub.loop.time()
            if remaining <= 0:
                return
            try:
                async with asyncio.timeout(min(heartbeat, remaining)):
                    await changed.wait()
            except TimeoutError:
                yield HEARTBEAT
    finally:
        hub.leave(feed)


async def live_close() -> None:
    """Close this event loop's hub: its streams end, its listening connection and its render
    thread's database connection close. The server calls it when stopping; so do tests."""
    hub = hub_remove(asyncio.get_running_loop())
    if hub is not None:
        await hub.close()
