"""Who may call a conference, who bodies may submit motions for, who reviews, challenges and
stands down a credential. One condition per line.

Reading a conference, or one of its motions, needs only to see the conference's body
(organisation.access)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from newcourse.offices.models import Term
from newcourse.organisation.access import access_loaded_body_for_person
from newcourse.organisation.models import Body
from newcourse.organisation.officers import Power, officer_roll
from newcourse.refusals import AccessDenied
from newcourse.rules.access import may_propose_rule_change

from . import selectors, selectors_mandates
from .models import (
    Committee,
    CommitteeRole,
    Composite,
    Conference,
    Credential,
    CredentialStatus,
    Delegation,
    Motion,
)


def access_conference_for_person(*, person: Any, pk: int) -> Conference:
    """A conference is seen by whoever may see its body: the same refusal whether it exists
    or not."""
    denied = AccessDenied(_("There is no such conference, or you may not see it."))
    conference = Conference.objects.select_related("body").filter(pk=pk).first()
    if conference is None:
        raise denied
    try:
        access_loaded_body_for_person(person=person, body=conference.body)
    except AccessDenied as refused:
        raise denied from refused
    return conference


def access_motion_for_person(*, person: Any, pk: int) -> Motion:
    """A motion is seen by whoever may see its conference: the same refusal whether it exists
    or not."""
    denied = AccessDenied(_("There is no such motion, or you may not see it."))
    motion = Motion.objects.select_related("body").filter(pk=pk).first()
    if motion is None:
        raise denied
    try:
        motion.conference = access_conference_for_person(person=person, pk=motion.conference_id)
    except AccessDenied as refused:
        raise denied from refused
    return motion


def access_composite_for_person(*, person: Any, pk: int) -> Composite:
    """A composite is seen by whoever may see its conference: the same refusal whether it
    exists or not."""
    denied = AccessDenied(_("There is no such composite, or you may not see it."))
    composite = Composite.objects.filter(pk=pk).first()
    if composite is None:
        raise denied
    try:
        composite.conference = access_conference_for_person(
            person=person, pk=composite.conference_id
        )
    except AccessDenied as refused:
        raise denied from refused
    return composite


def bodies_submitting_for(person: Any, conference: Conference) -> list[Body]:
    """The bodies whose motions `person` may submit to `conference`: of the conference's own
    body and the units that send delegates to it, those whose officers propose its rule
    changes (`rules.access.may_propose_rule_change`), as the service checks."""
    if not getattr(person, "is_authenticated", False):
        return []
    # Most readers hold no office: one query for the bodies they serve in spares asking each
    # of the hundreds of sending bodies in turn.
    served = {body.pk for body in officer_roll().bodies_served(person)}
    if not served:
        return []
    candidates = selectors.senders_of(conference)
    return [
        body for body in candidates if body.pk in served and may_propose_rule_change(person, body)
    ]


def bodies_amending_for(person: Any, motion: Motion) -> list[Body]:
    """The bodies whose amendments to `motion` `person` may submit: those it submits motions
    for, but the motion's own (a body does not amend its own motion)."""
    bodies = bodies_submitting_for(person, motion.conference)
    return [body for body in bodies if body.pk != motion.body_id]


def may_accept_amendments(person: Any, motion: Motion) -> bool:
    """The officers of the motion's body accept an amendment to it as friendly."""
    if not getattr(person, "is_authenticated", False):
        return False
    return may_propose_rule_change(person, motion.body)


def may_call_conference(person: Any, body: Body) -> bool:
    """The officers of `body` itself whose office creates its offices (its executive, its
    secretary) call its conference: they prepare it, conference then decides."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    return officer_roll().serves_in(person, [body.path], power=Power.OFFICES)


def may_act_for_committee(person: Any, conference: Conference, role: str) -> bool:
    """The members elected to the office named to `role`, while their terms run, act for the
    committee; a conference without that committee has nobody who may."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    committee = Committee.objects.filter(conference=conference, role=role).first()
    if committee is None:
        return False
    return Term.objects.current().filter(office=committee.office, member__person=person).exists()


# Credentials: the card, the committee's review, challenges.


def may_review_credentials(person: Any, conference: Conference) -> bool:
    """The credentials committee's elected members, while their terms run."""
    return may_act_for_committee(person, conference, CommitteeRole.CREDENTIALS)


def may_challenge_credentials(person: Any, conference: Conference) -> bool:
    """A delegate of the conference (seated now in one of its delegations), or an officer of
    the conference's own body, may challenge a delegate's credential."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    seated = Term.objects.current().filter(
        member__person=person, office__conference_delegation__conference=conference
    )
    if seated.exists():
        return True
    if _alternate_seated(person, conference):
        return True
    return officer_roll().serves_in(person, [conference.body.path])


def _alternate_seated(person: Any, conference: Conference) -> bool:
    """Whether `person` is an alternate holding a seat given up: their term as an alternate
    runs and the credential they took it with stands."""
    return (
        Credential.objects.filter(
            conference=conference,
            term__in=Term.objects.current().filter(
                member__person=person, office__conference_alternates__conference=conference
            ),
        )
        .exclude(status=CredentialStatus.STOOD_DOWN)
        .exists()
    )


def units_standing_down_for(person: Any) -> set[int]:
    """The bodies whose delegates `person` may stand down as an officer (`may_stand_down`),
    for a report that lists hundreds: one reading of the roll."""
    if not getattr(person, "is_authenticated", False):
        return set()
    if not person.is_active:
        return set()
    roll = officer_roll()
    return {
        body.pk
        for power in (Power.OFFICES, Power.REGISTER)
        for body in roll.bodies_served(person, power=power)
    }


def may_stand_down(person: Any, credential: Credential) -> bool:
    """A delegate stands down themself; an officer of their unit whose office has powers (its
    secretary, its committee; not a fellow delegate) may stand them down for them."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    if credential.term.member.person_id == person.pk:
        return True
    return may_propose_rule_change(person, credential.delegation.unit)


def access_listed_credential_for_person(*, person: Any, pk: int) -> Credential:
    """A credential as its conference's report lists it (to review or challenge) is seen by
    whoever may see the conference: the same refusal whether it exists or not. Its card is
    another matter (`access_credential_for_person`)."""
    denied = AccessDenied(_("There is no such credential, or you may not see it."))
    credential = Credential.objects.filter(pk=pk).first()
    if credential is None:
        raise denied
    try:
        credential.conference = access_conference_for_person(
            person=person, pk=credential.conference_id
        )
    except AccessDenied as refused:
        raise denied from refused
    return credential


def access_credential_for_person(*, person: Any, token: str) -> Credential:
    """A delegate's card is seen by the delegate and by the credentials committee; anyone
    else is told what a wrong address would tell them."""
    denied = AccessDenied(_("There is no such credential, or you may not see it."))
    if not getattr(person, "is_authenticated", False):
        raise denied
    credential = (
        Credential.objects.select_related(
            "conference__body", "delegation__unit", "term__member__person"
        )
        .filter(token=token)
        .first()
    )
    if credential is None:
        raise denied
    if credential.term.member.person_id == person.pk:
        return credential
    if may_review_credentials(person, credential.conference):
        return credential
    raise denied


# Mandates: a unit's instructions to its delegation are read by the unit's officers and its
# delegates, not by the other units; its officers give them.


def _seated_in(person: Any, delegation: Delegation) -> bool:
    return Term.objects.current().filter(office=delegation.office, member__person=person).exists()


def access_instructions_for_person(*, person: Any, conference: Conference, slug: str) -> Delegation:
    """The delegation of unit `slug` to `conference`, whose instructions `person` reads: one of
    the unit's officers, or a delegate seated in it now. Anyone else, and any unit that sends
    no delegation, gets the same refusal."""
    denied = AccessDenied(_("There is no such delegation, or you may not see its instructions."))
    if not getattr(person, "is_authenticated", False):
        raise denied
    if not person.is_active:
        raise denied
    delegation = selectors_mandates.delegation_of(conference, slug)
    if delegation is None:
        raise denied
    delegation.conference = conference
    if may_instruct(person, delegation):
        return delegation
    if _seated_in(person, delegation):
        return delegation
    raise denied


def may_instruct(person: Any, delegation: Delegation) -> bool:
    """The unit's officers (as for its motions: `rules.access.may_propose_rule_change`) give
    its instructions; the service checks the rulebook and the timetable."""
    return may_propose_rule_change(person, delegation.unit)


def delegations_instructed_for(person: Any, conference: Conference) -> list[Delegation]:
    """The delegations to `conference` whose instructions `person` reads: the one they sit in,
    and those of the units they are officers of (a few queries, whatever the number of
    delegations)."""
    if not getattr(person, "is_authenticated", False):
        return []
    if not person.is_active:
        return []
    seated = Term.objects.current().filter(
        member__person=person, office__conference_delegation__conference=conference
    )
    served = {body.pk for body in officer_roll().bodies_served(person)}
    candidates = Delegation.objects.filter(conference=conference).filter(
        Q(office__in=seated.values("office_id")) | Q(unit_id__in=served)
    )
    found = []
    for delegation in candidates.select_related("unit", "office"):
        delegation.conference = conference
        if (
            delegation.unit_id not in served
            or may_instruct(person, delegation)
            or _seated_in(person, delegation)
        ):
            found.append(delegation)
    return found
