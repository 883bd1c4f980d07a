"""The mail worker killed mid-mailing, and two workers at once: every message reaches the mail
server, none is sent twice by two workers, and the one a killed worker may have handed over
just before dying goes again with the same Message-ID, by which mail systems recognise it."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.utils import timezone

from newcourse.outbox import services as outbox
from newcourse.outbox.models import Message

from .harness import MailSink, Process, environment, report, sessions_ended, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

MESSAGES = 150


def post_messages() -> set[str]:
    keys = {f"faults:{n}" for n in range(MESSAGES)}
    for key in sorted(keys):
        outbox.post(key=key, to="member@example.org", subject=key, body="A message.")
    return keys


def mail_figures(keys: set[str], received: Counter[str], started: float) -> dict[str, object]:
    return {
        "posted": len(keys),
        "lost": len(keys - set(received)),
        "inconsistent": Message.objects.exclude(state=Message.State.SENT).count(),
        "duplicate mail": sum(count - 1 for count in received.values() if count > 1),
        "seconds": round(time.monotonic() - started, 2),
    }


def all_sent() -> bool:
    return not Message.objects.exclude(state=Message.State.SENT).exists()


def test_a_worker_killed_mid_mailing_drops_nothing(tmp_path):
    keys = post_messages()
    started = time.monotonic()
    with MailSink(delay=0.01) as sink:
        worker = Process(["worker"], environment(tmp_path, **sink.environment()))
        worker.start()
        try:
            assert wait_until(lambda: len(sink.received) >= MESSAGES // 3)
            worker.kill()
            killed_at = timezone.now()
            worker.start()
            # What the dead worker held (a message being sent, or a task it had taken) is
            # queued again by the scheduler once its lease has run out: here, at once.
            outbox.resume(now=killed_at + outbox.LEASE)
            assert wait_until(all_sent)
        finally:
            worker.kill()
            sessions_ended()
        received = sink.subjects()
    report("mail worker killed mid-mailing", **mail_figures(keys, received, started))

    assert set(received) == keys
    twice = [key for key, count in received.items() if count > 1]
    assert len(twice) <= 1  # only the one in the mail server's hands at the kill, if any
    for key in twice:
        ids = {message_id for message_id, subject in sink.received if subject == key}
        assert len(ids) == 1


def test_two_workers_at_once_send_each_message_once(tmp_path):
    keys = post_messages()
    started = time.monotonic()
    with MailSink(delay=0.005) as sink:
        env = environment(tmp_path, **sink.environment())
        workers = [Process(["worker"], env), Process(["worker"], env)]
        for worker in workers:
            worker.start()
        try:
            assert wait_until(all_sent)
        finally:
            for worker in workers:
                worker.kill()
            sessions_ended()
        received = sink.subjects()
    report("two mail workers at once", **mail_figures(keys, received, started))

    assert received == Counter(dict.fromkeys(keys, 1))
