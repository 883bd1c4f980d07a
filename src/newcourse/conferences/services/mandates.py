"""A unit's instructions to its delegation, where the rulebook makes delegates mandated
(`delegates.mandate`): on a motion, an amendment or a composite going forward, once a quorate
meeting of its members decided it; a later one replaces it; until the conference opens."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow
from newcourse.rules.access import may_propose_rule_change

from .. import selectors, selectors_mandates
from ..models import Amendment, Composite, Conference, Delegation, Instruction, Motion
from .motions import _decision_checked


def _free_refused(conference: Conference, mandate: selectors_mandates.Mandate) -> NotPermitted:
    """Free delegates are bound by no instruction: the refusal cites the rule that says so."""
    where = (
        _("rule %(clause)s of the rulebook, version %(version)s")
        if mandate.clause
        else _("the rulebook, version %(version)s")
    ) % {"clause": mandate.clause, "version": mandate.rulebook_version}
    return NotPermitted(
        _(
            "The delegates to %(conference)s are free (%(where)s: delegates.mandate = free): "
            "they are not bound by instructions, so none is recorded."
        )
        % {"conference": conference, "where": where}
    )


def instruction_give(
    *,
    person: Any,
    member: Member,
    delegation: Delegation,
    vote: str,
    meeting_on: datetime.date,
    votes_for: int,
    votes_against: int,
    votes_abstain: int = 0,
    motion: Motion | None = None,
    amendment: Amendment | None = None,
    composite: Composite | None = None,
    now: datetime.datetime | None = None,
) -> Instruction:
    """The delegation's unit, by one of its officers in their own name, instructs its
    delegation how to vote on one motion, amendment or composite going forward: for, against,
    abstain, or left to the delegates. Only where the rulebook the conference fixed its
    entitlement under makes delegates mandated; once a quorate meeting of the unit's members
    carried it (the meeting rule motions follow); until the conference opens. A later
    instruction on the same item replaces the standing one, which stays, marked replaced, and
    on the record."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    conference = delegation.conference
    unit = delegation.unit
    if vote not in Instruction.Vote.values:
        raise InvalidInput(
            _("An instruction is one of: %(votes)s.")
            % {"votes": ", ".join(Instruction.Vote.values)}
        )
    items = [item for item in (motion, amendment, composite) if item is not None]
    if len(items) != 1:
        raise InvalidInput(_("An instruction is on one motion, amendment or composite."))
    mandate = selectors_mandates.mandate_of(conference, today)
    if not mandate.mandated:
        raise _free_refused(conference, mandate)
    if not may_propose_rule_change(person, unit) or member.person_id != getattr(person, "pk", None):
        raise NotPermitted(
            _("Only the officers of %(body)s instruct its delegation, in their own name.")
            % {"body": unit}
        )
    if selectors.conference_of(items[0]).pk != conference.pk:
        raise InvalidInput(_("That is not an item of %(conference)s.") % {"conference": conference})
    if today >= conference.opens_on:
        raise OutsideWindow(
            _("Instructions are given before the conference opens, on %(day)s.")
            % {"day": conference.opens_on.isoformat()}
        )
    _decision_checked(
        conference=conference,
        body=unit,
        meeting_on=meeting_on,
        figures=(votes_for, votes_against, votes_abstain),
        today=today,
    )
    key = Instruction(motion=motion, amendment=amendment, composite=composite).item_key
    with transaction.atomic():
        # The conference first, as rulings take it: an item ruled off the floor meanwhile is
        # not instructed on.
        Conference.objects.select_for_update().get(pk=conference.pk)
        if key not in {item.key for item in selectors_mandates.items_going_forward(conference)}:
            raise InvalidInput(
                _(
                    "%(item)s does not go forward to the conference: instructions are given on "
                    "the motions, amendments and composites going forward."
                )
                % {"item": items[0]}
            )
        standing = Instruction.objects.filter(
            delegation=delegation, replaced_at__isnull=True, **{key.partition(":")[0]: items[0]}
        ).first()
        decision = (vote, meeting_on, votes_for, votes_against, votes_abstain)
        if standing is not None and decision == (
            standing.vote,
            standing.meeting_on,
            standing.votes_for,
            standing.votes_against,
            standing.votes_abstain,
        ):
            raise AlreadyDone(_("That instruction is already recorded."))
        if standing is not None:
            Instruction.objects.filter(pk=standing.pk).update(replaced_at=now)
        instruction = Instruction.objects.create(
            delegation=delegation,
            motion=motion,
            amendment=amendment,
            composite=composite,
            vote=vote,
            meeting_on=meeting_on,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            given_by=member,
            given_at=now,
            replaces=standing,
        )
        record_append(
            actor=person,
            action="conference.instruction_given",
            subject=f"conference:{conference.pk}",
            body=unit,
            payload={
                "instruction": instruction.pk,
                "unit": unit.slug,
                "item": key,
                "vote": vote,
                "meeting_on": meeting_on.isoformat(),
                "for": votes_for,
                "against": votes_against,
                "abstain": votes_abstain,
                "given_by": f"member:{member.number}",
                "replaces": standing.pk if standing else None,
                "replaced_vote": standing.vote if standing else None,
                "rulebook_version": mandate.rulebook_version,
            },
        )
    return instruction
