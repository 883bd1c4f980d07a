"""Who may act in the hall.

The chair is the standing orders committee: its members, while their terms run, open the
floor, take up items, open and close votes and enter the tellers' count of a show of hands.
They and the credentials committee check delegates in at the door. A delegate acts on the
floor with their own verified credential, and only with it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from newcourse.conferences.access import access_conference_for_person, may_act_for_committee
from newcourse.conferences.models import CommitteeRole, Conference, Credential, CredentialStatus
from newcourse.refusals import AccessDenied

from .models import FloorVote


def may_chair(person: Any, conference: Conference) -> bool:
    """The standing orders committee's elected members, while their terms run."""
    return may_act_for_committee(person, conference, CommitteeRole.STANDING_ORDERS)


def may_check_in(person: Any, conference: Conference) -> bool:
    """The stewards at the door: the standing orders and the credentials committees."""
    if may_chair(person, conference):
        return True
    return may_act_for_committee(person, conference, CommitteeRole.CREDENTIALS)


def credential_of(person: Any, conference: Conference) -> Credential | None:
    """`person`'s verified credential to `conference`, if they hold one now: a credential
    challenged (pending again), rejected or stood down is none."""
    if not getattr(person, "is_authenticated", False):
        return None
    if not person.is_active:
        return None
    return (
        Credential.objects.filter(
            conference=conference,
            status=CredentialStatus.VERIFIED,
            term__member__person=person,
        )
        .select_related("delegation__unit", "term__member__person")
        # One at most (a term holds one credential, a member one term of a delegation): by
        # its key, not by the model's order, whose joins cost more to plan than to run.
        .order_by("pk")
        .first()
    )


def access_floor_vote_for_person(*, person: Any, conference: Conference, pk: int) -> FloorVote:
    """A vote of a conference `person` may see (every vote on the floor of a conference they
    may see is public; a secret vote's papers name nobody)."""
    vote = FloorVote.objects.filter(conference=conference, pk=pk).order_by("pk").first()
    if vote is None:
        raise AccessDenied(_("There is no such vote."))
    vote.conference = conference
    return vote


__all__ = [
    "access_conference_for_person",
    "access_floor_vote_for_person",
    "credential_of",
    "may_chair",
    "may_check_in",
]
