"""How a publish reaches the hubs: within this process, or through PostgreSQL to every process
on every host that serves the same database.

`process` (SQLite, `make demo`, one server process): the publish is handed to this process's
hubs when the transaction commits. `postgresql`: the publish is a NOTIFY on the transaction's
own connection, which PostgreSQL delivers when, and only if, the transaction commits (and
folds into one when the same transaction publishes a channel twice); each process LISTENs on
one connection of its own and marks its feeds stale. PostgreSQL rather than Redis: it is
already there, so several workers or hosts need no further service.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
import threading
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction

from ._channels import channel_for
from ._hub import Hub

logger = logging.getLogger(__name__)

# The PostgreSQL notification channel every process listens on; the payload is the channel.
NOTIFY_CHANNEL = "newcourse_live"
# How often a quiet listening connection is checked, and how long the check may take.
PING_SECONDS = 30.0
PING_TIMEOUT = 10.0
# The longest wait before connecting again after the listening connection failed.
RECONNECT_MAX_SECONDS = 30.0


def live_publish(channel: str) -> None:
    """Say that `channel` changed, from a service, in its transaction or outside one. The
    channel's watchers are sent its new state once the transaction commits, and never if it
    rolls back. Says only "changed": what the watchers see is the channel's render."""
    channel_for(channel)  # a malformed or unregistered name is a mistake in the caller
    if settings.NEWCOURSE_LIVE == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [NOTIFY_CHANNEL, channel])
    else:
        transaction.on_commit(functools.partial(deliver_here, channel), robust=True)


_hubs: dict[asyncio.AbstractEventLoop, Hub] = {}
_hubs_lock = threading.Lock()


def hubs() -> list[Hub]:
    """The hubs of this process (one per running event loop), for a publish to reach."""
    with _hubs_lock:
        return [hub for hub in _hubs.values() if not hub.closed]


def hub_here() -> Hub:
    """The hub of the running event loop, started (and listening) on first use."""
    loop = asyncio.get_running_loop()
    with _hubs_lock:
        for gone in [gone for gone in _hubs if gone.is_closed()]:
            _hubs.pop(gone).abandon()
        hub = _hubs.get(loop)
        if hub is None or hub.closed:
            hub = _hubs[loop] = Hub(loop)
            hub.listener = listen(hub)
    return hub


def hub_remove(loop: asyncio.AbstractEventLoop) -> Hub | None:
    with _hubs_lock:
        return _hubs.pop(loop, None)


def deliver_here(channel: str) -> None:
    """Hand a change to every hub of this process, from whatever thread committed it."""
    for hub in hubs():
        with contextlib.suppress(RuntimeError):  # its event loop has closed meanwhile
            hub.loop.call_soon_threadsafe(hub.mark_stale, channel, context=contextvars.Context())


def listen(hub: Hub) -> asyncio.Task[None] | None:
    """Start the hub's listening task, if changes come through PostgreSQL."""
    if settings.NEWCOURSE_LIVE != "postgresql":
        return None
    return hub.spawn(_listen(hub, _connection_params()))


def _connection_params() -> dict[str, Any]:
    """The default database's connection parameters as Django builds them, less what only
    Django's synchronous cursors use."""
    params = connections["default"].get_connection_params()
    for django_only in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(django_only, None)
    return params


async def _listen(hub: Hub, params: dict[str, Any]) -> None:
    """LISTEN on one connection for as long as the hub lives, connecting again (waiting
    longer after each failure, up to RECONNECT_MAX_SECONDS) when it drops. Each time it
    starts listening it marks every feed stale: changes made while it was not listening were
    not heard, and a render tells the watchers the state they missed."""
    import psycopg  # noqa: PLC0415 - only where PostgreSQL is used
    from psycopg import sql  # noqa: PLC0415

    delay = 1.0
    while not hub.closed:
        try:
            async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as conn:
                await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(NOTIFY_CHANNEL)))
                hub.listening = True
                hub.mark_all_stale()
                delay = 1.0
                while not hub.closed:
                    async for notice in conn.notifies(timeout=PING_SECONDS):
                        hub.mark_stale(notice.payload)
                    async with asyncio.timeout(PING_TIMEOUT):
                        await conn.execute("SELECT 1")
        except (psycopg.Error, OSError, TimeoutError) as error:
            hub.listening = False
            logger.warning(
                "Live updates: the listening connection failed (%s); again in %.0f s",
                error,
                delay,
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)
