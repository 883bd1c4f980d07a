"""A whole election and a whole recall, in Chromium, as the members would do them.

Time passing is the one thing a test cannot click: between the phases of the timetable the
test moves the election's dates, as the calendar would.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.browser.journey import (
    PASSWORD,
    member_page,
    time_passes_to_close,
    time_passes_to_voting,
)
from tests.rulebooks import FOUNDED_ON, rulebook_text

from newcourse.elections import services
from newcourse.elections.models import Election
from newcourse.offices import services as office_services
from newcourse.offices.models import Term
from newcourse.organisation import services as organisation_services
from newcourse.organisation.models import Member
from newcourse.rules import services as rules_services

# The union's rulebook asks 40% of the electorate to open a recall.
RULES = {"recall.threshold": "40%"}
NAMES = ["Ada Proposer", "Bea Candidate", "Cal Seconder", "Dee Rival", "Eve Voter"]


@pytest.fixture
def branch(transactional_db):
    actor = "system:test"
    root = rules_services.organisation_found(
        actor=actor,
        name="Union",
        kind="Union",
        text=rulebook_text(**RULES),
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
    return branch


def number_of(name: str) -> str:
    return Member.objects.get(person__full_name=name).number


def vote_ranked(browser, live_server, first_name, election, order):
    page = member_page(browser, live_server, first_name)
    page.goto(f"{live_server.url}/elections/{election.pk}/")
    page.get_by_role("link", name="Vote now").click()
    for name in order:
        page.get_by_role("button", name=name).click()
    page.get_by_role("button", name="Check my ballot").click()
    assert page.locator("ol.ranking").inner_text().split("\n") == order
    page.get_by_role("button", name="Cast my ballot").click()
    receipt = page.locator("#receipt").inner_text()
    page.context.close()
    return receipt


def test_whole_election_then_whole_recall(browser, live_server, branch):
    office = office_services.office_create(actor="system:test", body=branch, title="Branch chair")
    (election,) = services.elections_tick().touched

    # Nominations: Ada proposes Bea and Dee, Cal seconds both, each candidate accepts.
    ada = member_page(browser, live_server, "Ada")
    for name in ["Bea Candidate", "Dee Rival"]:
        ada.goto(f"{live_server.url}/elections/{election.pk}/")
        ada.get_by_label("Membership number of the member you nominate").fill(number_of(name))
        ada.get_by_role("button", name="Nominate").click()
        assert f"{name} is nominated" in ada.get_by_role("list").first.inner_text() or (
            f"{name} is nominated" in ada.content()
        )
    ada.context.close()
    cal = member_page(browser, live_server, "Cal")
    cal.goto(f"{live_server.url}/elections/{election.pk}/")
    cal.get_by_role("button", name="Second").first.click()
    cal.get_by_role("button", name="Second").first.click()
    assert "You seconded the nomination." in cal.content()
    cal.context.close()
    for first_name in ["Bea", "Dee"]:
        page = member_page(browser, live_server, first_name)
        page.goto(f"{live_server.url}/elections/{election.pk}/")
        page.get_by_label("Your statement to the voters").fill(f"{first_name} will fight for you.")
        page.get_by_role("button", name="Accept the nomination").click()
        assert "You accepted the nomination." in page.content()
        page.context.close()

    # Voting: four members rank the two candidates; one checks the ballot is refused twice.
    time_passes_to_voting(election)
    receipts = [
        vote_ranked(browser, live_server, "Ada", election, ["Bea Candidate", "Dee Rival"]),
        vote_ranked(browser, live_server, "Cal", election, ["Bea Candidate"]),
        vote_ranked(browser, live_server, "Eve", election, ["Dee Rival", "Bea Candidate"]),
        vote_ranked(browser, live_server, "Bea", election, ["Bea Candidate"]),
    ]
    again = member_page(browser, live_server, "Ada")
    again.goto(f"{live_server.url}/elections/{election.pk}/vote/")
    assert "You have already voted in this election." in again.content()
    again.context.close()

    # Close, count, declare: the page takes the due steps when it is opened.
    time_passes_to_close(election)
    eve = member_page(browser, live_server, "Eve")
    eve.goto(f"{live_server.url}/elections/{election.pk}/")
    assert "Elected: Bea Candidate" in eve.get_by_role("region", name="Result").inner_text()
    eve.get_by_role("link", name="The anonymised ballots, and your receipt").click()
    eve.get_by_label("Your receipt code").fill(receipts[2])
    eve.get_by_role("button", name="Find my ballot").click()
    assert "Dee Rival › Bea Candidate" in eve.get_by_role("status").inner_text()
    eve.goto(f"{live_server.url}/bodies/{branch.slug}/")
    assert "Branch chair: Bea Candidate" in eve.content()
    eve.context.close()
    term = Term.objects.get(office=office, member__person__full_name="Bea Candidate")

    # Recall: Dee opens a petition, Eve signs; 40% of 5 is 2 signatures, so a vote opens.
    dee = member_page(browser, live_server, "Dee")
    dee.goto(f"{live_server.url}/offices/{office.pk}/")
    dee.get_by_role("link", name="Petition to recall").click()
    dee.get_by_label("Why should this officer be recalled?").fill("Missed every meeting.")
    dee.get_by_role("button", name="Open the petition and sign it").click()
    petition_url = dee.url
    dee.context.close()
    eve = member_page(browser, live_server, "Eve")
    eve.goto(petition_url)
    eve.get_by_role("button", name="Sign the petition").click()
    eve.get_by_role("link", name="The recall vote").click()
    bea = member_page(browser, live_server, "Bea")
    bea.goto(petition_url)
    assert "Eve Voter" not in bea.content() and "Dee Rival" not in bea.content()
    bea.context.close()
    # The recall vote opens at the scheduler's next tick.
    recall = services.election_advance(election=Election.objects.get(kind="recall"))
    for first_name, choice in [
        ("Ada", "Yes, recall"),
        ("Cal", "Yes, recall"),
        ("Eve", "Yes, recall"),
        ("Bea", "No, keep them in office"),
    ]:
        page = member_page(browser, live_server, first_name)
        page.goto(f"{live_server.url}/elections/{recall.pk}/vote/")
        page.get_by_label(choice).check()
        page.get_by_role("button", name="Check my ballot").click()
        page.get_by_role("button", name="Cast my ballot").click()
        assert page.locator("#receipt").is_visible()
        page.context.close()
    time_passes_to_close(recall)
    ada = member_page(browser, live_server, "Ada")
    ada.goto(f"{live_server.url}/elections/{recall.pk}/")
    assert "Carried: the officer is recalled" in ada.content()
    ada.goto(f"{live_server.url}/offices/{office.pk}/")
    assert "Vacant" in ada.content()
    ada.context.close()
    term.refresh_from_db()
    assert term.end_reason == "recalled"
    assert office.elections.filter(kind="by-election").count() == 1


def test_an_approval_ballot_is_ticked_not_ranked(browser, live_server, branch):
    """rank.js leaves an approval ballot alone: two ticks, checked as a list, cast."""
    hour = datetime.timedelta(hours=1)
    now = timezone.now()
    office = office_services.office_create(
        actor="system:test", body=branch, title="Committee", method="approval"
    )
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - 3 * hour,
        nominations_close_at=now - 2 * hour,
        voting_opens_at=now - hour,
        voting_closes_at=now + 24 * hour,
    )
    earlier = now - 3 * hour
    services.election_advance(election=election, now=earlier)
    member = {m.person.full_name.split()[0]: m for m in Member.objects.select_related("person")}
    for name in ["Bea", "Dee"]:
        nomination = services.candidate_nominate(
            nominator=member["Ada"], election=election, candidate=member[name], now=earlier
        )
        services.candidate_second(seconder=member["Cal"], candidate=nomination, now=earlier)
        services.candidate_accept(member=member[name], candidate=nomination, now=earlier)
    services.election_advance(election=election)

    page = member_page(browser, live_server, "Eve")
    page.goto(f"{live_server.url}/elections/{election.pk}/vote/")
    assert page.locator("button.rank").count() == 0
    page.get_by_label("Dee Rival").check()
    page.get_by_label("Bea Candidate").check()
    page.get_by_role("button", name="Check my ballot").click()
    assert page.locator("ul.approved").inner_text().split("\n") == ["Bea Candidate", "Dee Rival"]
    page.get_by_role("button", name="Cast my ballot").click()
    assert page.locator("#receipt").is_visible()
    page.context.close()
    (ballot,) = election.ballots.all()
    assert sorted(ballot.choices) == sorted(
        str(c.pk) for c in election.candidates.all() if c.is_standing
    )
