"""The verifiable voting page in Chromium: a member's code typed loosely, a typo caught, a
ballot audited and then a fresh one cast, and the cast one found on the board."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from newcourse.elections import services
from newcourse.elections.models import AuditedBallot, BoardEntry
from newcourse.organisation import services as organisation_services
from newcourse.web.demo_tellers import codes_from_mail, run_key_ceremony

PASSWORD = "a-long-test-password"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def election(transactional_db, settings, tmp_path):
    """A verifiable plurality election with voting open, three tellers, five voters."""
    settings.NEWCOURSE_HOME = tmp_path
    actor = "system:test"
    root = organisation_services.body_create(actor=actor, name="Union", kind="Union")
    branch = organisation_services.body_create(
        actor=actor, name="Dockside", kind="Branch", parent=root
    )
    members = []
    for name in ["Ada", "Bea", "Cal", "Dee", "Eve", "Teller One", "Teller Two", "Teller Three"]:
        member = organisation_services.member_admit(
            actor=actor,
            email=f"{name.split()[-1].lower()}@example.org",
            full_name=name,
            body=branch,
            joined_on=datetime.date(2020, 1, 1),
        )
        member.person.set_password(PASSWORD)
        member.person.save()
        members.append(member)
    tellers = services.office_create(
        actor=actor, body=branch, title="Tellers", kind="tellers", seats=3
    )
    services.term_record_founding(actor=actor, office=tellers, members=members[5:])
    office = services.office_create(
        actor=actor, body=branch, title="Treasurer", method="plurality", verifiable=True
    )
    now = datetime.datetime.now(datetime.UTC)
    election = services.election_schedule(
        actor=actor,
        office=office,
        nominations_open_at=now - 3 * HOUR,
        nominations_close_at=now - 2 * HOUR,
        voting_opens_at=now - HOUR,
        voting_closes_at=now + 24 * HOUR,
    )
    services.election_advance(election=election, now=now - 3 * HOUR)
    for candidate in members[:3]:
        nomination = services.candidate_nominate(
            nominator=members[3], election=election, candidate=candidate, now=now - 3 * HOUR
        )
        services.candidate_second(seconder=members[4], candidate=nomination, now=now - 3 * HOUR)
        services.candidate_accept(member=candidate, candidate=nomination, now=now - 3 * HOUR)
    election.refresh_from_db()
    run_key_ceremony(election, tmp_path / "tellers")
    mail.outbox.clear()
    election = services.election_advance(election=election)  # the codes go out on commit
    assert election.encrypted
    return election


def logged_in(browser, live_server, first_name):
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(f"{first_name.lower()}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def encrypt(page, candidate, code):
    page.get_by_label(candidate).check()
    page.get_by_label("Your voting credential").fill(code)
    page.get_by_role("button", name="Encrypt my ballot").click()


def test_a_member_audits_a_ballot_then_casts_one_found_on_the_board(browser, live_server, election):
    code = codes_from_mail()["dee@example.org"]
    page = logged_in(browser, live_server, "Dee")
    page.goto(f"{live_server.url}/elections/{election.pk}/")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.get_by_role("link", name="Vote now").click()
    page.locator("#verifiable-vote").wait_for(state="visible")  # the script has run

    encrypt(page, "Bea", code[:-1] + "0")
    assert "typo" in page.locator("#vote-status").inner_text()
    encrypt(page, "Bea", "ABCDE-FGHJK-LMNPQ-RSTUV")
    assert "not on this election's list" in page.locator("#vote-status").inner_text()

    encrypt(page, "Bea", code.lower().replace("-", " "))
    page.locator("#encrypted").wait_for(state="visible", timeout=30_000)
    assert "Encrypted in" in page.locator("#vote-status").inner_text()
    audited_tracker = page.locator("#encrypted .tracker").inner_text()
    page.get_by_role("button", name="Audit this ballot instead").click()
    page.locator("#audited").wait_for(state="visible")
    assert page.locator("#audited .opened-choice").inner_text() == "Bea"
    assert AuditedBallot.objects.get().tracker == audited_tracker

    page.get_by_role("button", name="Encrypt a fresh ballot to cast").click()
    page.get_by_role("button", name="Encrypt my ballot").click()
    page.locator("#encrypted").wait_for(state="visible", timeout=30_000)
    tracker = page.locator("#encrypted .tracker").inner_text()
    assert tracker != audited_tracker
    page.get_by_role("button", name="Cast this ballot").click()
    page.locator("#receipt").wait_for(state="visible")
    assert page.locator("#receipt .tracker").inner_text() == tracker
    assert list(BoardEntry.objects.values_list("tracker", flat=True)) == [tracker]

    page.get_by_role("link", name="Look your ballot up on the board").click()
    assert "On the board (entry 0) and counted." in page.locator("main").inner_text()
    assert tracker in page.locator("table").inner_text()
    assert errors == []
