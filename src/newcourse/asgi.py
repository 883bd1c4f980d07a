"""The ASGI application that `newcourse serve` hands to uvicorn.

Django's own handler, with three things around it:

- Ordinary requests (pages, API, static files) run Django's synchronous code on a thread each
  (Django's ASGI handler gives each request one for its whole life): at most `threads` at once
  per process, the others waiting their turn, as gunicorn's threads did. The thread's database
  connection is let go when its request ends, since the thread ends then too: on PostgreSQL it
  goes back to the process's pool (settings.py) for the next request; on SQLite it is closed.
  Left to the garbage collector it would stay open a while, so that a busy server would hold
  many more connections than it has threads.
- Live streams (`/live/…`, newcourse.web.live) are served without that thread. Their
  synchronous part (the session, the user, the permission check) runs once, when the stream
  opens, on the one thread that all of this process's streams share; then each open stream is
  a coroutine and nothing more, so 2,000 of them cost 2,000 coroutines, not 2,000 threads.
- The lifespan: when the server stops, the live streams end at once (browsers reconnect, to
  another worker or to the server once restarted) instead of holding the shutdown up. And the
  event loop's default executor closes the database connections of what it ran: Django renders
  some error pages there, off the request's thread, which would otherwise keep a connection
  open on each of its threads for good.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newcourse.settings")
django_application = get_asgi_application()

# After Django is set up.
from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402

from newcourse.live import live_close  # noqa: E402

LIVE_PREFIX = "/live/"
# WhiteNoise (static files) answers with a file iterator, which Django reads on a thread, whole:
# right for the small files here, and said once per process as a warning that is no news.
warnings.filterwarnings("ignore", "StreamingHttpResponse must consume synchronous iterators")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Application:
    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads
        self.slots: asyncio.Semaphore | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
        elif scope["type"] != "http":
            return  # no WebSockets here
        elif scope["path"].startswith(LIVE_PREFIX):
            # Django's handler without its per-request thread context: synchronous code runs
            # on asgiref's one shared thread (see the module's docstring).
            await django_application.handle(scope, receive, send)
        else:
            if self.slots is None:
                self.slots = asyncio.Semaphore(self.threads or settings.NEWCOURSE_THREADS)
            # What Django's handler does for a request, and the connection closed at the end.
            async with self.slots, ThreadSensitiveContext():
                try:
                    await django_application.handle(scope, receive, send)
                finally:
                    await sync_to_async(connections.close_all)()

    async def lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                loop = asyncio.get_running_loop()
                loop.set_default_executor(ClosingExecutor(thread_name_prefix="asyncio"))
                end_streams_on_stop(loop)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await live_close()
                await send({"type": "lifespan.shutdown.complete"})
                return


class ClosingExecutor(ThreadPoolExecutor):
    """The event loop's default executor, each task's database connections closed after it."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        def closing() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                connections.close_all()

        return super().submit(closing)


def end_streams_on_stop(loop: asyncio.AbstractEventLoop) -> None:
    """On the server's stop signal, end the live streams before anything else. uvicorn waits
    for open responses to finish before it stops, and a stream never does; so its handler is
    chained after one that closes the live hub first."""
    if threading.current_thread() is not threading.main_thread():
        return
    for number in STOP_SIGNALS:
        server_handler = signal.getsignal(number)

        def handler(received: int, frame: Any, server_handler: Any = server_handler) -> None:
            loop.call_soon_threadsafe(lambda: loop.create_task(live_close()))
            if callable(server_handler):
                server_handler(received, frame)

        signal.signal(number, handler)


application = Application()
