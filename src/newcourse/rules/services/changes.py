"""Proposing a rule change: the notice, the limits and the text the members will vote on."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import rulebook as library
from newcourse.organisation.models import Body, Member
from newcourse.record.services import record_append
from newcourse.refusals import (
    InvalidInput,
    InvalidRules,
    NotPermitted,
    OutsideWindow,
)

from .. import selectors
from ..access import may_propose_rule_change
from ..models import RuleChange
from .versions import iso_moment, rulebook_check, standing_orders_check, text_sha256

# No rulebook asks for more notice than a year (the catalogue's bound), so a vote further off
# than this is a typing error, not a plan.
FARTHEST_VOTE = datetime.timedelta(days=5 * 365)
# As the proposal form and the API take them.
TITLE_LENGTH, REASON_LENGTH, TEXT_LENGTH = 200, 10_000, 200_000


def _refuse_and_record(body: Body, refused: OutsideWindow, payload: dict[str, Any]) -> None:
    """A rule change refused for its timing is recorded (the members see that it was tried
    and why), then refused: the entry commits on its own, outside the caller's transaction."""
    with transaction.atomic():
        record_append(
            actor="system",
            action="rules.change_refused",
            subject=f"rules:{body.slug}",
            body=body,
            payload={**payload, "reason": refused.message},
        )
    raise refused


def rule_change_propose(
    *,
    person: Any,
    member: Member,
    body: Body,
    title: str,
    text: str,
    voting_opens_at: datetime.datetime,
    reason: str = "",
    takes_effect_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> RuleChange:
    """Propose a new text of `body`'s rules (the rulebook at the top body, standing orders
    elsewhere), to be voted on by the body's members from `voting_opens_at`.

    The vote may open no sooner than the notice the rulebook in force requires, lasts as long
    as it says, and needs its majority; a change may not take effect before it is decided.
    """
    now = now or timezone.now()
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(_("Give the rule change a title."))
    if len(title) > TITLE_LENGTH or len(reason) > REASON_LENGTH or len(text) > TEXT_LENGTH:
        raise InvalidInput(
            _(
                "A rule change has a title of at most %(title)s characters, a reason of at "
                "most %(reason)s and a text of at most %(text)s."
            )
            % {"title": TITLE_LENGTH, "reason": REASON_LENGTH, "text": TEXT_LENGTH}
        )
    if not may_propose_rule_change(person, body):
        raise NotPermitted(
            _("Only the officers of %(body)s may propose a change to its rules.") % {"body": body}
        )
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("A rule change is proposed in your own name."))
    rules = selectors.rules_for(body, timezone.localdate(now))
    amends = selectors.latest_version(body)
    top = selectors.top_of(body)
    rulebook_now = selectors.latest_version(top)
    if rulebook_now is None:  # rules_for found one: only a deleted row could bring this
        raise selectors.no_rulebook(top)
    is_rulebook = body.pk == top.pk
    if is_rulebook:
        rulebook_check(text)
    else:
        standing_orders_check(text, rulebook_now.text)
    if amends is not None and amends.text == text:
        raise InvalidInput(_("The proposed text is the same as the rules in force."))
    prefix = "rule_change" if is_rulebook else "standing_orders"
    notice = rules.days(f"{prefix}.notice_days")
    voting_closes_at = voting_opens_at + rules.days("rule_change.voting_days")
    payload = {
        "title": title,
        "voting_opens_at": iso_moment(voting_opens_at),
        "notice_days": rules[f"{prefix}.notice_days"],
        "rulebook_version": rules.rulebook_version,
    }
    if voting_opens_at > now + FARTHEST_VOTE:
        raise InvalidInput(
            _("A rule change's vote opens within %(years)s years of its proposal.")
            % {"years": FARTHEST_VOTE.days // 365}
        )
    if voting_opens_at < now + notice:
        _refuse_and_record(
            body,
            OutsideWindow(
                _(
                    "The rules require %(days)s days' notice of a change: its vote may open "
                    "on %(earliest)s at the earliest."
                )
                % {
                    "days": rules[f"{prefix}.notice_days"],
                    "earliest": timezone.localtime(now + notice).strftime("%Y-%m-%d %H:%M"),
                }
            ),
            payload,
        )
    if takes_effect_on is not None:
        if takes_effect_on < timezone.localdate(voting_closes_at):
            raise OutsideWindow(
                _("A rule change cannot take effect before its vote closes, on %(day)s.")
                % {"day": timezone.localdate(voting_closes_at).isoformat()}
            )
        if amends is not None and takes_effect_on < amends.effective_on:
            raise OutsideWindow(
                _("It cannot take effect before version %(n)s, which takes effect on %(day)s.")
                % {"n": amends.number, "day": amends.effective_on.isoformat()}
            )
    with transaction.atomic():
        change = RuleChange.objects.create(
            body=body,
            title=title,
            reason=reason.strip(),
            text=text,
            amends=amends,
            rulebook_version=rules.rulebook_version,
            proposed_by=member,
            proposed_at=now,
            voting_opens_at=voting_opens_at,
            voting_closes_at=voting_closes_at,
            takes_effect_on=takes_effect_on,
        )
        record_append(
            actor=person,
            action="rules.change_proposed",
            subject=f"rules:{body.slug}",
            body=body,
            payload={
                **payload,
                "rule_change": change.pk,
                "proposed_by": f"member:{member.number}",
                "amends": amends.number if amends else None,
                "text_sha256": text_sha256(text),
                "voting_closes_at": iso_moment(voting_closes_at),
                "takes_effect_on": takes_effect_on.isoformat() if takes_effect_on else None,
                "majority": rules.written(f"{prefix}.majority"),
            },
        )
    return change


def text_with_parameters(*, body: Body, parameters: dict[str, str]) -> str:
    """The text of `body`'s latest rules with `parameters` ({"recall.threshold": "25%"}) set
    in place: the usual rule change, written for the proposer. Refused (with the reason) for a
    parameter the text does not set or a value of the wrong kind."""
    latest = selectors.latest_version(body)
    if latest is None and body.parent_id is None:
        raise selectors.no_rulebook(body)
    if latest is None:
        raise InvalidInput(
            _(
                "%(body)s has no standing orders yet: propose their whole text, not a change "
                "to parameters."
            )
            % {"body": body}
        )
    text = latest.text
    for name, written in parameters.items():
        try:
            text = library.set_parameter(text, name, written)
        except library.RulebookError as error:
            raise InvalidRules(
                _("%(name)s cannot be set to “%(value)s”: %(error)s")
                % {"name": name, "value": written, "error": error}
            ) from error
    return text
