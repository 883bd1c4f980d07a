import datetime
import io

from django.utils import timezone

from newcourse.counting import read_blt
from newcourse.elections import services
from newcourse.elections.models import Ballot, ElectionStatus, Elector


def test_ballot_cast_returns_receipt(bearer, electorate, voting, post):
    election, candidates = voting
    response = post(
        bearer(electorate[5]),
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": [candidates[2].pk, str(candidates[0].pk)]},
    )
    assert response.status_code == 201
    ballot = Ballot.objects.get(election=election)
    assert response.json() == {"election": election.pk, "receipt": ballot.receipt}
    assert ballot.choices == [str(candidates[2].pk), str(candidates[0].pk)]
    assert Elector.objects.get(election=election, member=electorate[5]).has_voted


def test_ballot_cast_twice_is_a_conflict(bearer, electorate, voting, post):
    election, candidates = voting
    client = bearer(electorate[5])
    url = f"/api/v1/elections/{election.pk}/ballots/"
    post(client, url, {"ranking": [candidates[0].pk]})
    response = post(client, url, {"ranking": [candidates[1].pk]})
    assert response.status_code == 409
    assert response.json()["detail"] == "You have already voted in this election."
    assert Ballot.objects.filter(election=election).count() == 1


def test_ballot_sent_again_with_its_idempotency_key_gets_the_same_receipt(
    bearer, electorate, voting, post
):
    election, candidates = voting
    client = bearer(electorate[5])
    url = f"/api/v1/elections/{election.pk}/ballots/"
    key = {"HTTP_IDEMPOTENCY_KEY": "k" * 32}
    first = post(client, url, {"ranking": [candidates[0].pk]}, **key)
    again = post(client, url, {"ranking": [candidates[0].pk]}, **key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert Ballot.objects.filter(election=election).count() == 1
    damaged = post(bearer(electorate[4]), url, {"ranking": [1]}, HTTP_IDEMPOTENCY_KEY="x y")
    assert damaged.status_code == 400
    assert "key is damaged" in damaged.json()["detail"]


def test_ballot_before_voting_opens_is_a_conflict(bearer, electorate, nominating, post):
    response = post(
        bearer(electorate[5]), f"/api/v1/elections/{nominating.pk}/ballots/", {"ranking": [1]}
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Voting has not opened yet."


def test_ballot_after_voting_closes_is_a_conflict(bearer, electorate, declared, post):
    election, candidates, _receipts = declared
    response = post(
        bearer(electorate[5]),
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": [candidates[0].pk]},
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Voting has closed."


def test_ballot_from_member_not_on_electorate_is_forbidden(bearer, tree, make_member, voting, post):
    election, candidates = voting
    joined_late = make_member(tree["north"])
    response = post(
        bearer(joined_late),
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": [candidates[0].pk]},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "You are not on the electorate of this election: it was fixed, from the "
        "members in good standing of Region, when voting opened."
    )


def test_ballot_naming_a_non_candidate_is_a_bad_request(bearer, electorate, voting, post):
    election, candidates = voting
    response = post(
        bearer(electorate[5]),
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": [candidates[0].pk, 999999]},
    )
    assert response.status_code == 400
    assert (
        response.json()["detail"]
        == "The ballot names a candidate who is not standing in this election."
    )
    assert Ballot.objects.filter(election=election).count() == 0


def test_ballot_ranking_a_candidate_twice_is_a_bad_request(bearer, electorate, voting, post):
    election, candidates = voting
    response = post(
        bearer(electorate[5]),
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": [candidates[0].pk, candidates[0].pk]},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Each candidate can be given only one preference."


def test_ballot_without_ranking_list_is_a_bad_request(bearer, electorate, voting, post):
    election, candidates = voting
    response = post(
        bearer(electorate[5]),
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": candidates[0].pk},
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Give “ranking”: a list of candidate ids")


def test_ballot_in_election_outside_caller_bodies_is_not_found(
    bearer, tree, make_member, voting, post
):
    election, candidates = voting
    outsider = make_member(tree["far"])
    response = post(
        bearer(outsider),
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": [candidates[0].pk]},
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such election, or it is not open to you."


def test_ballot_cast_before_the_scheduler_opens_voting_is_a_conflict(
    bearer, electorate, office, post
):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - 2 * hour,
        nominations_close_at=now - hour,
        voting_opens_at=now - hour,
        voting_closes_at=now + hour,
    )
    services.election_advance(election=election, now=now - 1.5 * hour)
    for n in range(3):
        candidate = services.candidate_nominate(
            nominator=electorate[3],
            election=election,
            candidate=electorate[n],
            now=now - 1.5 * hour,
        )
        services.candidate_second(seconder=electorate[4], candidate=candidate, now=now - 1.5 * hour)
        services.candidate_accept(member=electorate[n], candidate=candidate, now=now - 1.5 * hour)
    election.refresh_from_db()
    assert election.status == ElectionStatus.NOMINATIONS
    voter = bearer(electorate[5])
    response = post(
        voter,
        f"/api/v1/elections/{election.pk}/ballots/",
        {"ranking": [candidate.pk]},
    )
    assert response.status_code == 409
    election.refresh_from_db()
    assert election.status == ElectionStatus.NOMINATIONS  # a request takes no step
    detail = voter.get(f"/api/v1/elections/{election.pk}/").json()
    assert detail["status"] == "voting"  # what the timetable implies

    services.elections_tick()  # the scheduler's next tick

    response = post(voter, f"/api/v1/elections/{election.pk}/ballots/", {"ranking": [candidate.pk]})
    assert response.status_code == 201


def test_result_before_declaration_is_a_conflict(bearer, electorate, voting):
    election, _candidates = voting
    response = bearer(electorate[5]).get(f"/api/v1/elections/{election.pk}/result/")
    assert response.status_code == 409
    assert response.json()["detail"] == "The result has not been declared yet."


def test_result_once_declared_is_the_stored_report(bearer, electorate, declared):
    election, _candidates, _receipts = declared
    election.refresh_from_db()
    response = bearer(electorate[5]).get(f"/api/v1/elections/{election.pk}/result/")
    assert response.status_code == 200
    assert response.json() == election.result
    assert response.json()["format"] == "newcourse-count/1"


def test_ballots_blt_reads_back_with_every_ballot(bearer, electorate, declared):
    election, _candidates, receipts = declared
    response = bearer(electorate[5]).get(f"/api/v1/elections/{election.pk}/ballots.blt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    ballots = read_blt(io.StringIO(response.content.decode()))
    assert ballots.total_weight == len(receipts)
    assert (ballots.candidates, ballots.seats) == (("Voter 0", "Voter 1", "Voter 2"), 2)


def test_ballots_json_lists_each_ballot_by_receipt(bearer, electorate, declared):
    election, _candidates, receipts = declared
    response = bearer(electorate[5]).get(f"/api/v1/elections/{election.pk}/ballots.json")
    assert response.status_code == 200
    data = response.json()
    assert (data["format"], data["election"]) == ("newcourse-ballots/1", election.pk)
    assert [b["receipt"] for b in data["ballots"]] == sorted(receipts)
    mine = next(b for b in data["ballots"] if b["receipt"] == receipts[1])
    assert mine == {
        "receipt": receipts[1],
        "ranking": ["Voter 2", "Voter 1", "Voter 0"],
        "weight": 1,
    }


def test_ballots_before_the_count_are_a_conflict(bearer, electorate, voting):
    election, _candidates = voting
    client = bearer(electorate[5])
    blt = client.get(f"/api/v1/elections/{election.pk}/ballots.blt")
    as_json = client.get(f"/api/v1/elections/{election.pk}/ballots.json")
    assert (blt.status_code, as_json.status_code) == (409, 409)
    assert blt.json()["detail"] == (
        "The ballots and the count are published once voting has closed and the count is done."
    )
