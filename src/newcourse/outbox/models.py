"""A message waiting to go, going, gone, or given up on.

The key names what the message is for (the reset of login 12 with this link, the record's
head at entry 340 for subscription 7): posting the same key twice keeps one message, so a
step that is run again, or by two schedulers at once, never mails anyone twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    from_email = models.CharField(max_length=300)
    # Headers of its own (List-Unsubscribe on notices), beside the Message-ID every one gets.
    headers = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    posted_at = models.DateTimeField()
    # When the next attempt may be made (after a failure, later each time).
    due_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a worker took the message to send it: one that is still "being sent" long after
    # was taken by a worker that died, and is sent again (see services.resume).
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["state", "due_at"], name="outbox_state_due")]

    def __str__(self) -> str:
        return f"{self.key} → {self.to} ({self.state})"
