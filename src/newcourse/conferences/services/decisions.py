"""What conference decided: a motion or a composite of its agenda carried or lost, with its
amendments, entered by the standing orders committee as the chair declared it; a rule change
or a programme amendment carried becomes the next version of the rules or the programme at
once.

Whether an item carried is the rules' arithmetic (`newcourse.counting.decide_motion`), never a
choice on a form: the majority the rulebook in force sets for a motion
(`conference.majority`), or for a rule change (`rule_change.majority`). The floor takes the
votes itself and calls the same service (`newcourse.floor`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.counting import SectionVote, decide_motion, double_majority, sectional_result
from newcourse.documents import DocumentError, merge_texts, text_ended
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow
from newcourse.rulebook import Majority
from newcourse.rules.selectors import rules_for
from newcourse.rules.services import rules_carried_by_conference, text_sha256

from .. import selectors
from ..access import may_act_for_committee
from ..models import AgendaItem, Amendment, CommitteeRole, Composite, Conference, Decision, Motion
from .programme import programme_carried

# More votes than any hall holds: a figure above it is a typing slip.
MOST_VOTES = 10_000_000


def decision_record(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    votes_for: int | Fraction,
    votes_against: int | Fraction,
    votes_abstain: int | Fraction = 0,
    motion: Motion | None = None,
    composite: Composite | None = None,
    amendments: tuple[Amendment, ...] = (),
    sections: Sequence[SectionVote] = (),
    each_section: bool = False,
    now: datetime.datetime | None = None,
) -> Decision:
    """Record conference's vote on a motion or composite of its published agenda, while it
    sits (from the day it opens to the day it closes), once per item. `amendments` are the
    motion's amendments conference carried before it: with its friendly ones, they make the
    text it voted on, and they may not change the same lines. A carried rule change is adopted
    as the next version of the rules; when a version adopted since changes the same lines it
    is not applied, and the decision says why.

    A card vote's figures are the members the cards carried, exact (`Fraction`: a card split
    among three delegates); the decision keeps them rounded to whole members, the record
    exact. `sections` are the figures by section of a vote taken on the floor: where the rules
    weigh each section's share equally (`conference.sections`), they decide; with
    `each_section` (demanded from the floor), each must carry too (`floor_result`)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not may_act_for_committee(person, conference, CommitteeRole.STANDING_ORDERS):
        raise NotPermitted(
            _(
                "Only the members of the standing orders committee of %(conference)s enter its "
                "decisions."
            )
            % {"conference": conference}
        )
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("The committee acts in its members' own names."))
    if not conference.opens_on <= today <= conference.closes_on:
        raise OutsideWindow(
            _("%(conference)s decides while it sits, from %(opens)s to %(closes)s.")
            % {
                "conference": conference,
                "opens": conference.opens_on.isoformat(),
                "closes": conference.closes_on.isoformat(),
            }
        )
    if (motion is None) == (composite is None):
        raise InvalidInput(_("Name the motion or the composite decided."))
    item = motion or composite
    if selectors.conference_of(item).pk != conference.pk:  # type: ignore[arg-type]
        raise InvalidInput(_("That is not business of %(c)s.") % {"c": conference})
    if not AgendaItem.objects.filter(
        conference=conference, motion=motion, composite=composite
    ).exists():
        raise InvalidInput(
            _("%(item)s is not on the published agenda of %(conference)s.")
            % {"item": item, "conference": conference}
        )
    figures = (votes_for, votes_against, votes_abstain)
    if any(
        isinstance(f, bool) or not isinstance(f, int | Fraction) or not 0 <= f <= MOST_VOTES
        for f in figures
    ):
        raise InvalidInput(
            _("A vote is counted in whole numbers from 0 to %(most)s.") % {"most": MOST_VOTES}
        )
    if composite is not None and amendments:
        raise InvalidInput(_("A composite is not amended on the floor."))
    text = _text_voted(motion, amendments) if motion is not None else ""
    majority_name = _majority_of(motion)
    # The majority of the rules in force when the motion was submitted: a rule change carried
    # earlier the same day does not change what a later one needs (never retroactive).
    rules = rules_for(
        conference.body, timezone.localdate(motion.submitted_at) if motion is not None else today
    )
    carried, reason = floor_result(
        (votes_for, votes_against, votes_abstain),
        majority=rules[majority_name],
        sections=sections,
        weighed=rules["conference.sections"] == "equal",
        each_section=each_section,
    )
    written = rules.written(majority_name)
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        if Decision.objects.filter(motion=motion, composite=composite).exists():
            raise AlreadyDone(_("%(item)s is already decided.") % {"item": item})
        decision = Decision.objects.create(
            conference=conference,
            motion=motion,
            composite=composite,
            outcome=Decision.Outcome.CARRIED if carried else Decision.Outcome.LOST,
            votes_for=round(votes_for),
            votes_against=round(votes_against),
            votes_abstain=round(votes_abstain),
            majority=written,
            text=text if carried else "",
            recorded_by=member,
            recorded_at=now,
        )
        decision.amendments.set(amendments)
        AgendaItem.objects.filter(conference=conference, motion=motion, composite=composite).update(
            outcome=decision.outcome
        )
        if carried and motion is not None:
            _adopt(decision, motion, text, now)
        record_append(
            actor=person,
            action="conference.decided",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "decision": decision.pk,
                **({"motion": motion.pk} if motion else {"composite": composite.pk}),  # type: ignore[union-attr]
                "outcome": decision.outcome,
                "for": _exact(votes_for),
                "against": _exact(votes_against),
                "abstain": _exact(votes_abstain),
                "majority": written,
                "reason": reason,
                **(
                    {"sections": {s.name: [_exact(s.yes), _exact(s.no)] for s in sections}}
                    if sections
                    else {}
                ),
                **({"each_section": True} if each_section else {}),
                "amendments": [amendment.pk for amendment in amendments],
                **({"text_sha256": text_sha256(text)} if decision.text else {}),
                **({"rules_version": decision.version.number} if decision.version else {}),
                **(
                    {"programme_version": decision.programme_version.number}
                    if decision.programme_version
                    else {}
                ),
                **({"not_applied": decision.not_applied} if decision.not_applied else {}),
                "recorded_by": f"member:{member.number}",
            },
        )
    return decision


def floor_result(
    figures: tuple[int | Fraction, int | Fraction, int | Fraction],
    *,
    majority: Majority,
    sections: Sequence[SectionVote] = (),
    weighed: bool = False,
    each_section: bool = False,
) -> tuple[bool, str]:
    """Whether a vote carried, and why: by the figures (for, against, abstaining) pooled; or,
    `weighed` with delegates from two sections or more, by each section's share for weighing
    the same (`counting.sectional_result`, as Labour's conference normalises its sections);
    and with `each_section`, only if it carried in each section too (a double majority)."""
    yes, no, abstain = figures
    if weighed and len(sections) >= 2:
        share = Fraction(1, len(sections))
        combined = sectional_result(
            sections,
            weights={s.name: share for s in sections},
            majority=majority.share,
            strict=majority.strict,
        )
        carried, reason = combined.carried, combined.reason
    else:
        pooled = decide_motion(
            yes=yes, no=no, abstain=abstain, majority=majority.share, strict=majority.strict
        )
        carried, reason = pooled.carried, pooled.reason
    if each_section:
        each = double_majority(sections, majority=majority.share, strict=majority.strict)
        carried = carried and each.carried
        reason = f"{reason} {each.reason}"
    return carried, reason


def _exact(figure: int | Fraction) -> int | str:
    """A figure for the record: a whole number as it is, a share of a card as "333 1/3"."""
    if isinstance(figure, int) or figure.denominator == 1:
        return int(figure)
    whole, part = divmod(figure.numerator, figure.denominator)
    return f"{whole} {part}/{figure.denominator}" if whole else str(figure)


def _majority_of(motion: Motion | None) -> str:
    """The rulebook's name for the majority the motion (or a composite, None) needs."""
    if motion is None or motion.amends is None:
        return "conference.majority"
    return "rule_change.majority" if motion.amends.is_rulebook else "standing_orders.majority"


def _text_voted(motion: Motion, amendments: tuple[Amendment, ...]) -> str:
    """The motion's text with its friendly amendments and the carried ones applied; refused
    when two of them change the same lines (conference cannot have carried both)."""
    carried = {amendment.pk for amendment in amendments}
    for amendment in amendments:
        if amendment.motion_id != motion.pk:
            raise InvalidInput(
                _("Amendment %(n)s is not an amendment to motion %(m)s.")
                % {"n": str(amendment), "m": motion.number}
            )
        if amendment.friendly:
            raise InvalidInput(
                _("Amendment %(n)s was accepted as friendly: it is part of the motion already.")
                % {"n": str(amendment)}
            )
        ruling = selectors.latest_ruling(amendment)
        if ruling is not None and ruling.kind in selectors.KEPT_FROM_THE_FLOOR:
            raise InvalidInput(
                _("Amendment %(n)s was ruled %(kind)s: it did not reach the floor.")
                % {"n": str(amendment), "kind": ruling.get_kind_display()}
            )
    base = text_ended(motion.text)
    text = base
    applied = [a for a in motion.amendments.order_by("number") if a.friendly or a.pk in carried]
    for amendment in applied:
        try:
            text = merge_texts(base, text, text_ended(amendment.text))
        except DocumentError as error:
            raise InvalidInput(
                _(
                    "Amendment %(n)s changes lines another amendment carried or accepted changes "
                    "(%(error)s): conference cannot have carried both."
                )
                % {"n": str(amendment), "error": error}
            ) from error
    return text.rstrip("\n")


def _adopt(decision: Decision, motion: Motion, text: str, now: datetime.datetime) -> None:
    """A carried rule change or programme amendment as the next version of the rules or the
    programme, or why it is not applied; any other motion changes no standing document."""
    source = f"conference:{motion.conference_id}:motion:{motion.pk}"
    try:
        with transaction.atomic():
            if motion.amends is not None:
                decision.version = rules_carried_by_conference(
                    amends=motion.amends, text=text, source=source, now=now
                )
            elif motion.amends_programme is not None:
                decision.programme_version = programme_carried(
                    amends=motion.amends_programme, text=text, source=source, now=now
                )
            else:
                return
    except InvalidInput as refused:  # InvalidRules too
        decision.not_applied = refused.message[:500]
    decision.save(update_fields=["version", "programme_version", "not_applied"])
