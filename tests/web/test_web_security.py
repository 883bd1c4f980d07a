"""The browser is told to run only this site's own scripts, and production settings are safe.

The voting page encrypts ballots in the browser: an injected inline script there could read
the vote before it is encrypted. Every page of the demo, as every role, is read and checked for
the policy header and for anything the policy would refuse (so a page that needs it would
break in the browser).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from newcourse import demo
from newcourse.web.security import CONTENT_SECURITY_POLICY

MAX_PER_SHAPE = 6
DATA = "application/json"
SKIPPED_PREFIXES = ("/operator/", "/i18n/", "/accounts/logout/")
# The production configuration docs/deploy.md gives, for `newcourse check --deploy`.
PRODUCTION = {
    "NEWCOURSE_SECURE_COOKIES": "1",
    "NEWCOURSE_BEHIND_PROXY": "1",
    "NEWCOURSE_ALLOWED_HOSTS": "vote.example.org",
    "NEWCOURSE_CSRF_TRUSTED_ORIGINS": "https://vote.example.org",
    "NEWCOURSE_EMAIL_HOST": "mail.example.org",
    "NEWCOURSE_FROM_EMAIL": "vote@example.org",
}


class Inline(HTMLParser):
    """Links to follow, and whatever the Content Security Policy would refuse to run."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.refused: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)
        # A JSON data block (`json_script`) is never run, so the policy has nothing to refuse.
        if tag == "script" and "src" not in names and dict(attrs).get("type") != DATA:
            self.refused.append("inline <script>")
        if tag == "style":
            self.refused.append("<style> element")
        if tag == "link" and dict(attrs).get("href", "").startswith(("http:", "https:", "//")):
            self.refused.append(f"third-party <link> {dict(attrs)['href']}")
        if tag == "script" and (dict(attrs).get("src") or "").startswith(("http", "//")):
            self.refused.append(f"third-party <script> {dict(attrs)['src']}")
        for name in names:
            if name == "style" or name.startswith(("on", "hx-on")):
                self.refused.append(f"{name}= on <{tag}>")


def _shape(path: str) -> str:
    return "/".join("N" if part.isdigit() else part for part in path.split("/"))


def crawl(client: Client) -> tuple[list[str], list[tuple[str, str]]]:
    """Every page reachable from the dashboard; what would be refused, and where."""
    queue, seen, shapes = deque(["/"]), {"/"}, Counter[str]()
    visited, problems = [], []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        visited.append(url)
        if response.get("Content-Security-Policy") != CONTENT_SECURITY_POLICY:
            problems.append((url, "no Content-Security-Policy header"))
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = Inline()
        parser.feed(response.content.decode())
        problems += [(url, refused) for refused in parser.refused]
        for href in parser.hrefs:
            parts = urlsplit(urldefrag(urljoin(url, href))[0])
            if parts.netloc not in {"", "testserver"} or parts.path.startswith(SKIPPED_PREFIXES):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            shapes[_shape(parts.path)] += 1
            if target not in seen and shapes[_shape(parts.path)] <= MAX_PER_SHAPE:
                seen.add(target)
                queue.append(target)
    return visited, problems


@pytest.mark.slow
def test_no_page_runs_inline_script_or_style_as_any_role(db, home):
    demo.demo_seed()
    for login in demo.demo_logins():
        client = Client()
        assert client.login(username=login.email, password=demo.DEMO_PASSWORD)
        visited, problems = crawl(client)
        assert len(visited) > 20, (login.email, visited)
        assert problems == [], login.email


def test_logged_out_pages_carry_the_policy_and_no_inline_script(db):
    for url in [reverse("login"), reverse("password_reset")]:
        _visited, problems = crawl_one(url)
        assert problems == []


def crawl_one(url: str) -> tuple[list[str], list[tuple[str, str]]]:
    response = Client().get(url)
    parser = Inline()
    parser.feed(response.content.decode())
    problems = [(url, refused) for refused in parser.refused]
    if response.get("Content-Security-Policy") != CONTENT_SECURITY_POLICY:
        problems.append((url, "no Content-Security-Policy header"))
    return [url], problems


def test_policy_allows_only_this_site(db):
    response = Client().get(reverse("login"))
    policy = dict(
        directive.split(" ", 1) for directive in response["Content-Security-Policy"].split("; ")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.parametrize(
    "url",
    ["/static/web/newcourse.css", "/static/elections/vote-verifiable.js", "/api/v1/openapi.json"],
)
def test_static_files_and_the_api_carry_the_headers_too(db, url):
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_carry_the_other_security_headers(db):
    response = Client().get(reverse("login"))
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_officer_session_ends_after_eight_hours(tree, officer_of):
    officer = officer_of(tree["region"])
    client = Client()
    client.force_login(officer.person)
    assert client.session.get_expiry_age() == 8 * 3600


def test_member_session_lasts_two_weeks(tree, make_member):
    member = make_member(tree["north"])
    client = Client()
    client.force_login(member.person)
    assert client.session.get_expiry_age() == 14 * 24 * 3600


def test_operator_session_ends_after_eight_hours(django_user_model):
    operator = django_user_model.objects.create_superuser(
        email="op@example.org", full_name="Op", password="pw-123456"
    )
    client = Client()
    client.force_login(operator)
    assert client.session.get_expiry_age() == 8 * 3600


def _newcourse(tmp_path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run `newcourse` with `variables` alone of New Course's and Django's (the test run's own,
    such as the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, are no part of production)."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("NEWCOURSE_", "DJANGO_")) and name != "DATABASE_URL"
    }
    environment = {**inherited, "NEWCOURSE_HOME": str(tmp_path), **variables}
    return subprocess.run(
        [sys.executable, "-m", "newcourse", *args],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )


def test_check_deploy_is_clean_in_the_documented_production_configuration(tmp_path):
    result = _newcourse(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "System check identified no issues (1 silenced).\n"


def test_check_deploy_warns_without_https(tmp_path):
    variables = {**PRODUCTION, "NEWCOURSE_SECURE_COOKIES": "0"}
    result = _newcourse(tmp_path, "check", "--deploy", **variables)
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_production_settings_redirect_to_https_and_set_hsts(tmp_path):
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = _newcourse(tmp_path, "shell", "-c", script, **PRODUCTION)
    assert result.stdout.splitlines()[-1] == (
        "True 31536000 True True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    ), result.stderr
