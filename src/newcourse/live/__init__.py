"""Pages that update live, without reloading: channels, their renders, the fan-out.

A channel is named `prefix:rest` ("floor:12"); the app that owns the prefix registers, in its
`AppConfig.ready()`, how a channel's current state is rendered (an HTML fragment, the same
for everyone who watches) and who may watch it:

    live_channel("floor", render=floor_fragment, may_see=may_watch_floor)

Its services call `live_publish("floor:12")` when something the fragment shows has changed;
nothing is sent unless the transaction commits. The page shows the fragment inside an element
`data-live="floor:12"` (`{% live "floor:12" %}` writes it), and `web/live.js` keeps it current
through the stream `GET /live/floor:12/` (server-sent events, `newcourse.web.live`), whose
first event is the current state, so a client that reconnects is up to date at once. Without
JavaScript the page is an ordinary page: reloading it shows the current state.

Each server process renders a changed channel once (at most every 0.2 s) and sends the same
bytes to all its watchers (`_hub`). Changes reach the other processes and hosts through
PostgreSQL's LISTEN/NOTIFY, or stay within the one process (`_backends`, NEWCOURSE_LIVE).
"""

from ._backends import live_publish
from ._channels import LiveChannel, LiveFragment, live_channel, live_may_see, live_render
from ._streams import live_close, live_events

__all__ = [
    "LiveChannel",
    "LiveFragment",
    "live_channel",
    "live_close",
    "live_events",
    "live_may_see",
    "live_publish",
    "live_render",
]
