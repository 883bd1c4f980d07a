"""A person's login: one email address, one password, whatever their membership."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Users(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """The login. Being a member is a separate fact: see `organisation.Member`."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("operator"),
        default=False,
        help_text=_("Operators run the server. Being one grants no office in the organisation."),
    )
    date_joined = models.DateTimeField(_("account created"), default=timezone.now)

    objects = Users()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # The member directory's order: a page walks it from the last name shown.
        indexes = [models.Index(fields=["full_name", "id"], name="accounts_user_name_order")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saving a new password revokes the person's API tokens, whichever way it was set (the
        password change or reset pages, the operator's admin, `changepassword`): whoever
        changes a password they think is known to someone else must not leave that someone a
        token made with it."""
        password_changed = not self._state.adding and (
            self._password is not None or self._password_disabled(kwargs.get("update_fields"))
        )
        super().save(*args, **kwargs)
        if password_changed:
            self.api_tokens.all().delete()

    def _password_disabled(self, update_fields: Any) -> bool:
        """Whether this save disables a password that was usable (the operator's "set
        unusable password", which does not go through `set_password`)."""
        if self.has_usable_password():
            return False
        if update_fields is not None and "password" not in update_fields:
            return False
        stored = type(self).objects.filter(pk=self.pk).values_list("password", flat=True).first()
        return stored is not None and stored != self.password

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ApiToken(models.Model):
    """A named key a person gives a program to use the API as them.

    Only the SHA-256 hash of the token is kept: the token itself is shown once, when it is
    created, and a copy of the database cannot be used to act as anyone.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="one_token_name_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"


class FailedAttempt(models.Model):
    """One refused try at a login, a password reset request or an API token, kept for the
    throttle's window (`accounts.throttle`) and then forgotten.

    The login is kept only as a hash: people type their password into the email field often
    enough that the typed text must not be stored (the address is hashed alike, so that both
    columns have one form).
    """

    scope = models.CharField(max_length=20)
    account = models.CharField(max_length=64)
    address = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "account", "at"], name="attempt_by_account"),
            models.Index(fields=["scope", "address", "at"], name="attempt_by_address"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at}"
