"""A conference of a body, its timetable, and the delegates each sub-body is entitled to.

The entitlement is fixed once, at the membership freeze date, from the members in good
standing then and the rule the rulebook in force states (`delegates.*`); it goes to the open
record with its arithmetic. Motions, amendments, compositing and the floor follow (issues 13
and 14).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newcourse.offices.models import Office, Term
from newcourse.organisation.models import Body, Member


class Conference(models.Model):
    """A national conference, a congress, a general meeting: the sovereign body of `body`."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="conferences")
    title = models.CharField(_("title"), max_length=200)
    # The level that sends delegates ("Branch"); empty: the bodies with none below them.
    unit_kind = models.CharField(_("delegates are sent by"), max_length=60, blank=True)
    freeze_on = models.DateField(_("membership freeze"))
    delegates_by = models.DateField(_("delegates elected by"))
    motions_by = models.DateField(_("motions by"))
    amendments_by = models.DateField(_("amendments by"))
    agenda_by = models.DateField(_("final agenda by"))
    emergency_by = models.DateField(_("emergency motions by"))
    opens_on = models.DateField(_("conference opens"))
    closes_on = models.DateField(_("conference closes"))
    called_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    called_at = models.DateTimeField()
    # Set when the scheduler fixes the entitlement at the freeze date, with the rulebook
    # version whose rule it applied.
    entitled_at = models.DateTimeField(null=True, blank=True)
    rulebook_version = models.PositiveIntegerField(null=True, blank=True)
    # The agenda the standing orders committee last published (0: none yet).
    agenda_version = models.PositiveIntegerField(default=0)
    agenda_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("conference", kwargs={"pk": self.pk})


class Entitlement(models.Model):
    """How many delegates one sub-body sends, with the arithmetic that gave it."""

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="entitlements"
    )
    unit = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    members = models.PositiveIntegerField()
    seats = models.PositiveIntegerField()
    # How the seats came from the members, in words ("1001 / 1000 = 1.001, up: 2").
    arithmetic = models.CharField(max_length=200)

    class Meta:
        ordering = ["conference", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "unit"], name="one_entitlement_each")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.seats}"


class Delegation(models.Model):
    """A unit's delegation to a conference: an office of the unit (kind delegation) with as
    many seats as the unit is entitled to, filled by the unit's members' election, which the
    timetable closes by the conference's `delegates_by` date.

    Beside it, its alternates: a second office of the unit, as many seats again, elected the
    same way and by the same date. An alternate holds no seat and no credential until a
    delegate stands down; the first alternate in line then takes that seat
    (`services.delegate_stand_down`, the order in `selectors.alternates_of`). Delegations
    formed before alternates were elected have none (`alternates` empty)."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="delegations")
    unit = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    office = models.OneToOneField(
        Office, on_delete=models.PROTECT, related_name="conference_delegation"
    )
    alternates = models.OneToOneField(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_alternates",
    )

    class Meta:
        ordering = ["conference", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "unit"], name="one_delegation_each")
        ]

    def __str__(self) -> str:
        return str(self.office)


class ProgrammeVersion(models.Model):
    """One version of a body's programme: what the organisation stands for and fights for, a
    line-numbered document that only its conference changes. The first is written by the
    officers who call the body's conferences (the programme as the founding congress adopted
    it); every later one is made, at once, by a programme amendment conference carries.
    Versions are only ever added, each sealed on the open record with its text's SHA-256."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="programme_versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    adopted_at = models.DateTimeField(_("adopted at"))
    # "founding", or "conference:C:motion:M": the motion conference carried.
    source = models.CharField(max_length=60)

    class Meta:
        ordering = ["body", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="one_programme_version")
        ]

    def __str__(self) -> str:
        return f"{self.body} programme, version {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("A version of the programme is never changed: adopt a new one.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programme", kwargs={"slug": self.body.slug}) + f"?version={self.number}"

    @property
    def conference_motion(self) -> int | None:
        """The id of the motion conference carried to make this version, if it did."""
        parts = self.source.split(":")
        if len(parts) == 4 and parts[0] == "conference" and parts[3].isdigit():
            return int(parts[3])
        return None


class Motion(models.Model):
    """A motion a body brings to conference, once a quorate meeting of its members carried it.

    `text` is the motion as its body wrote it: paragraphs, shown and amended by numbered line
    (`newcourse.documents`). The meeting's decision is recorded with its figures, which the
    rules check: quorate by `meeting.quorum`, carried by more for than against.
    """

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="motions")
    number = models.PositiveIntegerField()
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    submitted_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    meeting_on = models.DateField(_("carried at the meeting of"))
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    # Submitted after the motions deadline, by the emergency motions date.
    emergency = models.BooleanField(_("emergency motion"), default=False)
    # A rule change: the version of the conference body's rules (its rulebook, or its standing
    # orders) that the motion amends; `text` is then that version's whole text as the motion
    # would leave it, shown as the changes it makes, and carried it becomes the next version.
    amends = models.ForeignKey(
        "rules.RulesVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("amends the rules, version"),
    )
    # A programme amendment: the version of the conference body's programme it amends, `text`
    # being that version's whole text as the motion would leave it (as for a rule change).
    amends_programme = models.ForeignKey(
        ProgrammeVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("amends the programme, version"),
    )

    class Meta:
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="one_motion_number"),
            models.CheckConstraint(
                condition=models.Q(amends__isnull=True) | models.Q(amends_programme__isnull=True),
                name="a_motion_amends_one_standing_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("motion", kwargs={"pk": self.pk})

    def document_source(self) -> str:
        """The motion as a document: its title, then its paragraphs; braces are the motion's
        own words, never parameters. A rule change is the rules' own text, parameters and
        all, numbered as the rules are."""
        if self.amends_id is not None or self.amends_programme_id is not None:
            return self.text if self.text.endswith("\n") else self.text + "\n"
        escaped = self.text.replace("{", "{{").replace("}", "}}")
        return f"# {self.title}\n\n{escaped}\n"


class Amendment(models.Model):
    """An amendment another body brings to a motion, once a quorate meeting of its members
    carried it (the same rule as for a motion).

    `text` is the motion's whole text as the amendment would leave it, not only the paragraphs
    it changes: the change is then the diff of two documents (`newcourse.documents`), shown
    line by line against the motion's numbered lines, and amendments that touch the same lines
    are found by comparing those diffs. The motion's body may accept it as friendly (once).
    """

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveIntegerField()
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    submitted_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    meeting_on = models.DateField(_("carried at the meeting of"))
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    friendly = models.BooleanField(_("accepted as friendly"), default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # What it changes, line by numbered line of the motion: `newcourse.documents.Hunk`s as
    # [old_start, old_lines, new_start, new_lines]. Neither text changes once the amendment is
    # submitted, so the diff is worked out then, once: the motion's page shows hundreds of
    # amendments to a long motion without reading, parsing and diffing each whole text again.
    # Should `newcourse.documents` ever number lines differently, a migration works them out
    # again (as 0009 did for the amendments then submitted).
    changes = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["motion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "number"], name="one_amendment_number")
        ]

    def __str__(self) -> str:
        return f"{self.motion.number}.{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("motion", kwargs={"pk": self.motion_id}) + f"#amendment-{self.number}"

    def document_source(self) -> str:
        """The motion as this amendment would leave it, as a document."""
        return Motion(
            title=self.motion.title,
            text=self.text,
            amends_id=self.motion.amends_id,
            amends_programme_id=self.motion.amends_programme_id,
        ).document_source()


class CommitteeRole(models.TextChoices):
    STANDING_ORDERS = "standing-orders", _("Standing orders committee")
    CREDENTIALS = "credentials", _("Credentials committee")


class Committee(models.Model):
    """A committee of the conference: an elected office of the conference's body, named to a
    role once. Its officers, while their terms run, act for it: the standing orders committee
    rules on motions and drafts composites; the credentials committee reviews delegates."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="committees")
    role = models.CharField(max_length=20, choices=CommitteeRole.choices)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    named_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    named_at = models.DateTimeField()

    class Meta:
        ordering = ["conference", "role"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "role"], name="one_committee_each")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.office}"


class Composite(models.Model):
    """Motions on one subject drafted into one by the standing orders committee. It goes
    forward only when the body of every motion in it consents; one refusal and it falls, and
    the motions stay as they were. Each of its lines shows the motion it came from
    (`selectors.composite_lines`)."""

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting the movers' consent")
        AGREED = "agreed", _("agreed by every mover")
        FALLEN = "fallen", _("fallen: a mover refused")

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="composites")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    drafted_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="one_composite_number")
        ]

    def __str__(self) -> str:
        return f"C{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("composite", kwargs={"pk": self.pk})

    def document_source(self) -> str:
        """The composite as a document, as a motion is one."""
        return Motion(title=self.title, text=self.text).document_source()


class Consent(models.Model):
    """One motion of a composite, and its body's answer: pending, consents or refuses."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("pending")
        CONSENTS = "consents", _("consents")
        REFUSES = "refuses", _("refuses")

    composite = models.ForeignKey(Composite, on_delete=models.PROTECT, related_name="consents")
    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="consents")
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["composite", "motion__number"]
        constraints = [
            models.UniqueConstraint(fields=["composite", "motion"], name="one_consent_each")
        ]

    def __str__(self) -> str:
        return f"{self.composite}: {self.motion} {self.answer}"


class RulingKind(models.TextChoices):
    ADMISSIBLE = "admissible", _("admissible")
    OUT_OF_ORDER = "out-of-order", _("out of order")
    COMPOSITE_REQUIRED = "composite-required", _("to be composited")
    REFERRED = "referred", _("referred")
    REMITTED = "remitted", _("remitted")
    GUILLOTINED = "guillotined", _("guillotined")


class Ruling(models.Model):
    """An act of the standing orders committee on a motion, an amendment or a composite, with
    its published reason. The latest ruling on an item is its standing; earlier ones stay, so
    nothing is disposed of silently and the floor can later reject one ("reference back")."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="rulings")
    number = models.PositiveIntegerField()
    kind = models.CharField(_("ruling"), max_length=20, choices=RulingKind.choices)
    reason = models.TextField(_("reason"))
    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="rulings"
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.PROTECT, null=True, blank=True, related_name="rulings"
    )
    composite = models.ForeignKey(
        Composite, on_delete=models.PROTECT, null=True, blank=True, related_name="rulings"
    )
    ruled_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    ruled_at = models.DateTimeField()

    class Meta:
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="one_ruling_number"),
            models.CheckConstraint(
                condition=(
                    models.Q(motion__isnull=False, amendment__isnull=True, composite__isnull=True)
                    | models.Q(motion__isnull=True, amendment__isnull=False, composite__isnull=True)
                    | models.Q(motion__isnull=True, amendment__isnull=True, composite__isnull=False)
                ),
                name="a_ruling_is_on_one_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.get_kind_display()}"

    @property
    def item(self) -> Motion | Amendment | Composite:
        return self.motion or self.amendment or self.composite  # type: ignore[return-value]


class CredentialStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    # The delegate gave up the seat: the credential is no longer valid, whatever the
    # committee had found, and an alternate may hold the seat in their place.
    STOOD_DOWN = "stood-down", _("Stood down")


class Credential(models.Model):
    """A delegate's credential to a conference: issued by the scheduler, once the date for
    delegates has passed, to each member seated in a delegation (one per term in the
    delegation's office). The credentials committee verifies it, or rejects it with a reason;
    a challenge puts a verified one back to pending. A delegate who stands down leaves it
    stood down, no longer valid; the alternate who takes the seat gets one of their own, in
    the same delegation, on their term as an alternate, `alternate_for` the one given up.

    `token` is the address of the delegate's printable card: random and unguessable, so that
    the card's QR code can be scanned at the door; it never goes on the open record."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="credentials")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="credentials")
    term = models.OneToOneField(
        Term, on_delete=models.PROTECT, related_name="conference_credential"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CredentialStatus.choices,
        default=CredentialStatus.PENDING,
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    issued_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Whose seat an alternate took: each credential given up is taken up once at most.
    alternate_for = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="taken_by"
    )
    stood_down_at = models.DateTimeField(null=True, blank=True)
    stood_down_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stood_down_reason = models.CharField(_("reason for standing down"), max_length=500, blank=True)

    class Meta:
        ordering = ["conference", "delegation", "pk"]

    def __str__(self) -> str:
        return f"{self.term.member} ({self.delegation.unit})"

    def get_absolute_url(self) -> str:
        return reverse("credential_card", kwargs={"token": self.token})


class Challenge(models.Model):
    """A challenge to a delegate's credential, by another delegate or an officer of the
    conference's body, with its reason: kept, shown in the credentials report, and the
    credential goes back to the committee."""

    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="challenges")
    raised_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    raised_at = models.DateTimeField()

    class Meta:
        ordering = ["credential", "raised_at", "pk"]

    def __str__(self) -> str:
        return f"{self.credential}: {self.reason[:40]}"


class AgendaItem(models.Model):
    """One item of the conference's agenda, in the order the standing orders committee
    published it (conference adopts the order on the floor). A motion or an agreed composite
    is on it once it goes forward; reports, elections, rule changes and other business by
    their title. Its outcome is written when it is decided."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        MOTION = "motion", _("motion")
        COMPOSITE = "composite", _("composite")
        RULE_CHANGE = "rule-change", _("rule change")
        ELECTION = "election", _("election")
        OTHER = "other", _("other business")

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="agenda")
    position = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    composite = models.ForeignKey(
        Composite, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)

    class Meta:
        ordering = ["conference", "position"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "position"], name="one_agenda_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def business(self) -> str:
        """The motion or composite it takes up ("motion:ID", "composite:ID", as
        `selectors.going_forward` names them); empty for business named by its title."""
        if self.motion_id:
            return f"motion:{self.motion_id}"
        if self.composite_id:
            return f"composite:{self.composite_id}"
        return ""


class Papers(models.Model):
    """The conference papers of one version of the agenda, as a PDF the scheduler rendered."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="papers")
    version = models.PositiveIntegerField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField()

    class Meta:
        ordering = ["conference", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "version"], name="one_papers_each")
        ]

    def __str__(self) -> str:
        return f"{self.conference} papers, version {self.version}"


class Decision(models.Model):
    """What conference decided on a motion or a composite of its agenda, as it was declared on
    the floor: the votes for, against and abstaining, and the amendments it carried first.
    Whether it carried is the rules' arithmetic, never typed in: a simple majority, or for a
    rule change the majority the rulebook sets (`rule_change.majority`). A rule change carried
    becomes the next version of the rules (`version`), at once.

    Until the floor (issue 14) takes votes itself, the standing orders committee enters what
    the chair declared; each item is decided once."""

    class Outcome(models.TextChoices):
        CARRIED = "carried", _("carried")
        LOST = "lost", _("lost")

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="decisions")
    motion = models.OneToOneField(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="decision"
    )
    composite = models.OneToOneField(
        Composite, on_delete=models.PROTECT, null=True, blank=True, related_name="decision"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    # The majority it needed, as the rules write it ("simple", "2/3").
    majority = models.CharField(max_length=40)
    amendments = models.ManyToManyField(Amendment, blank=True, related_name="carried_by")
    # A motion's text as conference carried it: with its friendly amendments and the ones
    # carried (empty for a composite, or a motion lost).
    text = models.TextField(blank=True)
    # The version of the rules a carried rule change made; empty when it was not applied, with
    # the reason (another version since changed the same lines); likewise for a programme
    # amendment, `programme_version`.
    version = models.OneToOneField(
        "rules.RulesVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_decision",
    )
    programme_version = models.OneToOneField(
        ProgrammeVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
    )
    not_applied = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["conference", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(motion__isnull=False, composite__isnull=True)
                    | models.Q(motion__isnull=True, composite__isnull=False)
                ),
                name="a_decision_is_on_one_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.motion or self.composite}: {self.get_outcome_display()}"


class Instruction(models.Model):
    """A unit's instruction to its delegation on one motion, amendment or composite going
    forward, where the rulebook makes delegates mandated (`delegates.mandate`): for, against,
    abstain, or left to the delegates. Given by the unit's officers once a quorate meeting of
    its members carried it, with that meeting's figures (the rule motions follow).

    A later instruction on the same item replaces it: the earlier one stays, marked replaced,
    so a delegation's instructions keep their history as the record does; one stands at a time
    (the constraints say so to the database)."""

    class Vote(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")
        LEFT = "left", _("left to the delegates")

    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="instructions"
    )
    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="instructions"
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.PROTECT, null=True, blank=True, related_name="instructions"
    )
    composite = models.ForeignKey(
        Composite, on_delete=models.PROTECT, null=True, blank=True, related_name="instructions"
    )
    vote = models.CharField(_("instruction"), max_length=10, choices=Vote.choices)
    meeting_on = models.DateField(_("decided at the meeting of"))
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    given_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField()
    # The instruction this one replaced, and when a later one replaced this (None: it stands).
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["delegation", "given_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(motion__isnull=False, amendment__isnull=True, composite__isnull=True)
                    | models.Q(motion__isnull=True, amendment__isnull=False, composite__isnull=True)
                    | models.Q(motion__isnull=True, amendment__isnull=True, composite__isnull=False)
                ),
                name="an_instruction_is_on_one_item",
            ),
            *(
                models.UniqueConstraint(
                    fields=["delegation", item],
                    condition=models.Q(replaced_at__isnull=True, **{f"{item}__isnull": False}),
                    name=f"one_standing_instruction_on_a_{item}",
                )
                for item in ("motion", "amendment", "composite")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation.unit}: {self.item_key} {self.vote}"

    @property
    def item(self) -> Motion | Amendment | Composite:
        return self.motion or self.amendment or self.composite  # type: ignore[return-value]

    @property
    def item_key(self) -> str:
        """The item as `selectors.going_forward` names it ("motion:ID", "amendment:ID",
        "composite:ID")."""
        if self.motion_id:
            return f"motion:{self.motion_id}"
        if self.amendment_id:
            return f"amendment:{self.amendment_id}"
        return f"composite:{self.composite_id}"


class PrioritiesBallot(models.Model):
    """When time is short, the delegates choose which topics reach the floor: the standing
    orders committee opens the ballot on the topics going forward (all, or those it picks),
    saying how many each delegate may approve (`choices`) and how many are debated
    (`priorities`). Its electorate is frozen when it opens: the delegates then holding a verified
    credential. The scheduler counts it at `closes_at` by the counting library's approval count;
    `result` is the count's report (`newcourse-count/1`)."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        COUNTED = "counted", _("counted")

    conference = models.OneToOneField(
        Conference, on_delete=models.PROTECT, related_name="priorities_ballot"
    )
    choices = models.PositiveSmallIntegerField(_("topics each delegate may approve"))
    priorities = models.PositiveSmallIntegerField(_("topics that reach the floor"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    closes_at = models.DateTimeField(_("voting closes"))
    electorate_size = models.PositiveIntegerField()
    counted_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.conference}: priorities ballot"

    def get_absolute_url(self) -> str:
        return reverse("conference_priorities", kwargs={"pk": self.conference_id})


class PrioritiesTopic(models.Model):
    """A topic on the priorities ballot paper: a motion going forward in its own right, or an
    agreed composite, under the title the paper prints. At the count it gets its approvals,
    and is marked a priority when chosen."""

    ballot = models.ForeignKey(PrioritiesBallot, on_delete=models.PROTECT, related_name="topics")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=220)
    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    composite = models.ForeignKey(
        Composite, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approvals = models.PositiveIntegerField(null=True, blank=True)
    priority = models.BooleanField(default=False)

    class Meta:
        ordering = ["ballot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "position"], name="one_topic_position"),
            models.CheckConstraint(
                condition=(
                    models.Q(motion__isnull=False, composite__isnull=True)
                    | models.Q(motion__isnull=True, composite__isnull=False)
                ),
                name="a_topic_is_a_motion_or_a_composite",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def business(self) -> str:
        """As `selectors.going_forward` names it ("motion:ID", "composite:ID")."""
        if self.motion_id:
            return f"motion:{self.motion_id}"
        return f"composite:{self.composite_id}"


class PrioritiesElector(models.Model):
    """A delegate on the frozen electorate of a priorities ballot, and whether they have voted.

    As for elections: no time of voting, no link to the paper (docs/secrecy.md)."""

    ballot = models.ForeignKey(PrioritiesBallot, on_delete=models.PROTECT, related_name="electors")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    has_voted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_priorities_elector")
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.ballot_id}"


def _random_id() -> int:
    return secrets.randbelow(2**62) + 1


class PrioritiesPaper(models.Model):
    """One delegate's anonymous paper: the ids of the topics it approves, in ascending order
    (not the order they were ticked), nothing else; a random key, so neither the key nor the
    row order tells when it was cast, and the count rewrites the box in random order."""

    id = models.BigIntegerField(primary_key=True, default=_random_id, editable=False)
    ballot = models.ForeignKey(PrioritiesBallot, on_delete=models.PROTECT, related_name="papers")
    topics = models.JSONField()

    def __str__(self) -> str:
        return ", ".join(str(topic) for topic in self.topics)
