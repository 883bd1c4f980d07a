"""A case, from charge to final outcome, with the panel's recusals, votes and any interim
suspension.

A case is never deleted and its steps are never rewritten: each step fills its own fields once
and moves `status` on (`services` is the only code that does). The case file (facts,
evidence, reply, hearing notes, reasons) is the parties' and the panel's; the open record
carries only each step's fact.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newcourse.offices.models import Term
from newcourse.organisation.models import Body, Member

TEXT_MAX_LENGTH = 20_000


class CaseStatus(models.TextChoices):
    """A case's steps. Filing is notice: the accused is told at once, with the reply time."""

    NOTIFIED = "notified", _("Charge filed, the accused notified")
    HEARING_SET = "hearing-set", _("Hearing set")
    HEARD = "heard", _("Heard")
    DECIDED = "decided", _("Decided, open to appeal")
    APPEALED = "appealed", _("Under appeal")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    DISMISSED = "dismissed", _("Charge dismissed")
    WARNING = "warning", _("Warning")
    REMOVAL = "removal", _("Removal from an office")
    SUSPENSION = "suspension", _("Suspension of membership")
    EXPULSION = "expulsion", _("Expulsion")
    # The panel did not decide in time: closed in the accused's favour.
    LAPSED = "lapsed", _("Not decided in time: closed in the accused's favour")


# The outcomes that take effect only when the appeal time has passed or the appeal is decided.
DEFERRED = (Outcome.REMOVAL, Outcome.SUSPENSION, Outcome.EXPULSION)


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("Appeal upheld: the decision is set aside")
    DISMISSED = "dismissed", _("Appeal dismissed: the decision stands")
    LAPSED = "lapsed", _("Not decided in time: upheld in the accused's favour")


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.exclude(status=CaseStatus.CLOSED)


class Case(models.Model):
    """A charge against a member, heard by the disputes panel of `body`."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="cases", verbose_name=_("body")
    )
    accused = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="cases_against")
    # A member files a charge in their own name, or as an officer on behalf of a body.
    filed_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="cases_filed")
    on_behalf_of = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Facts at filing, for the statistics (so that a purge shows in the figures).
    filer_was_officer = models.BooleanField(default=False)
    accused_was_officer = models.BooleanField(default=False)
    accused_in_tendency = models.BooleanField(default=False)

    clauses = models.JSONField(_("clauses"), default=list)
    facts = models.TextField(_("facts"), max_length=TEXT_MAX_LENGTH)
    evidence = models.TextField(_("evidence"), max_length=TEXT_MAX_LENGTH)
    witnesses = models.ManyToManyField(Member, related_name="cases_witnessed", blank=True)
    rulebook_version = models.PositiveIntegerField(null=True)
    standing_orders_version = models.PositiveIntegerField(null=True)

    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NOTIFIED
    )
    filed_at = models.DateTimeField(default=timezone.now)
    reply_due_on = models.DateField(_("reply due on"))
    decision_due_on = models.DateField(_("decision due on"))

    representative = models.CharField(_("friend or representative"), max_length=200, blank=True)
    reply = models.TextField(_("reply"), max_length=TEXT_MAX_LENGTH, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    hearing_on = models.DateField(_("hearing on"), null=True, blank=True)
    hearing_notes = models.TextField(_("hearing notes"), max_length=TEXT_MAX_LENGTH, blank=True)
    heard_at = models.DateTimeField(null=True, blank=True)

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    suspension_days = models.PositiveIntegerField(null=True, blank=True)
    removal_term = models.ForeignKey(
        Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reasons = models.TextField(_("reasons"), max_length=TEXT_MAX_LENGTH, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    appeal_due_on = models.DateField(null=True, blank=True)
    # When the sanction took effect, and when a suspension ends.
    sanction_from = models.DateField(null=True, blank=True)
    sanction_until = models.DateField(null=True, blank=True)
    sanction_ended_at = models.DateTimeField(null=True, blank=True)

    appeal_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals"
    )
    appeal_grounds = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_decision_due_on = models.DateField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    appeal_reasons = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"case {self.pk}"


class Refusal(models.Model):
    """A charge refused at filing: kept, without the names, facts or evidence, so that the
    refusals show on the record and in the figures."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=40)
    clauses = models.JSONField(default=list)
    refused_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-refused_at"]

    def __str__(self) -> str:
        return f"charge refused ({self.reason})"


class RecusalReason(models.TextChoices):
    PARTY = "party", _("A party to the case")
    WITNESS = "witness", _("A witness in the case")
    BRANCH = "branch", _("Of the accused's branch")
    EXECUTIVE = "executive", _("Holds an office in the body's executive")


class Stage(models.TextChoices):
    CASE = "case", _("The case")
    APPEAL = "appeal", _("The appeal")


class Recusal(models.Model):
    """A panel member standing aside on a case (or its appeal), and why."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="recusals")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    reason = models.CharField(max_length=20, choices=RecusalReason.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "member", "stage"], name="one_recusal_per_member_and_stage"
            )
        ]

    def __str__(self) -> str:
        return f"recusal on case {self.case_id}"


class VoteOn(models.TextChoices):
    DECISION = "decision", _("The decision")
    SUSPENSION = "suspension", _("An interim suspension")
    APPEAL = "appeal", _("The appeal")


class PanelVote(models.Model):
    """A panel member's vote for or against what the panel was asked to decide."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    on = models.CharField(max_length=20, choices=VoteOn.choices)
    # The interim suspension voted on, when `on` is "suspension".
    suspension = models.ForeignKey(
        "InterimSuspension", on_delete=models.PROTECT, null=True, blank=True, related_name="votes"
    )
    in_favour = models.BooleanField()
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cast_at", "pk"]

    def __str__(self) -> str:
        return f"vote on case {self.case_id}"


class InterimSuspension(models.Model):
    """A suspension before the decision, ordered by the panel with reasons; it ends by itself
    on `ends_on` (the scheduler ends it), or earlier when the case ends."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="suspensions")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reasons = models.TextField(max_length=TEXT_MAX_LENGTH)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"interim suspension on case {self.case_id}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days
