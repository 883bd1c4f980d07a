"""Every change to a tendency: proposing one, signing, withdrawing a signature, and asking for
its dissolution. Each act goes to the open record with the number of signatories, never their
names.

There is deliberately no service that lets an officer, a committee or a majority of a body
dissolve, suspend or edit a tendency or its platform: every function here acts only for the
member who calls it, on their own signature.

Dissolution: a live signatory asks for it, and it takes effect when more than half of the
live signatories have asked (a request counts only while its signature is live, so a
withdrawal takes the request with it). A tendency left with no live signatory is dissolved too.

Declaration happens by itself when the live signatures reach the threshold with the rules in
force. A declared tendency whose signatures later fall below it stays declared: it lapses only
at the close of a conference, a later step.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.organisation.models import Body, Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, Conflict, InvalidInput, NotEligible, NotPermitted
from newcourse.rules.selectors import Rules, rules_for

from .models import PLATFORM_MAX_LENGTH, Tendency, TendencySignature, TendencyStatus
from .selectors import dissolution_count, signature_count, threshold_for

NAME_MAX_LENGTH = 120
REASON_MAX_LENGTH = 500


def _check_may_sign(member: Member, body: Body) -> None:
    member = Member.objects.select_related("body").get(pk=member.pk)
    if not member.in_good_standing or not member.body.is_within(body):
        raise NotEligible(
            _("Only members in good standing of %(body)s or of a body within it may do this.")
            % {"body": body}
        )


def _subject(tendency: Tendency) -> str:
    return f"tendency:{tendency.pk}"


def tendency_propose(*, member: Member, body: Body, name: str, platform: str) -> Tendency:
    """Propose a tendency in `body`; the proposer's is its first signature and they are its
    first contact. It may be declared at once when the threshold is one signature."""
    name, platform = name.strip(), platform.strip()
    if not name:
        raise InvalidInput(_("Give the tendency a name."))
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidInput(
            _("A tendency's name is at most %(limit)d characters.") % {"limit": NAME_MAX_LENGTH}
        )
    if not platform:
        raise InvalidInput(_("Write the tendency's platform."))
    if len(platform) > PLATFORM_MAX_LENGTH:
        raise InvalidInput(
            _("A platform is at most %(limit)d characters.") % {"limit": PLATFORM_MAX_LENGTH}
        )
    with transaction.atomic():
        body = Body.objects.select_for_update().get(pk=body.pk)
        _check_may_sign(member, body)
        taken = (
            Tendency.objects.filter(body=body, name__iexact=name)
            .exclude(status=TendencyStatus.DISSOLVED)
            .exists()
        )
        if taken:
            raise Conflict(
                _(
                    "%(body)s already has a tendency named “%(name)s”: sign that one, or choose "
                    "another name."
                )
                % {"body": body, "name": name}
            )
        rules = rules_for(body)
        tendency = Tendency.objects.create(
            body=body, name=name, platform=platform, proposed_by=member
        )
        tendency.contacts.add(member)
        TendencySignature.objects.create(tendency=tendency, member=member)
        record_append(
            actor="member",
            action="tendency.proposed",
            subject=_subject(tendency),
            body=body,
            payload={"tendency": tendency.pk, "name": name, "signatories": 1},
        )
        _maybe_declare(tendency, 1, rules)
    return tendency


def _locked(tendency: Tendency) -> Tendency:
    return Tendency.objects.select_for_update().select_related("body").get(pk=tendency.pk)


def tendency_sign(*, member: Member, tendency: Tendency) -> int:
    """Add `member`'s signature; returns the number of live signatures."""
    with transaction.atomic():
        tendency = _locked(tendency)
        if tendency.status == TendencyStatus.DISSOLVED:
            raise Conflict(_("This tendency has been dissolved by its members."))
        _check_may_sign(member, tendency.body)
        try:
            with transaction.atomic():
                TendencySignature.objects.create(tendency=tendency, member=member)
        except IntegrityError as error:
            raise AlreadyDone(_("You have already signed for this tendency.")) from error
        signatures = signature_count(tendency)
        record_append(
            actor="member",
            action="tendency.signed",
            subject=_subject(tendency),
            body=tendency.body,
            payload={"tendency": tendency.pk, "signatories": signatures},
        )
        _maybe_declare(tendency, signatures, rules_for(tendency.body))
    return signatures


def tendency_withdraw_signature(*, member: Member, tendency: Tendency, reason: str = "") -> int:
    """Withdraw `member`'s own signature (and with it any request to dissolve); the signature
    stays on file as withdrawn, with its reason. Returns the live signatures left."""
    reason = reason.strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput(
            _("A reason is at most %(limit)d characters.") % {"limit": REASON_MAX_LENGTH}
        )
    with transaction.atomic():
        tendency = _locked(tendency)
        if tendency.status == TendencyStatus.DISSOLVED:
            raise Conflict(_("This tendency has been dissolved by its members."))
        withdrawn = (
            tendency.signatures.live()
            .filter(member=member)
            .update(withdrawn_at=timezone.now(), withdrawal_reason=reason)
        )
        if not withdrawn:
            raise NotPermitted(_("You have not signed for this tendency."))
        tendency.contacts.remove(member)
        signatures = signature_count(tendency)
        _keep_a_contact(tendency)
        record_append(
            actor="member",
            action="tendency.signature_withdrawn",
            subject=_subject(tendency),
            body=tendency.body,
            payload={"tendency": tendency.pk, "signatories": signatures},
        )
        _maybe_dissolve(tendency, signatures)
    return signatures


def _keep_a_contact(tendency: Tendency) -> None:
    """While it has signatories a tendency has a contact: its longest-standing signatory
    steps in when the last contact withdraws (until its members elect their contacts)."""
    if tendency.contacts.exists():
        return
    first = tendency.signatures.live().order_by("signed_at", "pk").first()
    if first is not None:
        tendency.contacts.add(first.member_id)


def tendency_dissolve(*, member: Member, tendency: Tendency) -> bool:
    """`member`, a live signatory, asks for the tendency's dissolution; returns whether it is
    now dissolved (more than half of its live signatories have asked). Only its own members
    can dissolve a tendency: anyone else is refused, whatever office they hold."""
    with transaction.atomic():
        tendency = _locked(tendency)
        if tendency.status == TendencyStatus.DISSOLVED:
            raise AlreadyDone(_("This tendency has already been dissolved by its members."))
        signature = tendency.signatures.live().filter(member=member).first()
        if signature is None:
            raise NotPermitted(
                _(
                    "Only the tendency's own signatories can dissolve it: no officer, committee "
                    "or majority of the body can."
                )
            )
        if signature.dissolution_asked_at is not None:
            raise AlreadyDone(_("You have already asked for this tendency's dissolution."))
        signature.dissolution_asked_at = timezone.now()
        signature.save(update_fields=["dissolution_asked_at"])
        signatures = signature_count(tendency)
        asked = dissolution_count(tendency)
        record_append(
            actor="member",
            action="tendency.dissolution_asked",
            subject=_subject(tendency),
            body=tendency.body,
            payload={"tendency": tendency.pk, "asked": asked, "signatories": signatures},
        )
        return _maybe_dissolve(tendency, signatures)


def _maybe_declare(tendency: Tendency, signatures: int, rules: Rules) -> None:
    if tendency.status != TendencyStatus.COLLECTING:
        return
    threshold = threshold_for(tendency.body, rules)
    if not threshold.reached_by(signatures):
        return
    tendency.status = TendencyStatus.DECLARED
    tendency.declared_at = timezone.now()
    tendency.save(update_fields=["status", "declared_at"])
    record_append(
        actor="system",
        action="tendency.declared",
        subject=_subject(tendency),
        body=tendency.body,
        payload={
            "tendency": tendency.pk,
            "name": tendency.name,
            "platform": tendency.platform,
            "signatories": signatures,
            "threshold": threshold.needed,
            "members": threshold.members,
            "share": rules.written("tendency.signatures"),
            "minimum": threshold.minimum,
            **rules.recorded(),
        },
    )


def _maybe_dissolve(tendency: Tendency, signatures: int) -> bool:
    asked = dissolution_count(tendency)
    if signatures > 0 and asked * 2 <= signatures:
        return False
    tendency.status = TendencyStatus.DISSOLVED
    tendency.dissolved_at = timezone.now()
    tendency.save(update_fields=["status", "dissolved_at"])
    record_append(
        actor="system",
        action="tendency.dissolved",
        subject=_subject(tendency),
        body=tendency.body,
        payload={"tendency": tendency.pk, "asked": asked, "signatories": signatures},
    )
    return True
