"""Offices and the terms officers serve in them.

No office is filled except by a declared election (or, once, by a new body's recorded founding
act); holding a current term is the only source of an officer's rights (see `apps.py`, which
tells the organisation who its officers are).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newcourse.organisation.models import Body, Member, MemberStatus
from newcourse.organisation.officers import Power


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months (negative for earlier); days past the 28th become the 28th,
    so every month has the date."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


class OfficeKind(models.TextChoices):
    POST = "post", _("Single post")
    COMMITTEE = "committee", _("Committee")
    DELEGATION = "delegation", _("Delegation")
    TELLERS = "tellers", _("Tellers")
    # The disputes panel (control commission): hears charges and decides them (issue 16).
    PANEL = "panel", _("Disputes panel")


class CountingMethod(models.TextChoices):
    AUTO = "auto", _("Scottish STV for several seats, instant-runoff for one")
    SCOTTISH_STV = "scottish-stv", _("Scottish STV")
    MEEK = "meek", _("Meek STV")
    ERS97 = "ers97", _("ERS97 STV")
    IRV = "irv", _("Instant-runoff (alternative vote)")
    PLURALITY = "plurality", _("Plurality (first past the post)")
    APPROVAL = "approval", _("Approval (mark every candidate you approve of)")


# The kinds of office the rules give no administrative power: tellers only count, delegates
# speak for the body elsewhere, and the disputes panel only judges the cases brought to it.
POWERLESS_KINDS = (OfficeKind.TELLERS, OfficeKind.DELEGATION, OfficeKind.PANEL)


def powers_by_kind(kind: str) -> list[str]:
    """An office's powers when its creator names none: a post or committee keeps the register
    and creates offices; tellers only count; a delegation has nothing administrative."""
    if kind in (OfficeKind.POST, OfficeKind.COMMITTEE):
        return [Power.OFFICES, Power.REGISTER]
    return []


# Methods whose ballots are marks, which encrypted ballots can carry (verifiable-ballots.md).
VERIFIABLE_METHODS = ("plurality", "approval")


class Office(models.Model):
    """A post, committee or delegation of a body, filled only by election.

    How long its terms run, how many in a row one member may serve, who may stand and what
    recalls its officers are not the office's to say: the rulebook says them for each kind of
    office (`newcourse.rules.selectors.rules_for`)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="offices")
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=OfficeKind.choices)
    # Which of `Power` its officers hold: a list of their values.
    powers = models.JSONField(_("powers"), default=list, blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    method = models.CharField(
        _("counting method"), max_length=20, choices=CountingMethod.choices, default="auto"
    )
    # Encrypted ballots counted by the body's elected tellers (plurality, approval and recall
    # votes: ranked ballots are not yet end-to-end verifiable). See docs/verifiable-ballots.md.
    verifiable = models.BooleanField(_("verifiable ballots"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body__path", "title"]
        constraints = [
            models.UniqueConstraint(fields=["body", "title"], name="one_office_title_per_body"),
            # A body's verifiable elections are counted by its one tellers office: a second
            # (vacant) one could otherwise be found instead and turn them into plain ballots.
            models.UniqueConstraint(
                fields=["body"],
                condition=models.Q(kind="tellers"),
                name="one_tellers_office_per_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.body}"

    def get_absolute_url(self) -> str:
        return reverse("office", kwargs={"pk": self.pk})

    @property
    def power_labels(self) -> list[str]:
        """The office's powers in words, for its page."""
        return [str(Power(power).label) for power in self.powers if power in Power.values]

    @property
    def counting_method(self) -> str:
        if self.method != CountingMethod.AUTO:
            return self.method
        return CountingMethod.SCOTTISH_STV if self.seats > 1 else CountingMethod.IRV


class TermEnd(models.TextChoices):
    COMPLETED = "completed", _("Term completed")
    RECALLED = "recalled", _("Recalled by the members")
    RESIGNED = "resigned", _("Resigned")
    MEMBERSHIP = "membership", _("No longer a member")
    REMOVED = "removed", _("Removed by the disputes panel")


class TermQuerySet(models.QuerySet["Term"]):
    def current(self, on: datetime.date | None = None) -> TermQuerySet:
        """Terms being served on `on`: begun, not due, not ended early, and held by someone
        who is still a member (an expelled, lapsed or resigned officer holds no office)."""
        on = on or timezone.localdate()
        return self.filter(
            ended_on__isnull=True,
            began_on__lte=on,
            due_on__gt=on,
            member__status=MemberStatus.ACTIVE,
        )


class Term(models.Model):
    """One officer's term in one office, from a declared election or the founding act."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="terms")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="terms")
    # The declared election that seated this officer (none for a founding act). A reference
    # by name: elections sit above offices, and this is the one link that points up.
    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
    )
    founding = models.BooleanField(default=False)
    began_on = models.DateField(_("began on"))
    due_on = models.DateField(_("term ends on"))
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=TermEnd.choices, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["office", "-began_on"]

    def __str__(self) -> str:
        return f"{self.member.person} as {self.office.title}"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (
            self.ended_on is None
            and self.began_on <= on < self.due_on
            and self.member.status == MemberStatus.ACTIVE
        )
