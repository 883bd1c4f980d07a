"""The motions' pages: the conference page lists its motions and, to a sending body's officer
until the motions deadline, the way to submit one; a motion's page shows the meeting's decision
and the numbered text; the submit form refuses with the service's message and submits nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from tests.conferences.steps import DAY, call

from newcourse.conferences import services
from newcourse.conferences.models import Motion
from newcourse.offices import services as office_services

TEXT = "Conference notes the cost of living.\n\nConference resolves to fight for a pay rise."


@pytest.fixture
def rulebook_parameters():
    """A fifth of a body's members make a meeting quorate; two motions of at most 30 words."""
    return {"meeting.quorum": "20%", "motions.per_body": "2", "motions.max_words": "30"}


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north_secretary(tree, make_member):
    member = make_member(tree["north"], name="North Secretary")
    office = office_services.office_create(actor="t", body=tree["north"], title="Secretary")
    office_services.term_record_founding(actor="t", office=office, members=[member])
    for _ in range(9):
        make_member(tree["north"])
    return member  # North: ten members, so a quorum of 2


@pytest.fixture
def conference(tree, secretary):
    return call(secretary, tree["international"], unit_kind="Branch")


def submit(member, conference, body, title="Cost of living", votes=(5, 1, 2)):
    return services.motion_submit(
        person=member.person,
        member=member,
        conference=conference,
        body=body,
        title=title,
        text=TEXT,
        meeting_on=timezone.localdate(),
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2],
    )


def form_data(body, **extra):
    return {
        "body": body.pk,
        "title": "Cost of living",
        "text": TEXT,
        "meeting_on": timezone.localdate().isoformat(),
        "votes_for": "5",
        "votes_against": "1",
        "votes_abstain": "0",
        **extra,
    }


def test_the_conference_page_lists_each_motion_with_its_body(
    client, tree, conference, north_secretary, make_member
):
    motion = submit(north_secretary, conference, tree["north"])
    client.force_login(make_member(tree["south"]).person)
    page = client.get(reverse("conference", args=[conference.pk]))
    html = page.content.decode()
    assert [m.pk for m, _standing in page.context["motions"]] == [motion.pk]
    assert (
        f'<td class="num">1</td><td><a href="/motions/{motion.pk}/">Cost of living</a></td>'
        "<td>North</td>"
    ) in html
    assert reverse("motion_submit", args=[conference.pk]) not in html


def test_the_conference_page_without_motions_says_so(client, tree, conference, secretary):
    client.force_login(secretary.person)
    html = client.get(reverse("conference", args=[conference.pk])).content.decode()
    assert "No motion submitted yet." in html


def test_a_sending_bodys_officer_sees_the_submit_link(client, tree, conference, north_secretary):
    client.force_login(north_secretary.person)
    html = client.get(reverse("conference", args=[conference.pk])).content.decode()
    assert f'<a href="/conferences/{conference.pk}/motions/submit/">Submit a motion</a>' in html


def test_after_the_emergency_motions_date_the_submit_link_is_gone(
    client, tree, secretary, north_secretary
):
    # A conference whose motions and emergency motions closed yesterday.
    conference = call(secretary, tree["international"], unit_kind="Branch")
    conference.motions_by = conference.emergency_by = timezone.localdate() - DAY
    conference.save(update_fields=["motions_by", "emergency_by"])
    client.force_login(north_secretary.person)
    html = client.get(reverse("conference", args=[conference.pk])).content.decode()
    assert reverse("motion_submit", args=[conference.pk]) not in html


def test_the_motion_page_shows_the_decision_and_the_numbered_lines(
    client, tree, conference, north_secretary, make_member
):
    motion = submit(north_secretary, conference, tree["north"])
    client.force_login(make_member(tree["far"]).person)
    page = client.get(reverse("motion", args=[motion.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Submitted by North to Congress 2027." in html
    assert f"Carried at the meeting of {timezone.localdate():%Y-%m-%d}." in html
    assert "<li><strong>5</strong> for</li>" in html
    assert "<li><strong>2</strong> abstentions</li>" in html
    assert [(line.number, line.kind) for line in page.context["lines"]] == [
        (1, "title"),
        (2, "paragraph"),
        (3, "paragraph"),
    ]
    assert (
        '<li value="3" class="line-paragraph" id="line-3"><span class="line-number" '
        'aria-hidden="true">3</span><span class="line-text">Conference resolves to fight for a '
        "pay rise.</span></li>"
    ) in html


def test_a_motion_to_a_conference_not_open_to_the_reader_is_not_found(
    client, tree, officer_of, make_member
):
    section_secretary = officer_of(tree["section"])
    conference = call(section_secretary, tree["section"], unit_kind="Branch")
    branch_secretary = officer_of(tree["north"], title="Branch secretary")
    for _ in range(4):
        make_member(tree["north"])
    motion = submit(branch_secretary, conference, tree["north"], votes=(1, 0, 0))
    client.force_login(make_member(tree["far"]).person)
    assert client.get(reverse("motion", args=[motion.pk])).status_code == 404
    assert client.get(reverse("motion", args=[motion.pk + 1])).status_code == 404


def test_the_motion_page_takes_no_post(client, tree, conference, north_secretary):
    motion = submit(north_secretary, conference, tree["north"])
    client.force_login(north_secretary.person)
    assert client.post(reverse("motion", args=[motion.pk])).status_code == 405


def test_the_submit_form_offers_only_the_officers_bodies(client, tree, conference, north_secretary):
    client.force_login(north_secretary.person)
    page = client.get(reverse("motion_submit", args=[conference.pk]))
    assert page.status_code == 200
    assert list(page.context["form"].fields["body"].queryset) == [tree["north"]]


def test_the_officer_submits_a_motion_and_lands_on_its_page(
    client, tree, conference, north_secretary
):
    client.force_login(north_secretary.person)
    response = client.post(reverse("motion_submit", args=[conference.pk]), form_data(tree["north"]))
    motion = Motion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("motion", args=[motion.pk])
    assert (motion.number, motion.body, motion.votes_for) == (1, tree["north"], 5)


def test_a_meeting_short_of_its_quorum_is_a_form_error_and_nothing_is_submitted(
    client, tree, conference, north_secretary
):
    client.force_login(north_secretary.person)
    response = client.post(
        reverse("motion_submit", args=[conference.pk]),
        form_data(tree["north"], votes_for="1", votes_against="0"),
    )
    assert response.status_code == 200
    assert "The meeting was not quorate: 1 voted, and North needs 2" in response.content.decode()
    assert not Motion.objects.exists()


def test_a_negative_vote_is_a_form_error(client, tree, conference, north_secretary):
    client.force_login(north_secretary.person)
    response = client.post(
        reverse("motion_submit", args=[conference.pk]),
        form_data(tree["north"], votes_against="-1"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["votes_against"] == [
        "Ensure this value is greater than or equal to 0."
    ]
    assert not Motion.objects.exists()


def test_a_body_the_officer_does_not_serve_is_not_a_choice(
    client, tree, conference, north_secretary
):
    client.force_login(north_secretary.person)
    response = client.post(reverse("motion_submit", args=[conference.pk]), form_data(tree["south"]))
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not Motion.objects.exists()


def test_a_member_who_is_not_an_officer_finds_no_submit_form(client, tree, conference, make_member):
    member = make_member(tree["north"])
    client.force_login(member.person)
    url = reverse("motion_submit", args=[conference.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(tree["north"])).status_code == 404
    assert not Motion.objects.exists()


def test_the_motion_page_speaks_french(client, tree, conference, north_secretary):
    motion = submit(north_secretary, conference, tree["north"])
    client.force_login(north_secretary.person)
    # LocaleMiddleware leaves French active in this thread: put back what was active before.
    with translation.override(translation.get_language()):
        page = client.get(reverse("motion", args=[motion.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Présentée par North au Congress 2027." in page.content.decode()
