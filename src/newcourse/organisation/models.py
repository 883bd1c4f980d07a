"""Bodies, members and the history of every membership.

A `Member` row is a membership's present state; `MembershipEvent` rows are its history and are
only ever added. The present state is what later rules (who may vote, who may stand) read; the
history is what a member or an appeal reads.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Body(models.Model):
    """One level of the federated tree: an international, a section, a region, a branch.

    `path` lists the ids from the root down ("/1/4/17/"), so a body's whole subtree is one
    indexed range query rather than a recursive walk.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    kind = models.CharField(
        _("level"),
        max_length=60,
        help_text=_("What the organisation calls this level: branch, region, section..."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("body", kwargs={"slug": self.slug})

    def is_within(self, other: Body) -> bool:
        """True when this body is `other` or lies below it."""
        return self.path.startswith(other.path)

    def path_ids(self) -> list[int]:
        """The ids from the root down to this body: its place in the tree, as a sort key too
        (`path` sorts as text only while every id has as many digits: "/9/" after "/10/")."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self) -> list[Body]:
        ids = self.path_ids()[:-1]
        by_id = Body.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def subtree(self) -> models.QuerySet[Body]:
        return Body.objects.filter(path__startswith=self.path)


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    LAPSED = "lapsed", _("Lapsed")
    RESIGNED = "resigned", _("Resigned")
    SUSPENDED = "suspended", _("Suspended")
    EXPELLED = "expelled", _("Expelled")


class Standing(models.TextChoices):
    GOOD = "good", _("In good standing")
    ARREARS = "arrears", _("In arrears")


class MemberQuerySet(models.QuerySet["Member"]):
    def current(self) -> MemberQuerySet:
        return self.filter(status=MemberStatus.ACTIVE)

    def in_good_standing(self) -> MemberQuerySet:
        return self.current().filter(standing=Standing.GOOD)

    def within(self, body: Body) -> MemberQuerySet:
        """Members of a body and of every body below it."""
        return self.filter(body__in=body.subtree().values("pk"))


class Member(models.Model):
    """A person's membership: in exactly one body at a time, with a status and a standing."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="membership",
        verbose_name=_("person"),
    )
    number = models.CharField(_("membership number"), max_length=40, unique=True)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="members", verbose_name=_("branch")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    standing = models.CharField(
        _("standing"), max_length=20, choices=Standing.choices, default=Standing.GOOD
    )
    joined_on = models.DateField(_("joined on"))
    # Bumped by every change, so that an edit made from a stale page is refused, not merged.
    version = models.PositiveIntegerField(default=1)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["person__full_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [models.Index(fields=["body", "status"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.number})"

    @property
    def is_current(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    @property
    def in_good_standing(self) -> bool:
        return self.is_current and self.standing == Standing.GOOD


class EventKind(models.TextChoices):
    JOINED = "joined", _("Joined")
    TRANSFERRED = "transferred", _("Transferred")
    LAPSED = "lapsed", _("Lapsed")
    RESIGNED = "resigned", _("Resigned")
    SUSPENDED = "suspended", _("Suspended")
    EXPELLED = "expelled", _("Expelled")
    READMITTED = "readmitted", _("Readmitted")
    # A suspension ended or a sanction set aside on appeal: membership continues unbroken.
    RESTORED = "restored", _("Restored")
    STANDING = "standing", _("Standing changed")


class MembershipEventQuerySet(models.QuerySet["MembershipEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Membership history cannot be rewritten; add an entry instead.")

    def delete(self) -> NoReturn:
        raise PermissionError("Membership history cannot be deleted.")


class MembershipEvent(models.Model):
    """One dated step in a membership's history. Never changed, never removed."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="history")
    kind = models.CharField(_("what happened"), max_length=20, choices=EventKind.choices)
    effective_on = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    from_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    standing = models.CharField(max_length=20, choices=Standing.choices, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipEventQuerySet.as_manager()

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Membership history cannot be rewritten; add an entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Membership history cannot be deleted.")
