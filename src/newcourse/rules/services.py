"""Every change to the rules: a rulebook founded, a rule change proposed, voted on, decided.

After its founding, an organisation's rulebook changes only here, by a rule change that its
conference (until conference part 1 lands: the members of its top body) carries with the
majority and after the notice the rulebook in force when it was proposed requires. A body's
standing orders change the same way, by the body's own members. Nothing else writes a version:
no page, API call or command sets a parameter.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import rulebook as library
from newcourse.counting import decide_motion
from newcourse.documents import DocumentError, merge_texts
from newcourse.organisation.models import Body, Member
from newcourse.organisation.services import body_create
from newcourse.record.services import record_append
from newcourse.refusals import (
    AlreadyDone,
    InvalidInput,
    InvalidRules,
    NotPermitted,
    OutsideWindow,
    Refused,
)

from . import selectors
from .access import may_propose_rule_change
from .models import (
    RuleChange,
    RuleChangeBallot,
    RuleChangeChoice,
    RuleChangeElector,
    RuleChangeStatus,
    RulesVersion,
)

logger = logging.getLogger(__name__)

FOUNDED = "rules.founded"
# No rulebook asks for more notice than a year (the catalogue's bound), so a vote further off
# than this is a typing error, not a plan.
FARTHEST_VOTE = datetime.timedelta(days=5 * 365)
# As the proposal form and the API take them.
TITLE_LENGTH, REASON_LENGTH, TEXT_LENGTH = 200, 10_000, 200_000
ADOPTED = "rules.adopted"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def rulebook_check(text: str) -> library.Rulebook:
    """Parse a rulebook, or refuse with the clause it fails and why."""
    try:
        return library.parse_rulebook(text)
    except library.RulebookError as error:
        raise InvalidRules(
            _("The rulebook cannot be loaded: %(error)s") % {"error": error}
        ) from error


def standing_orders_check(text: str, rulebook_text: str) -> library.StandingOrders:
    """Parse a body's standing orders against the rulebook, or refuse with the clause."""
    try:
        return library.parse_standing_orders(text, selectors.parsed_rulebook(rulebook_text))
    except library.RulebookError as error:
        raise InvalidRules(
            _("The standing orders cannot be loaded: %(error)s") % {"error": error}
        ) from error


def _version_store(
    *,
    actor: Any | None,
    body: Body,
    text: str,
    parameters: dict[str, Any],
    effective_on: datetime.date,
    source: str,
    change: RuleChange | None,
) -> RulesVersion:
    latest = selectors.latest_version(body)
    version = RulesVersion.objects.create(
        body=body,
        number=(latest.number + 1) if latest else 1,
        text=text,
        parameters=parameters,
        effective_on=effective_on,
        adopted_at=timezone.now(),
        source=source,
        change=change,
    )
    record_append(
        actor=actor,
        action=ADOPTED if change else FOUNDED,
        subject=f"rules:{body.slug}",
        body=body,
        payload=version_payload(version),
    )
    return version


def version_payload(version: RulesVersion) -> dict[str, Any]:
    """What the record seals of a version: enough to tell whether the row was edited since."""
    return {
        "version": version.number,
        "rulebook": version.body.parent_id is None,
        "text_sha256": text_sha256(version.text),
        "parameters": version.parameters,
        "effective_on": version.effective_on.isoformat(),
        "source": version.source,
        **({"rule_change": version.change_id} if version.change_id else {}),
    }


def rulebook_found(
    *,
    actor: Any | None,
    body: Body,
    text: str,
    source: str,
    effective_on: datetime.date | None = None,
) -> RulesVersion:
    """Found an organisation's rulebook: its first version, once, at the top of the tree."""
    if body.parent_id is not None:
        raise InvalidInput(
            _(
                "Only the organisation's top body has a rulebook; %(body)s is part of "
                "%(parent)s and may have standing orders, changed by its members' vote."
            )
            % {"body": body, "parent": body.parent}
        )
    parsed = rulebook_check(text)
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=body.pk)
        if RulesVersion.objects.filter(body=body).exists():
            raise AlreadyDone(
                _(
                    "%(body)s already has its rulebook: it now changes only by a rule change "
                    "carried by conference."
                )
                % {"body": body}
            )
        return _version_store(
            actor=actor,
            body=body,
            text=text,
            parameters=parsed.json_parameters(),
            effective_on=effective_on or timezone.localdate(),
            source=source,
            change=None,
        )


def organisation_found(
    *,
    actor: Any | None,
    name: str,
    kind: str,
    text: str,
    source: str,
    slug: str | None = None,
    effective_on: datetime.date | None = None,
) -> Body:
    """A new organisation: its top body and its founding rulebook, together or not at all."""
    rulebook_check(text)
    with transaction.atomic():
        body = body_create(actor=actor, name=name, kind=kind, slug=slug)
        rulebook_found(actor=actor, body=body, text=text, source=source, effective_on=effective_on)
    return body


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
        "voting_opens_at": _iso(voting_opens_at),
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
                "voting_closes_at": _iso(voting_closes_at),
                "takes_effect_on": takes_effect_on.isoformat() if takes_effect_on else None,
                "majority": rules.written(f"{prefix}.majority"),
            },
        )
    return change


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
    return _version_store(
        actor="system",
        body=change.body,
        text=text,
        parameters=parameters,
        effective_on=effective_on,
        source="rule-change",
        change=change,
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
