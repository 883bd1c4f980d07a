"""A member's choice for each kind of notice, and the notices waiting for their daily digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NOMINATIONS_OPEN = "nominations-open", _("Nominations open in an election where you vote")
    VOTING_OPEN = "voting-open", _("Voting opens in an election where you vote")
    NOMINATED = "nominated", _("You are nominated")
    CLOSING_SOON = "closing-soon", _("Voting closes tomorrow and you have not voted")
    DECLARED = "declared", _("A result is declared in an election where you vote")
    CASE = "case", _("A step in a disciplinary case where you are a party")
    ACTION = "action", _("An action of your bodies' decisions changes status (only if you ask)")


class Delivery(models.TextChoices):
    EACH = "each", _("an email each time")
    DIGEST = "digest", _("one email a day, with all of them")
    NEVER = "never", _("no email")


# How a member is told of each kind until they choose: an email each time, except what they
# must ask for (a body's every action would otherwise reach every member).
DEFAULT_DELIVERY = {"action": "never"}


class Preference(models.Model):
    """How a member wants one kind of notice; none kept means the kind's default."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind}: {self.delivery}"


class Pending(models.Model):
    """A notice for a member who takes a daily digest, until the digest carries it."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The notice's subject line in the member's language, and where it leads.
    line = models.CharField(max_length=300)
    path = models.CharField(max_length=300)
    noticed_at = models.DateTimeField()
    digested_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_pending_notice_each")
        ]
        indexes = [models.Index(fields=["digested_on", "noticed_at"], name="notices_pending_due")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.line}"
