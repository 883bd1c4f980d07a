"""Nominations: a member proposes, another seconds, the candidate accepts with a statement."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import counting
from newcourse.organisation.models import Member
from newcourse.organisation.selectors import member_numbered
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow

from ..eligibility import why_member_cannot_stand
from ..models import Candidate, Election, ElectionStatus
from ..selectors import status_implied
from . import announcements


def _check_window(election: Election, now: datetime.datetime) -> None:
    if election.is_recall:
        raise NotPermitted(_("A recall vote has no candidates."))
    if now < election.nominations_open_at:
        raise OutsideWindow(_("Nominations have not opened yet."))
    if election.status == ElectionStatus.SCHEDULED:
        # Their time has come, and the scheduler opens them at its next tick.
        raise OutsideWindow(_("Nominations open in a moment: try again shortly."))
    if election.status != ElectionStatus.NOMINATIONS or now >= election.nominations_close_at:
        raise OutsideWindow(_("Nominations have closed."))


def fresh(member: Member) -> Member:
    """The member as the database has them now, not as a caller's copy remembers them."""
    return Member.objects.select_related("body", "person").get(pk=member.pk)


def _check_in_electorate(member: Member, election: Election, what: str) -> None:
    member = fresh(member)
    office = election.office
    if not member.in_good_standing or not member.body.is_within(office.body):
        raise NotEligible(
            _("Only members in good standing of %(body)s may %(what)s.")
            % {"body": office.body, "what": what}
        )


def _lock(candidate: Candidate) -> Candidate:
    """The nomination as stored now, locked until the transaction ends, after its election:
    opening the vote locks the election too, so the ballot paper cannot change under it."""
    Election.objects.select_for_update(no_key=True).filter(pk=candidate.election_id).first()
    return (
        Candidate.objects.select_for_update()
        .select_related("election__office__body", "member__person")
        .get(pk=candidate.pk)
    )


class CannotStand(NotEligible):
    """The member proposed may not stand (not in good standing, not long enough…)."""


def candidate_nominate_by_number(
    *,
    nominator: Member,
    election: Election,
    number: str,
    now: datetime.datetime | None = None,
) -> Candidate:
    """Propose the member with membership number `number`, as the nomination form and the
    API do. A number nobody in the election's body has, and one whose member may not stand,
    get the same answer, naming nobody: otherwise walking the numbers would pair each with a
    name and a standing, and undo the record's privacy. Members proposing themselves are
    told their own reason."""
    body = election.office.body
    number = number.strip()
    candidate = member_numbered(body, number)
    cannot = InvalidInput(
        _("No member of %(body)s who can stand has the membership number %(number)s.")
        % {"body": body, "number": number}
    )
    if candidate is None:
        raise cannot
    try:
        return candidate_nominate(
            nominator=nominator, election=election, candidate=candidate, now=now
        )
    except CannotStand:
        if candidate.pk == nominator.pk:
            raise
        raise cannot from None


def candidate_nominate(
    *,
    nominator: Member,
    election: Election,
    candidate: Member,
    now: datetime.datetime | None = None,
) -> Candidate:
    """Propose `candidate`; they stand once seconded and once they accept."""
    now = now or timezone.now()
    with transaction.atomic():
        election = (
            Election.objects.select_for_update(no_key=True)
            .select_related("office__body")
            .get(pk=election.pk)
        )
        _check_window(election, now)
        _check_in_electorate(nominator, election, _("nominate"))
        candidate = fresh(candidate)
        reason = why_member_cannot_stand(
            candidate, election.office, timezone.localdate(now), election.rules()
        )
        if reason:
            raise CannotStand(reason)
        try:
            with transaction.atomic():
                nomination = Candidate.objects.create(
                    election=election, member=candidate, nominated_by=nominator
                )
        except IntegrityError as error:
            raise AlreadyDone(
                _("%(name)s has already been nominated.") % {"name": candidate.person}
            ) from error
        record_append(
            actor=nominator.person,
            action="nomination.made",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload={
                "candidate": f"member:{candidate.number}",
                "nominated_by": f"member:{nominator.number}",
            },
            private={
                "candidate": candidate.person.full_name,
                "nominated_by": nominator.person.full_name,
            },
            member=candidate,
        )
        announcements.nominated(nomination)
    return nomination


def candidate_second(
    *, seconder: Member, candidate: Candidate, now: datetime.datetime | None = None
) -> Candidate:
    """Second a nomination; one seconder each, and not the nominator or the candidate."""
    now = now or timezone.now()
    with transaction.atomic():
        candidate = _lock(candidate)
        election = candidate.election
        _check_window(election, now)
        _check_in_electorate(seconder, election, _("second a nomination"))
        if candidate.withdrawn_at:
            raise AlreadyDone(_("This nomination has been withdrawn."))
        if candidate.seconded_by_id is not None:
            raise AlreadyDone(_("This nomination has already been seconded."))
        if seconder.pk in {candidate.nominated_by_id, candidate.member_id}:
            raise NotPermitted(
                _(
                    "A nomination must be seconded by someone other than its proposer and "
                    "the candidate."
                )
            )
        candidate.seconded_by = seconder
        candidate.save(update_fields=["seconded_by"])
        record_append(
            actor=seconder.person,
            action="nomination.seconded",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload={
                "candidate": f"member:{candidate.member.number}",
                "seconded_by": f"member:{seconder.number}",
            },
            private={
                "candidate": candidate.member.person.full_name,
                "seconded_by": seconder.person.full_name,
            },
            member=candidate.member,
        )
    return candidate


def candidate_accept(
    *,
    member: Member,
    candidate: Candidate,
    statement: str = "",
    now: datetime.datetime | None = None,
) -> Candidate:
    """The candidate accepts the nomination and gives the statement voters will read."""
    now = now or timezone.now()
    with transaction.atomic():
        candidate = _lock(candidate)
        election = candidate.election
        _check_window(election, now)
        if member.pk != candidate.member_id:
            raise NotPermitted(_("Only the candidate can accept their nomination."))
        if candidate.withdrawn_at:
            raise AlreadyDone(_("This nomination has been withdrawn."))
        if candidate.accepted_at:
            raise AlreadyDone(_("You have already accepted this nomination."))
        _check_room_on_the_ballot(election)
        candidate.accepted_at = now
        candidate.statement = statement.strip()
        candidate.save(update_fields=["accepted_at", "statement"])
        record_append(
            actor=member.person,
            action="nomination.accepted",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload={"candidate": f"member:{member.number}"},
            private={"candidate": member.person.full_name},
            member=member,
        )
    return candidate


def _check_room_on_the_ballot(election: Election) -> None:
    """The count takes at most `counting.candidate_limit(method)` candidates (ranked counts
    grow too fast beyond it): the candidacy past the limit is refused now, not the count later."""
    limit = counting.candidate_limit(election.method)
    standing = election.candidates.filter(accepted_at__isnull=False, withdrawn_at__isnull=True)
    if standing.count() >= limit:
        raise AlreadyDone(
            _("The ballot paper is full: this method counts at most %(limit)s candidates.")
            % {"limit": limit}
        )


def candidate_withdraw(
    *, member: Member, candidate: Candidate, now: datetime.datetime | None = None
) -> Candidate:
    """The candidate withdraws, at any time before voting opens."""
    now = now or timezone.now()
    with transaction.atomic():
        candidate = _lock(candidate)
        election = candidate.election
        if member.pk != candidate.member_id:
            raise NotPermitted(_("Only the candidate can withdraw their nomination."))
        # Judged by the timetable, not by the scheduler's last tick: once voting is due to
        # open, the ballot paper is fixed even if the tick has not opened it yet.
        if status_implied(election, now) not in {
            ElectionStatus.SCHEDULED,
            ElectionStatus.NOMINATIONS,
        }:
            raise OutsideWindow(_("Voting has opened: the ballot paper can no longer change."))
        if candidate.withdrawn_at:
            raise AlreadyDone(_("This nomination has already been withdrawn."))
        candidate.withdrawn_at = now
        candidate.save(update_fields=["withdrawn_at"])
        record_append(
            actor=member.person,
            action="nomination.withdrawn",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload={"candidate": f"member:{member.number}"},
            private={"candidate": member.person.full_name},
            member=member,
        )
    return candidate
