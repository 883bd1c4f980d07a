"""End-to-end journeys in the system's Chromium, driven by Playwright.

Skipped, with the reason printed, where no Chromium is installed; `.ci/run` installs it so CI
always runs them.
"""

from __future__ import annotations

import os
import shutil

import pytest

from newcourse.web import demo

CHROMIUM = os.environ.get("NEWCOURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="no Chromium at /usr/bin/chromium: install it (apt-get install chromium) to run",
    ),
]

# Playwright's sync API runs an event loop; Django refuses sync ORM calls inside one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def seeded(transactional_db):
    demo.demo_seed()


def log_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_member_logs_in_and_opens_their_branch(page, live_server, seeded):
    log_in(page, live_server, "member@glasgow.example")
    page.get_by_role("link", name="Glasgow").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Glasgow")
    assert page.get_by_text("current members").is_visible()
    assert page.get_by_role("link", name="Member directory").count() == 0


def test_wrong_password_is_answered_plainly(page, live_server, seeded):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill("member@glasgow.example")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text().startswith("That email address and password")


def test_officer_searches_directory_with_htmx(page, live_server, seeded):
    log_in(page, live_server, "secretary@glasgow.example")
    page.goto(f"{live_server.url}/bodies/glasgow/members/")
    page.get_by_label("Search by name, email or number").fill("Sheridan")
    page.wait_for_function(
        "document.querySelectorAll('#directory tbody tr').length === 1", timeout=5000
    )
    assert "Tommy Sheridan-Hughes" in page.locator("#directory").inner_text()
