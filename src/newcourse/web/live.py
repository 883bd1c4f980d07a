"""`GET /live/<channel>/`: a channel's stream of server-sent events, for `web/live.js`.

An async view: the response streams from an async generator (`newcourse.live.live_events`),
so an open stream holds no thread, only a coroutine waiting for the channel's next state.
Only the permission check runs synchronous code, once, when the stream opens. It never writes
(the renders and checks it runs refuse to): reads never write.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from newcourse.live import live_events, live_may_see

HEADERS = {
    "Cache-Control": "no-cache",
    # nginx buffers responses by default, which would hold the events back.
    "X-Accel-Buffering": "no",
}


@require_safe
async def stream(request: HttpRequest, channel: str) -> HttpResponse:
    user = await request.auser()
    if not await sync_to_async(live_may_see)(channel, user):
        # The same answer for a channel that does not exist and one this person may not see.
        raise Http404
    if request.method == "HEAD":
        return HttpResponse(content_type="text/event-stream; charset=utf-8", headers=HEADERS)
    # The state the client shows already: EventSource sends the last event's id when it
    # reconnects by itself; live.js passes it as `last` when it opens a stream anew.
    last = request.headers.get("Last-Event-ID") or request.GET.get("last", "")
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return StreamingHttpResponse(
        live_events(channel, language=language, last=last[:64]),
        content_type="text/event-stream; charset=utf-8",
        headers=HEADERS,
    )
