"""A short conference in Chromium, with the chair at a laptop, three delegates on their phones
and the projector open at once: delegates checked in at the door and by themselves; a speakers'
list where a point of order jumps the queue; an amendment carried by an electronic vote; the
motion carried by a card vote with its sections' figures; a rule change that has a majority
but not its two thirds; and the minutes, written by themselves. Every screen follows the hall
without being reloaded, and nothing is wider than the phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.journey import PASSWORD, watch_csp
from tests.floor.sitting import RULEBOOK, sitting_hall, sitting_today

from newcourse.conferences.models import Decision

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
BIG_SCREEN = {"width": 1920, "height": 1080}
WAIT = 10_000  # ms: the pages follow the hall within a few seconds


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def hall(transactional_db, tree, make_member, officer_of):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    hall = sitting_today(sitting_hall(tree, make_member, secretary, far=True, rules=True))
    for member in (hall.chair, *hall.delegates):
        member.person.set_password(PASSWORD)
        member.person.save()
    return hall


def logged_in(browser, live_server, member, viewport, **extra):
    context = browser.new_context(viewport=viewport, **extra)
    page = watch_csp(context.new_page())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(member.person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def on_phone(browser, live_server, member):
    return logged_in(browser, live_server, member, PHONE, is_mobile=True, has_touch=True)


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def vote(page, choice):
    """The vote's buttons come to the phone live, without reloading."""
    page.locator("form.cast").get_by_role("button", name=choice, exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Your vote is in.")


def open_vote(chair, kind, item):
    chair.get_by_label("Kind of vote").select_option(kind)
    chair.get_by_label("On:", exact=True).select_option(item)
    chair.get_by_role("button", name="Open the vote").click()
    expect(chair.locator(".messages")).to_contain_text("is open.")


def close_vote(chair):
    chair.get_by_role("button", name="Close the vote and declare the result").click()
    expect(chair.locator(".messages")).to_contain_text("Vote")


def test_a_short_conference_from_check_in_to_the_minutes(browser, asgi_server, hall):
    live_server = asgi_server
    conference = hall.conference
    floor = f"{live_server.url}/conferences/{conference.pk}/floor/"
    north, second, _third, far = hall.delegates
    chair = logged_in(browser, live_server, hall.chair, LAPTOP)
    chair.goto(floor)
    projector = logged_in(browser, live_server, hall.chair, BIG_SCREEN)
    projector.goto(f"{floor}projector/")
    delegates = {m.pk: on_phone(browser, live_server, m) for m in (north, second, far)}
    for page in delegates.values():
        page.goto(floor)
        expect(page.locator(".hall-state")).to_contain_text("0 of 4 delegates present")

    # Check-in: two at the door, the third by themselves once the chair allows it.
    for member in (north, second):
        chair.get_by_label("Credential code").fill(hall.credentials[member.pk].token)
        chair.get_by_role("button", name="Check in", exact=True).click()
        expect(chair.locator(".messages")).to_contain_text("is checked in.")
    chair.get_by_label("Delegates may check themselves in").check()
    chair.get_by_role("button", name="Save").first.click()
    delegates[far.pk].reload()
    delegates[far.pk].get_by_role("button", name="Check me in").click()
    expect(delegates[far.pk].locator(".messages")).to_contain_text("is checked in.")
    expect(projector.locator(".hall-state")).to_contain_text(
        "3 of 4 delegates present", timeout=WAIT
    )
    expect(projector.locator(".hall-state")).to_contain_text("Quorate")
    # The phones follow the hall: each shows the count without reloading.
    for page in delegates.values():
        expect(page.locator(".hall-state")).to_contain_text("3 of 4 delegates present")
    for member in (north, second):
        delegates[member.pk].reload()  # checked in at the door: their page now lets them act

    # The speakers' list: a point of order jumps the queue.
    chair.get_by_label("Item under debate").select_option(label="1. Cost of living")
    chair.get_by_role("button", name="Show on the projector").click()
    expect(projector.locator(".hall-state")).to_contain_text(
        "Under debate: 1. Cost of living", timeout=WAIT
    )
    expect(projector.locator(".under-debate")).to_contain_text("fight for a pay rise")
    for member, stance in ((north, "for"), (second, "against"), (far, "point of order")):
        page = delegates[member.pk]
        page.locator("form.ask").get_by_role("button", name=stance, exact=True).click()
        expect(page.locator(".messages")).to_contain_text("You are on the list of speakers.")
    expect(projector.locator(".next-speakers li").first).to_contain_text(
        "point of order", timeout=WAIT
    )
    chair.reload()
    for member in (far, north, second):
        chair.get_by_role("button", name="Call the next speaker").click()
        expect(chair.locator(".messages")).to_contain_text(f"{member.person.full_name} (")
        expect(projector.locator(".speaking")).to_contain_text(
            member.person.full_name, timeout=WAIT
        )
        expect(projector.locator(".speaking .clock")).to_contain_text(":")
    chair.get_by_role("button", name="End the speech").click()
    expect(chair.locator(".messages")).to_contain_text("The speech has ended.")

    # The amendment, by an electronic vote with names published: carried.
    open_vote(chair, "open", f"amendment:{hall.amendment.pk}")
    expect(projector.locator(".under-debate")).to_contain_text(
        "strike for a pay rise", timeout=WAIT
    )
    for member, choice in ((north, "For"), (second, "For"), (far, "Against")):
        vote(delegates[member.pk], choice)
    expect(projector.locator(".vote-running")).to_contain_text("3 votes cast.", timeout=WAIT)
    close_vote(chair)
    expect(projector.locator(".vote-result")).to_contain_text("carried", timeout=WAIT)
    expect(projector.locator(".vote-result")).to_contain_text("2 for, 1 against, 0 abstaining")

    # The motion, by a card vote: North's card (10 members) split between its two delegates
    # present, Far's (1 member) whole.
    open_vote(chair, "card", f"motion:{hall.motion.pk}")
    for member, choice in ((north, "For"), (second, "Against"), (far, "For")):
        vote(delegates[member.pk], choice)
    close_vote(chair)
    result = projector.locator(".vote-result")
    expect(result).to_contain_text("6 for, 5 against", timeout=WAIT)
    expect(result.locator("table.sections")).to_contain_text("Other Section")
    assert Decision.objects.get(motion=hall.motion).outcome == "carried"

    # The rule change: 6 members' cards for, 5 against; a majority, not two thirds.
    open_vote(chair, "card", f"motion:{hall.rule_change.pk}")
    for member, choice in ((north, "For"), (second, "Against"), (far, "For")):
        vote(delegates[member.pk], choice)
    close_vote(chair)
    expect(projector.locator(".vote-result")).to_contain_text("lost", timeout=WAIT)
    expect(projector.locator(".vote-result")).to_contain_text("majority needed: 2/3")
    assert Decision.objects.get(motion=hall.rule_change).version is None

    for page in delegates.values():
        page.reload()
        assert fits_the_phone(page)

    # The minutes wrote themselves.
    chair.goto(f"{live_server.url}/conferences/{conference.pk}/minutes/")
    minutes = chair.locator("main")
    expect(minutes).to_contain_text("Speakers:")
    expect(minutes).to_contain_text("point of order")
    expect(minutes).to_contain_text("Vote 1")
    expect(minutes).to_contain_text("Vote 3")
    expect(minutes).to_contain_text("Other Section")
