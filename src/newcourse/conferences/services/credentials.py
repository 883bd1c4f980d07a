"""Delegates' credentials: issued by the scheduler once the delegations are elected, reviewed
by the credentials committee, challenged by delegates and the conference body's officers.
An alternate's credential, when a delegate stands down, is issued the same way
(`credential_issue`, from `services.alternates`)."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.offices.models import Term
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow

from ..access import may_challenge_credentials, may_review_credentials
from ..models import Challenge, Conference, Credential, CredentialStatus, Delegation

# A card's address: 32 URL-safe characters, 192 random bits.
TOKEN_BYTES = 24
REASON_LENGTH = 500


def credentials_issue(*, conference: Conference, now: datetime.datetime | None = None) -> int:
    """Give each delegate seated in one of the conference's delegations their credential,
    once the date for delegates has passed and until the conference closes. Each is a claimed
    step (one credential per term: a process that got there first leaves nothing to do), so
    every tick may run it; delegates seated later, after a late count, get theirs at the
    next tick. Alternates get none here: only the seat a delegate gives up
    (`services.alternates`). Returns how many this call issued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not conference.delegates_by < today <= conference.closes_on:
        return 0
    terms = (
        Term.objects.current(today)
        .filter(
            office__conference_delegation__conference=conference,
            conference_credential__isnull=True,
        )
        .select_related("member", "office__conference_delegation__unit")
        .order_by("pk")
    )
    issued = 0
    for term in terms:
        try:
            credential_issue(
                conference=conference,
                delegation=term.office.conference_delegation,
                term=term,
                now=now,
            )
        except IntegrityError:
            continue  # issued by another process first
        issued += 1
    return issued


def credential_issue(
    *,
    conference: Conference,
    delegation: Delegation,
    term: Term,
    now: datetime.datetime,
    alternate_for: Credential | None = None,
) -> Credential:
    """One credential, on the open record: to a delegate for their term in the delegation,
    or to an alternate, for their term as an alternate, in the seat `alternate_for` gave up.
    Raises IntegrityError when the term, or the seat given up, already has one."""
    with transaction.atomic():
        credential = Credential.objects.create(
            conference=conference,
            delegation=delegation,
            term=term,
            token=secrets.token_urlsafe(TOKEN_BYTES),
            issued_at=now,
            alternate_for=alternate_for,
        )
        record_append(
            actor="system",
            action="conference.credential_issued",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "credential": credential.pk,
                "unit": delegation.unit.slug,
                "delegate": f"member:{term.member.number}",
                **(
                    {
                        "alternate_for": alternate_for.pk,
                        "in_place_of": f"member:{alternate_for.term.member.number}",
                    }
                    if alternate_for is not None
                    else {}
                ),
            },
        )
    return credential


def stood_down_already() -> AlreadyDone:
    """The refusal for any act on a credential its delegate gave up."""
    return AlreadyDone(_("This delegate has stood down: the credential is no longer valid."))


def reason_given(reason: str, *, required: bool, refusal: str) -> str:
    reason = " ".join(reason.split())
    if required and not reason:
        raise InvalidInput(refusal)
    if len(reason) > REASON_LENGTH:
        raise InvalidInput(
            _("Give the reason in at most %(limit)d characters.") % {"limit": REASON_LENGTH}
        )
    return reason


def before_close(conference: Conference, now: datetime.datetime) -> None:
    """Refuse once the conference has closed: its credentials are settled then."""
    if timezone.localdate(now) > conference.closes_on:
        raise OutsideWindow(
            _("%(conference)s has closed: its credentials are settled.")
            % {"conference": conference}
        )


def credential_review(
    *,
    person: Any,
    member: Member,
    credential: Credential,
    verified: bool,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Credential:
    """The credentials committee verifies a delegate's credential, or rejects it with a
    reason, before the conference closes; in its member's own name. It may change its mind
    (a rejected credential verified once corrected), never to the status it already has; a
    delegate who no longer holds the seat has nothing left to review."""
    now = now or timezone.now()
    conference = credential.conference
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("A credential is reviewed in your own name."))
    if not may_review_credentials(person, conference):
        raise NotPermitted(
            _("Only the credentials committee of %(conference)s reviews its credentials.")
            % {"conference": conference}
        )
    before_close(conference, now)
    reason = reason_given(
        reason,
        required=not verified,
        refusal=_("Give the reason the credential is rejected."),
    )
    status = CredentialStatus.VERIFIED if verified else CredentialStatus.REJECTED
    with transaction.atomic():
        credential = (
            Credential.objects.select_for_update(of=("self",))
            .select_related("term__member")
            .get(pk=credential.pk)
        )
        if credential.term.member.person_id == getattr(person, "pk", None):
            raise NotPermitted(_("Nobody reviews their own credential."))
        if credential.status == CredentialStatus.STOOD_DOWN:
            raise stood_down_already()
        if not credential.term.is_current(timezone.localdate(now)):
            raise NotEligible(_("This delegate no longer holds the seat."))
        if credential.status == status:
            raise AlreadyDone(
                _("This credential is already %(status)s.")
                % {"status": CredentialStatus(status).label.lower()}
            )
        Credential.objects.filter(pk=credential.pk, status=credential.status).update(
            status=status, reason=reason, reviewed_by=member, reviewed_at=now
        )
        credential.refresh_from_db()
        record_append(
            actor=person,
            action="conference.credential_reviewed",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "credential": credential.pk,
                "delegate": f"member:{credential.term.member.number}",
                "status": status,
                "reviewed_by": f"member:{member.number}",
            },
            private={"reason": reason},
            member=credential.term.member,
        )
    return credential


def credential_challenge(
    *,
    person: Any,
    member: Member,
    credential: Credential,
    reason: str,
    now: datetime.datetime | None = None,
) -> Challenge:
    """A delegate of the conference, or an officer of its body, challenges another delegate's
    credential with a reason, before the conference closes: the challenge is kept and a
    verified credential goes back to the committee (pending). A rejected one has nothing left
    to challenge."""
    now = now or timezone.now()
    conference = credential.conference
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("A challenge is raised in your own name."))
    if not may_challenge_credentials(person, conference):
        raise NotPermitted(
            _(
                "Only the delegates to %(conference)s and the officers of %(body)s challenge "
                "a credential."
            )
            % {"conference": conference, "body": conference.body}
        )
    before_close(conference, now)
    reason = reason_given(
        reason, required=True, refusal=_("Give the reason you challenge the credential.")
    )
    with transaction.atomic():
        credential = (
            Credential.objects.select_for_update(of=("self",))
            .select_related("term__member")
            .get(pk=credential.pk)
        )
        delegate = credential.term.member
        if delegate.person_id == person.pk:
            raise NotPermitted(_("A delegate does not challenge their own credential."))
        if credential.status == CredentialStatus.STOOD_DOWN:
            raise stood_down_already()
        if credential.status == CredentialStatus.REJECTED:
            raise AlreadyDone(_("This credential is already rejected."))
        challenge = Challenge.objects.create(
            credential=credential, raised_by=member, reason=reason, raised_at=now
        )
        if credential.status == CredentialStatus.VERIFIED:
            Credential.objects.filter(pk=credential.pk, status=CredentialStatus.VERIFIED).update(
                status=CredentialStatus.PENDING, reason="", reviewed_by=None, reviewed_at=None
            )
        record_append(
            actor=person,
            action="conference.credential_challenged",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "credential": credential.pk,
                "challenge": challenge.pk,
                "delegate": f"member:{delegate.number}",
                "raised_by": f"member:{member.number}",
                "status": CredentialStatus.PENDING,
            },
            private={"reason": reason},
            member=delegate,
        )
    return challenge
