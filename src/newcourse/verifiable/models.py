"""A verifiable election's parts: its state, its tellers and their files, the voters'
public credentials, the board of encrypted ballots, the audited ballots.

Each part belongs to an election (`newcourse.elections`, which sits above this app and drives
it through `services`); the links to it are by name, so this app imports nothing of elections.
What is published here is append-only: the models refuse changes, and on PostgreSQL so do
triggers. See docs/verifiable-ballots.md.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newcourse.organisation.models import Member


class VerificationStatus(models.TextChoices):
    CEREMONY = "ceremony", _("Tellers making the election key")
    VOTING = "voting", _("Encrypted ballots on the board")
    CLOSED = "closed", _("Board closed: awaiting the tellers' decryption")
    COUNTED = "counted", _("Decrypted and counted")
    VOID = "void", _("Void: too few tellers decrypted in time")
    SECRET_BALLOT = "secret-ballot", _("Held as a secret ballot, not verifiable")


# The only moves a verifiable election makes; `VerifiableElection.move` refuses any other.
TRANSITIONS: dict[str, set[str]] = {
    VerificationStatus.CEREMONY: {VerificationStatus.VOTING, VerificationStatus.SECRET_BALLOT},
    VerificationStatus.VOTING: {VerificationStatus.CLOSED},
    VerificationStatus.CLOSED: {VerificationStatus.COUNTED, VerificationStatus.VOID},
}
# Voting was (or is) by encrypted ballots on the board.
ENCRYPTED = {
    VerificationStatus.VOTING,
    VerificationStatus.CLOSED,
    VerificationStatus.COUNTED,
    VerificationStatus.VOID,
}


class VerifiableElection(models.Model):
    """What makes an election verifiable, fixed step by step: at scheduling its tellers and
    record id; when voting opens the manifest, election key, qualified tellers and fingerprint
    (every ballot is checked against them); at the close the encrypted sum and the board's
    head; at the count the decrypted totals. `status` says how far it has come."""

    election = models.OneToOneField(
        "elections.Election",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="verification",
    )
    record_id = models.CharField(max_length=80, unique=True)
    tellers = models.PositiveSmallIntegerField()
    threshold = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=VerificationStatus.choices, default=VerificationStatus.CEREMONY
    )
    # Fixed when voting opens (documents in the record's formats, docs/verifiable-ballots.md).
    manifest = models.JSONField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    election_key = models.CharField(max_length=64, blank=True)
    qualified = models.JSONField(default=list, blank=True)
    # The candidates' ids in the order of the manifest's options.
    options = models.JSONField(default=list, blank=True)
    # Fixed at the close.
    aggregate = models.JSONField(null=True, blank=True)
    board_head = models.CharField(max_length=64, blank=True)
    counted = models.PositiveIntegerField(null=True, blank=True)
    board_entries = models.PositiveIntegerField(null=True, blank=True)
    # Fixed at the count: one row of totals per question.
    totals = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return self.record_id

    @property
    def encrypted(self) -> bool:
        return self.status in ENCRYPTED

    def move(self, to: str) -> None:
        """Take the next step (the caller saves); any move but those in TRANSITIONS is a bug."""
        if to not in TRANSITIONS.get(self.status, set()):
            raise ValueError(f"a verifiable election cannot go from {self.status} to {to}")
        self.status = to


def verification_of(election: Any) -> VerifiableElection | None:
    """The election's verifiable part, or None for an election scheduled as a plain one."""
    try:
        return election.verification  # type: ignore[no-any-return]
    except VerifiableElection.DoesNotExist:
        return None


class Teller(models.Model):
    """One of a verifiable election's tellers, fixed when it is scheduled: the holders of the
    body's tellers office, numbered 1..n. Any `threshold` of them can decrypt the count."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="tellers"
    )
    index = models.PositiveSmallIntegerField()
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["election", "index"]
        constraints = [
            models.UniqueConstraint(fields=["election", "index"], name="one_teller_per_index"),
            models.UniqueConstraint(fields=["election", "member"], name="one_index_per_teller"),
        ]

    def __str__(self) -> str:
        return f"Teller {self.index}: {self.member.person}"


class TellerStep(models.TextChoices):
    """A teller's public files, in the order the ceremony and the count need them."""

    PUBLIC_KEY = "public-key", _("Public key")
    COMMITMENT = "commitment", _("Commitment")
    DEAL = "deal", _("Deal")
    COMPLAINTS = "complaints", _("Check of the deals")
    DECRYPTION_SHARE = "decryption-share", _("Decryption share")


class TellerMessage(models.Model):
    """A public file a teller handed in, as given. Kept for the record; never changed."""

    teller = models.ForeignKey(Teller, on_delete=models.PROTECT, related_name="messages")
    kind = models.CharField(max_length=20, choices=TellerStep.choices)
    document = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["teller", "kind"], name="one_file_per_teller_step")
        ]

    def __str__(self) -> str:
        return f"{self.kind} of teller {self.teller.index}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("A teller's file cannot be changed.")
        super().save(*args, **kwargs)


class VoterCredential(models.Model):
    """A public credential key and its weight, and the member it was issued to. The published
    list has keys and weights only, sorted by key; the server keeps the tie to the member so
    that it accepts a ballot signed with this key only from that member's session: neither
    whoever holds the code alone (without the member's login) nor the server (without the
    code) can vote in their name."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="voter_credentials"
    )
    # Null only for credentials issued before the tie was kept (older elections).
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    key = models.CharField(max_length=64)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["election", "key"]
        constraints = [
            models.UniqueConstraint(fields=["election", "key"], name="one_credential_key_each"),
            models.UniqueConstraint(
                fields=["election", "member"], name="one_credential_per_member"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class BoardEntry(models.Model):
    """One encrypted ballot on a verifiable election's public board, in its place on the
    hash chain (docs/verifiable-ballots.md §7). Append-only."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="board"
    )
    seq = models.PositiveIntegerField()
    prev = models.CharField(max_length=64)
    supersedes = models.PositiveIntegerField(null=True, blank=True)
    credential = models.CharField(max_length=64)
    tracker = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    ballot = models.JSONField()

    class Meta:
        ordering = ["election", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["election", "seq"], name="one_board_entry_per_seq"),
            models.UniqueConstraint(fields=["election", "tracker"], name="one_board_tracker"),
        ]
        indexes = [models.Index(fields=["election", "credential"], name="board_by_credential")]

    def __str__(self) -> str:
        return f"{self.seq}: {self.tracker}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The board is append-only.")
        super().save(*args, **kwargs)


class AuditedBallot(models.Model):
    """A ballot its voter opened instead of casting (a Benaloh challenge): published with its
    marks and randomness, never counted."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="audited"
    )
    tracker = models.CharField(max_length=64)
    document = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["election", "received_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "tracker"], name="one_audited_tracker")
        ]

    def __str__(self) -> str:
        return self.tracker


class SeenCiphertext(models.Model):
    """Every ciphertext's α that reached the board or an audit, once: the verifier rejects a
    record with a repeated ciphertext, so the server refuses the second one at the door."""

    election = models.ForeignKey("elections.Election", on_delete=models.PROTECT, related_name="+")
    alpha = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "alpha"], name="one_use_of_each_alpha")
        ]

    def __str__(self) -> str:
        return self.alpha
