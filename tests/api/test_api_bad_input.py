"""Malformed requests are refused as problem details, never an HTML page or a 500: a lone
surrogate (as a JSON escape or as bytes that are not UTF-8), a NUL character, a field longer
than its limit, a body over DATA_UPLOAD_MAX_MEMORY_SIZE and JSON nested past any sane depth,
each sent to every endpoint that takes a body. Every response is also checked against the
OpenAPI description (tests/api/conftest.py)."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from newcourse.elections import services
from newcourse.elections.models import Candidate, RecallPetition

PROBLEM = "application/problem+json"
ENDPOINTS = ["nominate", "second", "accept", "withdraw", "cast", "recall", "sign", "tellers"]


@pytest.fixture
def verifiable_voters(electorate):
    return electorate


@pytest.fixture
def endpoint(request, bearer, electorate):
    """(client, url) for the endpoint named by the test's parameter, with the objects that let
    the request reach the parsing of its body."""
    name = request.param
    need = request.getfixturevalue
    if name == "nominate":
        return bearer(electorate[2]), f"/api/v1/elections/{need('nominating').pk}/nominations/"
    if name in ("second", "accept", "withdraw", "cast"):
        election, candidates = need("voting")
        if name == "cast":
            return bearer(electorate[2]), f"/api/v1/elections/{election.pk}/ballots/"
        return bearer(electorate[0]), f"/api/v1/candidates/{candidates[0].pk}/{name}/"
    if name == "tellers":
        teller = need("tellers")[0]
        ceremony = need("schedule_verifiable")()
        return bearer(teller), f"/api/v1/elections/{ceremony.pk}/tellers/"
    term = need("officer_term")
    if name == "recall":
        return bearer(electorate[1]), f"/api/v1/terms/{term.pk}/recall/"
    petition = services.recall_open(member=electorate[1], term=term, reason="Absent")
    return bearer(electorate[2]), f"/api/v1/petitions/{petition.pk}/sign/"


def send(client, url, body: bytes):
    return client.generic("POST", url, body, content_type="application/json")


def assert_problem(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"] == f"/api/v1/problems/{code}"


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_a_lone_surrogate_escaped_in_json_is_bad_json(endpoint):
    client, url = endpoint
    body = b'{"candidate": "\\ud800", "statement": "\\ud800", "reason": "\\ud800", ' + (
        b'"ranking": ["\\ud800"], "kind": "\\ud800"}'
    )
    assert_problem(send(client, url, body), 400, "bad-json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_a_lone_surrogate_as_bytes_is_bad_json(endpoint):
    client, url = endpoint
    body = b'{"candidate": "\xed\xa0\x80", "statement": "\xed\xa0\x80", "reason": "\xed\xa0\x80"}'
    assert_problem(send(client, url, body), 400, "bad-json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_bytes_that_are_not_utf8_are_bad_json(endpoint):
    client, url = endpoint
    assert_problem(send(client, url, b'{"reason": "\xff\xfe"}'), 400, "bad-json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_a_nul_character_is_bad_json(endpoint):
    client, url = endpoint
    body = b'{"candidate": "1\\u0000", "statement": "\\u0000", "reason": "\\u0000"}'
    assert_problem(send(client, url, body), 400, "bad-json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_json_nested_a_hundred_thousand_deep_is_bad_json(endpoint):
    client, url = endpoint
    response = send(client, url, b"[" * 100_000 + b"]" * 100_000)
    assert_problem(response, 400, "bad-json")
    assert response.json()["detail"] == "The request body is nested too deeply."


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_json_nested_below_the_recursion_limit_but_past_the_api_limit_is_bad_json(endpoint):
    client, url = endpoint
    body = b'{"reason": "x", "deep": ' + b"[" * 500 + b"]" * 500 + b"}"
    response = send(client, url, body)
    assert_problem(response, 400, "bad-json")
    assert response.json()["detail"] == "The request body is nested too deeply."


@pytest.mark.parametrize("endpoint", ENDPOINTS, indirect=True)
def test_a_body_over_the_upload_limit_is_too_large(endpoint, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client, url = endpoint
    body = b'{"reason": "' + b"x" * 10_000 + b'"}'
    assert_problem(send(client, url, body), 413, "body-too-large")


@pytest.mark.parametrize("endpoint", ["tellers"], indirect=True)
def test_a_form_encoded_body_over_the_limit_with_a_session_is_too_large(endpoint, tellers):
    """A teller's file goes as `curl --data-binary` sends it, form-encoded: with a session, the
    CSRF check reads the form, and the limit is met there, before the view."""
    _bearer_client, url = endpoint
    client = Client(enforce_csrf_checks=True)
    client.force_login(tellers[0].person)
    client.cookies[django_settings.CSRF_COOKIE_NAME] = "a" * 32
    body = b"x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
    assert_problem(response, 413, "body-too-large")


def test_a_statement_longer_than_its_limit_is_invalid_input(bearer, electorate, voting, post):
    _election, candidates = voting
    candidate = Candidate.objects.get(pk=candidates[0].pk)
    Candidate.objects.filter(pk=candidate.pk).update(accepted_at=None)
    limit = Candidate._meta.get_field("statement").max_length
    response = post(
        bearer(electorate[0]),
        f"/api/v1/candidates/{candidate.pk}/accept/",
        {"statement": "x" * (limit + 1)},
    )
    assert_problem(response, 400, "invalid-input")
    assert response.json()["detail"] == f"“statement” is longer than {limit} characters."


def test_a_recall_reason_longer_than_its_limit_is_invalid_input(
    bearer, electorate, officer_term, post
):
    limit = RecallPetition._meta.get_field("reason").max_length
    response = post(
        bearer(electorate[1]),
        f"/api/v1/terms/{officer_term.pk}/recall/",
        {"reason": "x" * (limit + 1)},
    )
    assert_problem(response, 400, "invalid-input")
    assert not RecallPetition.objects.exists()


@pytest.mark.parametrize(
    "path", ["/api/v1/elections/?body=%00", "/api/v1/bodies/north/record/?page=1%00"]
)
def test_a_nul_in_a_query_parameter_is_invalid_input(as_member, tree, make_member, path):
    """PostgreSQL refuses a NUL in any text it is asked to compare: refused before a lookup."""
    response = as_member(make_member(tree["north"])).get(path)
    assert_problem(response, 400, "invalid-input")
