"""The minutes of a conference, which write themselves: assembled, in the order things
happened, from what is already stored — the open record's entries about the conference (the
floor opened, each item taken up, each vote opened, each ruling, each decision), joined to the
rows they name for the details: a vote's kind, question, attendance, figures, majority, outcome
and, for an open vote, its roll; a ruling's reason; a decision's amendments and the version of
the rules or the programme it made.

The record's order is the order of acts (each entry is sealed in the transaction that made the
change), so the minutes need no clock of their own: an act belongs to the item under debate
when it was recorded. Nothing here writes; the PDF is rendered by the scheduler
(`services.minutes`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Max

from newcourse.conferences.models import (
    Conference,
    Credential,
    CredentialStatus,
    Decision,
    Ruling,
)
from newcourse.record.models import RecordEntry

from .models import CheckIn, Floor, FloorVote, FloorVoter, MinutesPdf, Speaker

# The record's actions the minutes are made of. A vote is minuted where it was opened (under
# the item then debated), with its result and the decision it recorded; a vote cast leaves no
# entry, and check-ins are summed up as the attendance at each vote.
FLOOR_OPENED = "conference.floor_opened"
ITEM_TAKEN_UP = "conference.item_taken_up"
VOTE_OPENED = "conference.floor_vote_opened"
RULING = "conference.ruling"
DECIDED = "conference.decided"
MINUTED = (FLOOR_OPENED, ITEM_TAKEN_UP, VOTE_OPENED, RULING, DECIDED)


@dataclass(frozen=True)
class Speech:
    """A speech in the debate on an item, from the speakers' list: the speaker, and whom they
    spoke for (their delegation, or the committee moving a report)."""

    speaker: str
    on_behalf_of: str = ""
    stance: str = ""  # Speaker.Stance
    seconds: int | None = None


@dataclass(frozen=True)
class RollCall:
    """One delegate's vote in an open vote, as published when it closed."""

    member: str  # the membership number
    name: str
    delegation: str
    vote: str  # FloorVoter.Choice


@dataclass(frozen=True)
class SectionResult:
    """One section's figures in a vote taken by sections."""

    name: str
    # A card's share may be a fraction of a member, written "6 2/3".
    votes_for: int | str
    votes_against: int | str
    votes_abstain: int | str


@dataclass(frozen=True)
class AmendmentCarried:
    id: int
    number: str  # "motion.amendment", as the papers number it


@dataclass(frozen=True)
class DecisionMinute:
    """Conference's decision on a motion or a composite: carried or lost, its figures and the
    majority it needed, the amendments carried first, and the version of the rules or the
    programme a carried rule change or programme amendment made (or why it was not applied)."""

    act: ClassVar[str] = "decision"
    id: int
    item_kind: str  # "motion" or "composite"
    item_id: int
    item: str  # as the agenda names it: "2. Cost of living", "C1. Safe staffing"
    outcome: str  # Decision.Outcome
    votes_for: int
    votes_against: int
    votes_abstain: int
    majority: str  # as the rules write it: "simple", "2/3"
    amendments: tuple[AmendmentCarried, ...]
    rules_version: int | None
    programme_version: int | None
    not_applied: str
    recorded_at: datetime.datetime


@dataclass(frozen=True)
class VoteMinute:
    """A vote on the floor: its kind and question, the delegates present when it opened, and
    once closed its figures, the majority, the outcome with the rules' reason, an open vote's
    roll (never a secret one's), the sections' figures where it was taken by sections, and
    the decision it recorded on a motion or a composite."""

    act: ClassVar[str] = "vote"
    id: int
    number: int
    kind: str  # FloorVote.Kind
    question: str
    item_kind: str  # "motion", "amendment", "composite"; "" for a procedural question
    item_id: int | None
    item: str
    state: str  # FloorVote.State
    opened_at: datetime.datetime
    present: int
    closed_at: datetime.datetime | None
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    majority: str
    outcome: str  # FloorVote.Outcome, "" while open
    reason: str
    roll: tuple[RollCall, ...]
    sections: tuple[SectionResult, ...]
    decision: DecisionMinute | None


@dataclass(frozen=True)
class RulingMinute:
    """A ruling of the standing orders committee, with its published reason."""

    act: ClassVar[str] = "ruling"
    number: int
    kind: str  # RulingKind
    item_kind: str  # "motion", "amendment", "composite"
    item_id: int
    item: str
    reason: str
    ruled_at: datetime.datetime


Act = VoteMinute | RulingMinute | DecisionMinute


@dataclass(frozen=True)
class ItemMinutes:
    """The business done while one item was under debate, from when the chair took it up to
    the next item: who spoke, and each vote, ruling and decision, in order. `position` is
    None for business done with no item under debate (before the first one is taken up, or
    after the chair cleared the projector)."""

    position: int | None
    title: str
    taken_up_at: datetime.datetime | None
    speeches: tuple[Speech, ...]
    acts: tuple[Act, ...]


@dataclass(frozen=True)
class Minutes:
    """The minutes of a conference: when the floor opened, how many delegates came (each vote
    gives those present when it opened), what the committee ruled or conference decided
    before the floor opened, then the business item by item."""

    conference: int
    title: str
    body: str  # its name
    body_slug: str
    opens_on: datetime.date
    closes_on: datetime.date
    floor_opened_at: datetime.datetime | None
    credentialed: int
    attended: int
    online: int
    before: tuple[Act, ...]
    items: tuple[ItemMinutes, ...]

    @property
    def votes(self) -> tuple[VoteMinute, ...]:
        """Every vote on the floor, in the order taken."""
        acts = [*self.before, *(act for item in self.items for act in item.acts)]
        return tuple(act for act in acts if isinstance(act, VoteMinute))


def speeches_on(
    conference: Conference,
    position: int | None,
    since: datetime.datetime | None,
    until: datetime.datetime | None,
) -> tuple[Speech, ...]:
    """The speeches made on the item at `position`, in the order made (`since` and `until`,
    when the item was under debate by the record's clock, are not needed: a speech belongs to
    its item)."""
    if position is None:
        return ()
    spoken = Speaker.objects.filter(
        item__conference=conference, item__position=position, state=Speaker.State.SPOKEN
    )
    # Every speech on the item: the speakers' list belongs to it, however often taken up.
    return tuple(
        Speech(
            speaker=s.credential.term.member.person.full_name,
            on_behalf_of=s.credential.delegation.unit.name,
            stance=s.stance,
            seconds=s.seconds,
        )
        for s in spoken.select_related(
            "credential__term__member__person", "credential__delegation__unit"
        ).order_by("started_at", "pk")
    )


def sections_of(vote: FloorVote) -> tuple[SectionResult, ...]:
    """A vote's figures by section (each part of the conference's body its delegates come
    from), for an electronic or card vote with delegates from two sections or more."""
    if len(vote.sections) < 2 and not vote.double_majority:
        return ()
    return tuple(
        SectionResult(
            name=name,
            votes_for=figures.get("for", 0),
            votes_against=figures.get("against", 0),
            votes_abstain=figures.get("abstain", 0),
        )
        for name, figures in vote.sections.items()
    )


def _when(entry: RecordEntry) -> datetime.datetime:
    return datetime.datetime.fromisoformat(entry.recorded_at)


def _item_of(row: FloorVote | Ruling) -> tuple[str, int | None, str]:
    """The motion, amendment or composite a vote or ruling is on: kind, id and name."""
    if row.motion_id:
        return "motion", row.motion_id, str(row.motion)
    if row.amendment_id:
        return "amendment", row.amendment_id, str(row.amendment)
    if row.composite_id:
        return "composite", row.composite_id, str(row.composite)
    return "", None, ""


def _decision_minute(decision: Decision) -> DecisionMinute:
    item = decision.motion or decision.composite
    return DecisionMinute(
        id=decision.pk,
        item_kind="motion" if decision.motion_id else "composite",
        item_id=item.pk,  # type: ignore[union-attr]
        item=str(item),
        outcome=decision.outcome,
        votes_for=decision.votes_for,
        votes_against=decision.votes_against,
        votes_abstain=decision.votes_abstain,
        majority=decision.majority,
        amendments=tuple(
            AmendmentCarried(id=amendment.pk, number=str(amendment))
            for amendment in sorted(
                decision.amendments.all(), key=lambda a: (a.motion.number, a.number)
            )
        ),
        rules_version=decision.version.number if decision.version else None,
        programme_version=(
            decision.programme_version.number if decision.programme_version else None
        ),
        not_applied=decision.not_applied,
        recorded_at=decision.recorded_at,
    )


def _rolls(conference: Conference) -> dict[int, tuple[RollCall, ...]]:
    """The roll of every closed open vote of the conference, by vote, in one query."""
    voters = (
        FloorVoter.objects.filter(
            vote__conference=conference,
            vote__kind__in=[FloorVote.Kind.OPEN, FloorVote.Kind.CARD],
            vote__state=FloorVote.State.CLOSED,
        )
        .select_related("credential__term__member__person", "credential__delegation__unit")
        .order_by(
            "vote_id",
            "credential__delegation__unit__name",
            "credential__term__member__person__full_name",
            "credential__term__member__number",
        )
    )
    rolls: dict[int, list[RollCall]] = defaultdict(list)
    for voter in voters:
        member = voter.credential.term.member
        rolls[voter.vote_id].append(
            RollCall(
                member=member.number,
                name=str(member.person),
                delegation=voter.credential.delegation.unit.name,
                vote=voter.choice,
            )
        )
    return {vote: tuple(roll) for vote, roll in rolls.items()}


def _vote_minute(
    vote: FloorVote, roll: tuple[RollCall, ...], decision: DecisionMinute | None
) -> VoteMinute:
    closed = vote.state == FloorVote.State.CLOSED
    item_kind, item_id, item = _item_of(vote)
    return VoteMinute(
        id=vote.pk,
        number=vote.number,
        kind=vote.kind,
        question=vote.question,
        item_kind=item_kind,
        item_id=item_id,
        item=item,
        state=vote.state,
        opened_at=vote.opened_at,
        present=vote.present_at_opening,
        closed_at=vote.closed_at,
        votes_for=vote.votes_for if closed else None,
        votes_against=vote.votes_against if closed else None,
        votes_abstain=vote.votes_abstain if closed else None,
        majority=vote.majority if closed else "",
        outcome=vote.outcome if closed else "",
        reason=vote.reason if closed else "",
        roll=roll if vote.kind != FloorVote.Kind.SECRET and closed else (),
        sections=sections_of(vote) if closed else (),
        decision=decision,
    )


def _ruling_minute(ruling: Ruling) -> RulingMinute:
    item_kind, item_id, item = _item_of(ruling)
    return RulingMinute(
        number=ruling.number,
        kind=ruling.kind,
        item_kind=item_kind,
        item_id=item_id or 0,
        item=item,
        reason=ruling.reason,
        ruled_at=ruling.ruled_at,
    )


@dataclass
class _Item:
    """An item's minutes while they are being assembled."""

    position: int | None
    title: str
    taken_up_at: datetime.datetime | None
    acts: list[Act]


@dataclass(frozen=True)
class _Stored:
    """The rows the record's entries name, read at once: votes and rulings by number,
    decisions by id, the open votes' rolls by vote."""

    votes: dict[int, FloorVote]
    rulings: dict[int, Ruling]
    decisions: dict[int, DecisionMinute]
    rolls: dict[int, tuple[RollCall, ...]]
    by_vote: frozenset[int]  # the decisions votes on the floor made

    def act_of(self, entry: RecordEntry) -> Act | None:
        """The act an entry minutes: none for a row not found, or for a decision the floor's
        vote made (minuted with the vote, not again on its own)."""
        payload = entry.payload
        if entry.action == VOTE_OPENED and payload.get("vote") in self.votes:
            vote = self.votes[payload["vote"]]
            decision = self.decisions.get(vote.decision_id) if vote.decision_id else None
            return _vote_minute(vote, self.rolls.get(vote.pk, ()), decision)
        if entry.action == RULING and payload.get("ruling") in self.rulings:
            return _ruling_minute(self.rulings[payload["ruling"]])
        if entry.action == DECIDED and payload.get("decision") not in self.by_vote:
            return self.decisions.get(payload.get("decision", 0))
        return None


def _stored(conference: Conference) -> _Stored:
    votes = FloorVote.objects.filter(conference=conference).select_related(
        "motion", "amendment__motion", "composite"
    )
    rulings = Ruling.objects.filter(conference=conference).select_related(
        "motion", "amendment__motion", "composite"
    )
    decisions = (
        Decision.objects.filter(conference=conference)
        .select_related("motion", "composite", "version", "programme_version")
        .prefetch_related("amendments__motion")
    )
    by_number = {vote.number: vote for vote in votes}
    return _Stored(
        votes=by_number,
        rulings={ruling.number: ruling for ruling in rulings},
        decisions={decision.pk: _decision_minute(decision) for decision in decisions},
        rolls=_rolls(conference),
        by_vote=frozenset(v.decision_id for v in by_number.values() if v.decision_id),
    )


def _arranged(conference: Conference) -> tuple[list[Act], list[_Item]]:
    """The acts before the floor opened, then the items in the order taken up, each with the
    acts recorded while it was under debate; acts after the floor opened and before any item
    was taken up go under no item."""
    stored = _stored(conference)
    entries = RecordEntry.objects.filter(
        subject=f"conference:{conference.pk}", action__in=MINUTED
    ).order_by("seq")
    before: list[Act] = []
    items: list[_Item] = []
    opened = False
    for entry in entries:
        if entry.action == FLOOR_OPENED:
            opened = True
        elif entry.action == ITEM_TAKEN_UP:
            payload = entry.payload
            items.append(_Item(payload.get("item"), payload.get("title", ""), _when(entry), []))
        elif (act := stored.act_of(entry)) is None:
            continue
        elif not opened:
            before.append(act)
        else:
            if not items:
                items.append(_Item(None, "", None, []))
            items[-1].acts.append(act)
    return before, items


def minutes_of(conference: Conference) -> Minutes:
    """The minutes of `conference` as they stand: everything the record holds about its floor
    and its committee's rulings and decisions, in the order it happened."""
    before, items = _arranged(conference)
    floor = Floor.objects.filter(conference=conference).first()
    present = CheckIn.objects.filter(credential__conference=conference)
    # Each item is under debate until the next is taken up; the last, until now.
    ends = [later.taken_up_at for later in items[1:]] + ([None] if items else [])
    return Minutes(
        conference=conference.pk,
        title=conference.title,
        body=conference.body.name,
        body_slug=conference.body.slug,
        opens_on=conference.opens_on,
        closes_on=conference.closes_on,
        floor_opened_at=floor.opened_at if floor else None,
        credentialed=Credential.objects.filter(
            conference=conference, status=CredentialStatus.VERIFIED
        ).count(),
        attended=present.count(),
        online=present.filter(remote=True).count(),
        before=tuple(before),
        items=tuple(
            ItemMinutes(
                position=item.position,
                title=item.title,
                taken_up_at=item.taken_up_at,
                speeches=(
                    speeches_on(conference, item.position, item.taken_up_at, end)
                    if item.position is not None
                    else ()
                ),
                acts=tuple(item.acts),
            )
            for item, end in zip(items, ends, strict=True)
        ),
    )


def minutes_pdf_of(conference: Conference) -> MinutesPdf | None:
    """The latest PDF of the minutes the scheduler rendered (None: none yet)."""
    return MinutesPdf.objects.filter(conference=conference).first()


def latest_entries(conferences: list[int]) -> dict[int, int]:
    """The sequence number of the latest record entry about each conference (by id)."""
    subjects = {f"conference:{pk}": pk for pk in conferences}
    latest = (
        RecordEntry.objects.filter(subject__in=subjects)
        .order_by()
        .values("subject")
        .annotate(seq=Max("seq"))
    )
    return {subjects[row["subject"]]: row["seq"] for row in latest}


def conferences_due_for_minutes() -> list[tuple[Conference, int]]:
    """The conferences whose floor has opened and about which the record holds an entry newer
    than their minutes' last rendering, each with that entry's number: their minutes may have
    changed (whether they did is for the renderer to tell, by the Markdown's hash)."""
    floors = list(Floor.objects.values_list("conference_id", flat=True))
    latest = latest_entries(floors)
    rendered = dict(
        MinutesPdf.objects.filter(conference_id__in=floors).values_list(
            "conference_id", "record_seq"
        )
    )
    due = [pk for pk in floors if latest.get(pk, 0) > rendered.get(pk, -1)]
    conferences = Conference.objects.filter(pk__in=due).select_related("body").order_by("pk")
    return [(conference, latest.get(conference.pk, 0)) for conference in conferences]
