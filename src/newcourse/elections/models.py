"""Elections to offices, ballots and recall, and the verifiable election's parts.

Who may vote is frozen when voting opens; who has voted and what was voted are kept in
two tables with nothing that joins them: see docs/secrecy.md.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newcourse.offices.models import CountingMethod, Office, Term
from newcourse.organisation.models import Member
from newcourse.rules.selectors import Rules, rules_recorded
from newcourse.verifiable.models import VerifiableElection, verification_of


class ElectionKind(models.TextChoices):
    REGULAR = "regular", _("Election")
    BY_ELECTION = "by-election", _("By-election")
    RECALL = "recall", _("Recall vote")


class ElectionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    NOMINATIONS = "nominations", _("Nominations open")
    VOTING = "voting", _("Voting open")
    CLOSED = "closed", _("Closed")
    DECLARED = "declared", _("Declared")


class Election(models.Model):
    """An election to an office, or a recall vote on an officer.

    The timetable, the method and (once voting opens) the electorate and the candidates are
    fixed; `status` only moves forward.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="elections")
    kind = models.CharField(max_length=20, choices=ElectionKind.choices)
    recall_of = models.ForeignKey(
        Term, on_delete=models.PROTECT, null=True, blank=True, related_name="recall_votes"
    )
    seats = models.PositiveSmallIntegerField()
    method = models.CharField(max_length=20)
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    status = models.CharField(
        max_length=20, choices=ElectionStatus.choices, default=ElectionStatus.SCHEDULED
    )
    # The seed for any lot the count needs, fixed and shown when voting opens.
    seed = models.CharField(max_length=64, blank=True)
    electorate_size = models.PositiveIntegerField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Fixed when the election is scheduled: ballots encrypted in the voter's browser, checked
    # by anyone, decrypted only in sum by the tellers (`newcourse.verifiable`, whose
    # VerifiableElection row holds how far it has come).
    verifiable = models.BooleanField(default=False)
    # The rules it was scheduled under (the rulebook's version, the body's standing orders'):
    # its timetable, its majority and the terms it fills are theirs, whatever changes later.
    rulebook_version = models.PositiveIntegerField(null=True, blank=True)
    standing_orders_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-voting_closes_at"]

    def __str__(self) -> str:
        if self.kind == ElectionKind.RECALL:
            return f"{self.get_kind_display()}: {self.office.title}, {self.office.body}"
        return f"{self.get_kind_display()}: {self.office.title}, {self.office.body}"

    def get_absolute_url(self) -> str:
        return reverse("election", kwargs={"pk": self.pk})

    @property
    def is_recall(self) -> bool:
        return self.kind == ElectionKind.RECALL

    def rules(self) -> Rules:
        """The rules this election was scheduled under."""
        return rules_recorded(
            self.office.body,
            rulebook_version=self.rulebook_version,
            standing_orders_version=self.standing_orders_version,
        )

    @property
    def method_label(self) -> str:
        """The counting method in words, for the pages."""
        if self.is_recall:
            return str(_("Yes or no, by the recall majority of the rules"))
        labels = dict(CountingMethod.choices)
        return str(labels.get(self.method, self.method))

    @property
    def verification_or_none(self) -> VerifiableElection | None:
        """What makes this election verifiable, if it was scheduled as one."""
        return verification_of(self)

    @property
    def encrypted(self) -> bool:
        """Voting is (or was) by encrypted ballots on the board: a verifiable election whose
        key ceremony finished and whose credentials were issued."""
        if not self.verifiable:
            return False
        verification = self.verification_or_none
        return bool(verification and verification.encrypted)

    def voting_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == ElectionStatus.VOTING
            and self.voting_opens_at <= now < self.voting_closes_at
        )


class CandidateQuerySet(models.QuerySet["Candidate"]):
    def standing(self) -> CandidateQuerySet:
        """Nominated, seconded, accepted and not withdrawn: on the ballot."""
        return self.filter(
            seconded_by__isnull=False, accepted_at__isnull=False, withdrawn_at__isnull=True
        )


class Candidate(models.Model):
    """A nomination, from proposal to acceptance (or withdrawal)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="candidates")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="candidacies")
    nominated_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    seconded_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    statement = models.TextField(_("statement"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["member__person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="one_nomination_each")
        ]

    def __str__(self) -> str:
        return str(self.member.person)

    @property
    def is_standing(self) -> bool:
        return bool(self.seconded_by_id and self.accepted_at and not self.withdrawn_at)


class Elector(models.Model):
    """One member of an election's frozen electorate, and whether they have voted.

    Deliberately no time of voting and no reference to the ballot: see docs/secrecy.md.
    """

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="electors")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    weight = models.PositiveIntegerField(default=1)
    has_voted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="one_elector_entry_each")
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.election_id}"


def random_ballot_id() -> int:
    """A random key, so that neither the key nor (on SQLite) the row order tells when a
    ballot was cast."""
    return secrets.randbelow(2**62) + 1


def new_receipt() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


class Ballot(models.Model):
    """One anonymous ballot: what was chosen, its weight, its receipt. Nothing else.

    `choices` is the ranking as candidate ids in order of preference (a recall ballot holds
    ["yes"] or ["no"]).
    """

    id = models.BigIntegerField(primary_key=True, default=random_ballot_id, editable=False)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    choices = models.JSONField()
    weight = models.PositiveIntegerField(default=1)
    receipt = models.CharField(max_length=14, default=new_receipt)
    # The SHA-256 of the random key the voter's confirming form carried (empty without one), so
    # that the same form sent again, after an answer lost on the way, is given this ballot's
    # receipt. It names nobody, as the receipt does not; dropped when the box is shuffled.
    form_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "receipt"], name="one_receipt_each"),
            models.UniqueConstraint(
                fields=["election", "form_key"],
                condition=~models.Q(form_key=""),
                name="one_ballot_per_form_key",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("A cast ballot cannot be changed.")
        super().save(*args, **kwargs)


class PetitionStatus(models.TextChoices):
    COLLECTING = "collecting", _("Collecting signatures")
    VOTING = "voting", _("Recall vote under way")
    CARRIED = "carried", _("Recalled")
    DEFEATED = "defeated", _("Recall defeated")
    LAPSED = "lapsed", _("Lapsed")


class RecallPetition(models.Model):
    """Members of an officer's electorate asking for a vote on removing them."""

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="recall_petitions")
    reason = models.TextField(_("reason"), max_length=5000)
    threshold = models.PositiveIntegerField(_("signatures needed"))
    # The rules it was opened under: its threshold above, and the majority its vote needs.
    rulebook_version = models.PositiveIntegerField(null=True, blank=True)
    standing_orders_version = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.COLLECTING
    )
    opened_at = models.DateTimeField(default=timezone.now)
    vote = models.OneToOneField(
        Election, on_delete=models.PROTECT, null=True, blank=True, related_name="petition"
    )

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Recall of {self.term}"

    def get_absolute_url(self) -> str:
        return reverse("recall", kwargs={"pk": self.pk})


class RecallSignature(models.Model):
    """Who signed: visible to no one through the pages, only counted."""

    petition = models.ForeignKey(
        RecallPetition, on_delete=models.PROTECT, related_name="signatures"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "member"], name="one_signature_each")
        ]

    def __str__(self) -> str:
        return f"signature on {self.petition_id}"


class TimetableStep(models.TextChoices):
    OPEN_NOMINATIONS = "open-nominations", _("Open nominations")
    OPEN_VOTING = "open-voting", _("Open voting")
    CLOSE = "close", _("Close voting")
    COUNT = "count", _("Count")
    DECLARE = "declare", _("Declare the result")


class TimetableFailure(models.Model):
    """The last time the scheduler could not take an election's next step: for the operator.

    Kept until the step succeeds at a later tick; the traceback is in the server's log.
    """

    election = models.OneToOneField(
        Election, on_delete=models.CASCADE, primary_key=True, related_name="timetable_failure"
    )
    step = models.CharField(max_length=20, choices=TimetableStep.choices)
    error = models.TextField()
    first_failed_at = models.DateTimeField()
    failed_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self) -> str:
        return f"election {self.election_id}: {self.step}"
