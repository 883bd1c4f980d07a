"""How long a login lasts: shorter for those who can do more with it.

An officer's or operator's session ends `NEWCOURSE_OFFICER_SESSION_SECONDS` after logging in
(8 hours unless set), a member's after `SESSION_COOKIE_AGE` (2 weeks): a session left open on a
shared computer gives whoever sits down next the person's rights, and an officer's rights reach
other members. The length is fixed at login, when the session is written anyway; checking it
on every request would make reads write. Someone who takes office while logged in keeps the
member's length until they next log in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from newcourse.organisation.officers import officer_roll


@receiver(user_logged_in, dispatch_uid="newcourse.web.sessions.session_length_set")
def session_length_set(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if user.is_staff or officer_roll().bodies_served(user):
        request.session.set_expiry(settings.NEWCOURSE_OFFICER_SESSION_SECONDS)
