"""A rule change's steps as the tests take them: proposed with notice, voted, counted."""

from __future__ import annotations

import datetime

from newcourse.organisation.models import Body, Member
from newcourse.rules import services
from newcourse.rules.models import RuleChange

DAY = datetime.timedelta(days=1)


def propose(
    proposer: Member,
    body: Body,
    *,
    parameters: dict[str, str] | None = None,
    text: str | None = None,
    now: datetime.datetime,
    takes_effect_on: datetime.date | None = None,
    notice_days: int = 56,
) -> RuleChange:
    """A rule change proposed `notice_days` before `now`, its vote opening at `now`."""
    return services.rule_change_propose(
        person=proposer.person,
        member=proposer,
        body=body,
        title="A change",
        text=text or services.text_with_parameters(body=body, parameters=parameters or {}),
        voting_opens_at=now,
        takes_effect_on=takes_effect_on,
        now=now - notice_days * DAY,
    )


def vote(change: RuleChange, members: list[Member], choices: str, now: datetime.datetime) -> None:
    """Open the vote and cast one ballot per letter: F for, A against, X abstain."""
    services.rule_changes_tick(now=now)
    choice = {"F": "for", "A": "against", "X": "abstain"}
    for member, letter in zip(members, choices, strict=False):
        services.rule_change_vote(change=change, member=member, choice=choice[letter], now=now)
