"""Credentials in Chromium, on a phone: the credentials committee's chair rejects a credential
from the report with a reason, and the delegate opens their printable card, its QR code drawn
inline under the pages' content policy; nothing wider than the phone."""

from __future__ import annotations

import pytest
from tests.browser.journey import PASSWORD, watch_csp
from tests.conferences.credentialing import RULEBOOK, credentials_committee, issued, seat
from tests.conferences.steps import fixed

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def people(transactional_db, tree, officer_of, make_member):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    delegates = [make_member(tree["north"], name=f"North Delegate {n}") for n in (1, 2)]
    chair = make_member(tree["south"], name="Credentials Chair")
    for _ in range(2):  # four members of North: two delegates
        make_member(tree["north"])
    for member in [*delegates, chair]:
        member.person.set_password(PASSWORD)
        member.person.save()
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], delegates)
    credentials_committee(secretary, conference, [chair])
    return conference, issued(conference), delegates, chair


def phone_page(browser, live_server, email):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch_csp(context.new_page())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_chair_rejects_a_credential_and_the_delegate_prints_the_card(
    browser, live_server, people
):
    conference, credentials, delegates, chair = people
    rejected = credentials["North Delegate 2"]
    page = phone_page(browser, live_server, chair.person.email)
    page.goto(f"{live_server.url}/conferences/{conference.pk}/credentials/")
    assert fits_the_phone(page)
    entry = page.locator(f"#credential-{rejected.pk}")
    entry.get_by_label("Reason", exact=True).fill("Not elected at a quorate meeting")
    entry.get_by_role("button", name="Reject").click()
    assert "The credential is rejected." in page.locator(".messages").inner_text()
    assert (
        "Not elected at a quorate meeting"
        in page.locator(f"#credential-{rejected.pk}").inner_text()
    )
    assert fits_the_phone(page)
    page.context.close()

    card = phone_page(browser, live_server, delegates[0].person.email)
    card.goto(f"{live_server.url}{credentials['North Delegate 1'].get_absolute_url()}")
    assert card.locator("h1").inner_text() == "North Delegate 1"
    box = card.locator("svg.qr").bounding_box()
    assert box is not None and box["width"] > 100
    assert fits_the_phone(card)
    card.context.close()
