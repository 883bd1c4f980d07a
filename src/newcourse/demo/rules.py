"""The demo's rules: the trade union model rulebook (founded with the organisation), one rule
change carried by the members' vote last spring, Glasgow branch's standing orders adopted by
its members, and a rule change whose vote is open now for the demo's members to cast.

Each goes through the real path: an officer proposes with the notice the rulebook requires,
the tick opens the vote, members vote, the tick counts and adopts.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from newcourse.organisation.models import Body, Member
from newcourse.rules import selectors, services
from newcourse.rules.models import RuleChange, RuleChangeElector

DAY = datetime.timedelta(days=1)
GENERAL_SECRETARY = "secretary@international.example"
BRANCH_SECRETARY = "secretary@glasgow.example"


def _officer(email: str) -> Member:
    return Member.objects.select_related("person").get(person__email=email)


def _propose(
    *,
    body: Body,
    email: str,
    title: str,
    reason: str,
    parameters: dict[str, str] | None = None,
    text: str | None = None,
    proposed: datetime.datetime,
    opens: datetime.datetime,
) -> RuleChange:
    officer = _officer(email)
    return services.rule_change_propose(
        person=officer.person,
        member=officer,
        body=body,
        title=title,
        reason=reason,
        text=text or services.text_with_parameters(body=body, parameters=parameters or {}),
        voting_opens_at=opens,
        now=proposed,
    )


def _vote(
    change: RuleChange, rng: random.Random, *, support: float, now: datetime.datetime
) -> None:
    """Members vote (a share of the electorate turns out), for with probability `support`."""
    services.rule_changes_tick(now=now)
    electors = list(
        RuleChangeElector.objects.filter(change=change)
        .exclude(member__person__email__in=["member@glasgow.example"])
        .select_related("member")
        .order_by("member__number")
    )
    for elector in rng.sample(electors, len(electors) * 6 // 10):
        roll = rng.random()
        choice = "for" if roll < support else ("abstain" if roll > 0.97 else "against")
        services.rule_change_vote(change=change, member=elector.member, choice=choice, now=now)


def rules_seed(rng: random.Random) -> None:
    international = Body.objects.get(slug="international")
    glasgow = Body.objects.get(slug="glasgow")
    now = timezone.now()

    # Spring: conference raised the officials' pay cap with members' wages (version 2).
    proposed = datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.UTC)
    opens = proposed + 57 * DAY
    pay = _propose(
        body=international,
        email=GENERAL_SECRETARY,
        title="Officials' pay follows members' wages",
        reason="Members' average wage rose 3% last year; the cap on officials' pay follows it, "
        "and not a penny more.",
        parameters={"pay.cap": "2935 GBP"},
        proposed=proposed,
        opens=opens,
    )
    _vote(pay, rng, support=0.8, now=opens + DAY)
    services.rule_changes_tick(now=pay.voting_closes_at + DAY)

    # Glasgow branch's first standing orders: a higher recall threshold and longer voting.
    proposed = datetime.datetime(2026, 6, 1, 18, 0, tzinfo=datetime.UTC)
    opens = proposed + 29 * DAY
    orders = selectors.standing_orders_starter(glasgow)
    orders = orders.replace("{recall.threshold = 20%}", "{recall.threshold = 25%}")
    orders = orders.replace("{election.voting_days = 14}", "{election.voting_days = 21}")
    standing = _propose(
        body=glasgow,
        email=BRANCH_SECRETARY,
        title="Glasgow branch standing orders",
        reason="Three weeks to vote, for members on rotating shifts; a quarter of the branch "
        "to open a recall.",
        text=orders,
        proposed=proposed,
        opens=opens,
    )
    _vote(standing, rng, support=0.7, now=opens + DAY)
    services.rule_changes_tick(now=standing.voting_closes_at + DAY)

    # Now: a rule change whose vote is open, for the demo's member to cast a ballot on.
    opens = now - DAY
    notice = _propose(
        body=international,
        email=GENERAL_SECRETARY,
        title="Ten weeks' notice of rule changes",
        reason="Branches need a full round of meetings to debate a rule change before the vote.",
        parameters={"rule_change.notice_days": "70"},
        proposed=opens - 60 * DAY,
        opens=opens,
    )
    _vote(notice, rng, support=0.55, now=opens + datetime.timedelta(hours=1))
