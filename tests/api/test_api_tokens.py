from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from newcourse.accounts.models import ApiToken


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_token_create_prints_a_working_token_once(electorate):
    out, err = run("create", electorate[0].person.email, "--name", "phone")
    token = out.strip()
    assert token.startswith("nc_")
    assert "shown only now" in err
    assert ApiToken.objects.get(user=electorate[0].person).name == "phone"
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/bodies/")
    assert response.status_code == 200


def test_token_create_twice_with_one_name_is_refused(electorate):
    run("create", electorate[0].person.email)
    with pytest.raises(CommandError) as refused:
        run("create", electorate[0].person.email)
    assert refused.value.returncode == 2
    assert str(refused.value) == (
        f"{electorate[0].person.email} already has a token called “default”: revoke it or "
        "choose another name."
    )


def test_token_create_for_unknown_email_is_refused(db):
    with pytest.raises(CommandError) as refused:
        run("create", "nobody@example.org")
    assert refused.value.returncode == 2
    assert str(refused.value) == "There is no login with the email address nobody@example.org."


def test_token_revoke_stops_the_token(electorate):
    token = run("create", electorate[0].person.email, "--name", "phone")[0].strip()
    out, _err = run("revoke", electorate[0].person.email, "--name", "phone")
    assert out == f"Revoked the token “phone” of {electorate[0].person.email}.\n"
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/bodies/")
    assert response.status_code == 401


def test_token_revoke_of_unknown_name_is_refused(electorate):
    with pytest.raises(CommandError) as refused:
        run("revoke", electorate[0].person.email, "--name", "laptop")
    assert refused.value.returncode == 2
    assert str(refused.value) == f"{electorate[0].person.email} has no token called “laptop”."
