"""A backup in one file, and its restore: `newcourse backup FILE`, `newcourse restore FILE`.

A backup is a gzipped tar holding `manifest.json` (format, version, engine, date), the database
as taken while the server runs (SQLite's online backup API, or `pg_dump --format=custom`: each
a consistent snapshot, where a `cp` of the live SQLite file is not), and under `home/` the
data directory's own material: the secret key in use (without it every member is logged out
and every reset link dies), the record's signing key, and whatever else is kept there (the
demo's tellers and credential). What each start makes again (static/, locale/) stays out.

It is written to a temporary file beside FILE, readable by its owner only, and renamed: a
backup is whole or absent. It is not encrypted: anyone holding it can sign in as any member and
sign record heads in the installation's name, so it is kept as the data directory is.

A restore goes into an empty database and data directory only, and changes nothing when it
refuses.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from newcourse import __version__

from .soundness import NotReady, database_ready

FORMAT = "newcourse-backup/1"
MANIFEST = "manifest.json"
HOME = "home"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - the file's name, not a key
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Made again at every start: not the data directory's own material.
REMADE = frozenset({"static", "locale"})


class BackupRefused(Exception):
    """The backup or restore cannot be made as asked; nothing was written or changed."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class BackupFailed(Exception):
    """Making or restoring the backup failed on the way (disk full, a tool's error)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    engine: str
    files: list[str]

    def files_summary(self) -> str:
        """The files by their place in the data directory: "secret_key, demo-tellers/ (93)"."""
        places: dict[str, int] = {}
        for name in self.files:
            top, _, below = name.partition("/")
            key = f"{top}/" if below else top
            places[key] = places.get(key, 0) + 1
        return ", ".join(f"{key} ({n})" if key.endswith("/") else key for key, n in places.items())


def engine() -> str:
    """ "sqlite" or "postgresql": the two databases a backup knows how to take."""
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupRefused(f"Backups know SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def home() -> Path:
    return Path(settings.NEWCOURSE_HOME).resolve()


def database_files() -> set[Path]:
    """The SQLite database's own files in the data directory (none on PostgreSQL)."""
    if connection.vendor != "sqlite":
        return set()
    name = Path(str(connection.settings_dict["NAME"])).resolve()
    return {name, *(name.with_name(name.name + end) for end in ("-wal", "-shm", "-journal"))}


def data_material(folder: Path, *, skip: set[Path]) -> list[PurePosixPath]:
    """The files of the data directory a restore needs, relative to it: all but the database's
    own files (`skip`), test databases and what each start makes again."""
    found = []
    for root, directories, files in os.walk(folder):
        here = Path(root)
        if here == folder:
            directories[:] = [name for name in directories if name not in REMADE]
        for name in files:
            path = here / name
            if path in skip or path.is_symlink() or not path.is_file():
                continue
            if name.startswith("test-") and ".sqlite3" in name:
                continue  # the test suite's databases
            found.append(PurePosixPath(path.relative_to(folder).as_posix()))
    return sorted(found)


# Writing a backup -----------------------------------------------------------------------


def backup_write(target: Path) -> BackupReport:
    """Take a consistent backup of the database and the data directory into `target`."""
    kind = engine()
    target = Path(os.path.abspath(target.expanduser()))
    if target.is_dir():
        raise BackupRefused(f"{target} is a directory: give the backup file's name.")
    if not target.parent.is_dir():
        raise BackupRefused(f"{target.parent} does not exist.")
    folder = home()
    if target.resolve().is_relative_to(folder):
        raise BackupRefused(
            f"{target} is inside the data directory {folder}: a backup kept there is lost with "
            "it. Write it elsewhere."
        )
    try:
        database_ready()
    except NotReady as not_ready:
        raise BackupRefused(f"Nothing to back up. {not_ready.message}") from not_ready
    # Not the secret key file: the key in use (it may come from NEWCOURSE_SECRET_KEY).
    material = [
        rel for rel in data_material(folder, skip=database_files()) if str(rel) != SECRET_KEY_FILE
    ]
    try:
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".newcourse-backup-") as work:
            dump = Path(work) / DATABASE_MEMBER[kind]
            if kind == "sqlite":
                _sqlite_dump(dump)
            else:
                _pg_dump(dump)
            manifest = {
                "format": FORMAT,
                "version": __version__,
                "engine": kind,
                "created_at": timezone.now().isoformat(timespec="seconds"),
                "database": dump.name,
                "files": [SECRET_KEY_FILE, *map(str, material)],
            }
            partial = Path(work) / "backup.partial"
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
                    tar.add(dump, arcname=dump.name, filter=_private)
                    _add_bytes(tar, f"{HOME}/{SECRET_KEY_FILE}", settings.SECRET_KEY.encode())
                    for rel in material:
                        tar.add(folder / rel, arcname=f"{HOME}/{rel}", filter=_private)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, target)
        _sync_directory(target.parent)
    except OSError as error:
        raise BackupFailed(f"The backup could not be written to {target}: {error}") from error
    return BackupReport(target, target.stat().st_size, kind, manifest["files"])


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = _private(tarfile.TarInfo(name))
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _sync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sqlite_dump(dump: Path) -> None:
    """SQLite's online backup: a consistent copy while the server goes on writing (in WAL mode,
    readers and the writer do not wait for it)."""
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        connection.connection.backup(copy)
    except sqlite3.Error as error:
        raise BackupFailed(f"SQLite's backup failed: {error}") from error
    finally:
        copy.close()


def postgresql_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupRefused(
            f"{name} is not installed: PostgreSQL's client tools are needed (on Debian or "
            "Ubuntu, `apt install postgresql-client`, of the server's version or newer)."
        )
    return found


def _postgresql_environment() -> dict[str, str]:
    """The connection as libpq's variables: a password never shows on a command line."""
    settings_dict: dict[str, Any] = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = str(sslmode)
    return environment


def _run(command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - a PostgreSQL tool found on PATH, our arguments
        command,
        env=_postgresql_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupFailed(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _pg_dump(dump: Path) -> None:
    """pg_dump's custom format: one snapshot, consistent while the server goes on writing."""
    _run([postgresql_tool("pg_dump"), "--format=custom", "--file", str(dump)])


# Restoring ------------------------------------------------------------------------------


def restore_read(source: Path) -> dict[str, Any]:
    """Restore the backup `source` into this installation's empty database and data directory;
    returns its manifest."""
    kind = engine()
    try:
        tar = tarfile.open(source, "r:*")  # noqa: SIM115 - closed below
    except (OSError, tarfile.TarError) as error:
        raise BackupRefused(f"{source} cannot be read as a backup: {error}") from error
    with tar:
        manifest, database, files = _contents(tar, source)
        if manifest["engine"] != kind:
            raise BackupRefused(
                f"{source} is a backup of a {manifest['engine']} database; this installation's "
                f"is {kind} (DATABASE_URL). Restore it where the same kind of database runs."
            )
        _refuse_unless_empty()
        folder = home()
        try:
            with tempfile.TemporaryDirectory(dir=folder, prefix=".newcourse-restore-") as work:
                dump = Path(work) / DATABASE_MEMBER[kind]
                _extract(tar, database, dump)
                if kind == "sqlite":
                    _sqlite_load(dump)
                else:
                    _pg_load(dump)
            for member in files:
                _extract(tar, member, folder / member.name.removeprefix(f"{HOME}/"))
        except OSError as error:
            raise BackupFailed(f"The backup could not be restored: {error}") from error
    return manifest


def _contents(
    tar: tarfile.TarFile, source: Path
) -> tuple[dict[str, Any], tarfile.TarInfo, list[tarfile.TarInfo]]:
    """The manifest, the database and the data directory's files, every name checked: a
    backup is read only if it is one of ours and nothing in it reaches outside its place."""
    members = {member.name: member for member in tar.getmembers()}
    try:
        manifest = json.load(tar.extractfile(members[MANIFEST]))  # type: ignore[arg-type]
        database = members[manifest["database"]]
        if manifest.get("format") != FORMAT or manifest.get("engine") not in DATABASE_MEMBER:
            raise ValueError(manifest.get("format"))
    except (KeyError, TypeError, ValueError) as error:
        raise BackupRefused(f"{source} is not a backup made by `newcourse backup`.") from error
    files = []
    for name, member in members.items():
        if name in (MANIFEST, database.name):
            continue
        path = PurePosixPath(name)
        if (
            not member.isfile()
            or path.parts[0] != HOME
            or len(path.parts) < 2
            or any(part in ("", ".", "..") for part in path.parts)
        ):
            raise BackupRefused(f"{source} holds {name!r}, which no backup of ours holds.")
        files.append(member)
    return manifest, database, files


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, path: Path) -> None:
    """Write one member to `path`, readable by the server's user only, whole or absent."""
    _folders(path.parent)
    stream = tar.extractfile(member)
    if stream is None:  # not a regular file: _contents lets none through
        raise BackupRefused(f"{member.name} is not a file.")
    partial = path.with_name(f".{path.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        shutil.copyfileobj(stream, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def _folders(folder: Path) -> None:
    """Make `folder` and the folders above it, each readable by the server's user only (what
    `mkdir(parents=True)` leaves to the umask)."""
    if folder.is_dir():
        return
    _folders(folder.parent)
    folder.mkdir(mode=0o700)


def leftovers() -> list[str]:
    """What the data directory holds besides what any start makes (the secret key generated
    on the way in, static/ and locale/, the empty database's files): a restore would mix its
    material with another installation's."""
    generated = {PurePosixPath(SECRET_KEY_FILE)}
    return [
        str(rel)
        for rel in data_material(home(), skip=database_files())
        if rel not in generated and not rel.parts[0].startswith(".newcourse-")
    ]


def _refuse_unless_empty() -> None:
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as error:
        raise BackupRefused(f"The database cannot be reached: {error}") from error
    if tables:
        raise BackupRefused(
            f"The database is not empty ({len(tables)} tables): a backup is restored into an "
            "empty one only, so nothing is overwritten. Give an empty database (a new "
            "NEWCOURSE_HOME on SQLite, a new database in DATABASE_URL on PostgreSQL)."
        )
    found = leftovers()
    if found:
        raise BackupRefused(
            f"The data directory {home()} is not empty ({', '.join(found[:5])}): a backup is "
            "restored into an empty one only. Give a new NEWCOURSE_HOME."
        )


def _sqlite_load(dump: Path) -> None:
    """SQLite's backup API the other way: the copy's pages into the (empty) database."""
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        copy.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupFailed(f"SQLite's restore failed: {error}") from error
    finally:
        copy.close()


def _pg_load(dump: Path) -> None:
    """pg_restore in one transaction (all or nothing), without the old server's owners and
    grants, which name roles this server may not have."""
    _run(
        [
            postgresql_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            str(connection.settings_dict["NAME"]),
            str(dump),
        ]
    )
