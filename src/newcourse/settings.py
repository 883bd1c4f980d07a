"""The one settings module: environment variables over safe defaults.

Every knob a deployer turns is a `NEWCOURSE_*` variable or `DATABASE_URL`; nothing else needs
editing. The secret key is generated into the data directory on first run, so a fresh install is
safe without a step a deployer could forget.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def env_bool(name: str, default: bool = False) -> bool:
    """A yes-or-no variable. A value that is neither (`NEWCOURSE_DEBUG=ture`) stops start-up:
    read silently as "off", a typo would turn off what the operator meant to turn on."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is neither on nor off: set it to one of "
        f"{', '.join(TRUE_WORDS)} to turn it on, one of {', '.join(FALSE_WORDS)} to turn it "
        "off (any case), or leave it empty for the default."
    )


def env_int(name: str, default: int) -> int:
    """A whole number of at least 0. Anything else (`NEWCOURSE_TICK_SECONDS=1m`) stops start-up
    with a message naming the variable, not a traceback."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(
            f"{name}={os.environ[name]!r} is not a whole number: give one, 0 or more "
            f"(the default is {default}), or leave it empty."
        )
    return int(value)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def data_directory() -> Path:
    """The data directory, created readable by the server's user only: it holds the database
    and the secret key."""
    home = Path(os.environ.get("NEWCOURSE_HOME", ".newcourse")).expanduser().resolve()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    tighten(home, 0o700)
    (home / "static").mkdir(exist_ok=True)
    return home


def tighten(path: Path, mode: int) -> None:
    """Take away what others may do with `path`, made by an older version or by hand with
    looser permissions; left alone if it is not ours to change."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(mode)
    except OSError:
        pass


def private_file(path: Path) -> Path:
    """Create `path` empty and readable by the server's user only, unless it exists. SQLite
    gives its write-ahead log and shared-memory files the database file's permissions, so a
    database created here stays private with them (an empty file is an empty database)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if made.exists():
            tighten(made, 0o600)
    return path


def load_or_create_secret_key(home: Path) -> str:
    """Keep one secret per installation, created on first run and never committed."""
    from_env = os.environ.get("NEWCOURSE_SECRET_KEY")
    if from_env:
        return from_env
    key_file = home / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


BASE_DIR = Path(__file__).resolve().parent
NEWCOURSE_HOME = data_directory()
SECRET_KEY = load_or_create_secret_key(NEWCOURSE_HOME)
DEBUG = env_bool("NEWCOURSE_DEBUG")
ALLOWED_HOSTS = env_list("NEWCOURSE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("NEWCOURSE_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "newcourse.outbox",
    "newcourse.accounts",
    "newcourse.notices",
    "newcourse.record",
    "newcourse.organisation",
    "newcourse.rules",
    "newcourse.offices",
    "newcourse.tendencies",
    "newcourse.discipline",
    "newcourse.actions",
    "newcourse.verifiable",
    "newcourse.conferences",
    "newcourse.floor",
    "newcourse.elections",
    "newcourse.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
]

# One queue for the whole project, a table of the same database: work that must not run inside
# a request (mail) is enqueued in the transaction that asks for it and run by the worker that
# `newcourse serve` starts (or `newcourse worker` on other hosts).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "newcourse.web.security.SecurityHeaders",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newcourse.web.refusals.RefusalMiddleware",
]

ROOT_URLCONF = "newcourse.urls"
ASGI_APPLICATION = "newcourse.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{NEWCOURSE_HOME / 'newcourse.sqlite3'}"),
        conn_max_age=env_int("NEWCOURSE_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] == str(NEWCOURSE_HOME / "newcourse.sqlite3"):
        private_file(NEWCOURSE_HOME / "newcourse.sqlite3")
    # Tuned for a server, as Healthchecks does: WAL lets readers run beside the one writer,
    # busy_timeout waits for the lock instead of failing, and IMMEDIATE transactions take the
    # write lock up front so two writers queue rather than deadlock. synchronous=FULL, not
    # NORMAL: in WAL mode NORMAL lets a committed transaction roll back after a power loss or
    # an OS crash, and a ballot whose receipt was shown must survive both.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA busy_timeout=10000;"
            "PRAGMA foreign_keys=ON;PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    # Tests run on a file, not in memory: an in-memory database shares one cache between
    # threads, whose table locks ignore busy_timeout, so concurrency tests would fail where
    # a real installation queues. One file per test process, so two runs at once do not clash.
    DATABASES["default"]["TEST"] = {"NAME": str(NEWCOURSE_HOME / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = os.environ.get("NEWCOURSE_LANGUAGE", "en")
# Only languages with a translation in locale/ are offered; the picker appears with the second.
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
# The .po files in locale/ are compiled at start-up (newcourse.web.apps) into the data directory:
# .mo files are generated, never committed, and a fresh install has no GNU gettext to make them.
LOCALE_PATHS = [NEWCOURSE_HOME / "locale"]
TIME_ZONE = os.environ.get("NEWCOURSE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = NEWCOURSE_HOME / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the apps' static folders: the demo and small installs need no
# collectstatic step, and WhiteNoise still serves with proper caching headers.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Console (the server's log) until a mail server is named: then SMTP, unless said otherwise.
EMAIL_BACKEND = os.environ.get(
    "NEWCOURSE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("NEWCOURSE_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("NEWCOURSE_FROM_EMAIL", "newcourse@localhost")
# A mail server that accepts the connection and never answers must not hold a request (or the
# scheduler) for minutes: each exchange with it gives up after this many seconds.
EMAIL_TIMEOUT = max(1, env_int("NEWCOURSE_EMAIL_TIMEOUT", 10))
_MAIL_DETAILS = ("NEWCOURSE_EMAIL_PORT", "NEWCOURSE_EMAIL_USER", "NEWCOURSE_EMAIL_PASSWORD")
if os.environ.get("NEWCOURSE_EMAIL_HOST"):
    EMAIL_HOST = os.environ["NEWCOURSE_EMAIL_HOST"]
    EMAIL_PORT = env_int("NEWCOURSE_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("NEWCOURSE_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("NEWCOURSE_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("NEWCOURSE_EMAIL_TLS", True)
    # Half a configuration sends nothing, or sends as nobody: stop here and say what is missing.
    if bool(EMAIL_HOST_USER) != bool(EMAIL_HOST_PASSWORD):
        raise ImproperlyConfigured(
            "Mail: set both NEWCOURSE_EMAIL_USER and NEWCOURSE_EMAIL_PASSWORD, or neither."
        )
    if not os.environ.get("NEWCOURSE_FROM_EMAIL", "").strip():
        raise ImproperlyConfigured(
            "Mail: NEWCOURSE_EMAIL_HOST is set, so set NEWCOURSE_FROM_EMAIL to the address "
            "mail is sent from (a mail server refuses newcourse@localhost)."
        )
elif any(os.environ.get(name) for name in _MAIL_DETAILS):
    raise ImproperlyConfigured(
        "Mail: NEWCOURSE_EMAIL_PORT, _USER or _PASSWORD is set but NEWCOURSE_EMAIL_HOST is "
        "not: name the mail server, or unset them (mail then goes to the server's log)."
    )

# Security over HTTPS; docs/deploy.md gives the production environment, for which
# `newcourse check --deploy` is clean. NEWCOURSE_SECURE_COOKIES says the site is served over
# HTTPS only: cookies are then sent over HTTPS only, plain HTTP is redirected, and browsers are
# told (HSTS, for a year) never to use plain HTTP for this host again.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("NEWCOURSE_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0
# Off only if another host under this domain still serves plain HTTP.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NEWCOURSE_HSTS_INCLUDE_SUBDOMAINS", True)
SILENCED_SYSTEM_CHECKS = [
    # Preloading (security.W021) puts the whole domain on browsers' built-in HTTPS list, a
    # decision for the domain's owner made at hstspreload.org, not by a setting here.
    "security.W021",
]
if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")  # turned off on purpose, as said above
# Behind a reverse proxy that terminates HTTPS, the request reaches the server as plain HTTP;
# the proxy's X-Forwarded-Proto says what the browser used, and its X-Forwarded-For (last
# entry) who the client is, for the login throttle. Only behind a proxy that sets both,
# overwriting what the client sent: otherwise a client could claim either.
NEWCOURSE_BEHIND_PROXY = env_bool("NEWCOURSE_BEHIND_PROXY")
if NEWCOURSE_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A member's session lasts two weeks; an officer's or operator's ends 8 hours after logging in
# (newcourse.web.sessions).
SESSION_COOKIE_AGE = 14 * 24 * 3600
NEWCOURSE_OFFICER_SESSION_SECONDS = env_int("NEWCOURSE_OFFICER_SESSION_SECONDS", 8 * 3600)
# API tokens expire this many days after they are made (newcourse.accounts.tokens).
NEWCOURSE_API_TOKEN_DAYS = env_int("NEWCOURSE_API_TOKEN_DAYS", 90)

# `newcourse serve`'s processes: 0 for its default (one, or two when live updates travel
# through PostgreSQL). And how many ordinary requests (pages, API, static files) each process
# handles at once, each on a thread of its own, the others waiting their turn; live streams
# (newcourse.live) hold no thread and are not counted.
NEWCOURSE_WORKERS = env_int("NEWCOURSE_WORKERS", 0)
NEWCOURSE_THREADS = max(1, env_int("NEWCOURSE_THREADS", 8))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # On PostgreSQL, each process keeps a pool of connections (psycopg_pool, through Django's
    # own `pool` option) rather than a connection per request: under ASGI a request's thread
    # ends with it, so its connection could never be kept, and a new PostgreSQL backend for
    # each request cost a vote on the floor more than the vote itself. Enough for every
    # request thread, the live streams' and renders' threads and the event loop's executor;
    # a request that finds none free waits for one, up to `timeout` seconds.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django must not too
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": NEWCOURSE_THREADS + 8,
        "timeout": 30,
    }
# How a change reaches the pages that show it live (newcourse.live): "process" within the one
# server process (SQLite, `make demo`); "postgresql" through the database's LISTEN/NOTIFY, to
# every worker and host on the same database. Empty: "postgresql" on PostgreSQL.
NEWCOURSE_LIVE = os.environ.get("NEWCOURSE_LIVE", "").strip().lower() or (
    "postgresql" if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" else "process"
)
if NEWCOURSE_LIVE not in ("process", "postgresql"):
    raise ImproperlyConfigured(
        f"NEWCOURSE_LIVE={os.environ['NEWCOURSE_LIVE']!r}: give process or postgresql, or leave "
        "it empty (postgresql on PostgreSQL, process otherwise)."
    )
if NEWCOURSE_LIVE == "postgresql" and (
    DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
):
    raise ImproperlyConfigured(
        "NEWCOURSE_LIVE=postgresql needs a PostgreSQL database (DATABASE_URL=postgres://…)."
    )
# A live stream sends a comment this often when nothing changes, so that proxies keep it open.
NEWCOURSE_LIVE_HEARTBEAT_SECONDS = max(1, env_int("NEWCOURSE_LIVE_HEARTBEAT_SECONDS", 15))

# How often the scheduler `newcourse serve` starts takes the timetables' due steps; 0 starts
# none (then run `newcourse election tick` from cron, or leave it to another server).
NEWCOURSE_TICK_SECONDS = env_int("NEWCOURSE_TICK_SECONDS", 60)
# Where members reach this installation, for the links in the mail the scheduler sends (no
# request to take it from): https://members.example.org
NEWCOURSE_BASE_URL = os.environ.get("NEWCOURSE_BASE_URL", "http://localhost:8000")
# Whether `newcourse serve` starts the queue's worker (which sends the mail) beside the server:
# 0 when workers run as `newcourse worker` elsewhere.
NEWCOURSE_WORKER = env_int("NEWCOURSE_WORKER", 1)

# The name this installation signs its record's heads with (peers and members see it), and
# how often subscribers are mailed the head when it has moved.
NEWCOURSE_INSTALLATION = os.environ.get("NEWCOURSE_INSTALLATION", "newcourse")
NEWCOURSE_HEAD_MAIL_HOURS = env_int("NEWCOURSE_HEAD_MAIL_HOURS", 24)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NEWCOURSE_LOG_LEVEL", "WARNING")},
}
