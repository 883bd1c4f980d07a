"""/healthz says the process answers; /readyz that it can serve: the database answers, every
migration is applied and a worker takes the queue's tasks, else 503 with the reason."""

from __future__ import annotations

import datetime

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.test_outage import database_down

from newcourse.outbox import services as outbox
from newcourse.web import health


@pytest.fixture(autouse=True)
def _ask_about_migrations_again():
    health._migrated.clear()


def test_healthz_answers_without_the_database(db) -> None:
    with database_down():
        response = Client().get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_when_the_database_answers_and_is_migrated() -> None:
    response = Client().get("/readyz")
    assert (response.status_code, response.content) == (200, b"ready\n")
    assert Client().head("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_is_not_ready_while_the_database_is_down() -> None:
    with database_down():
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.content.startswith(b"not ready: database unreachable")
    assert response["Retry-After"] == "10"


@pytest.mark.django_db
def test_readyz_is_not_ready_before_migrations_are_applied(monkeypatch) -> None:
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert b"newcourse migrate" in response.content


@pytest.mark.django_db
def test_health_is_only_read() -> None:
    assert Client().post("/readyz").status_code == 405
    assert Client().post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_is_not_ready_when_no_worker_takes_the_queued_mail(mail_worker) -> None:
    message = outbox.post(key="test:1", to="a@example.org", subject="S", body="B")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=6))

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert b"no queue worker has taken a task for 6 minutes" in response.content
    mail_worker()
    message.refresh_from_db()
    assert (message.state, Client().get("/readyz").status_code) == ("sent", 200)


@pytest.mark.django_db
def test_readyz_is_ready_while_mail_waits_only_seconds() -> None:
    outbox.post(key="test:1", to="a@example.org", subject="S", body="B")
    assert Client().get("/readyz").status_code == 200
