"""Wrong passwords are throttled per login and address, without locking the member out."""

import datetime

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse

from newcourse.accounts import throttle
from newcourse.accounts.models import FailedAttempt
from newcourse.refusals import TooManyAttempts

ATTACKER = "203.0.113.9"
MEMBER_AT_HOME = "198.51.100.20"
RIGHT = "right-pw-123"


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(
        email="a@example.org", full_name="A", password=RIGHT
    )


def log_in(address, password, email="a@example.org", url=None):
    return Client(REMOTE_ADDR=address).post(
        url or reverse("login"), {"username": email, "password": password}
    )


def time_passes(delta):
    """Move every counted failure into the past, as the clock moving forward would."""
    FailedAttempt.objects.update(at=F("at") - delta)


def test_forty_wrong_passwords_then_the_right_one_is_refused(member):
    for n in range(40):
        log_in(ATTACKER, f"guess-{n}")
    response = log_in(ATTACKER, RIGHT)
    assert response.status_code == 200
    assert "Too many attempts; try again in 1 minute." in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_only_the_free_tries_reach_the_password_check(member):
    for n in range(40):
        log_in(ATTACKER, f"guess-{n}")
    assert FailedAttempt.objects.count() == throttle.LOGIN.pair.free


def test_the_member_from_another_address_still_gets_in(member):
    for n in range(40):
        log_in(ATTACKER, f"guess-{n}")
    response = log_in(MEMBER_AT_HOME, RIGHT)
    assert response.status_code == 302


def test_the_limit_resets_after_the_window(member):
    for n in range(40):
        log_in(ATTACKER, f"guess-{n}")
    time_passes(throttle.WINDOW)
    assert log_in(ATTACKER, RIGHT).status_code == 302


def test_the_delay_doubles_with_each_failure_past_the_free_ones(member):
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    args = {"scope": throttle.LOGIN, "account": "a@example.org", "address": ATTACKER}
    for n in range(throttle.LOGIN.pair.free + 2):
        throttle.attempt_failed(**args, now=now + datetime.timedelta(seconds=n))
    last = now + datetime.timedelta(seconds=throttle.LOGIN.pair.free + 1)
    with pytest.raises(TooManyAttempts) as refused:
        throttle.attempts_check(**args, now=last)
    assert refused.value.retry_after == 120  # 30 s doubled for each of the 2 failures past 5
    throttle.attempts_check(**args, now=last + datetime.timedelta(seconds=120))


def test_a_right_password_forgets_the_earlier_wrong_ones(member):
    for n in range(4):
        log_in(ATTACKER, f"guess-{n}")
    assert log_in(ATTACKER, RIGHT).status_code == 302
    assert FailedAttempt.objects.count() == 0


def test_one_address_guessing_many_logins_is_refused(django_user_model):
    for n in range(25):
        django_user_model.objects.create_user(
            email=f"m{n}@example.org", full_name="M", password=RIGHT
        )
    for n in range(25):
        log_in(ATTACKER, "password1", email=f"m{n}@example.org")
    response = log_in(ATTACKER, RIGHT, email="m24@example.org")
    assert "Too many attempts" in response.content.decode()
    assert log_in(MEMBER_AT_HOME, RIGHT, email="m24@example.org").status_code == 302


def test_many_addresses_guessing_one_login_do_not_stop_the_member(member):
    for n in range(60):
        log_in(f"192.0.2.{n}", f"guess-{n}")
    response = log_in(MEMBER_AT_HOME, RIGHT)
    assert response.status_code == 302


def test_an_address_that_failed_on_a_login_under_attack_waits_longer(member):
    for n in range(throttle.LOGIN.account.free):
        log_in(f"192.0.2.{n}", f"guess-{n}")
    log_in("192.0.2.200", "one-guess")
    response = log_in("192.0.2.200", RIGHT)
    assert "Too many attempts" in response.content.decode()


def test_an_ipv6_attacker_cannot_escape_by_changing_address_within_its_network(member):
    for n in range(40):
        log_in(f"2001:db8:1:2::{n + 1:x}", f"guess-{n}")
    response = log_in("2001:db8:1:2::ffff", RIGHT)
    assert "Too many attempts" in response.content.decode()


def test_behind_a_proxy_the_client_is_the_last_forwarded_address(member, settings):
    settings.NEWCOURSE_BEHIND_PROXY = True
    for n in range(40):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, {ATTACKER}").post(
            reverse("login"), {"username": "a@example.org", "password": f"guess-{n}"}
        )
    response = Client(
        REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{ATTACKER}, {MEMBER_AT_HOME}"
    ).post(reverse("login"), {"username": "a@example.org", "password": RIGHT})
    assert response.status_code == 302


def test_the_operator_login_counts_with_the_member_login(django_user_model):
    django_user_model.objects.create_superuser(
        email="op@example.org", full_name="Op", password=RIGHT
    )
    for n in range(3):
        log_in(ATTACKER, f"guess-{n}", email="op@example.org", url="/operator/login/")
    for n in range(3):
        log_in(ATTACKER, f"guess-{n}", email="op@example.org")
    response = log_in(ATTACKER, RIGHT, email="op@example.org", url="/operator/login/")
    assert response.status_code == 200
    assert "Too many attempts" in response.content.decode()


def test_password_reset_requests_are_throttled(member, mail_worker):
    accepted = [
        Client(REMOTE_ADDR=ATTACKER)
        .post(reverse("password_reset"), {"email": "a@example.org"})
        .status_code
        == 302
        for _n in range(10)
    ]
    mail_worker()
    assert sum(accepted) == throttle.PASSWORD_RESET.pair.free
    # Requests in the same second ask for the same link, which is mailed once.
    assert 1 <= len(mail.outbox) <= sum(accepted)
    response = Client(REMOTE_ADDR=ATTACKER).post(
        reverse("password_reset"), {"email": "a@example.org"}
    )
    assert "Too many attempts" in response.content.decode()


def test_a_thousand_failures_wait_no_longer_than_the_window(db):
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    args = {"scope": throttle.LOGIN, "account": "a@example.org", "address": ATTACKER}
    for _n in range(1000):
        throttle.attempt_failed(**args, now=now)
    with pytest.raises(TooManyAttempts) as refused:
        throttle.attempts_check(**args, now=now)
    assert refused.value.retry_after == throttle.WINDOW.total_seconds()
    assert refused.value.message == "Too many attempts; try again in 15 minutes."


def test_guessing_the_old_password_in_an_open_session_is_throttled(member):
    """Whoever holds a member's open session cannot try old passwords without limit."""
    client = Client(REMOTE_ADDR=ATTACKER)
    client.force_login(member)

    def change(old):
        return client.post(
            reverse("password_change"),
            {
                "old_password": old,
                "new_password1": "taken-over-99",
                "new_password2": "taken-over-99",
            },
        )

    for n in range(40):
        change(f"guess-{n}")
    response = change(RIGHT)
    assert response.status_code == 200
    assert "Too many attempts" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(RIGHT)


def test_of_a_burst_of_parallel_tries_only_the_free_ones_reach_the_password_check(member):
    """Sixteen wrong passwords sent at once (one per server thread) are each counted before
    any password is checked, so they count each other: only the free allowance gets through."""
    through = 0
    for _ in range(16):  # each reserved before any of their passwords is answered
        try:
            throttle.attempt_reserved(
                scope=throttle.LOGIN, account="a@example.org", address=ATTACKER
            )
        except TooManyAttempts:
            continue
        through += 1
    assert through == throttle.LOGIN.pair.free
