"""Mail waits in the outbox and is sent by the queue's worker: once per key, never inside the
step that posts it, retried when the mail server fails, given up (and shown) only after many
attempts, and sent again when a worker died while sending it."""

from __future__ import annotations

import datetime
import socket
import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newcourse.elections.services import elections_tick
from newcourse.outbox import services as outbox
from newcourse.outbox.models import Message

REFUSING = "tests.outbox.backends.Refusing"


def post(key: str = "reset:7:abc", **fields) -> Message:
    return outbox.post(
        key=key, to=fields.get("to", "a@example.org"), subject="Subject", body="Body"
    )


def make_due_now() -> None:
    """Time passes: the deferred tasks may run."""
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))


@pytest.mark.django_db
def test_a_message_is_sent_by_the_worker_not_when_posted(mail_worker):
    message = post()
    assert mail.outbox == []

    assert mail_worker() == 1

    (sent,) = mail.outbox
    assert (sent.to, sent.subject, sent.body) == (["a@example.org"], "Subject", "Body")
    message.refresh_from_db()
    assert (message.state, message.attempts) == (Message.State.SENT, 1)


@pytest.mark.django_db
def test_the_same_key_posted_twice_is_sent_once(mail_worker):
    first = post()
    again = post()

    mail_worker()

    assert first.pk == again.pk
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_message_posted_by_a_step_that_fails_is_never_sent(mail_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        post()
        raise RuntimeError("the step fails after posting")

    mail_worker()

    assert (Message.objects.count(), DBTaskResult.objects.count(), mail.outbox) == (0, 0, [])


@pytest.mark.django_db
def test_two_workers_taking_the_same_message_send_it_once():
    message = post()

    results = [outbox.deliver(message.pk), outbox.deliver(message.pk)]

    assert results == ["sent", "not waiting"]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_server_that_refuses_gets_the_message_when_it_is_back(settings, mail_worker):
    settings.EMAIL_BACKEND = REFUSING
    message = post()
    before = timezone.now()

    mail_worker()

    message.refresh_from_db()
    assert (message.state, message.attempts) == (Message.State.QUEUED, 1)
    assert "Connection refused" in message.last_error
    assert message.due_at >= before + datetime.timedelta(minutes=1)
    assert mail_worker() == 0  # the retry waits its minute

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due_now()
    mail_worker()

    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (Message.State.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_each_retry_waits_twice_as_long_as_the_one_before():
    waits = [outbox.retry_after(n).total_seconds() / 60 for n in range(1, outbox.MAX_ATTEMPTS)]
    assert waits == [1, 2, 4, 8, 16, 32, 64]


@pytest.mark.django_db
def test_a_message_is_given_up_after_its_attempts_and_can_be_sent_again(
    settings, mail_worker, caplog
):
    settings.EMAIL_BACKEND = REFUSING
    message = post()
    for _attempt in range(outbox.MAX_ATTEMPTS):
        make_due_now()
        mail_worker()

    message.refresh_from_db()
    assert (message.state, message.attempts) == (Message.State.FAILED, outbox.MAX_ATTEMPTS)
    assert f"given up after {outbox.MAX_ATTEMPTS} attempts" in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.send_again(message_pks=[message.pk]) == 1
    mail_worker()
    message.refresh_from_db()
    assert message.state == Message.State.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_message_left_by_a_dead_worker_is_sent_again_with_the_same_message_id(mail_worker):
    message = post()
    long_ago = timezone.now() - outbox.LEASE - datetime.timedelta(minutes=1)
    # A worker took it, and was killed before it could note that the mail server had it.
    DBTaskResult.objects.update(status="RUNNING")
    Message.objects.filter(pk=message.pk).update(state=Message.State.SENDING, claimed_at=long_ago)
    message.refresh_from_db()
    first_id = outbox.message_id(message)

    elections_tick()
    mail_worker()

    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == first_id
    message.refresh_from_db()
    assert message.state == Message.State.SENT


@pytest.mark.django_db
def test_a_message_being_sent_now_is_not_taken_again(mail_worker):
    message = post()
    DBTaskResult.objects.update(status="RUNNING")
    Message.objects.filter(pk=message.pk).update(
        state=Message.State.SENDING, claimed_at=timezone.now()
    )

    assert outbox.resume() == 0
    assert mail_worker() == 0


@pytest.mark.django_db
def test_a_message_whose_task_was_lost_is_queued_again_by_the_scheduler(mail_worker):
    message = post()
    DBTaskResult.objects.all().delete()  # its worker's database went away while it ran
    Message.objects.filter(pk=message.pk).update(
        due_at=timezone.now() - outbox.STALLED - datetime.timedelta(minutes=1)
    )

    assert outbox.resume() == 1
    assert outbox.resume() == 0  # not queued twice
    mail_worker()

    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_sends_what_waits():
    post()
    call_command("worker", batch=True)
    assert len(mail.outbox) == 1
    assert Message.objects.get().state == Message.State.SENT


@pytest.fixture
def hanging_mail_server():
    """A mail server that accepts the connection and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    yield listener.getsockname()[1]
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.mark.django_db
def test_a_mail_server_that_hangs_holds_the_worker_no_longer_than_the_timeout(
    settings, hanging_mail_server, mail_worker
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hanging_mail_server
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 1
    message = post()
    started = time.monotonic()

    mail_worker()

    assert time.monotonic() - started < 10
    message.refresh_from_db()
    assert (message.state, message.attempts) == (Message.State.QUEUED, 1)
    assert "timed out" in message.last_error
