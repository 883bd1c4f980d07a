from newcourse.elections import services
from newcourse.offices import services as office_services


def test_elections_lists_those_of_caller_bodies(
    as_member, electorate, nominating, tree, make_member
):
    far_office = office_services.office_create(actor="system:test", body=tree["far"], title="Chair")
    services.election_schedule(actor="system:test", office=far_office)
    response = as_member(electorate[1]).get("/api/v1/elections/")
    assert response.status_code == 200
    (only,) = response.json()["elections"]
    assert (only["id"], only["body"], only["office"]["title"]) == (
        nominating.pk,
        "region",
        "Committee",
    )
    assert (only["status"], only["method"], only["ballots"], only["verifiable"]) == (
        "nominations",
        "scottish-stv",
        0,
        False,
    )


def test_elections_filtered_by_body(as_member, electorate, nominating):
    client = as_member(electorate[1])
    in_region = client.get("/api/v1/elections/?body=region").json()["elections"]
    in_north = client.get("/api/v1/elections/?body=north").json()["elections"]
    assert ([e["id"] for e in in_region], in_north) == ([nominating.pk], [])


def test_elections_filtered_by_body_not_open_to_caller_is_not_found(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/elections/?body=far")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such body, or you are not a member of it."


def test_election_detail_shows_timetable_candidates_and_electorate(as_member, electorate, voting):
    election, candidates = voting
    response = as_member(electorate[5]).get(f"/api/v1/elections/{election.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["seats"], data["electorate_size"], data["ballots"]) == (
        "voting",
        2,
        6,
        0,
    )
    assert data["candidates"] == [
        {"id": c.pk, "name": f"Voter {n}", "statement": f"I am {n}"}
        for n, c in enumerate(candidates)
    ]
    assert set(data["timetable"]) == {
        "nominations_open_at",
        "nominations_close_at",
        "voting_opens_at",
        "voting_closes_at",
    }
    assert (data["verifiable"], data["may_vote"], data["has_voted"]) == (False, True, False)


def test_election_detail_after_voting_says_has_voted(as_member, electorate, voting, post):
    election, candidates = voting
    client = as_member(electorate[5])
    post(client, f"/api/v1/elections/{election.pk}/ballots/", {"ranking": [candidates[0].pk]})
    data = client.get(f"/api/v1/elections/{election.pk}/").json()
    assert (data["ballots"], data["may_vote"], data["has_voted"]) == (1, False, True)


def test_election_detail_for_non_elector_says_may_not_vote(as_member, tree, make_member, voting):
    election, _candidates = voting
    joined_late = make_member(tree["north"])
    data = as_member(joined_late).get(f"/api/v1/elections/{election.pk}/").json()
    assert (data["may_vote"], data["has_voted"]) == (False, False)


def test_election_detail_outside_caller_bodies_is_not_found(as_member, tree, make_member, voting):
    election, _candidates = voting
    outsider = make_member(tree["far"])
    response = as_member(outsider).get(f"/api/v1/elections/{election.pk}/")
    missing = as_member(outsider).get("/api/v1/elections/999999/")
    assert (response.status_code, missing.status_code) == (404, 404)
    assert response.json() == missing.json()
    assert response.json()["detail"] == "There is no such election, or it is not open to you."


def test_election_detail_says_why_a_verifiable_office_voted_by_plain_ballot(
    as_member, electorate, tree
):
    """A downgrade from verifiable to plain ballots is never silent: the API says why, as
    the page and the record do."""
    office = office_services.office_create(
        actor="system:test",
        body=tree["region"],
        title="Auditor",
        method="plurality",
        verifiable=True,
    )
    election = services.election_schedule(actor="system:test", office=office)
    body = as_member(electorate[1]).get(f"/api/v1/elections/{election.pk}/").json()
    assert body["verifiable"] is False
    assert body["not_verifiable_because"] == (
        "Region has 0 elected tellers; a verifiable election needs at least 3, so that no "
        "single teller can decrypt"
    )


def test_election_detail_of_a_plain_office_gives_no_reason(as_member, electorate, nominating):
    body = as_member(electorate[1]).get(f"/api/v1/elections/{nominating.pk}/").json()
    assert body["not_verifiable_because"] is None
