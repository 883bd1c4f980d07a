"""Whether this installation's email reaches people.

Password-reset links and voting credentials go by email; with a backend that delivers
nothing, they would be lost or, with Django's console backend (the default here until a mail
server is configured), printed into the server's log for whoever reads it.
"""

from __future__ import annotations

from django.conf import settings

# The console backend prints every message into the server's log; the dummy one drops it.
NOT_DELIVERING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


def email_delivers() -> bool:
    """Whether the configured email backend delivers messages to the people addressed."""
    return settings.EMAIL_BACKEND not in NOT_DELIVERING
