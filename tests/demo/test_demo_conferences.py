"""The demo's conference: the International's Congress 2027, its freeze passed and each
branch's delegates fixed by the scheduler, on its page for a member to read; Glasgow's motions and
Edinburgh's amendment to the first, accepted as friendly; the standing orders committee's
rulings and its composite, which waits for Glasgow's answer; and the Special Congress on Pay,
held last month, whose priorities ballot chose two of its three motions."""

import pytest
from django.urls import reverse

from newcourse import demo
from newcourse.conferences import selectors
from newcourse.conferences.models import Committee, Conference, Credential, PrioritiesBallot
from newcourse.floor.models import FloorVote
from newcourse.organisation.models import Body, Member
from newcourse.record.models import RecordEntry
from newcourse.rules.selectors import latest_version


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_demo_congress_has_its_branch_delegates_fixed(seeded):
    congress = Conference.objects.get(title="Congress 2027")
    table = selectors.entitlement_table(congress)
    shown = (congress.body.slug, congress.unit_kind, table.fixed)
    assert shown == ("international", "Branch", True)
    assert len(table.rows) == Body.objects.filter(kind="Branch").count()
    entry = RecordEntry.objects.get(
        action="conference.entitlement_fixed", subject=f"conference:{congress.pk}"
    )
    assert (entry.payload["total"], table.total > 0) == (table.total, True)


def test_demo_member_reads_the_congress_page(seeded, client):
    member = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(member.person)
    congress = Conference.objects.get(title="Congress 2027")
    page = client.get(reverse("conference", args=[congress.pk]))
    assert page.status_code == 200
    assert "Fixed at the membership freeze" in page.content.decode()


def test_demo_glasgow_and_edinburgh_have_submitted_two_motions_each(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    motions = selectors.motions_of(congress)
    assert [(m.number, m.body.slug, m.submitted_by.person.email) for m in motions[:2]] == [
        (1, "glasgow", "secretary@glasgow.example"),
        (2, "glasgow", "secretary@glasgow.example"),
    ]
    assert [(m.number, m.body.slug) for m in motions[2:4]] == [(3, "edinburgh"), (4, "edinburgh")]
    member = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(member.person)
    page = client.get(reverse("motion", args=[motions[0].pk]))
    assert page.status_code == 200
    assert "A living wage across the sector" in page.content.decode()
    submitted = RecordEntry.objects.filter(
        action="conference.motion_submitted", subject=f"conference:{congress.pk}"
    )
    assert submitted.count() == 6


def test_demo_manchester_brings_a_rule_change_shown_as_what_it_changes(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    change = selectors.motions_of(congress)[4]
    assert (change.number, change.body.slug) == (5, "manchester")
    assert change.amends == latest_version(congress.body)
    client.force_login(Member.objects.get(person__email="member@glasgow.example").person)
    page = client.get(reverse("motion", args=[change.pk])).content.decode()
    assert "term.limit.post" in page
    assert "What it changes in the rules" in page


def test_demo_edinburgh_amends_glasgows_first_motion_and_glasgow_accepts_it(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    motion = selectors.motions_of(congress)[0]
    (shown,) = selectors.amendments_shown(motion)
    amendment = shown.amendment
    assert (amendment.number, amendment.body.slug, amendment.friendly) == (1, "edinburgh", True)
    assert [hunk.new_lines[-1] for hunk in shown.hunks] == [
        "to bargain, and to report progress to every branch each month."
    ]
    assert RecordEntry.objects.filter(action="conference.amendment_accepted").count() == 1
    member = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(member.person)
    html = client.get(reverse("motion", args=[motion.pk])).content.decode()
    assert "Amendment 1, by Edinburgh" in html


def test_demo_committee_has_ruled_and_composited_and_glasgow_may_answer(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    assert [(r.kind, r.motion.number) for r in selectors.rulings_of(congress)] == [
        ("admissible", 1),
        ("out-of-order", 4),
    ]
    (composite,) = selectors.composites_of(congress)
    assert [(c.motion.number, c.answer) for c in composite.consents.all()] == [
        (2, "pending"),
        (3, "consents"),
    ]
    origins = {line.motion.number for line in selectors.composite_lines(composite) if line.motion}
    assert origins == {2, 3}
    chair = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(chair.person)
    page = client.get(reverse("conference", args=[congress.pk])).content.decode()
    assert reverse("ruling_make", args=[congress.pk]) in page
    secretary = Member.objects.get(person__email="secretary@glasgow.example")
    client.force_login(secretary.person)
    page = client.get(composite.get_absolute_url()).content.decode()
    assert (
        reverse("composite_answer", args=[composite.pk, composite.consents.first().motion_id])
        in page
    )


def test_demo_congress_has_its_credentials_committee_and_nothing_issued_yet(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    committee = Committee.objects.get(conference=congress, role="credentials")
    assert committee.office.terms.count() == 3
    assert not Credential.objects.filter(conference=congress).exists()
    member = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(member.person)
    page = client.get(reverse("conference_credentials", args=[congress.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "The credentials committee: Credentials committee" in html
    assert "No credential issued yet." in html


def test_demo_committee_has_published_an_agenda_with_its_papers(pdf_printing, seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    agenda = selectors.agenda_of(congress)
    assert [(item.kind, item.minutes) for item in agenda] == [
        ("report", 30),
        ("motion", 25),
        ("election", 20),
    ]
    member = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(member.person)
    response = client.get(reverse("conference_papers_pdf", args=[congress.pk]))
    assert (response.status_code, response.content[:5]) == (200, b"%PDF-")


def test_demo_the_international_has_a_programme_and_manchester_amends_it(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    amendment = selectors.motions_of(congress)[5]
    assert (amendment.number, amendment.body.slug) == (6, "manchester")
    assert amendment.amends_programme == selectors.programme_latest(congress.body)
    client.force_login(Member.objects.get(person__email="member@glasgow.example").person)
    page = client.get(reverse("programme", args=[congress.body.slug])).content.decode()
    assert "A living wage for every worker" in page
    motion_page = client.get(reverse("motion", args=[amendment.pk])).content.decode()
    assert "What it changes in the programme" in motion_page


def test_demo_special_conference_has_an_alternate_in_a_seat_given_up(seeded, client):
    special = Conference.objects.get(title="Special Conference 2026")
    glasgow = next(
        row for row in selectors.credentials_report(special) if row.unit.slug == "glasgow"
    )
    given_up, taken = sorted(glasgow.entries, key=lambda entry: entry.credential.pk)
    assert (given_up.credential.status, given_up.taken_by) == ("stood-down", taken.name)
    member = Member.objects.get(person__email="member@glasgow.example")
    assert (taken.credential.term.member, taken.alternate_for) == (member, given_up.name)
    assert [(a.name, a.state) for a in glasgow.alternates] == [(taken.name, "seated")]
    assert glasgow.held == glasgow.entitled
    client.force_login(member.person)
    html = client.get(reverse("conference_credentials", args=[special.pk])).content.decode()
    assert f"The seat was taken by {taken.name}, an alternate." in html
    card = client.get(taken.credential.get_absolute_url()).content.decode()
    assert f"<dt>Alternate for</dt><dd>{given_up.name}</dd>" in card


def test_demo_glasgow_instructs_its_delegate_who_reads_it_on_the_congress_page(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    first = selectors.motions_of(congress)[0]
    delegate = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(delegate.person)

    page = client.get(reverse("conference", args=[congress.pk])).content.decode()
    shown = [
        (e.payload["item"], e.payload["vote"])
        for e in RecordEntry.objects.filter(action="conference.instruction_given").order_by("seq")
    ]

    assert shown == [
        (f"motion:{first.pk}", "for"),
        (f"amendment:{first.amendments.get().pk}", "left"),
    ]
    assert "My delegation's instructions" in page
    assert "<strong>for</strong>" in page
    assert "<strong>left to the delegates</strong>" in page


def test_demo_glasgows_secretary_finds_the_form_to_instruct_the_delegation(seeded, client):
    congress = Conference.objects.get(title="Congress 2027")
    secretary = Member.objects.get(person__email="secretary@glasgow.example")
    client.force_login(secretary.person)

    page = client.get(reverse("conference_instructions", args=[congress.pk, "glasgow"]))

    assert page.status_code == 200
    assert "Record an instruction" in page.content.decode()


def test_demo_special_congress_has_counted_its_priorities_ballot(seeded, client):
    special = Conference.objects.get(title="Special Congress on Pay")
    ballot = PrioritiesBallot.objects.get(conference=special)
    assert (ballot.state, ballot.electorate_size, ballot.result["papers"]) == ("counted", 8, 8)
    assert [(t.title, t.approvals, t.priority) for t in ballot.topics.all()] == [
        ("1. Defend the right to strike", 5, True),
        ("2. Organise the gig economy", 4, True),
        ("3. Travel costs for shift workers", 3, False),
    ]
    member = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(member.person)
    page = client.get(reverse("conference_priorities", args=[special.pk])).content.decode()
    assert "8 of 8 delegates voted." in page
    agenda = client.get(reverse("conference_agenda", args=[special.pk])).content.decode()
    assert agenda.count('<span class="badge">priority</span>') == 2


def test_demo_special_congress_sits_with_its_floor_open(seeded, client):
    """The chair's console, the delegate checking in again and voting from their phone, and
    the projector showing the count of votes cast."""
    special = Conference.objects.get(title="Special Congress on Pay")
    chair = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(chair.person)
    console = client.get(reverse("floor", args=[special.pk])).content.decode()
    assert 'id="console"' in console
    assert "That the question be now put" in console
    delegate = Member.objects.get(person__email="secretary@glasgow.example")
    client.force_login(delegate.person)
    page = client.get(reverse("floor", args=[special.pk])).content.decode()
    assert "You are not checked in" in page
    credential = Credential.objects.get(conference=special, term__member=delegate)
    client.post(reverse("floor_check_in", args=[special.pk]), {"token": credential.token})
    vote = FloorVote.objects.get(conference=special, state="open")
    client.post(reverse("floor_vote_cast", args=[special.pk, vote.pk]), {"choice": "for"})
    projector = client.get(reverse("floor_projector", args=[special.pk])).content.decode()
    assert "5 votes cast." in projector
    assert "Organise the gig economy" in projector
    assert "Next speakers" in projector
