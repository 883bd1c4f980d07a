"""Guessing API tokens from one address is answered 429, as problem details."""

from django.test import Client

from newcourse.accounts import throttle
from newcourse.accounts.models import FailedAttempt
from newcourse.accounts.tokens import api_token_create


def test_guessing_tokens_is_refused_with_429(electorate):
    _row, token = api_token_create(email=electorate[0].person.email, name="phone")
    for n in range(throttle.API_TOKEN.address.free):
        guess = Client(REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION=f"Bearer nc_guess{n}")
        assert guess.get("/api/v1/bodies/").status_code == 401
    right = Client(REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION=f"Bearer {token}")
    response = right.get("/api/v1/bodies/")
    assert response.status_code == 429
    assert response.json() == {
        "type": "/api/v1/problems/too-many-attempts",
        "title": "Too many attempts",
        "status": 429,
        "detail": "Too many attempts; try again in 1 minute.",
    }
    assert 0 < int(response["Retry-After"]) <= 30


def test_guessing_from_one_address_does_not_stop_another(electorate):
    for n in range(40):
        Client(REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION=f"Bearer nc_{n}").get(
            "/api/v1/bodies/"
        )
    _row, token = api_token_create(email=electorate[0].person.email, name="phone")
    response = Client(REMOTE_ADDR="198.51.100.20", HTTP_AUTHORIZATION=f"Bearer {token}").get(
        "/api/v1/bodies/"
    )
    assert response.status_code == 200
    assert FailedAttempt.objects.count() == throttle.API_TOKEN.address.free
