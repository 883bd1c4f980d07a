"""Posting a message, and sending it: the only way New Course sends mail.

A message is posted in the transaction of the step that wants it sent (a reset asked for, the
record's head moved), with a task for the queue's worker enqueued in the same transaction: both
are written, or neither. The worker takes the message by a conditional update before sending,
so two workers never send it twice; a failure is retried later (1, 2, 4 ... minutes) and, after
MAX_ATTEMPTS, the message is given up and shown on the operator's page. A worker killed between
the mail server's acceptance and its own note that the message went leaves it "being sent":
`resume`, a step of the scheduler, sends it again after LEASE. That second copy carries the
same Message-ID, which mail systems use to recognise a message they already have.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# A message taken by a worker this long ago and still not sent was taken by one that died.
LEASE = datetime.timedelta(minutes=15)
# A message due this long ago that no worker has taken has lost its task (the worker's
# database went away while it ran it): it is queued again.
STALLED = datetime.timedelta(minutes=10)


def post(
    *,
    key: str,
    to: str,
    subject: str,
    body: str,
    headers: dict[str, str] | None = None,
    now: datetime.datetime | None = None,
) -> Message:
    """Queue a message for `to`, once for `key`: posting a key already posted changes nothing
    and returns the message already there (sent or not)."""
    now = now or timezone.now()
    with transaction.atomic():
        message, created = Message.objects.get_or_create(
            key=key,
            defaults={
                "to": to,
                "subject": subject,
                "body": body,
                "headers": headers or {},
                "from_email": settings.DEFAULT_FROM_EMAIL,
                "posted_at": now,
                "due_at": now,
            },
        )
        if created:
            deliver_task.enqueue(message.pk)
    return message


def post_many(messages: list[Message], *, now: datetime.datetime | None = None) -> None:
    """Queue many messages at once (a notice to an electorate): unsaved `Message`s with their
    key, recipient, subject, body and headers. Keys already posted are left as they are; one
    task sends them all (`deliver_waiting`)."""
    now = now or timezone.now()
    due = timezone.now()  # due at once, whatever moment the posting step stands for
    for message in messages:
        message.from_email = settings.DEFAULT_FROM_EMAIL
        message.posted_at, message.due_at = now, due
    with transaction.atomic():
        Message.objects.bulk_create(messages, ignore_conflicts=True, batch_size=1000)
        if messages:
            deliver_waiting_task.enqueue()


def deliver(message_pk: int, *, now: datetime.datetime | None = None) -> str:
    """Send one message if it is still waiting: "sent", "retry", "failed", or "not waiting"
    (already sent, or taken by another worker)."""
    now = now or timezone.now()
    taken = Message.objects.filter(pk=message_pk, state=Message.State.QUEUED).update(
        state=Message.State.SENDING, claimed_at=now
    )
    if not taken:
        return "not waiting"
    message = Message.objects.get(pk=message_pk)
    try:
        with get_connection(fail_silently=False) as connection:
            EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=message.from_email,
                to=[message.to],
                headers={**message.headers, "Message-ID": message_id(message)},
                connection=connection,
            ).send()
    except Exception as error:  # any failure of the mail server, told in one line
        return _failed(message, now, error)
    Message.objects.filter(pk=message.pk).update(
        state=Message.State.SENT,
        sent_at=timezone.now(),
        attempts=message.attempts + 1,
        last_error="",
    )
    return "sent"


@task()
def deliver_task(message_pk: int) -> str:
    """The queue's task for one message (what the worker runs)."""
    return deliver(message_pk)


def deliver_waiting(*, now: datetime.datetime | None = None) -> int:
    """Send every message waiting and due, one after another (each taken as `deliver` takes
    it, so workers running this at once share the work). Returns how many were sent."""
    now = now or timezone.now()
    waiting = Message.objects.filter(state=Message.State.QUEUED, due_at__lte=now)
    return sum(deliver(pk) == "sent" for pk in list(waiting.values_list("pk", flat=True)))


@task()
def deliver_waiting_task() -> int:
    """The queue's task for a batch posted at once (`post_many`)."""
    return deliver_waiting()


def _failed(message: Message, now: datetime.datetime, error: Exception) -> str:
    attempts = message.attempts + 1
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:500]
    if attempts >= MAX_ATTEMPTS:
        Message.objects.filter(pk=message.pk).update(
            state=Message.State.FAILED, attempts=attempts, last_error=reason
        )
        logger.error("Mail %s given up after %s attempts: %s", message.key, attempts, reason)
        return "failed"
    due = now + retry_after(attempts)
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(
            state=Message.State.QUEUED, attempts=attempts, due_at=due, last_error=reason
        )
        deliver_task.using(run_after=due).enqueue(message.pk)
    logger.warning(
        "Mail %s not sent (attempt %s), retried at %s: %s", message.key, attempts, due, reason
    )
    return "retry"


def retry_after(attempts: int) -> datetime.timedelta:
    """1 minute after the first failure, then twice as long each time (about 4 hours in all
    before a message is given up), so a mail server down for a night is waited for."""
    return datetime.timedelta(minutes=2 ** (attempts - 1))


def message_id(message: Message) -> str:
    """The same Message-ID every time this message is sent."""
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:24]
    domain = message.from_email.rpartition("@")[2].strip("> ") or "localhost"
    return f"<{message.pk}.{digest}@{domain}>"


def resume(*, now: datetime.datetime | None = None) -> int:
    """The scheduler's step: queue again the messages a dead worker left "being sent" and those
    that waited far too long for a worker. Returns how many were queued again."""
    now = now or timezone.now()
    resumed = 0
    abandoned = Message.objects.filter(state=Message.State.SENDING, claimed_at__lt=now - LEASE)
    stalled = Message.objects.filter(state=Message.State.QUEUED, due_at__lt=now - STALLED)
    for pk in list(abandoned.values_list("pk", flat=True)) + list(
        stalled.values_list("pk", flat=True)
    ):
        with transaction.atomic():
            moved = (
                Message.objects.filter(
                    pk=pk, state__in=[Message.State.SENDING, Message.State.QUEUED]
                )
                .exclude(due_at__gte=now)
                .update(state=Message.State.QUEUED, due_at=now)
            )
            if moved:
                deliver_task.enqueue(pk)
                resumed += 1
    if resumed:
        logger.warning("%s messages queued again for the mail worker", resumed)
    return resumed


def send_again(*, message_pks: list[int], now: datetime.datetime | None = None) -> int:
    """The operator's action on messages given up: try them again from the start."""
    now = now or timezone.now()
    again = 0
    for pk in message_pks:
        with transaction.atomic():
            if Message.objects.filter(pk=pk, state=Message.State.FAILED).update(
                state=Message.State.QUEUED, attempts=0, due_at=now
            ):
                deliver_task.enqueue(pk)
                again += 1
    return again
