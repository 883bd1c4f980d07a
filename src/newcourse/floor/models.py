"""The conference hall while conference sits: who is in it, the item under debate, and the
votes taken on the floor.

A delegate is present once checked in with their credential (scanned at the door, or by
themselves where the standing orders committee allows it), until checked out. A vote on the
floor is opened by the chair on an item, taken by show of hands (counted by tellers),
electronically (open: each delegate's vote published; secret: as an election's, nobody can
link a paper to a delegate), and closed with its figures and outcome; a vote on a motion or a
composite becomes conference's decision (`conferences.Decision`).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newcourse.conferences.models import (
    AgendaItem,
    Amendment,
    Composite,
    Conference,
    Credential,
    Decision,
    Motion,
)
from newcourse.organisation.models import Member


class Floor(models.Model):
    """The hall of one conference, opened by the standing orders committee on the day it
    sits: whether delegates may check themselves in, and the agenda item under debate, which
    the projector shows."""

    conference = models.OneToOneField(Conference, on_delete=models.PROTECT, related_name="floor")
    self_check_in = models.BooleanField(_("delegates may check themselves in"), default=False)
    debating = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    # The speakers' list, as conference's standing orders have it, set by the chair.
    list_closed = models.BooleanField(_("the list of speakers is closed"), default=False)
    alternate_stances = models.BooleanField(_("speakers alternate for and against"), default=True)
    gender_order = models.CharField(
        _("by gender"),
        max_length=30,
        choices=[
            ("none", _("in order of asking")),
            ("alternate-women-first", _("alternating, a woman first")),
        ],
        default="none",
    )
    progressive_stack = models.CharField(
        _("those who have not spoken first"),
        max_length=12,
        choices=[
            ("off", _("no")),
            ("debate", _("in this debate")),
            ("conference", _("in the whole conference")),
        ],
        default="off",
    )
    mover_seconds = models.PositiveIntegerField(_("the mover's time, in seconds"), default=300)
    speaker_seconds = models.PositiveIntegerField(_("a speaker's time, in seconds"), default=180)
    point_of_order_seconds = models.PositiveIntegerField(
        _("a point of order's time, in seconds"), default=60
    )

    def __str__(self) -> str:
        return str(self.conference)


class CheckIn(models.Model):
    """A delegate's presence in the hall: from the check-in until checked out; checking in
    again brings them back. `remote`: a delegate of a hybrid conference present online, who
    counts the same."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        NON_BINARY = "non-binary", _("non-binary")

    credential = models.OneToOneField(Credential, on_delete=models.PROTECT, related_name="check_in")
    checked_in_at = models.DateTimeField()
    checked_in_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    remote = models.BooleanField(_("present online"), default=False)
    left_at = models.DateTimeField(null=True, blank=True)
    # Declared by the delegate alone, for the women's vote and a speakers' list that
    # alternates by gender; never on the open record, counted only in totals.
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)

    class Meta:
        ordering = ["credential"]

    def __str__(self) -> str:
        return str(self.credential)


class FloorVote(models.Model):
    """A vote on the floor. Its question is a motion, an amendment, a composite, or a
    procedural question worded by the chair; one vote is open at a time in a hall."""

    class Kind(models.TextChoices):
        HANDS = "hands", _("show of hands")
        OPEN = "open", _("electronic, names published")
        SECRET = "secret", _("electronic, secret")
        CARD = "card", _("card vote")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Outcome(models.TextChoices):
        CARRIED = "carried", _("carried")
        LOST = "lost", _("lost")
        # A demand from the floor was met while it was open: no result is declared, and the
        # question is put again as the demand asks (a card vote, a double majority, the
        # women's vote first).
        RETAKEN = "retaken", _("to be taken again")

    class Electorate(models.TextChoices):
        DELEGATES = "delegates", _("the delegates")
        WOMEN = "women", _("the women delegates")

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="floor_votes")
    number = models.PositiveIntegerField()
    kind = models.CharField(_("kind of vote"), max_length=10, choices=Kind.choices)
    question = models.CharField(_("question"), max_length=300)
    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="floor_votes"
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.PROTECT, null=True, blank=True, related_name="floor_votes"
    )
    composite = models.ForeignKey(
        Composite, on_delete=models.PROTECT, null=True, blank=True, related_name="floor_votes"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    electorate = models.CharField(
        max_length=10, choices=Electorate.choices, default=Electorate.DELEGATES
    )
    # A majority in each section too, as demanded in an earlier vote on the question.
    double_majority = models.BooleanField(default=False)
    opened_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    present_at_opening = models.PositiveIntegerField()
    closed_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    votes_for = models.PositiveBigIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveBigIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveBigIntegerField(_("abstentions"), null=True, blank=True)
    majority = models.CharField(max_length=40, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    # A women's vote with most of them against: the proposal returns to the next conference.
    veto = models.BooleanField(default=False)
    # The demands met while it was open, when it is to be taken again ("card,women").
    retaken_for = models.CharField(max_length=40, blank=True)
    # The figures by section (the conference body's parts: {"name": {"for": …}}) and, for a
    # card vote, each delegation's card (exact shares as text, "333 1/3").
    sections = models.JSONField(default=dict, blank=True)
    cards = models.JSONField(default=list, blank=True)
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="floor_vote"
    )

    class Meta:
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="one_floor_vote_number"),
            # The chair's double click opens one vote, not two.
            models.UniqueConstraint(
                fields=["conference"], condition=Q(state="open"), name="one_open_floor_vote"
            ),
        ]

    def __str__(self) -> str:
        return f"Vote {self.number}: {self.question}"

    @property
    def electronic(self) -> bool:
        return self.kind != self.Kind.HANDS


class FloorDemand(models.Model):
    """A delegate's demand, while a vote is open, that the question be put otherwise: by card
    vote, with a majority in each section, or to the women delegates first. Met when enough
    delegates demand it, as the rulebook says; then the vote is taken again so."""

    class Kind(models.TextChoices):
        CARD = "card", _("a card vote")
        DOUBLE = "double", _("a majority in each section")
        WOMEN = "women", _("the women's vote first")

    vote = models.ForeignKey(FloorVote, on_delete=models.PROTECT, related_name="demands")
    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["vote", "made_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "credential", "kind"], name="one_floor_demand_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.credential}: {self.get_kind_display()}"


class FloorVoter(models.Model):
    """A delegate who voted electronically, once per vote. In an open vote the row holds the
    choice, published; in a secret one it holds none: the choice is on a paper that names
    nobody."""

    class Choice(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")

    vote = models.ForeignKey(FloorVote, on_delete=models.PROTECT, related_name="voters")
    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=Choice.choices, blank=True)

    class Meta:
        ordering = ["vote", "credential"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "credential"], name="one_floor_vote_each")
        ]

    def __str__(self) -> str:
        return f"{self.credential}: {self.vote}"


def _random_id() -> int:
    return secrets.randbelow(2**62) + 1


class FloorPaper(models.Model):
    """A secret vote's paper: its choice and nothing else, under a random key, so neither the
    key nor the rows' order tells who cast it (as `PrioritiesPaper`)."""

    id = models.BigIntegerField(primary_key=True, default=_random_id, editable=False)
    vote = models.ForeignKey(FloorVote, on_delete=models.PROTECT, related_name="papers")
    choice = models.CharField(max_length=10, choices=FloorVoter.Choice.choices)
    # The voter's section, for a majority in each section: one of a few, shared by hundreds.
    section = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.vote}: a paper"


class Speaker(models.Model):
    """A delegate's request to speak on the item under debate, and once the chair calls them
    the speech itself: when it started and ended. Points of order jump the queue; the order of
    the rest is the speakers' list's rules (`newcourse.speakers`), the chair's placements
    laid over it."""

    class Stance(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        NEUTRAL = "neutral", _("neutral")
        POINT_OF_ORDER = "point-of-order", _("point of order")

    class Role(models.TextChoices):
        MOVER = "mover", _("mover")
        SECONDER = "seconder", _("seconder")
        SPEAKER = "speaker", _("speaker")
        REPLY = "reply", _("reply")

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SPEAKING = "speaking", _("speaking")
        SPOKEN = "spoken", _("spoken")
        WITHDRAWN = "withdrawn", _("withdrawn")

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="speakers")
    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(max_length=20, choices=Stance.choices)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.SPEAKER)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    asked_at = models.DateTimeField()
    placed_at = models.PositiveIntegerField(null=True, blank=True)
    allowed_seconds = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    seconds = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            # One speaker at a time on an item.
            models.UniqueConstraint(
                fields=["item"], condition=Q(state="speaking"), name="one_speaker_at_a_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.credential} ({self.get_stance_display()})"


class MinutesPdf(models.Model):
    """The minutes of a conference as a PDF, which the scheduler renders again whenever the
    minutes changed (`services.minutes.minutes_render`): only the latest rendering is kept,
    since each one holds everything the one before did. `markdown_sha256` is the hash of the
    Markdown it was rendered beside, in the installation's language: the minutes changed when
    that hash does. `record_seq` is the last entry of the open record about the conference
    that the rendering took in, so the scheduler looks again only after a newer one."""

    conference = models.OneToOneField(
        Conference, on_delete=models.PROTECT, related_name="minutes_pdf"
    )
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    markdown_sha256 = models.CharField(max_length=64)
    record_seq = models.BigIntegerField()
    rendered_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.conference} minutes, rendered {self.rendered_at:%Y-%m-%d %H:%M}"
