"""A conference prepared in Chromium, on a phone: the general secretary calls it; at the freeze
the scheduler fixes each branch's delegates from the register; North and South elect their
delegates; their secretaries submit motions and South amends North's; the standing orders
committee rules one motion out of order and composites two, with both movers' consent from
the composite's page; it publishes the agenda, and the papers' PDF opens once the scheduler has
printed it. Nothing wider than the phone, nothing refused by the content policy."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.browser.journey import PASSWORD, watch_csp
from tests.conferences.amending import AMENDED, RULEBOOK, TEXT
from tests.conferences.steps import committee

from newcourse.conferences import services
from newcourse.conferences.models import Composite, Conference, Delegation, Motion
from newcourse.elections import services as election_services
from newcourse.offices import services as office_services
from newcourse.offices.models import Term

PHONE = {"width": 390, "height": 844}
SOUTH_TEXT = "Conference notes rents doubled.\n\nConference resolves to fight for rent controls."
COMPOSITE = (
    "Conference notes the cost of living.\n\nConference notes rents doubled.\n\n"
    "Conference resolves to fight for a pay rise and for rent controls."
)


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def people(transactional_db, tree, officer_of, make_member):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    branches = {}
    for name in ("north", "south"):
        officer = make_member(tree[name], name=f"{tree[name].name} Secretary")
        office = office_services.office_create(actor="t", body=tree[name], title="Secretary")
        office_services.term_record_founding(actor="t", office=office, members=[officer])
        branches[name] = [officer, *(make_member(tree[name]) for _ in range(9))]
    chair = make_member(tree["far"], name="Committee Chair")
    for member in (secretary, chair, branches["north"][0], branches["south"][0]):
        member.person.set_password(PASSWORD)
        member.person.save()
    return secretary, branches, chair


def phone_page(browser, live_server, member):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch_csp(context.new_page())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(member.person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def time_passes_to_the_freeze(conference: Conference) -> None:
    """A week passes: the freeze is today; the scheduler's tick fixes the entitlement."""
    week = datetime.timedelta(days=7)
    names = [
        "freeze_on",
        "delegates_by",
        "motions_by",
        "amendments_by",
        "agenda_by",
        "emergency_by",
        "opens_on",
        "closes_on",
    ]
    Conference.objects.filter(pk=conference.pk).update(
        **{name: getattr(conference, name) - week for name in names}
    )
    assert services.conferences_tick() == []


def elected_unopposed(delegation: Delegation, candidate, proposer, seconder) -> None:
    """The branch's delegation election, through the elections' services: one candidate for
    its one seat, proposed and seconded; at the close of nominations, elected unopposed."""
    now = timezone.now()
    election = election_services.election_schedule(
        actor="system:test",
        office=delegation.office,
        nominations_open_at=now - datetime.timedelta(days=3),
        nominations_close_at=now - datetime.timedelta(hours=1),
        voting_opens_at=now - datetime.timedelta(hours=1),
        voting_closes_at=now + datetime.timedelta(days=1),
    )
    earlier = now - datetime.timedelta(days=2)
    election_services.election_advance(election=election, now=earlier)
    nomination = election_services.candidate_nominate(
        nominator=proposer, election=election, candidate=candidate, now=earlier
    )
    election_services.candidate_second(seconder=seconder, candidate=nomination, now=earlier)
    election_services.candidate_accept(member=candidate, candidate=nomination, now=earlier)
    election_services.election_advance(election=election, now=now)


def submit_motion(page, live_server, conference, title, text):
    page.goto(f"{live_server.url}/conferences/{conference.pk}/motions/submit/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Text").fill(text)
    page.get_by_label("For:", exact=True).fill("6")
    page.get_by_label("Against:", exact=True).fill("1")
    page.get_by_role("button", name="Submit it").click()
    assert "The motion is submitted." in page.locator(".messages").inner_text()
    assert fits_the_phone(page)


def test_a_conference_is_prepared_from_the_call_to_the_papers(
    browser, live_server, people, tree, pdf_printing
):
    secretary, branches, chair = people
    north_secretary, south_secretary = branches["north"][0], branches["south"][0]

    # The general secretary calls the congress.
    page = phone_page(browser, live_server, secretary)
    page.goto(f"{live_server.url}/bodies/international/conferences/call/")
    page.get_by_label("Title").fill("Congress 2027")
    page.get_by_label("Delegates are sent by").fill("Branch")
    page.get_by_role("button", name="Call it").click()
    assert "The conference is called." in page.locator(".messages").inner_text()
    conference = Conference.objects.get()
    committee(secretary, conference, [chair], title="Standing Orders Committee")

    # At the freeze, the delegates each branch sends, from the register.
    time_passes_to_the_freeze(conference)
    page.goto(f"{live_server.url}/conferences/{conference.pk}/")
    assert "Fixed at the membership freeze" in page.content()
    assert fits_the_phone(page)
    page.context.close()

    # North and South elect their delegates.
    for name in ("north", "south"):
        members = branches[name]
        delegation = Delegation.objects.get(conference=conference, unit=tree[name])
        elected_unopposed(delegation, members[1], members[2], members[3])
        assert Term.objects.current().filter(office=delegation.office).count() == 1

    # Their secretaries submit motions; South amends North's first.
    north = phone_page(browser, live_server, north_secretary)
    submit_motion(north, live_server, conference, "Cost of living", TEXT)
    submit_motion(
        north, live_server, conference, "Affiliation", "Conference resolves to affiliate."
    )
    south = phone_page(browser, live_server, south_secretary)
    submit_motion(south, live_server, conference, "Rents", SOUTH_TEXT)
    first, affiliation, _rents = Motion.objects.order_by("number")
    south.goto(f"{live_server.url}/motions/{first.pk}/amend/")
    south.get_by_label("The motion as amended").fill(AMENDED)
    south.get_by_label("For:", exact=True).fill("5")
    south.get_by_label("Against:", exact=True).fill("2")
    south.get_by_role("button", name="Submit it").click()
    assert "The amendment is submitted." in south.locator(".messages").inner_text()

    # The standing orders committee rules one motion out of order and composites two.
    soc = phone_page(browser, live_server, chair)
    soc.goto(f"{live_server.url}/conferences/{conference.pk}/rulings/new/")
    soc.get_by_label("On:", exact=True).select_option(f"motion:{affiliation.pk}")
    soc.get_by_label("Ruling:", exact=True).select_option("out-of-order")
    soc.get_by_label("Reason:", exact=True).fill("Affiliation is for a ballot of all members.")
    soc.get_by_role("button", name="Publish the ruling").click()
    assert "The ruling is published." in soc.locator(".messages").inner_text()
    assert "Affiliation is for a ballot of all members." in soc.content()
    soc.goto(f"{live_server.url}/conferences/{conference.pk}/composites/new/")
    soc.get_by_label("1. Cost of living").check()
    soc.get_by_label("3. Rents").check()
    soc.get_by_label("Title").fill("Pay and rent")
    soc.get_by_label("Text").fill(COMPOSITE)
    soc.get_by_role("button", name="Draft it").click()
    assert "it waits for the movers" in soc.locator(".messages").inner_text()
    composite = Composite.objects.get()
    assert soc.locator(".line-origin").all_inner_texts()[1:3] == ["M1", "M3"]
    assert fits_the_phone(soc)

    # Each mover consents from the composite's page.
    for mover in (north, south):
        mover.goto(f"{live_server.url}/composites/{composite.pk}/")
        mover.get_by_role("button", name="Consent").click()
        assert "Your body consents to the composite." in mover.locator(".messages").inner_text()
    assert Composite.objects.get().state == "agreed"
    assert "agreed by every mover" in south.content()

    # The committee publishes the agenda; the scheduler prints the papers.
    soc.goto(f"{live_server.url}/conferences/{conference.pk}/agenda/publish/")
    row = soc.locator("fieldset", has_text="C1. Pay and rent")
    row.get_by_label("Place").fill("20")
    row.get_by_label("Minutes").fill("30")
    report = soc.locator("fieldset", has_text="Item 1")
    report.get_by_label("Title").fill("The executive's report")
    report.get_by_label("Place").fill("10")
    report.get_by_label("Minutes").fill("25")
    assert fits_the_phone(soc)
    soc.get_by_role("button", name="Publish it").click()
    assert "The agenda is published" in soc.locator(".messages").inner_text()
    assert soc.locator("tbody tr").all_inner_texts()[0].startswith("1")
    assert "The executive's report" in soc.locator("tbody tr").all_inner_texts()[0]
    assert services.conferences_tick() == []
    soc.reload()
    soc.get_by_role("link", name="The papers as a PDF").wait_for()
    pdf = soc.request.get(f"{live_server.url}/conferences/{conference.pk}/papers.pdf")
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body()[:5] == b"%PDF-"
    soc.get_by_role("link", name="The conference papers").click()
    soc.wait_for_url(f"{live_server.url}/conferences/{conference.pk}/papers/")
    assert "Conference resolves to fight for a pay rise and for rent controls." in (
        soc.locator(".paper").nth(1).inner_text()
    )
    assert fits_the_phone(soc)
    for each in (north, south, soc):
        each.context.close()
