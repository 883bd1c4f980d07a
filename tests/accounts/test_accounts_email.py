"""Where email is not delivered, a password-reset link is never written to the server's log."""

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse

REFUSAL = "Password reset by email is not available here: ask an officer of your body."


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(
        email="a@example.org", full_name="A", password="pw-123456"
    )


@pytest.mark.parametrize("backend", ["console", "dummy"])
def test_password_reset_is_refused_when_email_is_not_delivered(
    member, settings, capsys, backend, mail_worker
):
    settings.EMAIL_BACKEND = f"django.core.mail.backends.{backend}.EmailBackend"
    response = Client().post(reverse("password_reset"), {"email": "a@example.org"})
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    mail_worker()
    assert "/accounts/reset/" not in capsys.readouterr().out
    assert mail.outbox == []


def test_password_reset_page_says_so_before_asking(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    response = Client().get(reverse("password_reset"))
    assert REFUSAL in response.content.decode()
    assert 'name="email"' not in response.content.decode()


def test_password_reset_with_a_mail_server_sends_the_link(member, mail_worker):
    response = Client().post(reverse("password_reset"), {"email": "a@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []  # not inside the request: the worker sends it
    mail_worker()
    assert "/accounts/reset/" in mail.outbox[0].body


def test_check_warns_when_email_is_not_delivered(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert ours(run_checks(include_deployment_checks=True)) == ["newcourse.W001"]


def test_check_is_quiet_when_email_is_delivered(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert ours(run_checks(include_deployment_checks=True)) == []


def test_other_commands_are_not_told_at_every_run(settings):
    """The warning is for `check --deploy` and `serve`: a script's `record verify` or `count`
    keeps a clean standard error."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert ours(run_checks()) == []


def ours(messages):
    return [message.id for message in messages if message.id.startswith("newcourse.")]
