"""Decisions carried out in Chromium, on a 375 px phone: North's secretary, whose office owns an
action of the International's carried decision, finds it overdue on the decisions page, marks
it in progress then done from the action's page, and the page shows the history; nothing wider
than the phone."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.browser.journey import PASSWORD, watch_csp
from tests.conferences.amending import RULEBOOK, branch_secretary, motion
from tests.conferences.deciding import carried
from tests.conferences.steps import call, committee

from newcourse.actions import services
from newcourse.actions.models import Action, ActionStatus
from newcourse.offices.models import Office

PHONE = {"width": 375, "height": 812}
DAY = datetime.timedelta(days=1)


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def owned(transactional_db, tree, officer_of, make_member):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    conference = call(secretary, tree["international"], unit_kind="Branch")
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    north = branch_secretary(tree["north"], make_member)
    (decision,) = carried(chair, conference, motion(north, conference, tree["north"]))
    north.person.set_password(PASSWORD)
    north.person.save()
    week_ago = timezone.now() - 7 * DAY
    action = services.action_create(
        person=secretary.person,
        member=secretary,
        body=tree["international"],
        decision=decision,
        task="Write to every branch about the pay campaign, with the leaflet and the petition.",
        owner_office=Office.objects.get(body=tree["north"], title="Secretary"),
        due_on=timezone.localdate(week_ago) + 3 * DAY,
        now=week_ago,
    )
    return action, north


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_owner_marks_an_overdue_action_done_on_a_phone(browser, live_server, owned):
    action, north = owned
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch_csp(context.new_page())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(north.person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/bodies/{action.body.slug}/actions/")
    assert "Overdue" in page.locator("ul.actions").inner_text()
    assert fits_the_phone(page)
    page.get_by_role("link", name="Write to every branch").click()
    page.get_by_label("Status").select_option("in-progress")
    page.get_by_label("Note (what was done, or why)").fill("Half the branches written to.")
    page.get_by_role("button", name="Record the update").click()
    assert "Your update is recorded." in page.locator(".messages").inner_text()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Note (what was done, or why)").fill("Every branch written to.")
    page.get_by_role("button", name="Record the update").click()
    history = page.locator("ol").last.inner_text()
    assert "Half the branches written to." in history
    assert "Every branch written to." in history
    assert fits_the_phone(page)
    context.close()

    action = Action.objects.get(pk=action.pk)
    assert action.status == ActionStatus.DONE
