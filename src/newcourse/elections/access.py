"""Who may see and act on elections, nominations and petitions. One condition per line."""

from __future__ import annotations

from typing import Any, TypeVar

from django.utils.translation import gettext as _

from newcourse.organisation.access import access_through_body, int_or_none
from newcourse.organisation.models import Member
from newcourse.organisation.officers import Power, officer_roll
from newcourse.refusals import AccessDenied, NotPermitted
from newcourse.verifiable.models import Teller

from .models import Candidate, Election, RecallPetition, TimetableFailure

T = TypeVar("T")


def access_election_for_person(
    *, person: Any, pk: int | str, membership: Member | None = None
) -> Election:
    """An election is open to everyone who may see its body: timetable, candidates, result."""
    election = Election.objects.select_related("office__body").filter(pk=int_or_none(pk)).first()
    return access_through_body(
        election,
        lambda found: found.office.body,
        person=person,
        membership=membership,
        denied=_("There is no such election, or it is not open to you."),
    )


def access_petition_for_person(*, person: Any, pk: int | str) -> RecallPetition:
    """A petition (its count, never its signers) is open to everyone who may see the office."""
    petition = (
        RecallPetition.objects.select_related("term__office__body", "term__member__person")
        .filter(pk=int_or_none(pk))
        .first()
    )
    return access_through_body(
        petition,
        lambda found: found.term.office.body,
        person=person,
        denied=_("There is no such petition, or it is not open to you."),
    )


def access_candidate_for_person(*, person: Any, pk: int | str) -> Candidate:
    """A nomination is open to everyone who may see its election."""
    candidate = (
        Candidate.objects.select_related("election__office__body", "member__person")
        .filter(pk=int_or_none(pk))
        .first()
    )
    return access_through_body(
        candidate,
        lambda found: found.election.office.body,
        person=person,
        denied=_("There is no such nomination, or it is not open to you."),
    )


def member_acting(person: Any) -> Member:
    """The membership a logged-in person acts with (nominating, voting, signing)."""
    member = (
        Member.objects.select_related("body", "person").filter(person_id=person.pk).first()
        if getattr(person, "is_authenticated", False)
        else None
    )
    if member is None:
        raise AccessDenied(_("Only members can do this."))
    return member


def member_or_none(person: Any) -> Member | None:
    """The membership a person acts with, or None for a person who is not a member (pages
    show them less rather than refusing)."""
    try:
        return member_acting(person)
    except AccessDenied:
        return None


def access_timetable_failure_for_person(*, person: Any, election: Election) -> Any:
    """The scheduler's last failure to move `election` on: for the operator's eyes only
    (staff accounts); None for everyone else, and when nothing failed."""
    if not getattr(person, "is_staff", False):
        return None
    return TimetableFailure.objects.filter(election=election).first()


def teller_acting(*, election: Election, member: Member | None) -> Teller:
    """The teller a member hands files in as; refused for anyone who is not one."""
    teller = election.tellers.filter(member=member).first() if member is not None else None
    if teller is None:
        raise NotPermitted(_("You are not one of this election's tellers."))
    return teller


def is_credential_authority(*, election: Election, person: Any) -> bool:
    """Whether `person` holds an elected office of the election's body with the power to
    issue voting credentials (its credential authority)."""
    return bool(
        getattr(person, "is_authenticated", False)
        and election.verifiable
        and officer_roll().serves_in(person, [election.office.body.path], power=Power.CREDENTIALS)
    )


def credential_authority_elected(election: Election) -> bool:
    """Whether anyone now holds an office of the election's body with the power to issue
    voting credentials: without one, voting waits for nobody, and the page says so."""
    return any(
        Power.CREDENTIALS in term.office.powers
        for term in officer_roll().officers_of(election.office.body)
    )


def credential_authority_acting(*, election: Election, person: Any) -> None:
    """Refused for anyone but the election's credential authority: the electors list (with
    their addresses, for delivery) and the upload of public credentials are theirs alone."""
    if not is_credential_authority(election=election, person=person):
        raise NotPermitted(
            _(
                "Only the credential authority of %(body)s can do this: an officer whose "
                "office has the power to issue voting credentials."
            )
            % {"body": election.office.body}
        )
