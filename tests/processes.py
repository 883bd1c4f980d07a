"""For tests that run New Course as processes of their own (`newcourse serve`, `newcourse
worker`) against the test database: a free port, and the database's URL."""

from __future__ import annotations

import socket
import urllib.parse

from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    user = urllib.parse.quote(db.get("USER") or "postgres")
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"
