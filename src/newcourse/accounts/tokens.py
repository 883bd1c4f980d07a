"""API tokens: created and revoked by the operator, checked on every bearer request.

A token is shown once; the database keeps only its SHA-256 hash. It expires after
`NEWCOURSE_API_TOKEN_DAYS` days (90 unless set), its creation and revocation are on the open
record (its name and expiry, never the token), and changing the password revokes every token
of the login (`User.save`).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.accounts.models import ApiToken, User
from newcourse.record.services import record_append
from newcourse.refusals import InvalidInput

TOKEN_PREFIX = "nc_"  # noqa: S105 - a marker for secret scanners, not a secret
# Marking a token used costs a write; once a minute is enough to tell a live one.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
# Tokens are made and revoked by the operator only (`newcourse token`), never from a page.
OPERATOR = "operator:cli"


class TokenRefused(InvalidInput):
    """A token could not be created or revoked; `message` says why."""

    code = "token-refused"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise TokenRefused(
            _("There is no login with the email address %(email)s.") % {"email": email}
        )
    return user


def api_token_create(*, email: str, name: str) -> tuple[ApiToken, str]:
    """Create a token for the login with `email`; returns it and the token, shown only now."""
    name = name.strip()
    if not name:
        raise TokenRefused(_("Give the token a name."))
    user = _user(email)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    expires_at = now + datetime.timedelta(days=settings.NEWCOURSE_API_TOKEN_DAYS)
    try:
        with transaction.atomic():
            row = ApiToken.objects.create(
                user=user,
                name=name,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=expires_at,
            )
            record_append(
                actor=OPERATOR,
                action="api_token.created",
                subject=f"person:{user.pk}",
                payload={"name": name, "expires_at": expires_at.isoformat()},
            )
    except IntegrityError as error:
        raise TokenRefused(
            _("%(email)s already has a token called “%(name)s”: revoke it or choose another name.")
            % {"email": user.email, "name": name}
        ) from error
    return row, token


def api_token_revoke(*, email: str, name: str) -> None:
    """Delete the named token of the login with `email`; programs using it are refused at once."""
    user = _user(email)
    with transaction.atomic():
        deleted, _counts = ApiToken.objects.filter(user=user, name=name.strip()).delete()
        if not deleted:
            raise TokenRefused(
                _("%(email)s has no token called “%(name)s”.") % {"email": user.email, "name": name}
            )
        record_append(
            actor=OPERATOR,
            action="api_token.revoked",
            subject=f"person:{user.pk}",
            payload={"name": name.strip()},
        )


def api_token_user(token: str) -> User | None:
    """The active login an unexpired token belongs to, or None; notes when the token was last
    used."""
    now = timezone.now()
    row = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(token.strip()), expires_at__gt=now)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
