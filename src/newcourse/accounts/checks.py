"""`newcourse check --deploy` warns of an installation that cannot mail (and `newcourse serve`
says so as it starts): a deployment check, so that every other command's output stays clean."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

from .email import email_delivers


@register(deploy=True)
def email_is_delivered(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if email_delivers():
        return []
    return [
        Warning(
            f"Email is not delivered: the email backend is {settings.EMAIL_BACKEND}.",
            hint=(
                "Name a mail server in NEWCOURSE_EMAIL_HOST (with _PORT, _USER, _PASSWORD): "
                "until then password reset by email is refused and members must ask an officer "
                "to set a password. See docs/deploy.md."
            ),
            id="newcourse.W001",
        )
    ]
