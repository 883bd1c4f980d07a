"""The rulebook's versions, a body's standing orders, and the rule changes that make them.

A `RulesVersion` of the organisation's top body is a version of the rulebook; of any other body,
a version of that body's standing orders (which may set only what the rulebook lets a body set,
within its limits). Versions are only ever added: the founding one at `newcourse init`, every
later one by a carried `RuleChange`. Each is sealed on the open record with the SHA-256 of its
text, so a row edited in the database no longer matches (`newcourse record verify` says so).
"""

from __future__ import annotations

import secrets
from typing import Any, NoReturn

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newcourse.organisation.models import Body, Member


class RulesVersionQuerySet(models.QuerySet["RulesVersion"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("A version of the rules is never changed: adopt a new one.")

    def delete(self) -> NoReturn:
        raise PermissionError("A version of the rules is never deleted.")


class RulesVersion(models.Model):
    """One version of a body's rules: the rulebook (top body) or its standing orders."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="rules_versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    # The parameters the text sets, as the rulebook library writes them in JSON (derived from
    # `text` when the version is adopted; kept so a lookup need not parse the text).
    parameters = models.JSONField(default=dict)
    effective_on = models.DateField(_("in force from"))
    adopted_at = models.DateTimeField(_("adopted at"))
    # Where the founding version came from ("model:trade-union.en", "file"), or "rule-change".
    source = models.CharField(max_length=60)
    change = models.OneToOneField(
        "RuleChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_version",
    )

    objects = RulesVersionQuerySet.as_manager()

    class Meta:
        ordering = ["body", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="one_rules_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.body} rules, version {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("A version of the rules is never changed: adopt a new one.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rules_version", kwargs={"slug": self.body.slug, "number": self.number})

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("A version of the rules is never deleted.")

    @property
    def is_rulebook(self) -> bool:
        return self.body.parent_id is None

    @property
    def conference_motion(self) -> int | None:
        """The id of the motion conference carried to make this version (its `source` is
        "conference:C:motion:M"); None for a founding version or a members' rule change."""
        parts = self.source.split(":")
        if len(parts) == 4 and parts[0] == "conference" and parts[3].isdigit():
            return int(parts[3])
        return None


class RuleChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed: notice given")
    VOTING = "voting", _("Vote under way")
    CARRIED = "carried", _("Carried")
    LOST = "lost", _("Lost")
    # Carried, but it cannot be applied as it stands (a change adopted since touches the same
    # lines, or its text is no longer the one proposed): the record says why.
    NOT_APPLIED = "not-applied", _("Carried, but not applied")


class RuleChange(models.Model):
    """A proposed new text of a body's rules, decided by a vote of the body's members.

    Until conference (part 1) lands, the organisation's conference is its top body, and a rule
    change to the rulebook is a vote of that body's members with the majority and notice the
    rulebook in force when it was proposed requires; a standing-order change is the same,
    in the body concerned.
    """

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="rule_changes")
    title = models.CharField(_("title"), max_length=200)
    reason = models.TextField(_("reason"), max_length=10000, blank=True)
    text = models.TextField(_("proposed text"))
    # The version of the body's rules the proposal amends (its diff is against this one); none
    # for a body's first standing orders.
    amends = models.ForeignKey(
        RulesVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The rulebook's version whose majority and notice the change must meet.
    rulebook_version = models.PositiveIntegerField()
    proposed_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    # The day the change takes effect if carried; None: the day it is declared carried.
    takes_effect_on = models.DateField(_("takes effect on"), null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=RuleChangeStatus.choices, default=RuleChangeStatus.PROPOSED
    )
    electorate_size = models.PositiveIntegerField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rule_change", kwargs={"pk": self.pk})

    @property
    def is_rulebook(self) -> bool:
        return self.body.parent_id is None


class RuleChangeElector(models.Model):
    """A member of the frozen electorate of a rule change, and whether they have voted.

    As for elections: no time of voting, no link to the ballot (docs/secrecy.md)."""

    change = models.ForeignKey(RuleChange, on_delete=models.PROTECT, related_name="electors")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    has_voted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["change", "member"], name="one_rule_change_elector")
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.change_id}"


def _random_id() -> int:
    return secrets.randbelow(2**62) + 1


class RuleChangeChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class RuleChangeBallot(models.Model):
    """One anonymous ballot on a rule change: the choice, nothing else (a random key, so
    neither the key nor the row order tells when it was cast)."""

    id = models.BigIntegerField(primary_key=True, default=_random_id, editable=False)
    change = models.ForeignKey(RuleChange, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(max_length=10, choices=RuleChangeChoice.choices)

    def __str__(self) -> str:
        return self.choice
