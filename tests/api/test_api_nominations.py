from newcourse.elections.models import Candidate
from newcourse.organisation import services as organisation_services


def test_nomination_by_membership_number_is_created(bearer, electorate, nominating, post):
    response = post(
        bearer(electorate[3]),
        f"/api/v1/elections/{nominating.pk}/nominations/",
        {"candidate": electorate[0].number},
    )
    assert response.status_code == 201
    candidate = Candidate.objects.get(election=nominating)
    assert response.json() == {
        "id": candidate.pk,
        "election": nominating.pk,
        "name": "Voter 0",
        "seconded": False,
        "accepted": False,
        "withdrawn": False,
        "standing": False,
        "statement": "",
    }
    assert candidate.nominated_by == electorate[3]


def test_nomination_of_member_outside_body_is_refused_without_naming_them(
    bearer, electorate, nominating, tree, make_member, post
):
    outsider = make_member(tree["far"], name="Far Away")
    response = post(
        bearer(electorate[3]),
        f"/api/v1/elections/{nominating.pk}/nominations/",
        {"candidate": outsider.number},
    )
    assert response.status_code == 400
    assert (
        response.json()["detail"]
        == f"No member of Region who can stand has the membership number {outsider.number}."
    )


def test_nomination_without_candidate_is_a_bad_request(bearer, electorate, nominating, post):
    response = post(bearer(electorate[3]), f"/api/v1/elections/{nominating.pk}/nominations/", {})
    assert response.status_code == 400
    assert (
        response.json()["detail"]
        == "Give “candidate”: the membership number of the member nominated."
    )


def test_nomination_twice_is_a_conflict(bearer, electorate, nominating, post):
    client = bearer(electorate[3])
    url = f"/api/v1/elections/{nominating.pk}/nominations/"
    post(client, url, {"candidate": electorate[0].number})
    response = post(client, url, {"candidate": electorate[0].number})
    assert response.status_code == 409
    assert response.json()["detail"] == "Voter 0 has already been nominated."


def test_nomination_after_nominations_close_is_a_conflict(bearer, electorate, voting, post):
    election, _candidates = voting
    response = post(
        bearer(electorate[3]),
        f"/api/v1/elections/{election.pk}/nominations/",
        {"candidate": electorate[5].number},
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Nominations have closed."


def test_nomination_by_login_without_membership_is_not_found(
    client, django_user_model, nominating, post
):
    operator = django_user_model.objects.create_user("operator@example.org", "pw", is_staff=True)
    client.force_login(operator)
    response = post(client, f"/api/v1/elections/{nominating.pk}/nominations/", {"candidate": "x"})
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such election, or it is not open to you."


def test_nomination_by_member_in_arrears_is_forbidden(bearer, electorate, nominating, post):
    organisation_services.member_set_standing(
        actor="system:test", member=electorate[3], standing="arrears", reason="unpaid"
    )
    response = post(
        bearer(electorate[3]),
        f"/api/v1/elections/{nominating.pk}/nominations/",
        {"candidate": electorate[0].number},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Only members in good standing of Region may nominate."


def _nominated(bearer, electorate, election, post):
    response = post(
        bearer(electorate[3], name="nominator"),
        f"/api/v1/elections/{election.pk}/nominations/",
        {"candidate": electorate[0].number},
    )
    return response.json()["id"]


def test_second_marks_nomination_seconded(bearer, electorate, nominating, post):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    response = post(bearer(electorate[4]), f"/api/v1/candidates/{candidate_id}/second/")
    assert response.status_code == 200
    assert (response.json()["seconded"], response.json()["standing"]) == (True, False)
    assert Candidate.objects.get(pk=candidate_id).seconded_by == electorate[4]


def test_second_seconder_is_a_conflict(bearer, electorate, nominating, post):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    post(bearer(electorate[4]), f"/api/v1/candidates/{candidate_id}/second/")
    response = post(bearer(electorate[5]), f"/api/v1/candidates/{candidate_id}/second/")
    assert response.status_code == 409
    assert response.json()["detail"] == "This nomination has already been seconded."
    assert Candidate.objects.get(pk=candidate_id).seconded_by == electorate[4]


def test_second_by_the_proposer_is_forbidden(bearer, electorate, nominating, post):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    response = post(bearer(electorate[3]), f"/api/v1/candidates/{candidate_id}/second/")
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "A nomination must be seconded by someone other than its proposer and the candidate."
    )


def test_accept_with_statement_makes_candidate_stand(bearer, electorate, nominating, post):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    post(bearer(electorate[4]), f"/api/v1/candidates/{candidate_id}/second/")
    response = post(
        bearer(electorate[0]),
        f"/api/v1/candidates/{candidate_id}/accept/",
        {"statement": "  For a fighting branch. "},
    )
    assert response.status_code == 200
    assert (response.json()["standing"], response.json()["statement"]) == (
        True,
        "For a fighting branch.",
    )


def test_accept_by_someone_else_is_forbidden(bearer, electorate, nominating, post):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    response = post(bearer(electorate[5]), f"/api/v1/candidates/{candidate_id}/accept/", {})
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the candidate can accept their nomination."


def test_accept_with_statement_not_a_string_is_a_bad_request(bearer, electorate, nominating, post):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    response = post(
        bearer(electorate[0]), f"/api/v1/candidates/{candidate_id}/accept/", {"statement": 5}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "“statement” must be a string."


def test_withdraw_marks_nomination_withdrawn(bearer, electorate, nominating, post):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    response = post(bearer(electorate[0]), f"/api/v1/candidates/{candidate_id}/withdraw/")
    assert response.status_code == 200
    assert response.json()["withdrawn"] is True


def test_withdraw_after_voting_opens_is_a_conflict(bearer, electorate, voting, post):
    _election, candidates = voting
    response = post(bearer(electorate[0]), f"/api/v1/candidates/{candidates[0].pk}/withdraw/")
    assert response.status_code == 409
    assert response.json()["detail"] == "Voting has opened: the ballot paper can no longer change."


def test_candidate_outside_caller_bodies_is_not_found(
    bearer, electorate, nominating, tree, make_member, post
):
    candidate_id = _nominated(bearer, electorate, nominating, post)
    outsider = make_member(tree["far"])
    response = post(bearer(outsider), f"/api/v1/candidates/{candidate_id}/second/")
    missing = post(bearer(outsider, name="again"), "/api/v1/candidates/999999/second/")
    assert (response.status_code, missing.status_code) == (404, 404)
    assert response.json() == missing.json()
    assert response.json()["detail"] == "There is no such nomination, or it is not open to you."
