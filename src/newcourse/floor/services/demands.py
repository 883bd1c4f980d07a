"""Delegates' demands from the floor, while a vote is open: that it be a card vote, need a
majority in each section, or go to the women delegates first. Each delegate makes each demand
once; whether enough made it is settled when the vote closes (`floor_vote_close`). A delegate
declares their gender themselves, for the women's vote and a speakers' list by gender; the
declaration is theirs alone and never on the open record."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences.models import Credential
from newcourse.organisation.models import Member
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, OutsideWindow

from .. import selectors
from ..access import credential_of
from ..models import CheckIn, FloorDemand, FloorVote


def _delegate_present(person: Any, member: Member, vote: FloorVote) -> Credential:
    if member.person_id != getattr(person, "pk", None):
        raise NotEligible(_("A delegate acts in their own name."))
    credential = credential_of(person, vote.conference)
    if credential is None:
        raise NotEligible(
            _("Only a delegate with a verified credential to %(c)s acts on its floor.")
            % {"c": vote.conference}
        )
    if not selectors.present(vote.conference).filter(pk=credential.pk).exists():
        raise NotEligible(_("Check in first: only delegates present make demands."))
    return credential


def floor_demand(
    *,
    person: Any,
    member: Member,
    vote: FloorVote,
    kind: str,
    now: datetime.datetime | None = None,
) -> FloorDemand:
    """`member`, a delegate present, demands that the open vote on a motion, an amendment or
    a composite be put otherwise (`kind`: card, double, women)."""
    now = now or timezone.now()
    if kind not in FloorDemand.Kind.values:
        raise InvalidInput(
            _("Demand %(kinds)s.")
            % {"kinds": ", ".join(str(label) for label in FloorDemand.Kind.labels)}
        )
    credential = _delegate_present(person, member, vote)
    if not (vote.motion_id or vote.amendment_id or vote.composite_id):
        raise InvalidInput(_("Demands are made on a motion, an amendment or a composite."))
    if vote.electorate == FloorVote.Electorate.WOMEN:
        raise InvalidInput(_("The women's vote is put as it is."))
    if kind == FloorDemand.Kind.CARD and vote.kind == FloorVote.Kind.CARD:
        raise AlreadyDone(_("This is a card vote already."))
    if kind == FloorDemand.Kind.DOUBLE:
        if vote.double_majority:
            raise AlreadyDone(_("This vote needs a majority in each section already."))
        if len(set(selectors.sections_of(vote.conference).values())) < 2:
            raise InvalidInput(
                _("The delegates of this conference come from one section: there is no other.")
            )
    if (
        kind == FloorDemand.Kind.WOMEN
        and not CheckIn.objects.filter(credential=credential, gender=CheckIn.Gender.WOMAN).exists()
    ):
        raise NotEligible(_("Only the delegates who declared themselves women demand it."))
    with transaction.atomic():
        if not FloorVote.objects.filter(pk=vote.pk, state=FloorVote.State.OPEN).exists():
            raise OutsideWindow(_("Vote %(n)s has closed.") % {"n": vote.number})
        try:
            with transaction.atomic():
                return FloorDemand.objects.create(
                    vote=vote, credential=credential, kind=kind, made_at=now
                )
        except IntegrityError:
            raise AlreadyDone(_("You have made this demand already.")) from None


def delegate_declare(
    *, person: Any, member: Member, credential: Credential, gender: str
) -> CheckIn:
    """The delegate declares their gender (or, with "", withdraws it) once checked in."""
    if member.person_id != getattr(person, "pk", None) or credential.term.member_id != member.pk:
        raise NotEligible(_("Each delegate declares for themselves alone."))
    if gender not in ("", *CheckIn.Gender.values):
        raise InvalidInput(_("Declare woman, man or non-binary, or nothing."))
    check_in = CheckIn.objects.filter(credential=credential).first()
    if check_in is None:
        raise NotEligible(_("Check in first."))
    check_in.gender = gender
    check_in.save(update_fields=["gender"])
    return check_in
