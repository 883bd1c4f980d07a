"""API fixtures: elections whose timetable runs in real time, since the API has no `now`;
and the check that every response an API test receives is one /api/v1/openapi.json describes."""

import datetime
import functools
import json

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import Client
from django.utils import timezone
from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.testing import MockRequest, MockResponse
from openapi_schema_validator import OAS31Validator

from newcourse.accounts.tokens import api_token_create
from newcourse.api.openapi import openapi_description
from newcourse.api.problems import PROBLEM_MEDIA_TYPE
from newcourse.elections import services
from newcourse.offices import services as office_services

API = "/api/v1/"

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def electorate(tree, make_member):
    """Six members of the region's branches."""
    return [make_member(tree["north" if n % 2 else "south"], name=f"Voter {n}") for n in range(6)]


@pytest.fixture
def office(tree):
    return office_services.office_create(
        actor="system:test", body=tree["region"], title="Committee", kind="committee", seats=2
    )


def stand(election, electorate, at, count=3):
    """Voters 0..count-1 nominated by Voter 3, seconded by Voter 4, accepted."""
    candidates = []
    for n in range(count):
        candidate = services.candidate_nominate(
            nominator=electorate[3], election=election, candidate=electorate[n], now=at
        )
        services.candidate_second(seconder=electorate[4], candidate=candidate, now=at)
        candidates.append(
            services.candidate_accept(
                member=electorate[n], candidate=candidate, statement=f"I am {n}", now=at
            )
        )
    return candidates


@pytest.fixture
def nominating(office, electorate):
    """Nominations open now; voting opens in a day."""
    now = timezone.now()
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - HOUR,
        nominations_close_at=now + 24 * HOUR,
        voting_opens_at=now + 24 * HOUR,
        voting_closes_at=now + 48 * HOUR,
    )
    return services.election_advance(election=election)


@pytest.fixture
def voting(office, electorate):
    """Voting open now, with Voters 0, 1 and 2 standing for two seats."""
    now = timezone.now()
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - 3 * HOUR,
        nominations_close_at=now - HOUR,
        voting_opens_at=now - HOUR,
        voting_closes_at=now + 24 * HOUR,
    )
    services.election_advance(election=election, now=now - 2 * HOUR)
    candidates = stand(election, electorate, now - 2 * HOUR)
    return services.election_advance(election=election), candidates


@pytest.fixture
def declared(office, electorate):
    """An election that closed an hour ago: five ballots cast, counted and declared."""
    now = timezone.now()
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - 5 * HOUR,
        nominations_close_at=now - 4 * HOUR,
        voting_opens_at=now - 4 * HOUR,
        voting_closes_at=now - HOUR,
    )
    services.election_advance(election=election, now=now - 4.5 * HOUR)
    candidates = stand(election, electorate, now - 4.5 * HOUR)
    services.election_advance(election=election, now=now - 3 * HOUR)
    ids = [str(c.pk) for c in candidates]
    rankings = [ids, ids[::-1], [ids[1]], [ids[0], ids[2]], [ids[2], ids[0]]]
    receipts = [
        services.ballot_cast(
            election=election, member=electorate[n], choices=ranking, now=now - 3 * HOUR
        )
        for n, ranking in enumerate(rankings)
    ]
    return services.election_advance(election=election), candidates, receipts


@pytest.fixture
def rulebook_parameters():
    """The API tests' organisation: a recall needs 40% of the electorate."""
    return {"recall.threshold": "40%"}


@pytest.fixture
def officer_term(tree, electorate):
    """Voter 0 is the region's Treasurer by its founding act; a recall needs 40%."""
    office = office_services.office_create(
        actor="system:test", body=tree["region"], title="Treasurer"
    )
    (term,) = office_services.term_record_founding(
        actor="system:test", office=office, members=[electorate[0]]
    )
    return term


@pytest.fixture
def as_member(client):
    """A client logged in (by session) as `member`."""

    def login(member):
        client.force_login(member.person)
        return client

    return login


@pytest.fixture
def bearer(db):
    """A client that sends a fresh token for `member`, and enforces CSRF as a browser would."""

    def make(member, name="test"):
        _row, token = api_token_create(email=member.person.email, name=name)
        return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")

    return make


@pytest.fixture
def post():
    """POST `data` as JSON (nothing when None) with `client`."""

    def send(client, url, data=None, **extra):
        body = "" if data is None else json.dumps(data)
        return client.post(url, data=body, content_type="application/json", **extra)

    return send


# Conformance to the OpenAPI description --------------------------------------------------


@functools.cache
def described_api() -> OpenAPI:
    """The description exactly as /api/v1/openapi.json serves it (dates and all as JSON)."""
    served = json.loads(JsonResponse(openapi_description()).content)
    # openapi-core reads only application/json as JSON unless told of other JSON media types.
    config = Config(extra_media_type_deserializers={PROBLEM_MEDIA_TYPE: json.loads})
    return OpenAPI.from_dict(served, config=config)


def assert_conforms(response: HttpResponse) -> None:
    """Fail unless `response` is one the description documents for its request: the status is
    listed for the operation, the media type too, and the body validates against the schema.

    A path or method the description does not have must be answered with problem details
    (404 or 405). Responses outside /api/v1/ (pages) are not the API's and are let through.
    """
    request = response.wsgi_request
    if not request.path.startswith(API):
        return
    content_type = response.get("Content-Type", "")
    openapi_request = MockRequest(
        "http://testserver", request.method, request.path, args=request.GET.dict()
    )
    openapi_response = MockResponse(
        response.content,
        status_code=response.status_code,
        headers=dict(response.items()),
        content_type=content_type,
    )
    try:
        described_api().validate_response(openapi_request, openapi_response)
    except PathError:
        assert response.status_code in (404, 405), (request.method, request.path)
        assert content_type == PROBLEM_MEDIA_TYPE
        problem = described_api().spec / "components" / "schemas" / "Problem"
        with problem.resolve() as resolved:
            OAS31Validator(resolved.contents).validate(json.loads(response.content))


@pytest.fixture
def conforms():
    """The check every API test's responses go through, for testing the check itself."""
    return assert_conforms


@pytest.fixture(autouse=True)
def responses_conform(monkeypatch):
    """Every response any API test's client receives is checked against the description, so a
    test that passes has also shown the description true for what it saw."""
    send = Client.request

    def request_and_check(self, **request):
        response = send(self, **request)
        assert_conforms(response)
        return response

    monkeypatch.setattr(Client, "request", request_and_check)
