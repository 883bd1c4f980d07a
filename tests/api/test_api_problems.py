"""Every refusal, a service's or the API's own, answers as RFC 9457 problem details."""

import json

from django.test import Client

from newcourse.api.problems import TITLES, problem_response
from newcourse.refusals import OutsideWindow, Refused

PROBLEM = "application/problem+json"


def test_problem_from_a_service_refusal_carries_its_code_and_message(bearer, electorate, voting):
    election, _candidates = voting
    response = bearer(electorate[5]).get(f"/api/v1/elections/{election.pk}/result/")
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "/api/v1/problems/outside-window",
        "title": "Not at this time",
        "status": 409,
        "detail": "The result has not been declared yet.",
    }


def test_problem_for_what_is_not_open_to_you_is_not_found(bearer, electorate):
    response = bearer(electorate[0]).get("/api/v1/elections/999999/")
    assert response.status_code == 404
    assert response.json() == {
        "type": "/api/v1/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "There is no such election, or it is not open to you.",
    }


def test_problem_without_login_keeps_the_bearer_challenge(db):
    response = Client().get("/api/v1/bodies/")
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"] == 'Bearer realm="newcourse"'
    assert response.json() == {
        "type": "/api/v1/problems/not-authenticated",
        "title": "Not authenticated",
        "status": 401,
        "detail": "Log in, or send an API token as “Authorization: Bearer TOKEN”.",
    }


def test_problem_for_a_wrong_method_names_the_allowed_ones(bearer, electorate):
    response = bearer(electorate[0]).put("/api/v1/bodies/")
    assert response["Allow"] == "GET"
    assert response.json() == {
        "type": "/api/v1/problems/method-not-allowed",
        "title": "Method not allowed",
        "status": 405,
        "detail": "Use GET here.",
    }


def test_problem_for_a_body_that_is_not_an_object_is_bad_json(bearer, electorate, nominating):
    response = bearer(electorate[3]).post(
        f"/api/v1/elections/{nominating.pk}/nominations/",
        data="[1]",
        content_type="application/json",
    )
    assert response.json() == {
        "type": "/api/v1/problems/bad-json",
        "title": "Bad JSON",
        "status": 400,
        "detail": "The request body must be a JSON object.",
    }


def test_problem_for_a_session_post_without_csrf_token_is_csrf_failed(electorate, nominating):
    client = Client(enforce_csrf_checks=True)
    client.force_login(electorate[3].person)
    response = client.post(
        f"/api/v1/elections/{nominating.pk}/nominations/", data="{}", content_type="text/plain"
    )
    assert (response.status_code, response.json()["type"]) == (
        403,
        "/api/v1/problems/csrf-failed",
    )


def test_problem_for_an_unknown_path_is_unknown_path(db):
    response = Client().get("/api/v1/nothing/")
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "/api/v1/problems/unknown-path",
        "title": "Unknown path",
        "status": 404,
        "detail": "There is no such API endpoint. See /api/v1/openapi.json.",
    }


def test_problem_title_of_a_code_without_one_is_the_status_phrase(db):
    class Adjourned(OutsideWindow):
        code = "adjourned"

    response = problem_response(Adjourned("The meeting is adjourned."))
    assert (response.status_code, json.loads(response.content)) == (
        409,
        {
            "type": "/api/v1/problems/adjourned",
            "title": "Conflict",
            "status": 409,
            "detail": "The meeting is adjourned.",
        },
    )


def test_problem_from_a_bare_refusal_is_a_bad_request(db):
    response = problem_response(Refused("No."))
    assert json.loads(response.content) == {
        "type": "/api/v1/problems/refused",
        "title": "Refused",
        "status": 400,
        "detail": "No.",
    }


def test_problem_for_a_path_with_a_newline_is_unknown_path_not_a_page(db):
    response = Client().get("/api/v1/bodies/a%0Ab/")
    assert (response.status_code, response["Content-Type"], response.json()["type"]) == (
        404,
        PROBLEM,
        "/api/v1/problems/unknown-path",
    )


def _tree(refusal: type[Refused]) -> list[type[Refused]]:
    return [refusal, *(c for sub in refusal.__subclasses__() for c in _tree(sub))]


def test_problem_title_exists_for_every_code_in_the_tree_of_refusals():

    codes = {r.code for r in _tree(Refused) if not r.__module__.startswith("test")}
    assert codes - set(TITLES) == set()
