"""End-to-end journeys in the system's Chromium, driven by Playwright.

Skipped, with the reason printed, where no Chromium is installed; `.ci/run` installs it so CI
always runs them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newcourse import demo


@pytest.fixture
def seeded(transactional_db, settings, tmp_path):
    settings.NEWCOURSE_HOME = tmp_path  # the demo's tellers' directories and credential
    demo.demo_seed()


def log_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_member_logs_in_and_opens_their_branch(page, live_server, seeded):
    log_in(page, live_server, "member@glasgow.example")
    page.get_by_role("link", name="Glasgow", exact=True).click()
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
    # A locator, not wait_for_function: the Content Security Policy refuses a string of script.
    expect(page.locator("#directory tbody tr")).to_have_count(1, timeout=5000)
    assert "Tommy Sheridan-Hughes" in page.locator("#directory").inner_text()
