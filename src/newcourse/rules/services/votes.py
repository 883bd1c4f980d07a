"""The vote on a rule change: cast, opened and counted by the scheduler, and adopted if
carried."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.counting import decide_motion
from newcourse.documents import DocumentError, merge_texts
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import (
    AlreadyDone,
    InvalidInput,
    InvalidRules,
    NotPermitted,
    OutsideWindow,
    Refused,
)

from .. import selectors
from ..models import (
    RuleChange,
    RuleChangeBallot,
    RuleChangeChoice,
    RuleChangeElector,
    RuleChangeStatus,
    RulesVersion,
)
from .versions import rulebook_check, standing_orders_check, text_sha256, version_store

logger = logging.getLogger(__name__)


def rule_change_vote(
    *,
    change: RuleChange,
    member: Member,
    choice: str,
    now: datetime.datetime | None = None,
) -> None:
    """Cast `member`'s ballot on a rule change: for, against or abstain. Secret as an
    election's: the ballot holds the choice only, and nothing records when it was cast."""
    now = now or timezone.now()
    if choice not in RuleChangeChoice.values:
        raise InvalidInput(_("Vote for, against or abstain."))
    with transaction.atomic():
        locked = RuleChange.objects.select_for_update().get(pk=change.pk)
        if locked.status != RuleChangeStatus.VOTING or not (
            locked.voting_opens_at <= now < locked.voting_closes_at
        ):
            raise OutsideWindow(_("The vote on this rule change is not open."))
        elector = (
            RuleChangeElector.objects.select_for_update()
            .filter(change=locked, member=member)
            .first()
        )
        if elector is None:
            raise NotPermitted(
                _(
                    "You are not on the electorate of this vote: it was fixed, from the "
                    "members in good standing of %(body)s, when voting opened."
                )
                % {"body": locked.body}
            )
        if elector.has_voted:
            raise AlreadyDone(_("You have already voted on this rule change."))
        for _attempt in range(3):
            try:
                with transaction.atomic():
                    RuleChangeBallot.objects.create(change=locked, choice=choice)
                break
            except IntegrityError:
                continue  # a random key collision, vanishingly rare: draw again
        elector.has_voted = True
        elector.save(update_fields=["has_voted"])


def _claim(change: RuleChange, expected: str, **changes: Any) -> bool:
    """Move a rule change on, if no other process did first (0 rows: it did)."""
    return bool(RuleChange.objects.filter(pk=change.pk, status=expected).update(**changes))


def _vote_open(change: RuleChange, now: datetime.datetime) -> None:
    with transaction.atomic():
        electors = Member.objects.within(change.body).in_good_standing()
        size = electors.count()
        if not _claim(
            change, RuleChangeStatus.PROPOSED, status=RuleChangeStatus.VOTING, electorate_size=size
        ):
            return
        RuleChangeElector.objects.bulk_create(
            RuleChangeElector(change=change, member_id=pk)
            for pk in electors.values_list("pk", flat=True).iterator()
        )
        record_append(
            actor="system",
            action="rules.change_vote_opened",
            subject=f"rules:{change.body.slug}",
            body=change.body,
            payload={"rule_change": change.pk, "electorate": size},
        )


def _vote_close(change: RuleChange, now: datetime.datetime) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            RuleChange.objects.select_for_update().get(pk=change.pk)
        change.refresh_from_db()
        if change.status != RuleChangeStatus.VOTING:
            return
        totals = dict.fromkeys(RuleChangeChoice.values, 0)
        for choice in change.ballots.values_list("choice", flat=True).iterator():
            totals[choice] += 1
        top = selectors.top_of(change.body)
        rules = selectors.rules_recorded(
            top, rulebook_version=change.rulebook_version, standing_orders_version=None
        )
        prefix = "rule_change" if change.is_rulebook else "standing_orders"
        majority = rules[f"{prefix}.majority"]
        decision = decide_motion(
            yes=totals["for"],
            no=totals["against"],
            abstain=totals["abstain"],
            majority=majority.share,
            strict=majority.strict,
        )
        result = {
            "for": totals["for"],
            "against": totals["against"],
            "abstain": totals["abstain"],
            "majority": rules.written(f"{prefix}.majority"),
            "carried": decision.carried,
            "reason": decision.reason,
        }
        status = RuleChangeStatus.CARRIED if decision.carried else RuleChangeStatus.LOST
        if not _claim(
            change, RuleChangeStatus.VOTING, status=status, result=result, decided_at=now
        ):
            return  # another process counted it first
        record_append(
            actor="system",
            action="rules.change_carried" if decision.carried else "rules.change_lost",
            subject=f"rules:{change.body.slug}",
            body=change.body,
            payload={"rule_change": change.pk, **result},
        )
        if decision.carried:
            _adopt(change, now)


def _check_proposed_text(change: RuleChange) -> None:
    """The text the members voted on is the one sealed on the record when it was proposed."""
    proposed = selectors.record_entry_of(change, "rules.change_proposed")
    if proposed is None or proposed.payload.get("text_sha256") != text_sha256(change.text):
        raise InvalidRules(
            _(
                "Its stored text is not the one sealed on the record when it was proposed: it "
                "is not applied."
            )
        )


def _adopted_text(change: RuleChange, latest: RulesVersion | None) -> str:
    """The text the carried change makes: its own, or, when another change was adopted since
    it was proposed, its edits applied to that one's text (refused where both touch the same
    lines, or where the two together do not load)."""
    if latest is None or (change.amends_id is not None and latest.pk == change.amends_id):
        return change.text
    base = change.amends.text if change.amends else ""
    try:
        return merge_texts(base, latest.text, change.text)
    except DocumentError as error:
        raise InvalidRules(
            _(
                "Version %(n)s, adopted since this change was proposed, changes the same "
                "lines (%(error)s): it is not applied; propose it again on version %(n)s."
            )
            % {"n": latest.number, "error": error}
        ) from error


def _adopt(change: RuleChange, now: datetime.datetime) -> RulesVersion | None:
    """Adopt a carried change as the body's next version, from its stated day (never before a
    version adopted earlier takes effect); or, when it cannot be applied to the rules as they
    now stand, mark it and record why."""
    latest = selectors.latest_version(change.body)
    try:
        _check_proposed_text(change)
        text = _adopted_text(change, latest)
        if change.is_rulebook:
            parameters = rulebook_check(text).json_parameters()
        else:
            top = selectors.top_of(change.body)
            rulebook = selectors.latest_version(top)
            if rulebook is None:
                raise selectors.no_rulebook(top)
            parameters = standing_orders_check(text, rulebook.text).json_parameters()
    except Refused as refused:
        _claim(change, RuleChangeStatus.CARRIED, status=RuleChangeStatus.NOT_APPLIED)
        record_append(
            actor="system",
            action="rules.change_not_applied",
            subject=f"rules:{change.body.slug}",
            body=change.body,
            payload={"rule_change": change.pk, "reason": refused.message},
        )
        return None
    effective_on = change.takes_effect_on or timezone.localdate(now)
    if latest is not None and latest.effective_on > effective_on:
        # A version adopted earlier, and now part of this one's text, is not yet in force:
        # this one waits for it rather than bring it in early.
        record_append(
            actor="system",
            action="rules.effect_deferred",
            subject=f"rules:{change.body.slug}",
            body=change.body,
            payload={
                "rule_change": change.pk,
                "stated": effective_on.isoformat(),
                "effective_on": latest.effective_on.isoformat(),
                "waits_for_version": latest.number,
            },
        )
        effective_on = latest.effective_on
    return version_store(
        actor="system",
        body=change.body,
        text=text,
        parameters=parameters,
        effective_on=effective_on,
        source="rule-change",
        change=change,
        adopted_at=now,
    )


def rule_changes_tick(*, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Open the votes that are due and decide those that have closed; the scheduler's step.
    Returns the failures, as (subject, error), each logged and tried again at the next tick."""
    now = now or timezone.now()
    failures: list[tuple[str, str]] = []
    for change in selectors.rule_changes_open():
        try:
            if change.status == RuleChangeStatus.PROPOSED and change.voting_opens_at <= now:
                _vote_open(change, now)
                change.refresh_from_db()
            if change.status == RuleChangeStatus.VOTING and change.voting_closes_at <= now:
                _vote_close(change, now)
        except Exception as error:
            logger.exception("Rule change %s could not take its next step", change.pk)
            failures.append((f"rule-change:{change.pk}", f"{type(error).__name__}: {error}"))
    return failures
