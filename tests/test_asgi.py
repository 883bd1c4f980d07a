"""The ASGI application: ordinary requests share `threads` slots and close their database
connection when they end; live streams take no slot; the lifespan is answered."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection, connections
from django.db.backends.signals import connection_created

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


@pytest.mark.django_db(transaction=True)
def test_an_error_pages_database_connection_is_closed_too():
    """Django renders a page that is not found on the event loop's default executor, not on
    the request's thread: what it opens there is closed as well."""
    opened = []

    def note(sender, connection, **kwargs):
        opened.append(connection)

    async def serve_one():
        application = asgi.Application(threads=1)
        lifespan = iter([{"type": "lifespan.startup"}])
        answered = asyncio.Event()

        async def startup():
            return next(lifespan)

        async def started(message):
            answered.set()

        lifetime = asyncio.ensure_future(application({"type": "lifespan"}, startup, started))
        await answered.wait()
        sent = []
        body = iter([{"type": "http.request", "body": b"", "more_body": False}])

        async def receive():
            try:
                return next(body)
            except StopIteration:
                await asyncio.Event().wait()  # the client stays until the answer is sent

        async def send(message):
            sent.append(message)

        scope = {**http("/no-such-page/"), "headers": [(b"host", b"127.0.0.1")]}
        await application(scope, receive, send)
        lifetime.cancel()
        return sent[0]["status"]

    connection_created.connect(note)
    try:
        status = asyncio.run(serve_one())
    finally:
        connection_created.disconnect(note)

    assert status == 404
    assert opened
    assert [wrapper.connection for wrapper in opened] == [None] * len(opened)
