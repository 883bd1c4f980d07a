"""Votes on the floor: the chair opens one on a motion, an amendment, a composite or a
procedural question, once conference is quorate; delegates present with a verified credential
vote from their phones (an electronic vote) or the tellers count the hands; the chair closes
it and the result is declared by the rules' arithmetic (`newcourse.counting.decide_motion`).
A vote on a motion or a composite is conference's decision on it (`decision_record`), with the
amendments the floor carried before it.

A delegate may demand, while a vote is open, that the question be put by card vote, with a
majority in each section, or to the women delegates first; once enough demand it (the
rulebook's `conference.*_demand`), the vote closes without a result and is taken again so.
A card vote weighs each delegation's card by the members it represents (`conference.card`:
split among its delegates present, or whole). A women's vote with most of them against is a
suspensive veto: the proposal returns to the next conference.

A secret vote is secret as an election is (docs/secrecy.md): the delegate's row says only that
they voted, the paper holds only the choice, under a random key, and the closed box is
rewritten in random order before it is counted. An acknowledged vote is committed before the
answer goes back, so a server restarted mid-vote loses none."""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences import selectors as conference_selectors
from newcourse.conferences.models import AgendaItem, Amendment, Composite, Conference, Motion
from newcourse.conferences.services import decision_record
from newcourse.conferences.services.decisions import MOST_VOTES, floor_result
from newcourse.counting import (
    Delegation,
    DelegationVote,
    SectionVote,
    card_vote,
    demand_met,
    womens_vote,
)
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidBallot, InvalidInput, NotEligible, OutsideWindow
from newcourse.rulebook import SIMPLE
from newcourse.rules.selectors import rules_for

from .. import selectors
from ..access import credential_of
from ..channels import hall_changed
from ..models import CheckIn, Floor, FloorDemand, FloorPaper, FloorVote, FloorVoter
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
        FloorVote.objects.filter(
            amendment=amendment,
            electorate=FloorVote.Electorate.DELEGATES,
            outcome__in=[FloorVote.Outcome.CARRIED, FloorVote.Outcome.LOST],
        ).exists()
        if amendment is not None
        else conference_selectors.decision_of(motion or composite) is not None
    )
    if decided:
        raise AlreadyDone(_("%(item)s is already decided.") % {"item": item})
    if FloorVote.objects.filter(
        motion=motion, amendment=amendment, composite=composite, veto=True
    ).exists():
        raise OutsideWindow(
            _("Most women delegates voted against %(item)s: it returns to the next conference.")
            % {"item": item}
        )
    return question or str(item)


def _demanded(
    conference: Conference,
    motion: Motion | None,
    amendment: Amendment | None,
    composite: Composite | None,
) -> tuple[set[str], bool]:
    """The demands met in earlier votes on the question, and whether the women delegates
    have voted on it since."""
    if motion is None and amendment is None and composite is None:
        return set(), False
    earlier = FloorVote.objects.filter(
        conference=conference, motion=motion, amendment=amendment, composite=composite
    )
    met = {
        kind
        for written in earlier.filter(outcome=FloorVote.Outcome.RETAKEN).values_list(
            "retaken_for", flat=True
        )
        for kind in written.split(",")
        if kind
    }
    women_voted = earlier.filter(
        electorate=FloorVote.Electorate.WOMEN, state=FloorVote.State.CLOSED
    ).exists()
    return met, women_voted


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
    met, women_voted = _demanded(conference, motion, amendment, composite)
    electorate = FloorVote.Electorate.DELEGATES
    if FloorDemand.Kind.WOMEN in met and not women_voted:
        # The women delegates vote first, secretly: an open roll would publish who declared.
        electorate, kind = FloorVote.Electorate.WOMEN, FloorVote.Kind.SECRET
        text = _("Women's vote: %(question)s") % {"question": text}
    elif FloorDemand.Kind.CARD in met and kind != FloorVote.Kind.CARD:
        raise InvalidInput(_("A card vote was demanded on this question: open a card vote."))
    if FloorDemand.Kind.DOUBLE in met and kind == FloorVote.Kind.HANDS:
        raise InvalidInput(
            _(
                "A majority in each section was demanded on this question: take it "
                "electronically or by card, so each section's figures are known."
            )
        )
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
                (
                    _(
                        "Conference is not quorate: %(present)s of %(credentialed)s delegates "
                        "are present and the rules need %(needed)s."
                    )
                    if present.measure == "delegates"
                    else _(
                        "Conference is not quorate: the delegations present represent "
                        "%(present)s of %(credentialed)s members and the rules need %(needed)s."
                    )
                )
                % {
                    "present": present.counted,
                    "credentialed": present.of,
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
                    electorate=electorate,
                    double_majority=FloorDemand.Kind.DOUBLE in met,
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
                "electorate": electorate,
                "double_majority": vote.double_majority,
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
        locked = (
            FloorVote.objects.filter(pk=vote.pk)
            .values_list("state", "kind", "electorate")
            .order_by("pk")
            .first()
        )
        if locked is None or locked[0] != FloorVote.State.OPEN:
            raise OutsideWindow(_("Vote %(n)s has closed.") % {"n": vote.number})
        if locked[1] == FloorVote.Kind.HANDS:
            raise InvalidBallot(_("Vote %(n)s is by show of hands.") % {"n": vote.number})
        if not selectors.present(vote.conference).filter(pk=credential.pk).exists():
            raise NotEligible(_("Check in before you vote: only delegates present vote."))
        if locked[2] == FloorVote.Electorate.WOMEN and not _woman(credential):
            raise NotEligible(
                _("Only the delegates who declared themselves women vote in the women's vote.")
            )
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
                        FloorPaper.objects.create(
                            vote=vote,
                            choice=choice,
                            section=selectors.section_of(
                                vote.conference, credential.delegation.unit
                            ),
                        )
                    break
                except IntegrityError:
                    continue  # a random key collision, vanishingly rare: draw again
        # Closing takes this row's lock: a vote cast is in the count, or refused as closed.
        if not FloorVote.objects.filter(pk=vote.pk, state=FloorVote.State.OPEN).update(
            state=F("state")
        ):
            raise OutsideWindow(_("Vote %(n)s has closed.") % {"n": vote.number})
        # The hall's pages show the count of votes cast (never how): a new one to render.
        hall_changed(vote.conference_id)


def _woman(credential: Any) -> bool:
    return CheckIn.objects.filter(credential=credential, gender=CheckIn.Gender.WOMAN).exists()


Figures = dict[str, int | Fraction]


def _entered(entered: tuple[int | None, int | None, int | None]) -> Figures:
    """The tellers' count of a show of hands."""
    if any(
        isinstance(f, bool) or not isinstance(f, int) or not 0 <= f <= MOST_VOTES for f in entered
    ):
        raise InvalidInput(
            _("Enter the tellers' count: for, against and abstentions, each from 0 to %(most)s.")
            % {"most": MOST_VOTES}
        )
    return dict(zip(CHOICES, entered, strict=True))  # type: ignore[arg-type]


def _by_section(rows: list[tuple[str, str, int | Fraction]], names: set[str]) -> dict[str, Figures]:
    """(section, choice, weight) rows as each section's figures; every section of `names`
    has its figures, a silent one nothing for, against or abstaining."""
    sections: dict[str, Figures] = {name: dict.fromkeys(CHOICES, 0) for name in names}
    for section, choice, weight in rows:
        figures = sections.setdefault(section, dict.fromkeys(CHOICES, 0))
        figures[choice] += weight
    return sections


def _electronic(vote: FloorVote) -> tuple[Figures, dict[str, Figures], list[dict[str, Any]]]:
    """An electronic vote's figures, each section's, and a card vote's cards."""
    sections = selectors.sections_of(vote.conference)
    if vote.kind == FloorVote.Kind.SECRET:
        papers = _box_shuffle(vote)
        by_section = _by_section(
            [(section, choice, 1) for choice, section in papers], set(sections.values())
        )
        return _totals(Counter(choice for choice, _section in papers)), by_section, []
    voters = list(vote.voters.values_list("credential__delegation__unit", "choice"))
    if vote.kind == FloorVote.Kind.OPEN:
        by_section = _by_section(
            [(sections.get(unit, ""), choice, 1) for unit, choice in voters],
            set(sections.values()),
        )
        return _totals(Counter(choice for _unit, choice in voters)), by_section, []
    return _card(vote, voters, sections)


def _totals(counted: Counter[str]) -> Figures:
    return {choice: counted.get(choice, 0) for choice in CHOICES}


def _card(
    vote: FloorVote, voters: list[tuple[int, str]], sections: dict[int, str]
) -> tuple[Figures, dict[str, Figures], list[dict[str, Any]]]:
    """A card vote: each delegation's card, as large as the members it represents, cast as
    the rulebook says (split among its delegates present, or whole)."""
    conference = vote.conference
    whole = rules_for(conference.body, timezone.localdate(vote.opened_at))["conference.card"]
    cards = selectors.cards_of(conference)
    present = Counter(
        selectors.present(conference).values_list("delegation__unit", flat=True).iterator()
    )
    chosen: dict[int, Counter[str]] = {}
    for unit, choice in voters:
        chosen.setdefault(unit, Counter())[choice] += 1
    tally = card_vote(
        [
            Delegation(name=str(unit), members=members, seats=seats, as_one=whole == "whole")
            for unit, (members, seats) in cards.items()
            if seats
        ],
        {
            str(unit): DelegationVote(
                yes=votes["for"],
                no=votes["against"],
                abstain=votes["abstain"],
                present=max(present[unit], sum(votes.values())),
            )
            for unit, votes in chosen.items()
        },
    )
    names = dict(
        conference.delegations.values_list("unit", "unit__name")  # type: ignore[attr-defined]
    )
    lines = [line for line in tally.lines if line.present or line.yes or line.no]
    by_section = _by_section(
        [
            (sections.get(int(line.delegation), ""), choice, weight)
            for line in lines
            for choice, weight in (
                ("for", line.yes),
                ("against", line.no),
                ("abstain", line.abstain),
            )
        ],
        set(sections.values()),
    )
    return (
        {"for": tally.yes, "against": tally.no, "abstain": tally.abstain},
        by_section,
        [
            {
                "unit": names.get(int(line.delegation), line.delegation),
                "members": line.members,
                "present": line.delegates_present,
                "for": _exact(line.yes),
                "against": _exact(line.no),
                "abstain": _exact(line.abstain),
                "note": line.note,
            }
            for line in lines
        ],
    )


def _exact(figure: int | Fraction) -> int | str:
    if isinstance(figure, int) or figure.denominator == 1:
        return int(figure)
    whole, part = divmod(figure.numerator, figure.denominator)
    return f"{whole} {part}/{figure.denominator}" if whole else str(figure)


def _box_shuffle(vote: FloorVote) -> list[tuple[str, str]]:
    """Rewrite a closed secret vote's papers in random order under fresh keys, and touch every
    voter row: afterwards neither order nor transaction ids tie papers to delegates."""
    papers = list(vote.papers.values_list("choice", "section"))
    secrets.SystemRandom().shuffle(papers)
    vote.papers.all().delete()
    FloorPaper.objects.bulk_create(
        [FloorPaper(vote=vote, choice=choice, section=section) for choice, section in papers],
        batch_size=2000,
    )
    FloorVoter.objects.filter(vote=vote).update(choice=F("choice"))
    return papers


def _demands_met(vote: FloorVote, present: int) -> list[str]:
    """The demands enough delegates made while `vote` was open (none in the women's vote)."""
    if vote.electorate == FloorVote.Electorate.WOMEN:
        return []
    made = selectors.demands(vote)
    rules = rules_for(vote.conference.body, timezone.localdate(vote.opened_at))
    needed: dict[str, int | Fraction] = {
        FloorDemand.Kind.WOMEN: rules["conference.womens_vote_demand"],
        FloorDemand.Kind.CARD: rules["conference.card_vote_demand"],
        FloorDemand.Kind.DOUBLE: rules["conference.double_majority_demand"],
    }
    met = []
    for kind, number in needed.items():
        demanding = made.get(kind, 0)
        if not demanding:
            continue
        if kind == FloorDemand.Kind.CARD and vote.kind == FloorVote.Kind.CARD:
            continue
        if kind == FloorDemand.Kind.DOUBLE and vote.double_majority:
            continue
        if demand_met(demanding=demanding, needed=number, delegates=max(present, demanding)).met:
            met.append(str(kind))
    return met


def _section_votes(sections: dict[str, Figures]) -> list[SectionVote]:
    return [
        SectionVote(name=name or "-", yes=f["for"], no=f["against"], abstain=f["abstain"])
        for name, f in sorted(sections.items())
    ]


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
    of hands, the votes cast for an electronic vote, the cards for a card vote. When a demand
    from the floor was met while it was open, no result is declared: the question is put
    again as demanded. A vote on a motion or a composite records conference's decision, with
    the majority the rules set and the amendments carried before it; any other question is
    decided by a simple majority of those voting for or against. The women's vote decides
    only whether the women delegates suspend the proposal until the next conference."""
    now = now or timezone.now()
    conference = vote.conference
    for_the_chair(person, member, conference)
    entered = (votes_for, votes_against, votes_abstain)
    with transaction.atomic():
        vote = (
            FloorVote.objects.select_for_update().select_related("conference__body").get(pk=vote.pk)
        )
        if vote.state != FloorVote.State.OPEN:
            raise AlreadyDone(_("Vote %(n)s is already closed.") % {"n": vote.number})
        if vote.kind == FloorVote.Kind.HANDS:
            figures, sections, cards = _entered(entered), {}, []
        elif any(f is not None for f in entered):
            raise InvalidInput(_("An electronic vote counts itself: enter no figures."))
        else:
            figures, sections, cards = _electronic(vote)
        vote.state = FloorVote.State.CLOSED
        vote.closed_by = member
        vote.closed_at = now
        met = _demands_met(vote, selectors.attendance(conference, timezone.localdate(now)).present)
        if met:
            _retaken(vote, met)
        else:
            _declare(vote, person, member, figures, sections, cards, now)
        vote.save()
        floor_changed(Floor.objects.get(conference=conference))
        record_append(
            actor=person,
            action="conference.floor_vote_closed",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "vote": vote.number,
                "kind": vote.kind,
                **_item_payload(vote),
                "electorate": vote.electorate,
                "outcome": vote.outcome,
                **(
                    {"retaken_for": met}
                    if met
                    else {
                        "for": _exact(figures["for"]),
                        "against": _exact(figures["against"]),
                        "abstain": _exact(figures["abstain"]),
                        "majority": vote.majority,
                        **({"veto": True} if vote.veto else {}),
                        **({"sections": vote.sections} if vote.sections else {}),
                        **({"cards": cards} if cards else {}),
                        **({"roll": _roll(vote)} if vote.kind != FloorVote.Kind.SECRET else {}),
                    }
                ),
                "by": f"member:{member.number}",
            },
        )
    if vote.kind == FloorVote.Kind.SECRET:
        _vacuum()
    return vote


def _retaken(vote: FloorVote, met: list[str]) -> None:
    vote.outcome = FloorVote.Outcome.RETAKEN
    vote.retaken_for = ",".join(met)
    kinds = dict(FloorDemand.Kind.choices)
    vote.reason = _("Demanded by enough delegates: %(demands)s. The question is put again.") % {
        "demands": ", ".join(str(kinds[kind]) for kind in met)
    }


def _declare(
    vote: FloorVote,
    person: Any,
    member: Member,
    figures: Figures,
    sections: dict[str, Figures],
    cards: list[dict[str, Any]],
    now: datetime.datetime,
) -> None:
    yes, no, abstain = figures["for"], figures["against"], figures["abstain"]
    vote.votes_for, vote.votes_against, vote.votes_abstain = round(yes), round(no), round(abstain)
    vote.sections = {
        name: {choice: _exact(weight) for choice, weight in f.items()}
        for name, f in sorted(sections.items())
    }
    vote.cards = cards
    by_section = _section_votes(sections) if len(sections) >= 2 else []
    if vote.electorate == FloorVote.Electorate.WOMEN:
        women = womens_vote(yes=yes, no=no, abstain=abstain)
        vote.veto = women.veto
        vote.outcome = FloorVote.Outcome.LOST if women.veto else FloorVote.Outcome.CARRIED
        vote.majority = "simple"
        vote.reason = women.reason
    elif vote.motion_id or vote.composite_id:
        decision = decision_record(
            person=person,
            member=member,
            conference=vote.conference,
            votes_for=yes,
            votes_against=no,
            votes_abstain=abstain,
            motion=vote.motion,
            composite=vote.composite,
            amendments=_carried_amendments(vote.motion),
            sections=by_section,
            each_section=vote.double_majority,
            now=now,
        )
        vote.decision = decision
        vote.outcome = decision.outcome
        vote.majority = decision.majority
        vote.reason = _reason_of(decision.outcome, yes, no, abstain, decision.majority)
    else:
        # An amendment needs the majority a motion does; a procedural question, more for than
        # against.
        rules = rules_for(vote.conference.body, timezone.localdate(vote.opened_at))
        name = "conference.majority" if vote.amendment_id else ""
        carried, vote.reason = floor_result(
            (yes, no, abstain),
            majority=rules[name] if name else SIMPLE,
            sections=by_section,
            weighed=rules["conference.sections"] == "equal",
            each_section=vote.double_majority,
        )
        vote.majority = rules.written(name) if name else "simple"
        vote.outcome = FloorVote.Outcome.CARRIED if carried else FloorVote.Outcome.LOST


def _carried_amendments(motion: Motion | None) -> tuple[Amendment, ...]:
    if motion is None:
        return ()
    return tuple(
        Amendment.objects.filter(
            motion=motion,
            floor_votes__outcome=FloorVote.Outcome.CARRIED,
            floor_votes__electorate=FloorVote.Electorate.DELEGATES,
        )
        .distinct()
        .order_by("number")
    )


def _reason_of(
    outcome: str, yes: int | Fraction, no: int | Fraction, abstain: int | Fraction, majority: str
) -> str:
    return (
        f"{outcome.capitalize()}: {_exact(yes)} for, {_exact(no)} against, {_exact(abstain)} "
        f"abstaining ({majority})."
    )


def _roll(vote: FloorVote) -> dict[str, str]:
    """An open or card vote's published roll: each delegate's member number and vote."""
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
