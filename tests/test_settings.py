import os
import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection

from newcourse.settings import env_bool, env_int

VARIABLE = "NEWCOURSE_TEST_SWITCH"


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "TRUE", " Yes ", "On"])
def test_env_bool_reads_on(monkeypatch, value):
    monkeypatch.setenv(VARIABLE, value)
    assert env_bool(VARIABLE, default=False) is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "FALSE", " No ", "Off"])
def test_env_bool_reads_off(monkeypatch, value):
    monkeypatch.setenv(VARIABLE, value)
    assert env_bool(VARIABLE, default=True) is False


@pytest.mark.parametrize("value", [None, "", "   "])
@pytest.mark.parametrize("default", [True, False])
def test_env_bool_unset_or_empty_is_the_default(monkeypatch, value, default):
    if value is None:
        monkeypatch.delenv(VARIABLE, raising=False)
    else:
        monkeypatch.setenv(VARIABLE, value)
    assert env_bool(VARIABLE, default=default) is default


@pytest.mark.parametrize("value", ["ture", "2", "enabled", "y e s"])
def test_env_bool_refuses_other_values_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(VARIABLE, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_bool(VARIABLE)
    message = str(refused.value)
    assert VARIABLE in message
    assert repr(value) in message
    assert "1, true, yes, on" in message
    assert "0, false, no, off" in message


def test_bad_boolean_variable_stops_newcourse_check(tmp_path):
    environment = {
        **os.environ,
        "NEWCOURSE_HOME": str(tmp_path),
        "NEWCOURSE_DEBUG": "ture",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "check"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 2
    assert "NEWCOURSE_DEBUG='ture'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_good_boolean_variable_lets_newcourse_check_run(tmp_path):
    # The configuration's checks alone (`--deploy`: the data directory has no database yet),
    # which would warn of DEBUG (security.W018) had "Off" been read as on.
    environment = {
        **os.environ,
        "NEWCOURSE_HOME": str(tmp_path),
        "NEWCOURSE_DEBUG": "Off",
        "NEWCOURSE_EMAIL_HOST": "mail.example.org",
        "NEWCOURSE_FROM_EMAIL": "vote@example.org",
    }
    # The browser tests' switch is no part of a deployment (async.E001 under --deploy).
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "check", "--deploy"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 0
    assert "System check identified" in result.stderr
    assert "security.W018" not in result.stderr
    assert "NEWCOURSE_DEBUG" not in result.stderr


@pytest.mark.parametrize(
    ("mail", "message"),
    [
        # A server named, but no sender: mail would go out as newcourse@localhost.
        ({"NEWCOURSE_EMAIL_HOST": "mail.example.org"}, "set NEWCOURSE_FROM_EMAIL"),
        (
            {
                "NEWCOURSE_EMAIL_HOST": "mail.example.org",
                "NEWCOURSE_FROM_EMAIL": "vote@example.org",
                "NEWCOURSE_EMAIL_USER": "vote@example.org",
            },
            "set both NEWCOURSE_EMAIL_USER and NEWCOURSE_EMAIL_PASSWORD",
        ),
        # The server's details without the server: nothing would be sent, and nobody told.
        ({"NEWCOURSE_EMAIL_PASSWORD": "secret"}, "NEWCOURSE_EMAIL_HOST is not"),
    ],
)
def test_half_a_mail_configuration_stops_start_up_saying_what_is_missing(tmp_path, mail, message):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWCOURSE_EMAIL", "NEWCOURSE_FROM"))
    }
    environment.update(NEWCOURSE_HOME=str(tmp_path), **mail)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "check"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_mail_server_that_never_answers_is_given_up_on(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert 0 < settings.EMAIL_TIMEOUT <= 30
    assert get_connection().timeout == settings.EMAIL_TIMEOUT


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("90", 90), (" 15 ", 15), ("", 60)])
def test_env_int_reads_a_whole_number_or_the_default(monkeypatch, value, expected):
    monkeypatch.setenv("NEWCOURSE_TICK_SECONDS", value)
    assert env_int("NEWCOURSE_TICK_SECONDS", 60) == expected


@pytest.mark.parametrize("value", ["1m", "-5", "2.5", "sixty"])
def test_env_int_refuses_anything_else_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("NEWCOURSE_TICK_SECONDS", value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_int("NEWCOURSE_TICK_SECONDS", 60)
    assert f"NEWCOURSE_TICK_SECONDS={value!r} is not a whole number" in str(refused.value)


def migrate_in(home):
    """`newcourse migrate` in a process of its own, on SQLite in `home`, as a first start."""
    environment = {**os.environ, "NEWCOURSE_HOME": str(home)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "migrate", "--verbosity", "0"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 0, result.stderr


def test_a_new_data_directory_and_database_are_private(tmp_path):
    """Nobody but the server's user reads the database, its log or the data directory."""
    home = tmp_path / "home"
    migrate_in(home)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    database = home / "newcourse.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    for companion in home.glob("newcourse.sqlite3-*"):
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion.name


def test_an_older_installations_open_directory_and_database_are_made_private(tmp_path):
    """A data directory and database left readable by everyone (0755, 0644) by an earlier
    version are closed at the next start."""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    database = home / "newcourse.sqlite3"
    database.touch()
    database.chmod(0o644)
    migrate_in(home)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("live", "said"),
    [
        ("redis", "NEWCOURSE_LIVE='redis': give process or postgresql"),
        ("postgresql", "NEWCOURSE_LIVE=postgresql needs a PostgreSQL database"),
    ],
)
def test_a_live_setting_that_cannot_work_stops_newcourse_check(tmp_path, live, said):
    environment = {**os.environ, "NEWCOURSE_HOME": str(tmp_path), "NEWCOURSE_LIVE": live}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DATABASE_URL", None)  # SQLite
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "check"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr
