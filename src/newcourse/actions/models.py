"""An action a body's decision asks for, and the dated updates its owner writes.

An update is never edited or deleted: the history of an action is its updates, in order, and
its status is the last one's (kept on the action too, so a body's list is one query).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newcourse.conferences.models import Decision
from newcourse.offices.models import Office
from newcourse.organisation.models import Body, Member

TASK_MAX_LENGTH = 2_000
NOTE_MAX_LENGTH = 2_000


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not-started", _("Not started")
    IN_PROGRESS = "in-progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Where an action may go from each status by its owner's update (`action_update`). Done may
# go back to in progress, with a note saying why; dropped is not the owner's to set, and
# nothing follows it.
OWNER_MOVES: dict[str, tuple[str, ...]] = {
    ActionStatus.NOT_STARTED: (
        ActionStatus.NOT_STARTED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.DONE,
    ),
    ActionStatus.IN_PROGRESS: (ActionStatus.IN_PROGRESS, ActionStatus.DONE),
    ActionStatus.DONE: (ActionStatus.IN_PROGRESS,),
    ActionStatus.DROPPED: (),
}
CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


class Action(models.Model):
    """What a decision of `body` asks to be done, by whom and by when.

    `decision` is the conference decision it comes from; a meeting's decision will be a
    second nullable link beside it (issue 21's meetings). `decided` says in words what was
    decided, for the page and the report, whatever the decision's source."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="actions", verbose_name=_("body")
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("decision"),
    )
    decided = models.TextField(_("what was decided"), max_length=TASK_MAX_LENGTH)
    task = models.TextField(_("what is to be done"), max_length=TASK_MAX_LENGTH)
    owner_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    owner_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="actions_owned"
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # The later decision of the same body that dropped it.
    dropped_by = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="actions_dropped"
    )

    class Meta:
        ordering = ["body__path", "due_on", "created_at", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(owner_office__isnull=False, owner_body__isnull=True)
                    | models.Q(owner_office__isnull=True, owner_body__isnull=False)
                ),
                name="an_action_has_one_owner",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="dropped") | models.Q(dropped_by__isnull=False),
                name="a_dropped_action_names_the_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.task[:80]

    def get_absolute_url(self) -> str:
        return reverse("action", kwargs={"pk": self.pk})

    @property
    def owner_name(self) -> str:
        """The owner in words: an office's title and body, or a body's name."""
        return str(self.owner_office or self.owner_body)

    @property
    def owner_label(self) -> str:
        """The owner as the record and the API name it: "office:ID" or "body:SLUG"."""
        if self.owner_office_id is not None:
            return f"office:{self.owner_office_id}"
        return f"body:{self.owner_body.slug if self.owner_body else ''}"

    def is_overdue(self, today: datetime.date) -> bool:
        """Past its due date and neither done nor dropped."""
        return self.due_on is not None and self.due_on < today and self.status not in CLOSED


class ActionUpdate(models.Model):
    """One dated step of an action: who wrote it, the status it set, and a note."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    written_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"update {self.pk} of action {self.action_id}: {self.status}"
