"""Votes on the floor: the chair opens one on a motion, an amendment, a composite or a
procedural question, once conference is quorate; delegates present with a verified credential
vote from their phones (an electronic vote) or the tellers count the hands; the chair closes
it and the result is declared by the rules' arithmetic (`newcourse.counting.decide_motion`).
A vote on a motion or a composite is conference's decision on it (`decision_record`), with the
amendments the floor carried before it.

A secret vote is secret as an election is (docs/secrecy.md): the delegate's row says only that
they voted, the paper holds only the choice, under a random key, and the closed box is
rewritten in random order before it is counted. An acknowledged vote is committed before the
answer goes back, so a server restarted mid-vote loses none."""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences import selectors as conference_selectors
from newcourse.conferences.models import AgendaItem, Amendment, Composite, Conference, Motion
from newcourse.conferences.services import decision_record
from newcourse.conferences.services.decisions import MOST_VOTES
from newcourse.counting import decide_motion
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidBallot, InvalidInput, NotEligible, OutsideWindow

from .. import selectors
from ..access import credential_of
from ..models import Floor, FloorPaper, FloorVote, FloorVoter
from .hall import floor_changed, for_the_chair, while_sitting

CHOICES = tuple(FloorVoter.Choice.values)


def _question(
    conference: Conference,
    motion: Motion | None,
    amendment: Amendment | None,
    composite: Composite | None,
    question: str,
) -> str:
    """The question put: the item's own name, or the chair's words for a procedural one.
    Refuses an item not on the published agenda, kept from the floor, or already decided."""
    items = [item for item in (motion, amendment, composite) if item is not None]
    question = question.strip() if isinstance(question, str) else ""
    if len(items) > 1:
        raise InvalidInput(_("Put one question at a time."))
    if not items:
        if not question:
            raise InvalidInput(_("Name the motion, amendment or composite, or word the question."))
        if len(question) > 300:
            raise InvalidInput(_("Word the question in at most 300 characters."))
        return question
    item = items[0]
    if conference_selectors.conference_of(item).pk != conference.pk:
        raise InvalidInput(_("That is not business of %(c)s.") % {"c": conference})
    on_agenda = AgendaItem.objects.filter(
        conference=conference,
        motion=amendment.motion if amendment is not None else motion,
        composite=composite,
    ).exists()
    if not on_agenda:
        raise InvalidInput(
            _("%(item)s is not on the published agenda of %(conference)s.")
            % {"item": item, "conference": conference}
        )
    if amendment is not None:
        if amendment.friendly:
            raise InvalidInput(
                _("Amendment %(n)s was accepted as friendly: it is part of the motion already.")
                % {"n": str(amendment)}
            )
        ruling = conference_selectors.latest_ruling(amendment)
        if ruling is not None and ruling.kind in conference_selectors.KEPT_FROM_THE_FLOOR:
            raise InvalidInput(
                _("Amendment %(n)s was ruled %(kind)s: it did not reach the floor.")
                % {"n": str(amendment), "kind": ruling.get_kind_display()}
            )
    decided = (
        FloorVote.objects.filter(amendment=amendment).exclude(outcome="").exists()
        if amendment is not None
        else conference_selectors.decision_of(motion or composite) is not None
    )
    if decided:
        raise AlreadyDone(_("%(item)s is already decided.") % {"item": item})
    return question or str(item)


def floor_vote_open(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    kind: str,
    motion: Motion | None = None,
    amendment: Amendment | None = None,
    composite: Composite | None = None,
    question: str = "",
    now: datetime.datetime | None = None,
) -> FloorVote:
    """The chair opens a vote of `kind` (show of hands, electronic open or secret) on an item
    of the published agenda, or on a procedural `question` in their words. One vote is open
    at a time; conference must be quorate (the rulebook's `conference.quorum`)."""
    now = now or timezone.now()
    for_the_chair(person, member, conference)
    while_sitting(conference, now)
    if kind not in FloorVote.Kind.values:
        raise InvalidInput(
            _("A vote on the floor is taken by %(kinds)s.")
            % {"kinds": ", ".join(str(label) for label in FloorVote.Kind.labels)}
        )
    text = _question(conference, motion, amendment, composite, question)
    with transaction.atomic():
        floor = Floor.objects.select_for_update().filter(conference=conference).first()
        if floor is None:
            raise OutsideWindow(_("The chair opens the floor first."))
        running = selectors.open_vote(conference)
        if running is not None:
            raise AlreadyDone(
                _("Vote %(n)s is open: close it before opening another.") % {"n": running.number}
            )
        present = selectors.attendance(conference, timezone.localdate(now))
        if not present.quorate:
            raise OutsideWindow(
                _(
                    "Conference is not quorate: %(present)s of %(credentialed)s delegates are "
                    "present and the rules need %(needed)s."
                )
                % {
                    "present": present.present,
                    "credentialed": present.credentialed,
                    "needed": max(present.needed, 1),
                }
            )
        number = (
            FloorVote.objects.filter(conference=conference).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        try:
            with transaction.atomic():
                vote = FloorVote.objects.create(
                    conference=conference,
                    number=number,
                    kind=kind,
                    question=text,
                    motion=motion,
                    amendment=amendment,
                    composite=composite,
                    opened_by=member,
                    opened_at=now,
                    present_at_opening=present.present,
                )
        except IntegrityError:
            raise AlreadyDone(_("A vote is already open.")) from None
        floor_changed(floor)
        record_append(
            actor=person,
            action="conference.floor_vote_opened",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "vote": number,
                "kind": kind,
                "question": text,
                **_item_payload(vote),
                "present": present.present,
                "credentialed": present.credentialed,
                "by": f"member:{member.number}",
            },
        )
    return vote


def _item_payload(vote: FloorVote) -> dict[str, int]:
    if vote.motion_id:
        return {"motion": vote.motion_id}
    if vote.amendment_id:
        return {"amendment": vote.amendment_id}
    if vote.composite_id:
        return {"composite": vote.composite_id}
    return {}


def floor_vote_cast(
    *,
    person: Any,
    member: Member,
    vote: FloorVote,
    choice: str,
    now: datetime.datetime | None = None,
) -> None:
    """A delegate votes for, against or abstains in an electronic vote while it is open: once,
    in their own name, with their verified credential, checked in. Committed before it
    returns; in a secret vote nothing links the paper to them."""
    if member.person_id != getattr(person, "pk", None):
        raise NotEligible(_("A delegate votes in their own name."))
    if choice not in CHOICES:
        raise InvalidBallot(_("Vote for, against or abstain."))
    credential = credential_of(person, vote.conference)
    if credential is None:
        raise NotEligible(
            _("Only a delegate with a verified credential to %(c)s votes on its floor.")
            % {"c": vote.conference}
        )
    with transaction.atomic():
        locked = FloorVote.objects.filter(pk=vote.pk).values_list("state", "kind").first()
        if locked is None or locked[0] != FloorVote.State.OPEN:
            raise OutsideWindow(_("Vote %(n)s has closed.") % {"n": vote.number})
        if locked[1] == FloorVote.Kind.HANDS:
            raise InvalidBallot(_("Vote %(n)s is by show of hands.") % {"n": vote.number})
        if not selectors.present(vote.conference).filter(pk=credential.pk).exists():
            raise NotEligible(_("Check in before you vote: only delegates present vote."))
        secret = locked[1] == FloorVote.Kind.SECRET
        try:
            with transaction.atomic():
                FloorVoter.objects.create(
                    vote=vote, credential=credential, choice="" if secret else choice
                )
        except IntegrityError:
            raise AlreadyDone(
                _("You have already voted in vote %(n)s.") % {"n": vote.number}
            ) from None
        if secret:
            for _attempt in range(3):
                try:
                    with transaction.atomic():
                        FloorPaper.objects.create(vote=vote, choice=choice)
                    break
                except IntegrityError:
                    continue  # a random key collision, vanishingly rare: draw again
        # Closing takes this row's lock: a vote cast is in the count, or refused as closed.
        if not FloorVote.objects.filter(pk=vote.pk, state=FloorVote.State.OPEN).update(
            state=F("state")
        ):
            raise OutsideWindow(_("Vote %(n)s has closed.") % {"n": vote.number})


def _figures(vote: FloorVote, entered: tuple[int | None, int | None, int | None]) -> Counter[str]:
    """The vote's figures: the tellers' count of a show of hands, or the electronic votes."""
    if vote.kind == FloorVote.Kind.HANDS:
        if any(
            isinstance(f, bool) or not isinstance(f, int) or not 0 <= f <= MOST_VOTES
            for f in entered
        ):
            raise InvalidInput(
                _(
                    "Enter the tellers' count: for, against and abstentions, each from 0 to "
                    "%(most)s."
                )
                % {"most": MOST_VOTES}
            )
        return Counter(dict(zip(CHOICES, entered, strict=True)))  # type: ignore[arg-type]
    if any(f is not None for f in entered):
        raise InvalidInput(_("An electronic vote counts itself: enter no figures."))
    if vote.kind == FloorVote.Kind.OPEN:
        return Counter(vote.voters.values_list("choice", flat=True))
    return Counter(_box_shuffle(vote))


def _box_shuffle(vote: FloorVote) -> list[str]:
    """Rewrite a closed secret vote's papers in random order under fresh keys, and touch every
    voter row: afterwards neither order nor transaction ids tie papers to delegates."""
    papers = list(vote.papers.values_list("choice", flat=True))
    secrets.SystemRandom().shuffle(papers)
    vote.papers.all().delete()
    FloorPaper.objects.bulk_create(
        [FloorPaper(vote=vote, choice=choice) for choice in papers], batch_size=2000
    )
    FloorVoter.objects.filter(vote=vote).update(choice=F("choice"))
    return papers


def floor_vote_close(
    *,
    person: Any,
    member: Member,
    vote: FloorVote,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstain: int | None = None,
    now: datetime.datetime | None = None,
) -> FloorVote:
    """The chair closes the open vote and declares its result: the tellers' figures for a show
    of hands, the votes cast for an electronic vote. A vote on a motion or a composite records
    conference's decision, with the majority the rules set and the amendments carried before
    it; any other question is decided by a simple majority of those voting for or against."""
    now = now or timezone.now()
    conference = vote.conference
    for_the_chair(person, member, conference)
    with transaction.atomic():
        vote = (
            FloorVote.objects.select_for_update().select_related("conference__body").get(pk=vote.pk)
        )
        if vote.state != FloorVote.State.OPEN:
            raise AlreadyDone(_("Vote %(n)s is already closed.") % {"n": vote.number})
        figures = _figures(vote, (votes_for, votes_against, votes_abstain))
        yes, no, abstain = (figures.get(choice, 0) for choice in CHOICES)
        vote.state = FloorVote.State.CLOSED
        vote.closed_by = member
        vote.closed_at = now
        vote.votes_for, vote.votes_against, vote.votes_abstain = yes, no, abstain
        if vote.motion_id or vote.composite_id:
            decision = decision_record(
                person=person,
                member=member,
                conference=conference,
                votes_for=yes,
                votes_against=no,
                votes_abstain=abstain,
                motion=vote.motion,
                composite=vote.composite,
                amendments=_carried_amendments(vote.motion),
                now=now,
            )
            vote.decision = decision
            vote.outcome = decision.outcome
            vote.majority = decision.majority
            vote.reason = _reason_of(decision.outcome, yes, no, abstain, decision.majority)
        else:
            result = decide_motion(yes=yes, no=no, abstain=abstain)
            vote.outcome = FloorVote.Outcome.CARRIED if result.carried else FloorVote.Outcome.LOST
            vote.majority = "simple"
            vote.reason = result.reason
        vote.save()
        floor_changed(Floor.objects.get(conference=conference).pk)
        record_append(
            actor=person,
            action="conference.floor_vote_closed",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "vote": vote.number,
                "kind": vote.kind,
                **_item_payload(vote),
                "for": yes,
                "against": no,
                "abstain": abstain,
                "majority": vote.majority,
                "outcome": vote.outcome,
                **({"roll": _roll(vote)} if vote.kind == FloorVote.Kind.OPEN else {}),
                "by": f"member:{member.number}",
            },
        )
    if vote.kind == FloorVote.Kind.SECRET:
        _vacuum()
    return vote


def _carried_amendments(motion: Motion | None) -> tuple[Amendment, ...]:
    if motion is None:
        return ()
    return tuple(
        Amendment.objects.filter(
            motion=motion, floor_votes__outcome=FloorVote.Outcome.CARRIED
        ).order_by("number")
    )


def _reason_of(outcome: str, yes: int, no: int, abstain: int, majority: str) -> str:
    return f"{outcome.capitalize()}: {yes} for, {no} against, {abstain} abstaining ({majority})."


def _roll(vote: FloorVote) -> dict[str, str]:
    """An open vote's published roll: each delegate's member number and vote."""
    return {
        f"member:{number}": choice
        for number, choice in vote.voters.values_list("credential__term__member__number", "choice")
    }


def _vacuum() -> None:
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM floor_floorpaper, floor_floorvoter")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
