"""A conference called, and its delegate entitlement and delegations fixed at the freeze."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newcourse.offices.models import Office, OfficeKind
from newcourse.offices.services import office_create
from newcourse.organisation.models import Body, Member
from newcourse.record.services import record_append
from newcourse.refusals import (
    InvalidInput,
    NotPermitted,
    OutsideWindow,
)
from newcourse.rules.selectors import rules_for

from .. import selectors
from ..access import may_call_conference
from ..models import Conference, Delegation, Entitlement
from .credentials import credentials_issue
from .papers import papers_render
from .priorities import priorities_tick

logger = logging.getLogger(__name__)

# Far enough for any real timetable; further is a typing error.
FARTHEST = datetime.timedelta(days=5 * 365)


def conference_call(
    *,
    person: Any,
    member: Member,
    body: Body,
    title: str,
    dates: dict[str, datetime.date],
    unit_kind: str = "",
    now: datetime.datetime | None = None,
) -> Conference:
    """Call `body`'s conference with its timetable: `dates` names every deadline of
    `selectors.DEADLINES`, in that order (a day may hold several); the freeze is today or
    later, so the entitlement is counted from a register nobody has yet seen frozen."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    title = " ".join(title.split())
    if not title or len(title) > 200:
        raise InvalidInput(_("Give the conference a title of at most 200 characters."))
    if not may_call_conference(person, body):
        raise NotPermitted(
            _("Only the officers of %(body)s who create its offices may call its conference.")
            % {"body": body}
        )
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("A conference is called in your own name."))
    names = [name for name, _label in selectors.DEADLINES]
    missing = [name for name in names if not isinstance(dates.get(name), datetime.date)]
    if missing:
        raise InvalidInput(
            _("Give every date of the timetable: %(names)s.") % {"names": ", ".join(missing)}
        )
    days = [dates[name] for name in names]
    if days != sorted(days):
        raise InvalidInput(
            _(
                "The timetable runs in order: membership freeze, delegates, motions, "
                "amendments, final agenda, emergency motions, conference."
            )
        )
    if days[0] < today:
        raise OutsideWindow(_("The membership freeze cannot be in the past."))
    if days[-1] > today + FARTHEST:
        raise InvalidInput(_("A conference is called at most five years ahead."))
    unit_kind = unit_kind.strip()
    if len(unit_kind) > 60:
        raise InvalidInput(_("Name the level that sends delegates in at most 60 characters."))
    rules = rules_for(body, today)
    if dates["delegates_by"] - dates["freeze_on"] < rules.days("election.voting_days"):
        raise InvalidInput(
            _(
                "The delegations are elected after the freeze: leave at least the rules' "
                "%(days)s days for voting between the freeze and the date for delegates."
            )
            % {"days": rules["election.voting_days"]}
        )
    with transaction.atomic():
        conference = Conference.objects.create(
            body=body,
            title=title,
            unit_kind=unit_kind,
            called_by=member,
            called_at=now,
            **{name: dates[name] for name in names},
        )
        record_append(
            actor=person,
            action="conference.called",
            subject=f"conference:{conference.pk}",
            body=body,
            payload={
                "title": title,
                "called_by": f"member:{member.number}",
                "unit_kind": unit_kind,
                "rulebook_version": rules.rulebook_version,
                **{name: dates[name].isoformat() for name in names},
            },
        )
    return conference


def entitlement_fix(*, conference: Conference, now: datetime.datetime | None = None) -> bool:
    """Fix the conference's entitlement from the register as it stands at the freeze, by the
    rule of the rulebook in force that day; once (a claimed step: another process that got
    there first leaves nothing to do). Returns whether this call fixed it."""
    now = now or timezone.now()
    with transaction.atomic():
        rules = rules_for(conference.body, conference.freeze_on)
        if not Conference.objects.filter(pk=conference.pk, entitled_at__isnull=True).update(
            entitled_at=now, rulebook_version=rules.rulebook_version
        ):
            return False
        rule, rows = selectors.entitlement_computed(conference, rules)
        Entitlement.objects.bulk_create(
            Entitlement(
                conference=conference,
                unit=row.unit,
                members=row.members,
                seats=row.seats,
                arithmetic=row.arithmetic[:200],
            )
            for row in rows
        )
        _delegations_create(conference, rows)
        record_append(
            actor="system",
            action="conference.entitlement_fixed",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "rule": {
                    "method": "per-members",
                    "per": rule.per,
                    "rounding": rule.rounding,
                    "minimum": rule.minimum,
                },
                "rulebook_version": rules.rulebook_version,
                "freeze_on": conference.freeze_on.isoformat(),
                "fixed_at": now.isoformat(),
                "delegates": {row.unit.slug: [row.members, row.seats] for row in rows},
                "total": sum(row.seats for row in rows),
            },
        )
    return True


def _delegations_create(conference: Conference, rows: list[selectors.Row]) -> None:
    """Each unit entitled to delegates gets its delegation: an office of the unit with that
    many seats, which the elections' timetable fills by the unit's election; and beside it
    the office of its alternates, as many seats again, elected the same way by the same date,
    who step up in the order of their election when a delegate stands down."""
    for row in rows:
        if row.seats == 0:
            continue
        # Stored names, in the installation's language, whoever's request is in hand.
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Delegation to %(conference)s") % {"conference": conference.title}
            alternates_title = _("Alternates to %(conference)s") % {"conference": conference.title}
        Delegation.objects.create(
            conference=conference,
            unit=row.unit,
            office=_delegation_office(conference, row, title),
            alternates=_delegation_office(conference, row, alternates_title),
        )


def _delegation_office(conference: Conference, row: selectors.Row, title: str) -> Office:
    """An office of kind delegation of the unit, as many seats as it is entitled to; its title
    names the conference (with its id when another conference's has the same)."""
    suffix = f" ({conference.pk})"
    if Office.objects.filter(body=row.unit, title=title[:120]).exists():
        title = title[: 120 - len(suffix)] + suffix
    return office_create(
        actor="system",
        body=row.unit,
        title=title[:120],
        kind=OfficeKind.DELEGATION,
        seats=row.seats,
        powers=[],
    )


def conferences_tick(*, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Fix the entitlement of every conference whose freeze date has come, issue their
    credentials to the delegates of those whose date for delegates has passed, print the
    papers of each newly published agenda, and count each priorities ballot whose voting has
    closed; the scheduler's step. Returns the failures as
    (subject, error), each logged and tried again next tick."""
    now = now or timezone.now()
    failures = []
    for conference in selectors.conferences_due_for_entitlement(timezone.localdate(now)):
        try:
            entitlement_fix(conference=conference, now=now)
        except Exception as error:
            logger.exception("Conference %s: the entitlement could not be fixed", conference.pk)
            failures.append((f"conference:{conference.pk}", f"{type(error).__name__}: {error}"))
    for conference in selectors.conferences_due_for_credentials(timezone.localdate(now)):
        try:
            credentials_issue(conference=conference, now=now)
        except Exception as error:
            logger.exception("Conference %s: the credentials could not be issued", conference.pk)
            failures.append(
                (f"conference:{conference.pk}", f"credentials: {type(error).__name__}: {error}")
            )
    for conference in selectors.conferences_due_for_papers():
        try:
            papers_render(conference=conference, now=now)
        except Exception as error:
            logger.exception("Conference %s: the papers could not be printed", conference.pk)
            failures.append(
                (f"conference:{conference.pk}", f"papers: {type(error).__name__}: {error}")
            )
    failures += priorities_tick(now=now)
    return failures
