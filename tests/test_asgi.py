"""The ASGI application: ordinary requests share `threads` slots and close their database
connection when they end; live streams take no slot; the lifespan is answered."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection, connections

from newcourse import asgi


def http(path: str) -> dict:
    return {"type": "http", "path": path, "method": "GET", "headers": [], "query_string": b""}


@pytest.fixture
def handled(monkeypatch):
    """Django's handler replaced by one that notes how many requests run at once, each until
    its path's event is set (or at once, for paths without one)."""
    running = {"now": 0, "most": 0, "gates": {}}

    async def handle(scope, receive, send):
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
        try:
            gate = running["gates"].get(scope["path"])
            if gate is not None:
                await gate.wait()
            await asyncio.sleep(0.02)
        finally:
            running["now"] -= 1

    monkeypatch.setattr(asgi.django_application, "handle", handle)
    return running


def test_ordinary_requests_wait_for_one_of_the_threads(handled):
    application = asgi.Application(threads=2)

    async def scenario():
        await asyncio.gather(*(application(http("/"), None, None) for _ in range(6)))

    async_to_sync(scenario)()

    assert handled["most"] == 2


def test_a_live_stream_takes_no_thread(handled):
    application = asgi.Application(threads=1)

    async def scenario():
        handled["gates"]["/live/test:1/"] = gate = asyncio.Event()
        streams = [asyncio.ensure_future(application(http("/live/test:1/"), None, None))]
        await asyncio.sleep(0.05)
        await asyncio.wait_for(application(http("/"), None, None), 2)  # not held up
        gate.set()
        await asyncio.gather(*streams)

    async_to_sync(scenario)()

    assert handled["most"] == 2


@pytest.mark.django_db(transaction=True)
def test_a_requests_database_connection_is_closed_when_it_ends(monkeypatch):
    used = []

    async def handle(scope, receive, send):
        def query():
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            used.append(connections["default"])

        await sync_to_async(query)()

    monkeypatch.setattr(asgi.django_application, "handle", handle)

    # As the server runs it: on an event loop of its own, not within the test's async_to_sync
    # (which would run the request's synchronous code on the test's own thread).
    asyncio.run(asgi.Application(threads=1)(http("/"), None, None))

    [wrapper] = used
    assert wrapper is not connections["default"]  # the request's thread's own
    assert wrapper.connection is None


def test_the_lifespan_is_answered():
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent = []

    async def receive():
        return next(messages)

    async def send(message):
        sent.append(message["type"])

    async_to_sync(asgi.Application())({"type": "lifespan"}, receive, send)

    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
