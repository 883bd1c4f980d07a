"""How many wrong tries a login, a password reset or an API token allows, and from where.

Refused tries are counted in the database (`FailedAttempt`), so every server process and
every host of one installation counts together. Each try is counted three ways, over a sliding
window (`WINDOW`): for the login and the address together (the pair), for the address alone
and for the login alone. Past a free allowance, each further try must wait a delay that doubles
with every failure, up to the window itself:

- the pair is held back hard: one address cannot go on guessing one member's password;
- the address alone is held back hard: one address cannot go on guessing many passwords;
- the login alone is held back only for addresses that have failed on it themselves. An
  attacker failing from anywhere therefore never stops the member, who logs in from an address
  that has not failed; when many addresses guess at one login, each failing one waits longer.

An address is the client's (`client_address`); an IPv6 address counts as its /64 network, which
one machine can usually choose addresses from at will.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import math
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from newcourse.refusals import TooManyAttempts

from .models import FailedAttempt

WINDOW = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class Allowance:
    """Failures allowed within the window before a delay, and the first delay."""

    free: int
    first_delay: datetime.timedelta


@dataclass(frozen=True)
class Scope:
    """What is counted together, and the allowances; a scope whose tries name no login (an
    API token) has no allowance for the pair or the login."""

    name: str
    address: Allowance
    pair: Allowance | None = None
    account: Allowance | None = None


SECONDS = datetime.timedelta(seconds=1)
# The member and operator logins share one scope: the same password opens both.
LOGIN = Scope(
    "login",
    pair=Allowance(5, 30 * SECONDS),
    address=Allowance(20, 30 * SECONDS),
    account=Allowance(10, 60 * SECONDS),
)
# Every reset request counts, right or wrong: each one sends the member an email.
PASSWORD_RESET = Scope(
    "password-reset",
    pair=Allowance(3, 60 * SECONDS),
    address=Allowance(10, 60 * SECONDS),
    account=Allowance(3, 60 * SECONDS),
)
# A token names no login until it is known to be right: only its address counts.
API_TOKEN = Scope("api-token", address=Allowance(20, 30 * SECONDS))


def client_address(request: HttpRequest) -> str:
    """The client's address: the connection's, or behind a proxy (`NEWCOURSE_BEHIND_PROXY`)
    the last one the proxy added to X-Forwarded-For; the ones before it are the client's own
    word. IPv6 addresses are cut to their /64 network."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.NEWCOURSE_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        address = forwarded.rsplit(",", 1)[-1].strip() or address
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _hashed(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def _wait(
    failures: list[datetime.datetime], allowance: Allowance | None, now: datetime.datetime
) -> int:
    """Seconds until the next try is allowed, after `failures` (newest first)."""
    if allowance is None or len(failures) < allowance.free:
        return 0
    # Doubling 16 times is past any window; more would only overflow.
    doublings = min(len(failures) - allowance.free, 16)
    delay = min(allowance.first_delay * 2**doublings, WINDOW)
    return max(0, math.ceil((failures[0] + delay - now).total_seconds()))


def attempt_reserved(
    *, scope: Scope, account: str, address: str, now: datetime.datetime | None = None
) -> None:
    """Count a try as failed before its password is checked, then refuse it (uncounted) with
    `TooManyAttempts` if it must wait. Counting first means tries sent in parallel count each
    other: of a burst, only the free allowance reaches the password check. A right password
    then forgets it (`attempts_forgotten`); a wrong one leaves it counted."""
    now = now or timezone.now()
    reserved = attempt_failed(scope=scope, account=account, address=address, now=now)
    try:
        attempts_check(scope=scope, account=account, address=address, now=now, not_=reserved.pk)
    except TooManyAttempts:
        reserved.delete()
        raise


def attempts_check(
    *,
    scope: Scope,
    account: str,
    address: str,
    now: datetime.datetime | None = None,
    not_: int | None = None,
) -> None:
    """Refuse with `TooManyAttempts` if a try at `account` from `address` must wait (counting
    every failure but the try's own reservation, `not_`)."""
    now = now or timezone.now()
    recent = (
        FailedAttempt.objects.filter(scope=scope.name, at__gt=now - WINDOW)
        .exclude(pk=not_)
        .order_by("-at")
    )
    account_key, address_key = _hashed(account), _hashed(address)
    on_account = list(recent.filter(account=account_key).values_list("at", "address"))
    pair = [at for at, failed_from in on_account if failed_from == address_key]
    from_address = list(recent.filter(address=address_key).values_list("at", flat=True))
    waits = [_wait(pair, scope.pair, now), _wait(from_address, scope.address, now)]
    if pair:
        waits.append(_wait([at for at, _from in on_account], scope.account, now))
    wait = max(waits)
    if wait:
        minutes = math.ceil(wait / 60)
        raise TooManyAttempts(
            ngettext(
                "Too many attempts; try again in %(minutes)d minute.",
                "Too many attempts; try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            retry_after=wait,
        )


def attempt_failed(
    *, scope: Scope, account: str, address: str, now: datetime.datetime | None = None
) -> FailedAttempt:
    """Count a refused try, and forget the tries that have left every window."""
    now = now or timezone.now()
    FailedAttempt.objects.filter(at__lte=now - WINDOW).delete()
    return FailedAttempt.objects.create(
        scope=scope.name, account=_hashed(account), address=_hashed(address), at=now
    )


def attempts_forgotten(*, scope: Scope, account: str, address: str) -> None:
    """After a right password, this address's earlier wrong ones at this login no longer
    count: a member who mistyped a few times starts afresh."""
    FailedAttempt.objects.filter(
        scope=scope.name, account=_hashed(account), address=_hashed(address)
    ).delete()
