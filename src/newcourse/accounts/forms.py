"""The login and password-reset forms, with their throttle and the email check.

Django's own views render them (`newcourse.urls` names them); what they add is said here once
for the member's login page and the operator's.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext as _

from newcourse.outbox import services as outbox
from newcourse.refusals import TooManyAttempts

from . import throttle
from .email import email_delivers


class ThrottledLogin:
    """Checks the throttle before the password and counts a wrong one; `throttled` holds
    the refusal's message for the page to show instead of "do not match"."""

    throttled = ""

    def clean(self) -> dict[str, Any]:
        form: Any = self
        account = form.data.get("username", "")
        address = throttle.client_address(form.request)
        try:
            throttle.attempt_reserved(scope=throttle.LOGIN, account=account, address=address)
        except TooManyAttempts as refused:
            self.throttled = refused.message
            raise forms.ValidationError(refused.message, code="too_many_attempts") from None
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]  # wrong: stays counted
        throttle.attempts_forgotten(scope=throttle.LOGIN, account=account, address=address)
        return cleaned


class MemberLogin(ThrottledLogin, AuthenticationForm):
    pass


class OperatorLogin(ThrottledLogin, AdminAuthenticationForm):
    pass


class PasswordChange(PasswordChangeForm):
    """The old password is a password guessed like any other: whoever holds a member's open
    session must not try it without limit. Counted with the logins."""

    def __init__(self, user: Any, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        account = self.user.get_username()
        address = throttle.client_address(self.request)
        try:
            throttle.attempt_reserved(scope=throttle.LOGIN, account=account, address=address)
        except TooManyAttempts as refused:
            raise forms.ValidationError(refused.message, code="too_many_attempts") from None
        old: str = super().clean_old_password()  # a wrong one stays counted
        throttle.attempts_forgotten(scope=throttle.LOGIN, account=account, address=address)
        return old


class ResetRequest(PasswordResetForm):
    """A reset request: refused where email is not delivered (the link would land in the
    server's log, for whoever reads it), and throttled, since each one mails the member."""

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not email_delivers():
            raise forms.ValidationError(
                _("Password reset by email is not available here: ask an officer of your body."),
                code="no_email",
            )
        account = self.data.get("email", "")
        address = throttle.client_address(self.request)
        try:
            throttle.attempt_reserved(
                scope=throttle.PASSWORD_RESET, account=account, address=address
            )
        except TooManyAttempts as refused:
            raise forms.ValidationError(refused.message, code="too_many_attempts") from None
        return cleaned

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Post the link to the outbox rather than send it here: a mail server that hangs
        never holds the request, and one that is down gets the message when it is back."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        outbox.post(
            key=f"password-reset:{context['uid']}:{context['token']}",
            to=to_email,
            subject=subject,
            body=loader.render_to_string(email_template_name, context),
        )
