"""Recall: members of an officer's electorate petition; enough signatures open a vote.

Signers are stored only to stop anyone signing twice; no page, API or record entry names them.
"""

from __future__ import annotations

import math

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.offices.models import Term
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, NotEligible, OutsideWindow
from newcourse.rules.selectors import rules_for, rules_recorded

from ..eligibility import electorate_of
from ..models import ElectionKind, PetitionStatus, RecallPetition, RecallSignature
from .timetable import election_schedule


def _check_may_sign(member: Member, term: Term) -> None:
    member = Member.objects.select_related("body").get(pk=member.pk)
    office = term.office
    if not member.in_good_standing or not member.body.is_within(office.body):
        raise NotEligible(
            _("Only members in good standing of %(body)s, the officer's electorate, may do this.")
            % {"body": office.body}
        )


def recall_open(*, member: Member, term: Term, reason: str) -> RecallPetition:
    """Open a petition to recall the holder of `term`; the opener's is the first signature."""
    reason = reason.strip()
    if not reason:
        raise NotEligible(_("Say why the officer should be recalled."))
    with transaction.atomic():
        term = (
            Term.objects.select_for_update()
            .select_related("office__body", "member__person")
            .get(pk=term.pk)
        )
        if not term.is_current():
            raise OutsideWindow(_("This officer is not in office."))
        _check_may_sign(member, term)
        if term.recall_petitions.filter(
            status__in=[PetitionStatus.COLLECTING, PetitionStatus.VOTING]
        ).exists():
            raise AlreadyDone(
                _("A recall petition for this officer is already open: sign that one.")
            )
        rules = rules_for(term.office.body)
        electorate = electorate_of(term.office).count()
        threshold = max(1, math.ceil(electorate * rules.recall_threshold))
        petition = RecallPetition.objects.create(
            term=term, reason=reason, threshold=threshold, **rules.recorded()
        )
        RecallSignature.objects.create(petition=petition, member=member)
        record_append(
            actor="member",
            action="recall.opened",
            subject=f"office:{term.office_id}",
            body=term.office.body,
            payload={
                "petition": petition.pk,
                "officer": f"member:{term.member.number}",
                "office": term.office.title,
                "threshold": threshold,
                "electorate": electorate,
                "share": rules.written("recall.threshold"),
                **rules.recorded(),
            },
            private={"officer": term.member.person.full_name, "reason": reason},
            member=term.member,
        )
        _maybe_open_vote(petition, 1)
    return petition


def recall_sign(*, member: Member, petition: RecallPetition) -> int:
    """Add `member`'s signature; returns the number of signatures so far."""
    with transaction.atomic():
        petition = (
            RecallPetition.objects.select_for_update()
            .select_related("term__office__body", "term__member__person")
            .get(pk=petition.pk)
        )
        if petition.status != PetitionStatus.COLLECTING:
            raise OutsideWindow(_("This petition is no longer collecting signatures."))
        if not petition.term.is_current():
            raise OutsideWindow(_("This officer is no longer in office."))
        _check_may_sign(member, petition.term)
        try:
            with transaction.atomic():
                RecallSignature.objects.create(petition=petition, member=member)
        except IntegrityError as error:
            raise AlreadyDone(_("You have already signed this petition.")) from error
        signatures = petition.signatures.count()
        record_append(
            actor="member",
            action="recall.signed",
            subject=f"office:{petition.term.office_id}",
            body=petition.term.office.body,
            payload={"petition": petition.pk, "signatures": signatures},
        )
        _maybe_open_vote(petition, signatures)
    return signatures


def _maybe_open_vote(petition: RecallPetition, signatures: int) -> None:
    if signatures < petition.threshold:
        return
    vote = election_schedule(
        actor="system",
        office=petition.term.office,
        kind=ElectionKind.RECALL,
        recall_of=petition.term,
        voting_opens_at=timezone.now(),
        rules=rules_recorded(
            petition.term.office.body,
            rulebook_version=petition.rulebook_version,
            standing_orders_version=petition.standing_orders_version,
        ),
    )
    petition.vote = vote
    petition.status = PetitionStatus.VOTING
    petition.save(update_fields=["vote", "status"])
    record_append(
        actor="system",
        action="recall.threshold_reached",
        subject=f"office:{petition.term.office_id}",
        body=petition.term.office.body,
        payload={"petition": petition.pk, "signatures": signatures, "vote": vote.pk},
    )
