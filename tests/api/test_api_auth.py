import hashlib

from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from newcourse.accounts.models import ApiToken
from newcourse.accounts.tokens import api_token_create, api_token_revoke


def test_api_without_login_is_unauthorised(client, db):
    response = client.get("/api/v1/bodies/")
    assert response.status_code == 401
    assert (
        response.json()["detail"]
        == "Log in, or send an API token as “Authorization: Bearer TOKEN”."
    )
    assert response["WWW-Authenticate"] == 'Bearer realm="newcourse"'


def test_api_with_session_answers(as_member, electorate):
    response = as_member(electorate[0]).get("/api/v1/bodies/")
    assert response.status_code == 200
    assert [b["slug"] for b in response.json()["bodies"]] == [
        "international",
        "section",
        "region",
        "south",
    ]


def test_api_with_token_answers_and_notes_use(bearer, electorate):
    response = bearer(electorate[1]).get("/api/v1/bodies/")
    assert response.status_code == 200
    assert response.json()["bodies"][-1]["slug"] == "north"
    assert ApiToken.objects.get(user=electorate[1].person).last_used_at is not None


def test_api_with_unknown_token_is_unauthorised(db):
    response = Client(HTTP_AUTHORIZATION="Bearer nc_not-a-token").get("/api/v1/bodies/")
    assert response.status_code == 401
    assert response.json()["detail"] == (
        "The token is not valid: it is unknown, has expired or has been revoked."
    )


def test_api_with_other_scheme_is_unauthorised(db):
    response = Client(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz").get("/api/v1/bodies/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Send the token as “Authorization: Bearer TOKEN”."


def test_api_with_revoked_token_is_unauthorised(electorate):
    _row, token = api_token_create(email=electorate[0].person.email, name="phone")
    api_token_revoke(email=electorate[0].person.email, name="phone")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/bodies/")
    assert response.status_code == 401


def test_api_token_of_inactive_login_is_unauthorised(bearer, electorate):
    client = bearer(electorate[0])
    electorate[0].person.is_active = False
    electorate[0].person.save(update_fields=["is_active"])
    assert client.get("/api/v1/bodies/").status_code == 401


def test_api_token_is_stored_only_as_its_hash(electorate):
    row, token = api_token_create(email=electorate[0].person.email, name="phone")
    row.refresh_from_db()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ApiToken.objects.values_list().get(pk=row.pk))


def test_api_session_post_without_csrf_token_is_refused(electorate, nominating, post):
    client = Client(enforce_csrf_checks=True)
    client.force_login(electorate[3].person)
    response = post(client, f"/api/v1/elections/{nominating.pk}/nominations/", {"candidate": "x"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("The CSRF check failed")


def test_api_session_post_with_csrf_token_is_accepted(electorate, nominating, post):
    client = Client(enforce_csrf_checks=True)
    client.force_login(electorate[3].person)
    csrf = _csrf_cookie(client)
    response = post(
        client,
        f"/api/v1/elections/{nominating.pk}/nominations/",
        {"candidate": electorate[0].number},
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert response.status_code == 201


def _csrf_cookie(client):
    """Set the CSRF cookie as a page would, and return the token a page's form carries."""
    request = RequestFactory().get("/")
    token = get_token(request)
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    return token


def test_api_token_post_needs_no_csrf_token(bearer, electorate, nominating, post):
    response = post(
        bearer(electorate[3]),
        f"/api/v1/elections/{nominating.pk}/nominations/",
        {"candidate": electorate[0].number},
    )
    assert response.status_code == 201


def test_api_malformed_json_is_a_bad_request(bearer, electorate, nominating):
    response = bearer(electorate[3]).post(
        f"/api/v1/elections/{nominating.pk}/nominations/",
        data="{candidate: 1",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON: ")


def test_api_json_that_is_not_an_object_is_a_bad_request(bearer, electorate, nominating, post):
    response = post(bearer(electorate[3]), f"/api/v1/elections/{nominating.pk}/nominations/", [1])
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body must be a JSON object."


def test_api_wrong_method_is_not_allowed(bearer, electorate, nominating):
    response = bearer(electorate[3]).delete(f"/api/v1/elections/{nominating.pk}/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()["detail"] == "Use GET here."


def test_api_unknown_endpoint_is_json_not_found(db):
    response = Client().get("/api/v1/nothing/here/")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such API endpoint. See /api/v1/openapi.json."


def test_api_endpoint_without_its_slash_names_the_right_one(db):
    response = Client().get("/api/v1/bodies")
    assert response.status_code == 404
    assert (
        response.json()["detail"] == "There is no such API endpoint: did you mean /api/v1/bodies/?"
    )
