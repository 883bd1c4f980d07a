from django.core import mail
from django.urls import reverse

from newcourse.record.models import RecordEntry


def test_login_with_wrong_password_says_so(client, django_user_model):
    django_user_model.objects.create_user(
        email="a@example.org", full_name="A", password="right-pw-123"
    )
    response = client.post(reverse("login"), {"username": "a@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert b"do not match" in response.content


def test_login_with_email_and_password(client, django_user_model):
    django_user_model.objects.create_user(
        email="a@example.org", full_name="A", password="right-pw-123"
    )
    response = client.post(
        reverse("login"), {"username": "a@example.org", "password": "right-pw-123"}
    )
    assert response.status_code == 302


def test_password_reset_sends_link(client, django_user_model, mail_worker):
    django_user_model.objects.create_user(
        email="a@example.org", full_name="A", password="pw-123456"
    )
    client.post(reverse("password_reset"), {"email": "a@example.org"})
    mail_worker()
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_never_reaches_the_record(client, db, tree, make_member):
    member = make_member(tree["north"])
    member.person.set_password("secret-words-42")
    member.person.save()
    dumped = "".join(str(e.payload) for e in RecordEntry.objects.all())
    assert "secret-words-42" not in dumped
    assert "pbkdf2" not in dumped
