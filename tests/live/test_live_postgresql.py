"""Changes reach every process through PostgreSQL: a NOTIFY sent with the transaction that
made the change, heard by each process's one listening connection.

Here the change is committed on the test's connection and heard on the hub's own, as it would
be by another worker or host. Skipped unless DATABASE_URL is PostgreSQL.
"""

from __future__ import annotations

import asyncio
import time

import psycopg
import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection, transaction
from tests.live.channels import RENDERS, TEXT, data_of

from newcourse.live import live_close, live_events, live_publish
from newcourse.live._backends import NOTIFY_CHANNEL, hub_here
from newcourse.live._hub import RENDER_INTERVAL

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def through_postgresql(settings):
    settings.NEWCOURSE_LIVE = "postgresql"
    yield
    TEXT.clear()
    RENDERS.clear()


def run(scenario):
    async def closing():
        try:
            return await scenario()
        finally:
            await live_close()

    return async_to_sync(closing)()


async def until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        await asyncio.sleep(0.02)


def change(channel: str, text: str, *, commit: bool = True) -> None:
    with transaction.atomic():
        TEXT[channel] = text
        live_publish(channel)
        transaction.set_rollback(not commit)


def listeners() -> list[int]:
    """The backends listening for live changes on the test database, by process id."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = %s",
            [f'LISTEN "{NOTIFY_CHANNEL}"'],
        )
        return [pid for (pid,) in cursor.fetchall()]


async def watching(channel: str):
    events = live_events(channel, language="en")
    await anext(events)
    first = data_of(await anext(events))
    hub = hub_here()
    await until(lambda: hub.listening)
    await until(lambda: hub.feeds[(channel, "en")].refreshing is None)
    return events, first


def test_a_change_committed_elsewhere_reaches_the_watcher():
    channel = "test:pg-count"
    TEXT[channel] = "0 for"

    async def scenario():
        events, first = await watching(channel)
        renders = RENDERS[(channel, "en")]
        await sync_to_async(change)(channel, "1 for")
        following = data_of(await asyncio.wait_for(anext(events), 10))
        await events.aclose()
        return first, following, RENDERS[(channel, "en")] - renders

    first, following, renders = run(scenario)

    assert first == '<p lang="en">0 for</p>'
    assert following == '<p lang="en">1 for</p>'
    assert renders == 1


def test_a_change_rolled_back_is_never_heard():
    channel = "test:pg-rollback"
    TEXT[channel] = "0 for"

    async def scenario():
        events, _first = await watching(channel)
        renders = RENDERS[(channel, "en")]
        await sync_to_async(change)(channel, "1 for", commit=False)
        await asyncio.sleep(1 + 2 * RENDER_INTERVAL)
        await events.aclose()
        return RENDERS[(channel, "en")] - renders

    assert run(scenario) == 0


def test_the_listener_connects_again_and_catches_up_on_what_it_missed(caplog):
    channel = "test:pg-dropped"
    TEXT[channel] = "before"

    async def scenario():
        events, _first = await watching(channel)
        hub = hub_here()
        [listener] = await sync_to_async(listeners)()
        async with await psycopg.AsyncConnection.connect(
            **hub_connection_params(), autocommit=True
        ) as admin:
            await admin.execute("SELECT pg_terminate_backend(%s)", [listener])
        await until(lambda: not hub.listening)
        # Published while nobody listens: lost, as NOTIFY is; the reconnection makes up for it.
        await sync_to_async(change)(channel, "while down")
        caught_up = data_of(await asyncio.wait_for(anext(events), 10))
        await until(lambda: hub.listening)
        await sync_to_async(change)(channel, "after")
        following = data_of(await asyncio.wait_for(anext(events), 10))
        await events.aclose()
        return caught_up, following

    caught_up, following = run(scenario)

    assert caught_up == '<p lang="en">while down</p>'
    assert following == '<p lang="en">after</p>'
    assert "the listening connection failed" in caplog.text


def hub_connection_params():
    from newcourse.live._backends import _connection_params  # noqa: PLC0415

    return _connection_params()
