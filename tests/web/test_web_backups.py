"""`newcourse backup FILE` and `newcourse restore FILE`: one secret file, restored whole into an
empty installation, and checked there."""

import io
import json
import os
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from newcourse.elections import services
from newcourse.record import heads
from newcourse.web import backups

SESSION_OWNER = (
    "from django.contrib.auth import get_user_model; "
    "from django.contrib.sessions.backends.db import SessionStore; "
    "user = SessionStore(session_key='{key}').load()['_auth_user_id']; "
    "print(get_user_model().objects.get(pk=user).full_name)"
)
RESTORED_RECEIPTS = (
    "from newcourse.elections.models import Ballot; "
    "print(sorted(Ballot.objects.values_list('receipt', flat=True)))"
)


def newcourse(home: Path, *args: str, database_url: str | None = None):
    """`newcourse ARGS` in a process of its own, its data directory `home` (SQLite there unless
    `database_url` names another database)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("NEWCOURSE_", "DJANGO_")) and name != "DATABASE_URL"
    }
    environment["NEWCOURSE_HOME"] = str(home)
    if database_url:
        environment["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "newcourse", *args],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )


@pytest.fixture
def cast_three(home, tree, make_member, voting_election):
    """An election with three ballots cast, and the record's signing key made."""
    members = [make_member(tree["north"], name=f"Voter {n}") for n in range(5)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    first = str(election.candidates.first().pk)
    receipts = [
        services.ballot_cast(election=election, member=member, choices=[first])
        for member in members[:3]
    ]
    heads.public_key()
    return sorted(receipts)


@pytest.fixture
def empty_target(tmp_path_factory):
    """Where a backup is restored: a new data directory and, on PostgreSQL, a new database
    (dropped afterwards). Gives (data directory, DATABASE_URL or None for SQLite there)."""
    target = tmp_path_factory.mktemp("restored")
    if connection.vendor != "postgresql":
        yield target, None
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    given = connection.settings_dict
    user = given["USER"] + (f":{given['PASSWORD']}" if given["PASSWORD"] else "")
    yield target, f"postgres://{user}@{given['HOST']}:{given['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_installation_keeps_everything(
    cast_three, home, empty_target, tmp_path, capsys, make_member, tree
):
    logged_in = Client()
    logged_in.force_login(make_member(tree["north"], name="Still Logged In").person)
    session_key = logged_in.cookies["sessionid"].value
    written = tmp_path / "nightly.tar.gz"
    call_command("backup", str(written))
    said = capsys.readouterr().out
    assert "This file is secret" in said
    assert stat.S_IMODE(written.stat().st_mode) == 0o600

    target, database_url = empty_target
    restored = newcourse(target, "restore", str(written), database_url=database_url)

    assert (restored.returncode, restored.stderr) == (0, "")
    verdicts = [line.split()[0] for line in restored.stdout.splitlines()[-5:]]
    integrity = "ok" if connection.vendor == "sqlite" else "skipped"
    assert verdicts == [integrity, "ok", "ok", "ok", "ok"]
    assert (target / "secret_key").read_text() == settings.SECRET_KEY
    assert (target / "record_signing_key").read_text() == (home / "record_signing_key").read_text()
    receipts = newcourse(target, "shell", "-c", RESTORED_RECEIPTS, database_url=database_url)
    assert receipts.stdout.splitlines()[-1] == str(cast_three)
    # The member's session cookie still opens their session in the restored installation.
    whose = newcourse(
        target, "shell", "-c", SESSION_OWNER.format(key=session_key), database_url=database_url
    )
    assert whose.stdout.splitlines()[-1] == "Still Logged In"


def test_restore_refuses_a_database_that_is_not_empty_and_changes_nothing(
    db, home, tmp_path, monkeypatch
):
    backup = a_backup(tmp_path / "other.tar.gz", engine=connection.vendor)
    (home / "secret_key").write_text("this installation's key")
    monkeypatch.setattr(backups, "_sqlite_load", pytest.fail)
    monkeypatch.setattr(backups, "_pg_load", pytest.fail)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup))
    assert refused.value.returncode == 2
    assert "The database is not empty" in str(refused.value)
    assert (home / "secret_key").read_text() == "this installation's key"


def test_a_data_directory_with_material_of_its_own_is_not_empty(home):
    for made_at_start in ("secret_key", "static/app.css", "locale/fr/LC_MESSAGES/django.mo"):
        (home / made_at_start).parent.mkdir(parents=True, exist_ok=True)
        (home / made_at_start).write_text("x")
    assert backups.leftovers() == []
    (home / "record_signing_key").write_text("ab" * 32)
    assert backups.leftovers() == ["record_signing_key"]


def test_backup_of_an_empty_data_directory_says_there_is_nothing(tmp_path):
    result = newcourse(tmp_path / "home", "backup", str(tmp_path / "backup.tar.gz"))
    assert result.returncode == 2
    assert "Nothing to back up. There is no database yet" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "backup.tar.gz").exists()


def test_backup_refuses_a_file_inside_the_data_directory(db, home):
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(home / "backup.tar.gz"))
    assert refused.value.returncode == 2
    assert "a backup kept there is lost with it" in str(refused.value)


def test_restore_refuses_a_file_that_is_no_backup(db, home, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("minutes of the last meeting")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(not_a_backup))
    assert refused.value.returncode == 2
    assert "cannot be read as a backup" in str(refused.value)


@pytest.mark.parametrize("name", ["home/../../outside", "/etc/outside", "elsewhere/file"])
def test_restore_refuses_a_backup_that_reaches_outside_the_data_directory(db, home, tmp_path, name):
    crafted = a_backup(tmp_path / "crafted.tar.gz", engine=connection.vendor, extra=name)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(crafted))
    assert refused.value.returncode == 2
    assert "which no backup of ours holds" in str(refused.value)


def test_restore_refuses_a_backup_of_another_kind_of_database(db, home, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(a_backup(tmp_path / "b.tar.gz", engine=other)))
    assert f"is a backup of a {other} database" in str(refused.value)


def test_without_pg_dump_a_postgresql_backup_is_refused_saying_what_to_install(monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(backups.BackupRefused) as refused:
        backups.postgresql_tool("pg_dump")
    assert "pg_dump is not installed" in refused.value.message


def a_backup(path: Path, *, engine: str, extra: str | None = None) -> Path:
    """A file laid out as `newcourse backup` writes one (its database not a real one), with an
    `extra` member if given."""
    database = backups.DATABASE_MEMBER[engine]
    manifest = {
        "format": backups.FORMAT,
        "version": "0.1.0",
        "engine": engine,
        "created_at": "2026-01-01T00:00:00+00:00",
        "database": database,
        "files": ["secret_key"],
    }
    members = {
        "manifest.json": json.dumps(manifest).encode(),
        database: b"not a database",
        "home/secret_key": b"the other installation's key",
    }
    if extra:
        members[extra] = b"x"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path
