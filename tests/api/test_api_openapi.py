import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern
from jsonschema.exceptions import ValidationError
from openapi_core.exceptions import OpenAPIError
from openapi_spec_validator import validate

from newcourse.api import urls


def _documented_path(pattern: URLPattern) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))


def _endpoints() -> list[URLPattern]:
    return [p for p in urls.urlpatterns if p.name != "api_not_found"]


def test_openapi_is_public_json_with_required_keys(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = json.loads(response.content)
    assert spec["openapi"] == "3.1.0"
    assert {"openapi", "info", "paths"} <= set(spec)
    assert {"title", "version"} <= set(spec["info"])
    assert spec["servers"] == [{"url": "/api/v1"}]


def test_openapi_describes_every_endpoint_and_no_other(db):
    spec = Client().get("/api/v1/openapi.json").json()
    assert sorted(_documented_path(p) for p in _endpoints()) == sorted(spec["paths"])


def test_openapi_describes_each_endpoint_methods(db):
    spec = Client().get("/api/v1/openapi.json").json()
    documented = {path: set(item) for path, item in spec["paths"].items()}
    post_routes = {
        "api_nominate",
        "api_cast",
        "api_second",
        "api_accept",
        "api_withdraw",
        "api_recall_open",
        "api_sign",
        "api_teller_submit",
        "api_credentials_upload",
        "api_rule_change_vote",
        "api_amendment_accept",
        "api_composite_answer",
        "api_credential_review",
        "api_credential_challenge",
        "api_credential_stand_down",
        "api_priorities_vote",
        "api_floor_take_up",
        "api_floor_check_in",
        "api_floor_check_out",
        "api_floor_votes",
        "api_floor_vote_cast",
        "api_floor_vote_close",
        "api_floor_vote_demand",
        "api_floor_declare",
        "api_floor_speakers",
        "api_floor_speakers_next",
        "api_floor_speakers_end",
        "api_floor_speakers_rules",
        "api_floor_speaker_act",
        "api_tendency_sign",
        "api_tendency_withdraw",
        "api_tendency_dissolve",
        "api_action_update",
    }
    get_and_post_routes = {
        "api_rule_changes",
        "api_body_conferences",
        "api_body_programme",
        "api_conference_motions",
        "api_motion_amendments",
        "api_conference_committees",
        "api_conference_rulings",
        "api_conference_composites",
        "api_conference_agenda",
        "api_conference_decisions",
        "api_conference_instructions",
        "api_conference_priorities",
        "api_conference_floor",
        "api_body_tendencies",
    }
    for pattern in _endpoints():
        expected = {"post"} if pattern.name in post_routes else {"get"}
        if pattern.name in get_and_post_routes:
            expected = {"get", "post"}
        assert documented[_documented_path(pattern)] == expected, pattern.name


def test_openapi_is_valid(db):
    validate(Client().get("/api/v1/openapi.json").json())


def test_conformance_check_fails_when_a_body_is_outside_the_schema(bearer, electorate, conforms):
    response = bearer(electorate[0]).get("/api/v1/bodies/")
    response.content = json.dumps({"bodies": "all of them"}).encode()
    with pytest.raises(OpenAPIError):
        conforms(response)


def test_conformance_check_fails_when_a_status_is_not_documented(bearer, electorate, conforms):
    response = bearer(electorate[0]).get("/api/v1/bodies/")
    response.status_code = 418
    with pytest.raises(OpenAPIError):
        conforms(response)


def test_conformance_check_fails_when_a_refusal_is_not_problem_details(db, conforms):
    response = Client().get("/api/v1/bodies/")
    response.content = json.dumps({"error": "Log in."}).encode()
    with pytest.raises(OpenAPIError):
        conforms(response)


def test_conformance_check_fails_when_an_unknown_path_answers_otherwise(db, conforms):
    response = Client().get("/api/v1/nothing/")
    response.content = json.dumps({"error": "Nothing here."}).encode()
    with pytest.raises(ValidationError):
        conforms(response)
