"""What every step of a case shares: the panel's acts and votes, recusals, and the record."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newcourse.notices.models import Kind
from newcourse.notices.services import Notice, notify
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import Conflict, InvalidInput, NotPermitted

from ..models import TEXT_MAX_LENGTH, Case, PanelVote, Recusal, RecusalReason, Stage
from ..selectors import hearing_body, holds_executive_office, panel_members, rules_of, sitting


def today_of(now: datetime.datetime | None) -> tuple[datetime.datetime, datetime.date]:
    now = now or timezone.now()
    return now, timezone.localdate(now)


def locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("body", "accused__body", "accused__person", "filed_by", "appeal_body")
        .get(pk=case.pk)
    )


def text(value: str, missing: str) -> str:
    """A required text of the case file (`missing` says what to write when it is empty),
    within the length a case file keeps."""
    value = value.strip()
    if not value:
        raise InvalidInput(missing)
    if len(value) > TEXT_MAX_LENGTH:
        raise InvalidInput(
            _("Each text of a case file is at most %(limit)d characters.")
            % {"limit": TEXT_MAX_LENGTH}
        )
    return value


def record(case: Case, action: str, payload: dict[str, Any], *, actor: str) -> None:
    """A step's fact on the open record: the case's number and what happened, never a name,
    the facts, the evidence, the reply, the notes or the reasons. Not even privately: the
    record's private part is open to the body's officers, and who is accused is the parties'
    and the panel's to know. The register's own entries (a suspension, an expulsion) carry
    what they carry for every member."""
    entry = record_append(
        actor=actor,
        action=action,
        subject=f"case:{case.pk}",
        body=case.body,
        payload={"case": case.pk, **payload},
    )
    if action in STEPS:
        parties_told(case, action, entry.seq)


# The steps each party is told of by email (and sees on their page), in their words.
STEPS = {
    "case.opened": gettext_lazy(
        "a charge was filed and the case opened; the accused has the time the rules give to reply"
    ),
    "case.representative_named": gettext_lazy("a friend or representative was named"),
    "case.replied": gettext_lazy("the accused replied to the charge"),
    "case.hearing_set": gettext_lazy("the panel set the date of the hearing"),
    "case.heard": gettext_lazy("the panel held the hearing"),
    "case.decided": gettext_lazy("the panel decided"),
    "case.suspended": gettext_lazy("the panel ordered an interim suspension"),
    "case.suspension_ended": gettext_lazy("the interim suspension ended"),
    "case.appealed": gettext_lazy("the decision was appealed"),
    "case.appeal_decided": gettext_lazy("the appeal was decided"),
    "case.sanction_in_effect": gettext_lazy("the sanction took effect"),
    "case.lapsed": gettext_lazy(
        "the panel did not decide in time, so the case is closed in the accused's favour"
    ),
    "case.final": gettext_lazy("the case is closed"),
}


def parties_told(case: Case, action: str, seq: int) -> None:
    """Each party (the accused, and the member who filed the charge) is told of the step, with
    a link to the case file; what was decided and why is in the file, never in the mail."""

    def compose() -> tuple[str, str, str]:
        what = {"case": case.pk, "body": case.body.name, "step": STEPS[action]}
        return (
            _("Case %(case)s, %(body)s: %(step)s") % what,
            _("In case %(case)s of %(body)s, %(step)s. The case file says what and why.") % what,
            _("You get this because you are a party to this case."),
        )

    notify(
        # One notice per step: the record entry that carries it.
        Notice(Kind.CASE, f"record:{seq}", reverse("case", args=[case.pk]), compose),
        [case.accused.person, case.filed_by.person],
    )


def recusal_reason(case: Case, member: Member, stage: str, on: datetime.date) -> str | None:
    """Why `member`, on the panel hearing the case (or its appeal), must stand aside: a party,
    a witness, of the accused's branch, or holding an office in the body's executive."""
    if member.pk in (case.accused_id, case.filed_by_id):
        return RecusalReason.PARTY
    if case.witnesses.filter(pk=member.pk).exists():
        return RecusalReason.WITNESS
    if member.body_id == case.accused.body_id:
        return RecusalReason.BRANCH
    if holds_executive_office(member, hearing_body(case, stage), on):
        return RecusalReason.EXECUTIVE
    return None


def recusals_update(case: Case, stage: str, on: datetime.date) -> None:
    """Record the recusal of every panel member who must stand aside and has not yet been
    recorded: at filing, at appeal, and before every act of the panel (a member elected to
    it since, or who has since taken an executive office, is caught then)."""
    if stage == Stage.APPEAL and case.appeal_body_id is None:
        return
    recorded = set(
        Recusal.objects.filter(case=case, stage=stage).values_list("member_id", flat=True)
    )
    for member in panel_members(hearing_body(case, stage), on):
        if member.pk in recorded:
            continue
        reason = recusal_reason(case, member, stage, on)
        if reason is None:
            continue
        Recusal.objects.create(case=case, member=member, stage=stage, reason=reason)
        record(
            case,
            "case.stood_aside",
            {"stage": stage, "reason": reason},
            actor="panel",
        )


def recusals_settle(case: Case, stage: str, on: datetime.date) -> None:
    """`recusals_update` in a transaction of its own, before a panel act: a recusal stays
    recorded even when the act it comes before is refused."""
    with transaction.atomic():
        recusals_update(locked(case), stage, on)


def check_sits(case: Case, member: Member, stage: str, on: datetime.date) -> None:
    """Refuse anyone but a member of the panel hearing the case who does not stand aside."""
    recusals_update(case, stage, on)
    if member.pk in {m.pk for m in sitting(case, stage, on)}:
        return
    if Recusal.objects.filter(case=case, member=member, stage=stage).exists():
        raise NotPermitted(
            _("%(name)s stands aside on this case and takes no part in it.")
            % {"name": member.person}
        )
    raise NotPermitted(_("Only the disputes panel hearing this case may do this."))


def panel_vote(
    case: Case,
    *,
    stage: str,
    on: str,
    votes_for: Sequence[Member],
    votes_against: Sequence[Member],
    today: datetime.date,
    suspension: Any = None,
) -> dict[str, int]:
    """Check and keep the panel's vote: only members who sit may vote, each once; at least the
    rules' quorum must vote; more must be for than against. Returns the figures."""
    recusals_update(case, stage, today)
    voters = [*votes_for, *votes_against]
    if len({m.pk for m in voters}) != len(voters):
        raise InvalidInput(_("Each panel member votes once."))
    seated = {m.pk for m in sitting(case, stage, today)}
    aside = set(Recusal.objects.filter(case=case, stage=stage).values_list("member_id", flat=True))
    for member in voters:
        if member.pk in aside:
            raise NotPermitted(
                _("%(name)s stands aside on this case and cannot vote.") % {"name": member.person}
            )
        if member.pk not in seated:
            raise NotPermitted(
                _("%(name)s does not sit on the panel hearing this case and cannot vote.")
                % {"name": member.person}
            )
    quorum: int = rules_of(case)["discipline.quorum"]
    if len(voters) < quorum:
        raise Conflict(
            _(
                "The panel is not quorate: the rules need at least %(quorum)d of its members "
                "who do not stand aside to vote, and %(voting)d voted. Nothing was decided."
            )
            % {"quorum": quorum, "voting": len(voters)}
        )
    if len(votes_for) <= len(votes_against):
        raise Conflict(
            _(
                "The proposal was not carried (%(for)d for, %(against)d against): nothing "
                "was decided."
            )
            % {"for": len(votes_for), "against": len(votes_against)}
        )
    for member, in_favour in [(m, True) for m in votes_for] + [(m, False) for m in votes_against]:
        PanelVote.objects.create(
            case=case, member=member, on=on, in_favour=in_favour, suspension=suspension
        )
    return {"for": len(votes_for), "against": len(votes_against)}
