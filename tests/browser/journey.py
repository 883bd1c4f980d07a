"""What several browser tests do the same way: a member logging in, and time passing.

Time passing is the one thing a test cannot click: between the phases of the timetable the
tests move the election's dates, as the calendar would, and then take the due steps as the
server's scheduler would at its next tick (pages never take them).
"""

import datetime

from django.utils import timezone

from newcourse.elections import services
from newcourse.elections.models import Election

PASSWORD = "a-long-test-password"
# What the Content Security Policy refused on any page opened here; the browser tests' conftest
# fails a test that leaves anything in it.
CSP_REFUSED: list[str] = []


def watch_csp(page):
    """Note every refusal of the Content Security Policy on `page`, as an inline script a page
    came to need would cause."""
    page.on(
        "console",
        lambda message: (
            CSP_REFUSED.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page


def member_page(browser, live_server, first_name):
    """A page in a browser context of its own (downloads allowed), logged in as
    `<first_name>@example.org` with the tests' password."""
    page = watch_csp(browser.new_context(accept_downloads=True).new_page())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(f"{first_name.lower()}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def time_passes_to_voting(election: Election) -> None:
    now = timezone.now()
    Election.objects.filter(pk=election.pk).update(
        nominations_close_at=now - datetime.timedelta(seconds=2),
        voting_opens_at=now - datetime.timedelta(seconds=1),
    )
    services.election_advance(election=Election.objects.get(pk=election.pk))


def time_passes_to_close(election: Election) -> None:
    Election.objects.filter(pk=election.pk).update(
        voting_closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    services.election_advance(election=Election.objects.get(pk=election.pk))
