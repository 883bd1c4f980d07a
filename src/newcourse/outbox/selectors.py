"""What the operator and the health check read of the outbox and the queue."""

from __future__ import annotations

import datetime

from django.db.models import Min, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max


def oldest_waiting_task(*, now: datetime.datetime | None = None) -> datetime.timedelta | None:
    """How long the oldest task that could run now has waited for a worker (None: none
    waits). A worker alive takes a task within seconds; one waiting minutes means none runs."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    oldest = ready.aggregate(
        undeferred=Min("enqueued_at", filter=Q(run_after=get_date_max())),
        deferred=Min("run_after", filter=~Q(run_after=get_date_max())),
    )
    since = [value for value in oldest.values() if value is not None]
    return now - min(since) if since else None
