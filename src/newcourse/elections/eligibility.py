"""Who may vote, who may stand, who may sign: the rules, stated once.

Each function answers with a reason when the answer is no, so the page can say why.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from newcourse.offices.models import Office, Term, add_months
from newcourse.organisation.models import EventKind, Member, MemberQuerySet, Standing
from newcourse.rules.selectors import Rules

from .models import ElectionKind


def electorate_of(office: Office) -> MemberQuerySet:
    """Members in good standing of the office's body and every body below it."""
    return Member.objects.in_good_standing().within(office.body)


def why_member_cannot_stand(
    member: Member, office: Office, on: datetime.date, rules: Rules
) -> str | None:
    """None when `member` may stand for `office` under `rules` (the election's); otherwise the
    reason, in plain words."""
    months = rules["stand.good_standing_months"]
    limit = rules.term_limit(office.kind)
    if not member.in_good_standing:
        return _("%(name)s is not a member in good standing.") % {"name": member.person}
    if not member.body.is_within(office.body):
        return _("%(name)s is not a member of %(body)s.") % {
            "name": member.person,
            "body": office.body,
        }
    if months and not _in_good_standing_since(member, add_months(on, -months)):
        return _(
            "%(name)s has not been in good standing for %(months)d months, as the rules "
            "require of a candidate."
        ) % {"name": member.person, "months": months}
    if limit is not None and consecutive_terms(member, office) >= limit:
        return _(
            "%(name)s has served the %(limit)d consecutive terms the rules allow in this office."
        ) % {"name": member.person, "limit": limit}
    return None


def _in_good_standing_since(member: Member, since: datetime.date) -> bool:
    """A member without a break since `since`: joined before it, not readmitted after it, not
    in arrears at any time from it on (including arrears that began earlier and ran into it)."""
    if member.joined_on > since:
        return False
    history = member.history.order_by("effective_on", "id")
    if history.filter(kind=EventKind.READMITTED, effective_on__gt=since).exists():
        return False
    if history.filter(
        kind=EventKind.STANDING, standing=Standing.ARREARS, effective_on__gt=since
    ).exists():
        return False
    standing_then = (
        history.filter(kind=EventKind.STANDING, effective_on__lte=since)
        .values_list("standing", flat=True)
        .last()
    )
    return standing_then != Standing.ARREARS


def consecutive_terms(member: Member, office: Office) -> int:
    """How many of the office's most recent elected terms in a row `member` served."""
    count = 0
    seen_elections: set[int] = set()
    regular = Term.objects.filter(office=office, election__kind=ElectionKind.REGULAR)
    for term in regular.order_by("-began_on"):
        if term.election_id in seen_elections:
            continue
        holders = set(
            Term.objects.filter(office=office, election_id=term.election_id).values_list(
                "member_id", flat=True
            )
        )
        seen_elections.add(term.election_id)
        if member.pk not in holders:
            break
        count += 1
    return count
