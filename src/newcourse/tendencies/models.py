"""A tendency, and the signatures that declare it.

A signature is never deleted: a withdrawn one keeps its date and reason, so the tendency's
history stays whole. At most one live signature per member and tendency.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newcourse.organisation.models import Body, Member

PLATFORM_MAX_LENGTH = 20_000


class Visibility(models.TextChoices):
    """Who may see a tendency's signatories: the words of the rulebook's
    `tendency.signatories`."""

    PUBLIC = "public", _("Anyone who may see the body")
    MEMBERS = "members", _("The body's members")
    CONTACTS = "contacts", _("The tendency's contacts")


class TendencyStatus(models.TextChoices):
    COLLECTING = "collecting", _("Collecting signatures")
    DECLARED = "declared", _("Declared")
    DISSOLVED = "dissolved", _("Dissolved by its members")


class Tendency(models.Model):
    """Members of a body organised around a platform.

    A declared tendency whose signatures fall below the threshold stays declared: it lapses
    only at the close of a conference, a later step (issue 15), never in between.
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="tendencies", verbose_name=_("body")
    )
    name = models.CharField(_("name"), max_length=120)
    platform = models.TextField(_("platform"), max_length=PLATFORM_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TendencyStatus.choices,
        default=TendencyStatus.COLLECTING,
    )
    proposed_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    declared_at = models.DateTimeField(null=True, blank=True)
    dissolved_at = models.DateTimeField(null=True, blank=True)
    # Who may see the signatories when the rules keep them to the contacts: the proposer first
    # (their election by the tendency's members is a later step).
    contacts = models.ManyToManyField(Member, related_name="tendencies_in_contact", blank=True)

    class Meta:
        ordering = ["body__path", "name"]
        verbose_name = _("tendency")
        verbose_name_plural = _("tendencies")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "body",
                condition=~models.Q(status="dissolved"),
                name="one_live_tendency_per_name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tendency", kwargs={"pk": self.pk})


class TendencySignatureQuerySet(models.QuerySet["TendencySignature"]):
    def live(self) -> TendencySignatureQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class TendencySignature(models.Model):
    """A member's signature; `dissolution_asked_at` is their request that the tendency be
    dissolved, which counts only while the signature is live."""

    tendency = models.ForeignKey(Tendency, on_delete=models.PROTECT, related_name="signatures")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason"), max_length=500, blank=True)
    dissolution_asked_at = models.DateTimeField(null=True, blank=True)

    objects = TendencySignatureQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tendency", "member"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_live_tendency_signature_each",
            )
        ]

    def __str__(self) -> str:
        return f"signature on tendency {self.tendency_id}"
