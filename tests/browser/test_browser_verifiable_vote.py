"""The verifiable voting page in Chromium: a member's code typed loosely, a typo caught, a
ballot audited and then a fresh one cast, and the cast one found on the board; and an
approval ballot of two ticks, cast and found on the board."""

from __future__ import annotations

import pytest
from tests.browser.journey import PASSWORD, member_page

from newcourse.verifiable.models import AuditedBallot, BoardEntry


@pytest.fixture
def teller_count():
    """Three tellers: the shortest key ceremony there is."""
    return 3


@pytest.fixture
def verifiable_voters(tree, make_member):
    """Ada, Bea, Cal, Dee and Eve, who log in with their first names: Ada, Bea and Cal stand,
    nominated by Dee and seconded by Eve."""
    voters = []
    for name in ["Ada", "Bea", "Cal", "Dee", "Eve"]:
        voter = make_member(tree["south"], name=name, email=f"{name.lower()}@example.org")
        voter.person.set_password(PASSWORD)
        voter.person.save()
        voters.append(voter)
    return voters


def encrypt(page, candidate, code):
    page.get_by_label(candidate).check()
    page.get_by_label("Your voting credential").fill(code)
    page.get_by_role("button", name="Encrypt my ballot").click()


def test_a_member_audits_a_ballot_then_casts_one_found_on_the_board(
    browser, live_server, transactional_db, open_verifiable_election
):
    """Voting open in a verifiable plurality election with three tellers and five voters."""
    election, _directories, codes = open_verifiable_election
    code = codes["dee@example.org"]
    page = member_page(browser, live_server, "Dee")
    page.goto(f"{live_server.url}/elections/{election.pk}/")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.get_by_role("link", name="Vote now").click()
    page.locator("#verifiable-vote").wait_for(state="visible")  # the script has run

    encrypt(page, "Bea", code[:-1] + "0")
    assert "typo" in page.locator("#vote-status").inner_text()
    encrypt(page, "Bea", "ABCDE-FGHJK-LMNPQ-RSTUV")  # says "Encrypting…" first, then checks
    page.locator("#vote-status", has_text="not on this election's list").wait_for()

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


def test_a_member_ticks_two_candidates_in_an_approval_election_and_casts(
    browser, live_server, transactional_db, tellers, schedule_verifiable, open_verifiable
):
    """A verifiable approval election: checkboxes, at least one tick, the two ticked shown,
    audited, then a fresh ballot of the same two ticks cast."""
    election, _directories, codes = open_verifiable(
        schedule_verifiable(method="approval", title="Committee", seats=2)
    )
    page = member_page(browser, live_server, "Eve")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/elections/{election.pk}/vote/")
    page.locator("#verifiable-vote").wait_for(state="visible")
    assert page.locator("input[name=mark][type=checkbox]").count() == 3

    page.get_by_label("Your voting credential").fill(codes["eve@example.org"])
    page.get_by_role("button", name="Encrypt my ballot").click()
    assert "Tick at least 1 and at most 3 options" in page.locator("#vote-status").inner_text()

    page.get_by_label("Ada").check()
    page.get_by_label("Cal").check()
    page.get_by_role("button", name="Encrypt my ballot").click()
    page.locator("#encrypted").wait_for(state="visible", timeout=30_000)
    assert page.locator("#encrypted .chosen").inner_text() == "Ada and Cal"
    page.get_by_role("button", name="Audit this ballot instead").click()
    page.locator("#audited").wait_for(state="visible")
    assert page.locator("#audited .opened-choice").inner_text() == "Ada and Cal"
    assert AuditedBallot.objects.count() == 1

    page.get_by_role("button", name="Encrypt a fresh ballot to cast").click()
    page.get_by_role("button", name="Encrypt my ballot").click()
    page.locator("#encrypted").wait_for(state="visible", timeout=30_000)
    tracker = page.locator("#encrypted .tracker").inner_text()
    page.get_by_role("button", name="Cast this ballot").click()
    page.locator("#receipt").wait_for(state="visible")
    assert list(BoardEntry.objects.values_list("tracker", flat=True)) == [tracker]

    page.get_by_role("link", name="Look your ballot up on the board").click()
    assert "On the board (entry 0) and counted." in page.locator("main").inner_text()
    assert errors == []
