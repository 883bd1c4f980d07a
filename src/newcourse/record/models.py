"""The open record: an append-only, hash-chained list of everything the organisation decided.

The hashing rules live in the pure library `newcourse.ledger`; this table only stores what it
seals. Rows are written once by `record.services.record_append` and never changed: the model
refuses updates and deletes, and on PostgreSQL a trigger refuses them too, so even a raw SQL
statement from a careless operator fails loudly.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordIsAppendOnly(Exception):
    """Raised on any attempt to change or remove a record entry."""


class RecordEntryQuerySet(models.QuerySet["RecordEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise RecordIsAppendOnly("Record entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise RecordIsAppendOnly("Record entries cannot be deleted.")

    def for_body_tree(self, body: Any) -> RecordEntryQuerySet:
        """Entries about a body and every body below it."""
        return self.filter(body__path__startswith=body.path)


class RecordEntry(models.Model):
    seq = models.BigIntegerField(_("entry"), primary_key=True)
    recorded_at = models.CharField(_("recorded at"), max_length=32)
    actor = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    subject = models.CharField(_("subject"), max_length=200, db_index=True)
    # Null, not "", for "no body": the ledger hashes the two differently.
    body_slug = models.CharField(_("body"), max_length=100, null=True, blank=True)  # noqa: DJ001
    body = models.ForeignKey(
        "organisation.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="record_entries",
        db_constraint=True,
    )
    payload = models.JSONField(_("payload"), default=dict)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = RecordEntryQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("record entry")
        verbose_name_plural = _("record entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RecordIsAppendOnly("Record entries cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise RecordIsAppendOnly("Record entries cannot be deleted.")

    def as_ledger_fields(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "recorded_at": self.recorded_at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "body": self.body_slug,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


class RecordHead(models.Model):
    """The latest entry's number and hash, in one row that appenders lock in turn."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("record head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash}"


class RecordPrivatePart(models.Model):
    """The personal details of one entry (a member's name, the reason given), kept off the chain.

    The entry's payload carries only `ledger.private_commitment(salt, fields)` of this row, so
    the chain verifies for everyone while these fields are shown only to the readers entitled
    to them (see `record.selectors.RecordReader`). `member` is the member they are about, who
    may always read them; it is empty for an entry about several members (a founding act).
    Erasing a row hides its details for good without breaking the chain.
    """

    entry = models.OneToOneField(
        RecordEntry,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="private_part",
        verbose_name=_("entry"),
    )
    salt = models.CharField(_("salt"), max_length=128)
    fields = models.JSONField(_("private fields"))
    member = models.ForeignKey(
        "organisation.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )

    class Meta:
        verbose_name = _("private part of a record entry")
        verbose_name_plural = _("private parts of record entries")

    def __str__(self) -> str:
        return f"private part of #{self.entry_id}"


class HeadSubscription(models.Model):
    """A person who asked to be sent the record's signed head by email whenever it moves.

    Many copies of the head in many mailboxes are what make a rewritten history show: the
    operator can re-seal the database, not the mail already delivered."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="head_subscription"
    )
    subscribed_at = models.DateTimeField(_("subscribed at"))
    # The head last mailed: the tick sends again only when the record has moved past it.
    sent_seq = models.BigIntegerField(_("head last sent"), default=-1)
    sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("head subscription")

    def __str__(self) -> str:
        return f"head subscription of person {self.person_id}"


class RecordPeer(models.Model):
    """Another installation of the federation, whose signed heads this one countersigns."""

    name = models.SlugField(_("name"), max_length=100, unique=True)
    url = models.URLField(_("signed head URL"), max_length=500)
    public_key = models.CharField(_("public key"), max_length=64)
    added_at = models.DateTimeField(_("added at"))
    checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("record peer")

    def __str__(self) -> str:
        return self.name


class PeerHead(models.Model):
    """A signed head of a peer, as fetched and verified: each seq keeps its one hash."""

    peer = models.ForeignKey(RecordPeer, on_delete=models.CASCADE, related_name="heads")
    seq = models.BigIntegerField(_("entry"))
    hash = models.CharField(_("hash"), max_length=64)
    signed_at = models.CharField(_("signed at"), max_length=64)
    signature = models.CharField(_("signature"), max_length=128)
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        ordering = ["peer", "-seq"]
        verbose_name = _("peer head")
        constraints = [
            models.UniqueConstraint(fields=["peer", "seq"], name="peer_head_one_hash_per_seq")
        ]

    def __str__(self) -> str:
        return f"{self.peer_id} #{self.seq} {self.hash}"
