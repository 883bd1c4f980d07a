import datetime

import pytest
from django.urls import reverse

from newcourse.elections import services
from newcourse.elections.models import Ballot, Candidate
from newcourse.offices import services as office_services


@pytest.fixture
def open_vote(tree, make_member, voting_election):
    """A two-seat STV election in the region with voting open now, three candidates."""
    members = [make_member(tree["north"], name=f"Person {n}") for n in range(5)]
    election = voting_election(
        tree["region"],
        candidates=members[:3],
        proposer=members[3],
        seconder=members[4],
        title="Committee",
        seats=2,
    )
    return election, members


def ballot_fields(election, order):
    candidates = {c.member.person.full_name: c.pk for c in election.candidates.all()}
    return {f"c{candidates[name]}": str(rank) for rank, name in enumerate(order, start=1)}


def test_election_page_shows_candidates_and_vote_button(client, open_vote):
    election, members = open_vote
    client.force_login(members[0].person)
    response = client.get(reverse("election", args=[election.pk]))
    assert response.status_code == 200
    assert [c.member.person.full_name for c in response.context["standing"]] == [
        "Person 0",
        "Person 1",
        "Person 2",
    ]
    assert b"Vote now" in response.content


def test_election_page_is_not_found_outside_the_body(client, open_vote, tree, make_member):
    election, _ = open_vote
    client.force_login(make_member(tree["far"]).person)
    assert client.get(reverse("election", args=[election.pk])).status_code == 404


def test_vote_shows_what_will_be_counted_before_casting(client, open_vote):
    election, members = open_vote
    client.force_login(members[0].person)
    fields = ballot_fields(election, ["Person 2", "Person 0"])
    response = client.post(reverse("vote", args=[election.pk]), fields)
    assert [c.member.person.full_name for c in response.context["ranked"]] == [
        "Person 2",
        "Person 0",
    ]
    assert Ballot.objects.count() == 0
    cast = client.post(reverse("vote", args=[election.pk]), {**fields, "confirm": "yes"})
    receipt = cast.context["receipt"]
    ballot = Ballot.objects.get()
    assert ballot.receipt == receipt
    by_name = {c.member.person.full_name: str(c.pk) for c in Candidate.objects.all()}
    assert ballot.choices == [by_name["Person 2"], by_name["Person 0"]]


def test_the_confirming_form_sent_twice_shows_the_same_receipt(client, open_vote):
    """The first answer was lost on the way; the voter sends the form again."""
    election, members = open_vote
    client.force_login(members[0].person)
    fields = ballot_fields(election, ["Person 1"])
    confirm = client.post(reverse("vote", args=[election.pk]), fields)
    key = confirm.context["form_key"]
    assert f'name="form_key" value="{key}"' in confirm.content.decode()
    sent = {**fields, "form_key": key, "confirm": "yes"}
    first = client.post(reverse("vote", args=[election.pk]), sent)
    again = client.post(reverse("vote", args=[election.pk]), sent)
    assert again.status_code == 200
    assert again.context["receipt"] == first.context["receipt"]
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ({}, b"Your ballot is empty"),
        ({"Person 0": "1", "Person 1": "1"}, b"more than one candidate"),
        ({"Person 0": "1", "Person 1": "3"}, b"skip number 2"),
    ],
)
def test_invalid_ballot_is_refused_with_explanation(client, open_vote, marks, message):
    election, members = open_vote
    client.force_login(members[0].person)
    candidates = {c.member.person.full_name: c.pk for c in election.candidates.all()}
    fields = {f"c{candidates[name]}": rank for name, rank in marks.items()}
    response = client.post(reverse("vote", args=[election.pk]), {**fields, "confirm": "yes"})
    assert message in response.content
    assert Ballot.objects.count() == 0


def test_second_vote_is_refused_on_the_page(client, open_vote):
    election, members = open_vote
    client.force_login(members[0].person)
    fields = {**ballot_fields(election, ["Person 1"]), "confirm": "yes"}
    client.post(reverse("vote", args=[election.pk]), fields)
    response = client.post(reverse("vote", args=[election.pk]), fields, follow=True)
    assert b"already voted" in response.content
    assert Ballot.objects.count() == 1


def test_member_outside_electorate_cannot_reach_ballot(client, open_vote, tree, make_member):
    election, _ = open_vote
    late = make_member(tree["north"], name="Joined Late")
    client.force_login(late.person)
    response = client.get(reverse("vote", args=[election.pk]), follow=True)
    assert b"not on the electorate" in response.content


def test_result_page_and_ballots_after_declaration(client, open_vote):
    election, members = open_vote
    receipts = []
    for member, order in zip(
        members,
        [["Person 0"], ["Person 0", "Person 1"], ["Person 1"], ["Person 2"], ["Person 0"]],
        strict=True,
    ):
        by_name = {c.member.person.full_name: str(c.pk) for c in election.candidates.all()}
        receipts.append(
            services.ballot_cast(
                election=election, member=member, choices=[by_name[n] for n in order]
            )
        )
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    services.election_advance(election=election, now=later)
    client.force_login(members[0].person)
    page = client.get(reverse("election", args=[election.pk]))
    assert page.context["result"]["elected"] == ["Person 0", "Person 1"]
    assert b"Stage 1" in page.content
    found = client.get(reverse("ballots", args=[election.pk]), {"receipt": receipts[1]})
    assert found.context["found_choices"] == ["Person 0", "Person 1"]
    blt = client.get(reverse("ballots_blt", args=[election.pk]))
    assert blt.content.decode().splitlines()[0] == "3 2"
    recount = f"newcourse count election-{election.pk}.blt --method {election.method}"
    assert recount in page.content.decode()


def test_ballots_are_not_published_before_the_count(client, open_vote):
    election, members = open_vote
    client.force_login(members[0].person)
    assert client.get(reverse("ballots", args=[election.pk])).status_code == 404
    assert client.get(reverse("ballots_blt", args=[election.pk])).status_code == 404


def test_nominate_by_number_on_page(client, tree, make_member):
    office = office_services.office_create(actor="t", body=tree["north"], title="Chair")
    (election,) = services.elections_tick().touched
    nominator, candidate = make_member(tree["north"]), make_member(tree["north"], name="Picked")
    client.force_login(nominator.person)
    response = client.post(
        reverse("nominate", args=[election.pk]), {"number": candidate.number}, follow=True
    )
    assert b"Picked is nominated" in response.content
    assert election.candidates.get().member == candidate
    response = client.post(reverse("nominate", args=[election.pk]), {"number": "nope"}, follow=True)
    assert b"has the membership number nope" in response.content
    assert office.elections.count() == 1


def test_recall_petition_page_shows_count_not_signers(client, tree, make_member, officer_of):
    officer = officer_of(tree["north"])
    signer = make_member(tree["north"], name="Quiet Signer")
    term = officer.terms.get()
    client.force_login(signer.person)
    response = client.post(
        reverse("recall_open", args=[term.pk]), {"reason": "Ignored the branch"}, follow=True
    )
    assert response.context["signatures"] == 1
    client.force_login(officer.person)
    page = client.get(response.request["PATH_INFO"])
    assert b"Quiet Signer" not in page.content
    assert page.context["signatures"] == 1


def test_a_signer_sees_they_signed_instead_of_the_button(client, tree, make_member, officer_of):
    officer = officer_of(tree["north"])
    signer = make_member(tree["north"])
    other = make_member(tree["north"])
    for _ in range(20):  # enough members that one signature does not reach the threshold
        make_member(tree["north"])
    client.force_login(signer.person)
    opened = client.post(
        reverse("recall_open", args=[officer.terms.get().pk]), {"reason": "Absent"}, follow=True
    )
    page = opened.content.decode()
    assert "You signed this petition." in page
    assert "Sign the petition" not in page
    client.force_login(other.person)
    page = client.get(opened.request["PATH_INFO"]).content.decode()
    assert "Sign the petition" in page
    assert "You signed" not in page


# Approval ------------------------------------------------------------------------------


@pytest.fixture
def approval_vote(tree, make_member):
    """A two-seat approval election in the region with voting open now: Person 0, 1 and 2
    stand, proposed by Person 3 and seconded by Person 4."""
    members = [make_member(tree["north"], name=f"Person {n}") for n in range(5)]
    now = datetime.datetime.now(datetime.UTC)
    office = office_services.office_create(
        actor="system:test", body=tree["region"], title="Committee", method="approval", seats=2
    )
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - datetime.timedelta(days=3),
        nominations_close_at=now - datetime.timedelta(hours=1),
        voting_opens_at=now - datetime.timedelta(hours=1),
        voting_closes_at=now + datetime.timedelta(days=1),
    )
    earlier = now - datetime.timedelta(days=2)
    services.election_advance(election=election, now=earlier)
    for member in members[:3]:
        nomination = services.candidate_nominate(
            nominator=members[3], election=election, candidate=member, now=earlier
        )
        services.candidate_second(seconder=members[4], candidate=nomination, now=earlier)
        services.candidate_accept(member=member, candidate=nomination, now=earlier)
    return services.election_advance(election=election, now=now), members


def approvals(election, names):
    by_name = {c.member.person.full_name: str(c.pk) for c in election.candidates.all()}
    return {"approved": [by_name[name] for name in names]}


def test_approval_ballot_has_a_checkbox_per_candidate_and_no_ranking(client, approval_vote):
    election, members = approval_vote
    client.force_login(members[0].person)

    response = client.get(reverse("vote", args=[election.pk]))

    text = response.content.decode()
    assert "Tick every candidate you approve of; at least one." in text
    assert text.count('type="checkbox" name="approved"') == 3
    assert '<select name="c' not in text
    assert 'data-ranked="no"' in text  # rank.js leaves the page alone


def test_approval_ballot_of_two_is_checked_then_cast_as_one_ballot(client, approval_vote):
    election, members = approval_vote
    client.force_login(members[0].person)
    fields = approvals(election, ["Person 2", "Person 0"])

    check = client.post(reverse("vote", args=[election.pk]), fields)

    assert [c.member.person.full_name for c in check.context["approved"]] == [
        "Person 0",
        "Person 2",
    ]
    assert b'<ul class="approved">' in check.content and b"ranking" not in check.content
    for pk in fields["approved"]:
        assert f'name="approved" value="{pk}"'.encode() in check.content
    assert Ballot.objects.count() == 0

    cast = client.post(reverse("vote", args=[election.pk]), {**fields, "confirm": "yes"})

    ballot = Ballot.objects.get()
    assert ballot.receipt == cast.context["receipt"]
    assert sorted(ballot.choices) == sorted(fields["approved"])


def test_an_empty_approval_ballot_is_refused(client, approval_vote):
    election, members = approval_vote
    client.force_login(members[0].person)

    response = client.post(reverse("vote", args=[election.pk]), {"confirm": "yes"})

    assert b"tick at least one candidate" in response.content
    assert Ballot.objects.count() == 0


def test_approval_ballots_are_published_as_approvals(client, approval_vote):
    election, members = approval_vote
    by_name = {c.member.person.full_name: str(c.pk) for c in election.candidates.all()}
    receipts = [
        services.ballot_cast(election=election, member=member, choices=[by_name[n] for n in names])
        for member, names in zip(
            members,
            [["Person 2", "Person 0"], ["Person 0"], ["Person 1", "Person 0"]],
            strict=False,
        )
    ]
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    services.election_advance(election=election, now=later)
    client.force_login(members[0].person)

    found = client.get(reverse("ballots", args=[election.pk]), {"receipt": receipts[0]})

    assert found.context["found_choices"] == ["Person 0", "Person 2"]
    text = found.content.decode()
    assert "approves of:" in text and "<strong>Person 0, Person 2</strong>" in text
    assert "Approved" in text and "›" not in text


def test_a_vacant_office_with_an_election_under_way_links_to_it(client, open_vote):
    election, members = open_vote
    client.force_login(members[0].person)
    page = client.get(reverse("office", args=[election.office.pk])).content.decode()
    assert "Vacant until the election under way is declared:" in page
    assert election.get_absolute_url() in page
    assert "An election opens by itself" not in page
