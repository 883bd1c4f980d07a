import datetime

from django.utils import timezone

from newcourse.elections import services
from newcourse.elections.models import Ballot, PetitionStatus, RecallSignature


def test_recall_open_creates_petition_with_first_signature(bearer, electorate, officer_term, post):
    response = post(
        bearer(electorate[1]),
        f"/api/v1/terms/{officer_term.pk}/recall/",
        {"reason": "Broke policy"},
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["status"], data["signatures"], data["threshold"]) == ("collecting", 1, 3)
    assert (data["officer"], data["reason"], data["signed"]) == ("Voter 0", "Broke policy", True)
    assert RecallSignature.objects.get(petition_id=data["id"]).member == electorate[1]


def test_recall_open_without_reason_is_a_bad_request(bearer, electorate, officer_term, post):
    response = post(bearer(electorate[1]), f"/api/v1/terms/{officer_term.pk}/recall/", {})
    assert response.status_code == 400
    assert response.json()["detail"] == "Give “reason”."


def test_recall_open_twice_is_a_conflict(bearer, electorate, officer_term, post):
    url = f"/api/v1/terms/{officer_term.pk}/recall/"
    post(bearer(electorate[1]), url, {"reason": "Broke policy"})
    response = post(bearer(electorate[2]), url, {"reason": "Again"})
    assert response.status_code == 409
    assert (
        response.json()["detail"]
        == "A recall petition for this officer is already open: sign that one."
    )


def test_recall_of_term_outside_caller_bodies_is_not_found(
    bearer, tree, make_member, officer_term, post
):
    outsider = make_member(tree["far"])
    response = post(bearer(outsider), f"/api/v1/terms/{officer_term.pk}/recall/", {"reason": "x"})
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such term of office, or it is not open to you."


def test_petition_shows_counts_and_never_the_signers(bearer, electorate, officer_term):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    response = bearer(electorate[5]).get(f"/api/v1/petitions/{petition.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert (data["signatures"], data["threshold"], data["signed"]) == (2, 3, False)
    assert set(data) == {
        "id",
        "status",
        "signatures",
        "threshold",
        "reason",
        "opened_at",
        "term",
        "officer",
        "office",
        "body",
        "vote",
        "signed",
    }
    text = response.content.decode()
    for signer in electorate[1:3]:
        assert signer.person.full_name not in text
        assert signer.number not in text
        assert signer.person.email not in text


def test_petition_sign_counts_the_signature(bearer, electorate, officer_term, post):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    response = post(bearer(electorate[2]), f"/api/v1/petitions/{petition.pk}/sign/")
    assert response.status_code == 200
    assert (response.json()["signatures"], response.json()["signed"]) == (2, True)


def test_petition_sign_twice_is_a_conflict(bearer, electorate, officer_term, post):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    response = post(bearer(electorate[1]), f"/api/v1/petitions/{petition.pk}/sign/")
    assert response.status_code == 409
    assert response.json()["detail"] == "You have already signed this petition."


def test_petition_reaching_threshold_opens_recall_vote(bearer, electorate, officer_term, post):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    response = post(bearer(electorate[3]), f"/api/v1/petitions/{petition.pk}/sign/")
    petition.refresh_from_db()
    assert (response.json()["status"], response.json()["vote"]) == ("voting", petition.vote_id)
    assert petition.status == PetitionStatus.VOTING


def _recall_vote(electorate, officer_term):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    services.recall_sign(member=electorate[3], petition=petition)
    petition.refresh_from_db()
    return services.election_advance(election=petition.vote)  # as the scheduler would


def test_recall_ballot_with_choice_is_cast(bearer, electorate, officer_term, post):
    vote = _recall_vote(electorate, officer_term)
    response = post(
        bearer(electorate[4]), f"/api/v1/elections/{vote.pk}/ballots/", {"choice": "yes"}
    )
    assert response.status_code == 201
    assert Ballot.objects.get(election=vote).choices == ["yes"]


def test_recall_ballot_with_other_choice_is_a_bad_request(bearer, electorate, officer_term, post):
    vote = _recall_vote(electorate, officer_term)
    response = post(
        bearer(electorate[4]), f"/api/v1/elections/{vote.pk}/ballots/", {"choice": "maybe"}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Choose yes or no."


def test_recall_ballots_are_published_as_json_not_blt(bearer, electorate, officer_term, post):
    vote = _recall_vote(electorate, officer_term)
    receipt = post(
        bearer(electorate[4]), f"/api/v1/elections/{vote.pk}/ballots/", {"choice": "no"}
    ).json()["receipt"]
    services.election_advance(election=vote, now=timezone.now() + datetime.timedelta(days=30))
    client = bearer(electorate[5])
    blt = client.get(f"/api/v1/elections/{vote.pk}/ballots.blt")
    as_json = client.get(f"/api/v1/elections/{vote.pk}/ballots.json")
    assert blt.status_code == 403
    assert blt.json()["detail"].startswith("A recall vote is a yes or a no")
    assert as_json.json()["ballots"] == [{"receipt": receipt, "ranking": ["no"], "weight": 1}]
