"""Django's login and password-reset pages, with New Course's forms (`accounts.forms`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views

from .email import email_delivers
from .forms import MemberLogin, PasswordChange, ResetRequest


class Login(auth_views.LoginView):
    authentication_form = MemberLogin


class PasswordChangePage(auth_views.PasswordChangeView):
    form_class = PasswordChange

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}


class ResetRequestPage(auth_views.PasswordResetView):
    """Asks for the email address, or says at once that reset by email is not offered here."""

    form_class = ResetRequest

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "email_delivers": email_delivers()}
