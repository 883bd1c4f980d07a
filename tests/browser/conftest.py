"""The shared browser: the system's Chromium, driven by Playwright."""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright
from tests.browser.journey import CSP_REFUSED, watch_csp

CHROMIUM = os.environ.get("NEWCOURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, skipped with the reason where no Chromium."""
    here = os.path.dirname(__file__)
    missing = not os.path.exists(CHROMIUM)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(
                    pytest.mark.skip(
                        reason="no Chromium at /usr/bin/chromium: "
                        "install it (apt-get install chromium) to run the browser tests"
                    )
                )


# Playwright's sync API runs an event loop; Django refuses sync ORM calls inside one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
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


@pytest.fixture(autouse=True)
def nothing_refused_by_the_content_security_policy():
    """Every page the tests open is watched (`journey.watch_csp`): the test fails if the policy
    refused anything, as it would refuse an inline script a page came to need."""
    CSP_REFUSED.clear()
    yield
    assert CSP_REFUSED == []


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = watch_csp(context.new_page())
    yield page
    context.close()


@pytest.fixture
def asgi_server(transactional_db):
    """The application as `newcourse serve` runs it (uvicorn, ASGI), in a thread of the test's
    process and on its database: pages that update live need a server that streams, which
    Django's test server (WSGI) does not."""
    import socket  # noqa: PLC0415
    import threading  # noqa: PLC0415
    import time  # noqa: PLC0415
    from types import SimpleNamespace  # noqa: PLC0415

    import uvicorn  # noqa: PLC0415

    from newcourse.asgi import application  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            application, host="127.0.0.1", port=port, log_level="warning", loop="asyncio"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=15)
