"""The API's due process: a body's figures and its cases' facts for anyone who may see the
body, with no name; a case's file for its parties and panel only, "not found" to anyone else."""

from __future__ import annotations

from django.test import Client
from tests.api.conftest import assert_conforms

from newcourse.accounts.tokens import api_token_create
from newcourse.discipline.models import Case
from newcourse.organisation.models import Body, Member


def get(member: Member, url: str):
    token = api_token_create(email=member.person.email, name="test")[1]
    response = Client().get(url, headers={"authorization": f"Bearer {token}"})
    assert_conforms(response)
    return response


def test_a_bodys_cases_carry_the_figures_and_no_name(
    heard_case: Case, tree: dict[str, Body], make_member, accused: Member
) -> None:
    onlooker = make_member(tree["north"])
    response = get(onlooker, f"/api/v1/bodies/{heard_case.body.slug}/cases/")

    data = response.json()
    assert response.status_code == 200
    assert data["statistics"]["filed"] == 1
    assert [case["id"] for case in data["cases"]] == [heard_case.pk]
    assert accused.person.full_name not in response.content.decode()
    assert heard_case.facts not in response.content.decode()


def test_the_case_file_is_the_parties_and_the_panels(
    heard_case: Case, accused: Member, complainant: Member, panel: list[Member], make_member, tree
) -> None:
    for member in (accused, complainant, panel[0]):
        response = get(member, f"/api/v1/cases/{heard_case.pk}/")
        assert response.status_code == 200
        assert response.json()["facts"] == heard_case.facts

    onlooker = make_member(tree["north"])
    refused = get(onlooker, f"/api/v1/cases/{heard_case.pk}/")
    assert refused.status_code == 404
    assert heard_case.facts not in refused.content.decode()


def test_a_year_that_is_not_one_is_refused(heard_case: Case, accused: Member) -> None:
    response = get(accused, f"/api/v1/bodies/{heard_case.body.slug}/cases/?year=last")
    assert response.status_code == 400
