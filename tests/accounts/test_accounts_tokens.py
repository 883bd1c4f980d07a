"""API tokens expire, die with the password they were made under, and are on the record."""

import datetime

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from newcourse.accounts.models import ApiToken
from newcourse.accounts.tokens import api_token_create, api_token_revoke
from newcourse.record.models import RecordEntry

BODIES = "/api/v1/bodies/"


def bearer(token):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_token_expires_after_the_configured_days(make_member, tree, settings):
    settings.NEWCOURSE_API_TOKEN_DAYS = 30
    member = make_member(tree["north"])
    row, _token = api_token_create(email=member.person.email, name="phone")
    assert row.expires_at - row.created_at == datetime.timedelta(days=30)


def test_expired_token_is_refused(make_member, tree):
    member = make_member(tree["north"])
    row, token = api_token_create(email=member.person.email, name="phone")
    assert bearer(token).get(BODIES).status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=row.created_at)
    response = bearer(token).get(BODIES)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/not-authenticated"


def test_password_change_revokes_every_token(make_member, tree):
    member = make_member(tree["north"])
    member.person.set_password("old-password-1")
    member.person.save()
    _row, phone = api_token_create(email=member.person.email, name="phone")
    _row, laptop = api_token_create(email=member.person.email, name="laptop")
    client = Client()
    client.force_login(member.person)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "old-password-1",
            "new_password1": "a-new-long-one-77",
            "new_password2": "a-new-long-one-77",
        },
    )
    assert response.status_code == 302
    assert bearer(phone).get(BODIES).status_code == 401
    assert bearer(laptop).get(BODIES).status_code == 401


def test_password_reset_revokes_every_token(make_member, tree):
    member = make_member(tree["north"])
    _row, token = api_token_create(email=member.person.email, name="phone")
    uid = urlsafe_base64_encode(force_bytes(member.person.pk))
    link = reverse(
        "password_reset_confirm", args=[uid, default_token_generator.make_token(member.person)]
    )
    client = Client()
    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-one-77", "new_password2": "a-new-long-one-77"},
    )
    assert response.status_code == 302
    assert bearer(token).get(BODIES).status_code == 401


def test_other_saves_keep_the_tokens(make_member, tree):
    member = make_member(tree["north"])
    _row, token = api_token_create(email=member.person.email, name="phone")
    member.person.full_name = "New Name"
    member.person.save()
    assert bearer(token).get(BODIES).status_code == 200


def test_token_creation_and_revocation_are_on_the_record_without_the_token(make_member, tree):
    member = make_member(tree["north"])
    row, token = api_token_create(email=member.person.email, name="phone")
    api_token_revoke(email=member.person.email, name="phone")
    created, revoked = RecordEntry.objects.filter(action__startswith="api_token.")
    assert (created.action, created.actor, created.subject) == (
        "api_token.created",
        "operator:cli",
        f"person:{member.person.pk}",
    )
    assert created.payload == {"name": "phone", "expires_at": row.expires_at.isoformat()}
    assert (revoked.action, revoked.payload) == ("api_token.revoked", {"name": "phone"})
    dumped = str(created.payload) + str(revoked.payload)
    assert token not in dumped
    assert row.token_hash not in dumped


def test_disabling_a_password_revokes_every_token(make_member, tree):
    """The operator's "set unusable password" does not go through set_password: the tokens
    made with the old password go all the same."""
    member = make_member(tree["north"])
    api_token_create(email=member.person.email, name="phone")
    person = type(member.person).objects.get(pk=member.person.pk)
    person.set_unusable_password()
    person.save()
    assert not person.api_tokens.exists()
