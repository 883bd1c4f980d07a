"""The database down or the disk full: 503 and "try again" on pages, in the API and the CLI;
one line in the log per outage, not a traceback per request; a bug still fails as a bug."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import psycopg.errors
import psycopg_pool
import pytest
from django.core.management import CommandError, call_command
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from newcourse import outage
from newcourse.accounts.tokens import api_token_create
from newcourse.refusals import Unavailable


def _from(cause: BaseException, message: str = "") -> OperationalError:
    """An error as Django raises it from the driver's."""
    error = OperationalError(message or str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("database is locked"),
        OperationalError("database or disk is full"),
        OperationalError("disk I/O error"),
        _from(psycopg.OperationalError("connection refused")),
        _from(psycopg_pool.PoolTimeout("couldn't get a connection after 30.00 sec")),
        _from(psycopg.errors.AdminShutdown("terminating connection due to administrator command")),
        _from(psycopg.errors.DiskFull("could not extend file")),
        _from(psycopg.errors.DeadlockDetected("deadlock detected")),
        InterfaceError("connection already closed"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
    ids=repr,
)
def test_an_outage_is_answered_try_again(error: BaseException) -> None:
    refused = outage.unavailable(error)
    assert isinstance(refused, Unavailable)
    assert (refused.status, refused.retry_after) == (503, outage.RETRY_AFTER_SECONDS)
    assert "nothing was saved" in refused.message


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("no such table: organisation_member"),
        _from(psycopg.errors.UndefinedTable("relation does not exist")),
        _from(psycopg.errors.QueryCanceled("canceling statement due to statement timeout")),
        OSError(errno.EACCES, "Permission denied"),
        ValueError("a bug"),
    ],
    ids=repr,
)
def test_a_bug_is_not_an_outage(error: BaseException) -> None:
    assert outage.unavailable(error) is None


def test_an_outage_is_logged_once_not_per_request(caplog: pytest.LogCaptureFixture) -> None:
    outage._logged_at = float("-inf")
    with caplog.at_level(logging.ERROR, logger="newcourse.outage"):
        for _ in range(50):
            outage.unavailable(OperationalError("database is locked"))
    (record,) = caplog.records
    assert "database is locked" in record.getMessage()
    assert record.exc_info is None


@contextmanager
def database_down() -> Iterator[None]:
    """Every query fails as it does while PostgreSQL restarts."""

    def refuse(execute, sql, params, many, context):
        raise _from(psycopg.errors.AdminShutdown("terminating connection"))

    with connection.execute_wrapper(refuse):
        yield


def test_a_page_says_try_again_with_503(tree, make_member) -> None:
    member = make_member(tree["north"])
    client = Client()
    client.force_login(member.person)
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert "nothing was saved" in page
    assert 'data-code="unavailable"' in page


def test_a_page_in_french_says_it_in_french(tree, make_member) -> None:
    member = make_member(tree["north"])
    client = Client(headers={"accept-language": "fr"})
    client.force_login(member.person)
    with database_down():
        response = client.post("/", {})
    assert response.status_code == 503
    assert "rien n’a été enregistré" in response.content.decode()


def test_the_api_answers_a_problem_with_503(tree, make_member) -> None:
    member = make_member(tree["north"])
    _row, token = api_token_create(email=member.person.email, name="outage")
    client = Client()
    with database_down():
        response = client.get("/api/v1/bodies/", headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert response.json()["type"].endswith("unavailable")


def test_a_command_exits_75_with_one_line(tree) -> None:
    with database_down(), pytest.raises(CommandError) as refused:
        call_command("conference", "list")
    assert refused.value.returncode == 75
    assert "nothing was saved" in str(refused.value)


def test_a_command_on_a_new_data_directory_says_to_run_init(tmp_path) -> None:
    environment = {**os.environ, "NEWCOURSE_HOME": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "newcourse", "conference", "list"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert done.returncode == 2
    assert "newcourse init" in done.stderr
    assert "Traceback" not in done.stderr


def _session_touched(request):
    request.session["touched"] = True
    return HttpResponse("done")


urlpatterns = [
    path("touch/", _session_touched),
    path("api/v1/touch/", _session_touched),
]
handler500 = "newcourse.urls.handler500"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("path", "kind"), [("/touch/", "text/html"), ("/api/v1/touch/", "application/problem+json")]
)
def test_the_database_failing_after_the_view_is_still_503(db, path, kind, caplog) -> None:
    """The view succeeded; saving its session (a middleware, after it) met the outage."""
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"].startswith(kind)
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert "Traceback" not in caplog.text
