"""`/healthz` and `/readyz`, for load balancers and service managers.

`/healthz`: the process answers (nothing else is asked of it, so a slow database never gets a
healthy process restarted). `/readyz`: it can serve now: the database answers, every
migration is applied and a queue worker takes the tasks (so mail goes out); otherwise 503 with
what is missing, so a load balancer sends requests elsewhere, and a service manager tells the
operator, until it is. Both read nothing of anyone and write nothing; plain text.
"""

from __future__ import annotations

import datetime
import threading

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newcourse.outage import unapplied_migrations
from newcourse.outbox.selectors import oldest_waiting_task

# A worker alive takes a task within seconds; a task waiting this long means none is running,
# and mail is not going out.
QUEUE_STALE = datetime.timedelta(minutes=5)
# Once every migration is found applied, this process does not ask again: migrations are
# applied before a new release's processes start, never under a running one.
_migrated = threading.Event()


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrated.is_set():
            pending = unapplied_migrations()
            if pending is None or pending:
                return _not_ready("migrations not applied: run `newcourse migrate`")
            _migrated.set()
        waited = oldest_waiting_task()
        if waited is not None and waited > QUEUE_STALE:
            minutes = int(waited.total_seconds() // 60)
            return _not_ready(
                f"no queue worker has taken a task for {minutes} minutes: mail is not being "
                "sent (start `newcourse worker`, or serve with NEWCOURSE_WORKER=1)"
            )
    except DatabaseError as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return _not_ready(f"database unreachable: {first_line}")
    return HttpResponse("ready\n", content_type="text/plain; charset=utf-8")


def _not_ready(reason: str) -> HttpResponse:
    response = HttpResponse(
        f"not ready: {reason}\n", status=503, content_type="text/plain; charset=utf-8"
    )
    response["Retry-After"] = "10"
    return response
