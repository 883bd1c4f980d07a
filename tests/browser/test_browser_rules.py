"""The rulebook's journey in Chromium, on a phone: the general secretary proposes a rule change
with the notice the rulebook requires, the members vote on it from their phones, and once
carried the rulebook page shows the new version with the new value marked in its text."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.browser.journey import PASSWORD, watch_csp
from tests.rulebooks import FOUNDED_ON, rulebook_text

from newcourse.offices import services as office_services
from newcourse.organisation import services as organisation_services
from newcourse.organisation.models import Member
from newcourse.rules import services as rules_services
from newcourse.rules.models import RuleChange

PHONE = {"width": 390, "height": 844}
NAMES = ["Rosa Secretary", "Ada Member", "Bea Member", "Cal Member"]


@pytest.fixture
def union(transactional_db):
    actor = "system:test"
    root = rules_services.organisation_found(
        actor=actor,
        name="Union",
        kind="Union",
        text=rulebook_text(),
        source="file",
        effective_on=FOUNDED_ON,
    )
    branch = organisation_services.body_create(
        actor=actor, name="Dockside", kind="Branch", parent=root
    )
    for name in NAMES:
        member = organisation_services.member_admit(
            actor=actor,
            email=f"{name.split()[0].lower()}@example.org",
            full_name=name,
            body=branch,
            joined_on=datetime.date(2020, 1, 1),
        )
        member.person.set_password(PASSWORD)
        member.person.save()
    office = office_services.office_create(actor=actor, body=root, title="General secretary")
    office_services.term_record_founding(
        actor=actor, office=office, members=[Member.objects.get(person__full_name=NAMES[0])]
    )
    return root


def phone_page(browser, live_server, first_name):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch_csp(context.new_page())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(f"{first_name.lower()}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def fits_the_phone(page) -> bool:
    """Nothing on the page is wider than the phone: no sideways scrolling to read the rules."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def time_passes(change: RuleChange, *, opens: datetime.timedelta, closes: datetime.timedelta):
    now = timezone.now()
    RuleChange.objects.filter(pk=change.pk).update(
        voting_opens_at=now + opens, voting_closes_at=now + closes
    )
    rules_services.rule_changes_tick()


def test_a_rule_change_proposed_voted_and_carried_from_phones(browser, live_server, union):
    rosa = phone_page(browser, live_server, "Rosa")
    rosa.goto(f"{live_server.url}/bodies/{union.slug}/rules/")
    assert rosa.locator('mark[data-parameter="recall.threshold"]').first.inner_text() == "20%"
    assert fits_the_phone(rosa)

    rosa.get_by_role("link", name="Propose a rule change").click()
    assert "at the earliest" in rosa.locator("#id_voting_opens_at_help").inner_text()
    rosa.get_by_label("Title").fill("A lower bar for recall")
    text = rosa.get_by_label("The new text").input_value()
    rosa.get_by_label("The new text").fill(
        text.replace("{recall.threshold = 20% [20%..50%]}", "{recall.threshold = 25% [20%..50%]}")
    )
    rosa.get_by_role("button", name="Propose it").click()
    assert "members vote on it from" in rosa.locator(".messages").inner_text()
    assert fits_the_phone(rosa)
    change = RuleChange.objects.get()

    time_passes(change, opens=-datetime.timedelta(minutes=1), closes=datetime.timedelta(hours=1))
    for name in ["Ada", "Bea", "Cal"]:
        member = phone_page(browser, live_server, name)
        member.goto(f"{live_server.url}/rule-changes/{change.pk}/")
        member.get_by_label("For").check()
        member.get_by_role("button", name="Cast my vote").click()
        assert "Your vote is cast" in member.locator(".messages").inner_text()
        member.context.close()

    time_passes(change, opens=-datetime.timedelta(hours=2), closes=-datetime.timedelta(minutes=1))
    rosa.goto(f"{live_server.url}/bodies/{union.slug}/rules/")
    assert rosa.locator('mark[data-parameter="recall.threshold"]').first.inner_text() == "25%"
    rosa.goto(f"{live_server.url}/bodies/{union.slug}/rules/2/")
    assert "25% [20%..50%]" in rosa.locator("table").first.inner_text()
    assert fits_the_phone(rosa)
    rosa.context.close()
