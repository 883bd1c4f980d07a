"""Schemathesis sends requests generated from /api/v1/openapi.json, valid and invalid, to the
WSGI application in-process, as a member holding a token, in a small organisation with an
election in each state; every answer must be documented, conform to its schema and never be a
server error."""

import datetime
import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from newcourse.accounts.tokens import api_token_create
from newcourse.elections import services
from newcourse.elections.models import Candidate, Election, RecallPetition
from newcourse.offices import services as office_services
from newcourse.offices.models import Office, Term
from newcourse.organisation.models import Body

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]
UNKNOWN = 999_999
# Per operation and mode (valid, invalid): enough to find what is wrong, well under a minute.
EXAMPLES = 10
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def organisation(
    tree,
    electorate,
    declared,
    voting_election,
    officer_term,
    tellers,
    schedule_verifiable,
    open_verifiable,
):
    """One of everything the API shows: elections declared, voting and taking nominations, a
    verifiable one voting, an officer's term and an open recall petition against it."""
    now = timezone.now()
    chair = office_services.office_create(actor="system:test", body=tree["region"], title="Chair")
    services.election_advance(
        election=services.election_schedule(
            actor="system:test",
            office=chair,
            nominations_open_at=now - HOUR,
            nominations_close_at=now + 24 * HOUR,
            voting_opens_at=now + 24 * HOUR,
            voting_closes_at=now + 48 * HOUR,
        )
    )
    voting_election(
        tree["region"],
        candidates=electorate[:3],
        proposer=electorate[3],
        seconder=electorate[4],
        title="Secretary",
    )
    open_verifiable(schedule_verifiable(title="Auditor"))
    services.recall_open(member=electorate[1], term=officer_term, reason="Never at meetings.")


def _narrowed(spec: dict, ids: dict[str, list]) -> dict:
    """The description with each path parameter drawn from the seeded objects (and one that
    does not exist), so that requests reach real elections rather than only 404s."""
    for item in spec["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in ids:
                    parameter["schema"] = {**parameter["schema"], "enum": ids[parameter["name"]]}
    return spec


@pytest.fixture
def wsgi_application():
    """The project's WSGI application, keeping the database connection open between requests
    as Django's test client does: closing it would end the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schemas(organisation, wsgi_application):
    """For each mode, the description requests are generated from: valid requests name the
    seeded objects; invalid ones are made from the description as served, since an id left out
    of the narrowed one may still exist (a petition opened during the run)."""
    # Read through the WSGI application too: Django's test client would reconnect the signals.
    served = WsgiClient(wsgi_application).get("/api/v1/openapi.json").get_data()
    ids = {
        "election_id": [*Election.objects.values_list("pk", flat=True), UNKNOWN],
        "office_id": [*Office.objects.values_list("pk", flat=True), UNKNOWN],
        "candidate_id": [*Candidate.objects.values_list("pk", flat=True), UNKNOWN],
        "petition_id": [*RecallPetition.objects.values_list("pk", flat=True), UNKNOWN],
        "term_id": [*Term.objects.values_list("pk", flat=True), UNKNOWN],
        "slug": [*Body.objects.values_list("slug", flat=True), "nowhere"],
    }
    schemas = {
        GenerationMode.POSITIVE: schemathesis.openapi.from_dict(_narrowed(json.loads(served), ids)),
        GenerationMode.NEGATIVE: schemathesis.openapi.from_dict(json.loads(served)),
    }
    for schema in schemas.values():
        # What `schemathesis.openapi.from_wsgi` does after loading: call this application.
        schema.app = wsgi_application
    return schemas


@pytest.fixture
def token(electorate):
    """Voter 3 of North: a member of the region, who nominated the candidates."""
    _row, token = api_token_create(email=electorate[3].person.email, name="schemathesis")
    return token


@pytest.mark.slow
def test_api_answers_every_generated_request_as_described(api_schemas, token):
    failures = []
    for mode, schema in api_schemas.items():
        for result in schema.get_all_operations():
            operation = result.ok()

            # schemathesis's own pytest integration (`from_fixture(...).parametrize()`) does not
            # run under pytest 9.2, so each operation is a plain Hypothesis test here.
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def answers_as_described(case):
                case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

            try:
                answers_as_described()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # nothing to send wrong, as for openapi.json
            except (Exception, FailureGroup) as failure:  # report every operation's, not one
                failures.append(f"{mode} {operation.label}: {failure}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
