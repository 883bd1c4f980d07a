"""Motions and their amendments: brought by the sending bodies' officers once a quorate
meeting carried them, within the rules' limits; an amendment accepted as friendly."""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.documents import DocumentError, diff_documents, parse_document
from newcourse.organisation.models import Body, Member
from newcourse.record.services import record_append
from newcourse.refusals import (
    AlreadyDone,
    InvalidInput,
    InvalidRules,
    NoRulebook,
    NotEligible,
    NotPermitted,
    OutsideWindow,
)
from newcourse.rules.access import may_propose_rule_change
from newcourse.rules.models import RulesVersion
from newcourse.rules.selectors import Rules, latest_version, no_rulebook, rules_for
from newcourse.rules.services import text_checked, text_sha256

from .. import selectors
from ..models import Amendment, Conference, Motion, ProgrammeVersion

# A word is rarely longer than this: a longer text is refused before it is counted in words.
CHARACTERS_PER_WORD = 30
# A motion is carried at a meeting in the year before the call, or after it.
MEETINGS_BEFORE_THE_CALL = datetime.timedelta(days=365)


def motion_submit(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    body: Body,
    title: str,
    text: str,
    meeting_on: datetime.date,
    votes_for: int,
    votes_against: int,
    votes_abstain: int = 0,
    amends_version: int | None = None,
    amends_programme_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Motion:
    """Submit `body`'s motion to `conference`, by its officers, before the motions deadline,
    within the rules' number and length, and only once a quorate meeting of the body's members
    carried it (more for than against).

    After the motions deadline and until the emergency motions date, a motion is an
    **emergency motion**: on a matter that arose since, so carried by a meeting held after the
    motions deadline; a body brings as many emergency motions as `motions.per_body` allows
    ordinary ones, counted apart. The standing orders committee rules on it as on any.

    A **rule change** names the version of the conference body's rules it amends
    (`amends_version`): it must be the latest (a motion on a superseded text is refused), and
    `text` is that version's whole text as the motion would leave it, which must still be
    valid rules; `motions.max_words` counts the words of the lines it changes. A **programme
    amendment** does the same to the body's programme (`amends_programme_version`)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    title = " ".join(title.split())
    text = _text_normalised(text)
    if not title or len(title) > 200:
        raise InvalidInput(_("Give the motion a title of at most 200 characters."))
    if not text:
        raise InvalidInput(_("Write the motion's text."))
    _sender_checked(
        person,
        member,
        conference,
        body,
        _("Only the officers of %(body)s submit its motions, in their own name."),
    )
    emergency = today > conference.motions_by
    if today > conference.emergency_by:
        raise OutsideWindow(
            _("Motions to %(conference)s closed on %(day)s, emergency motions on %(last)s.")
            % {
                "conference": conference,
                "day": conference.motions_by.isoformat(),
                "last": conference.emergency_by.isoformat(),
            }
        )
    if emergency and meeting_on <= conference.motions_by:
        raise OutsideWindow(
            _(
                "Motions closed on %(day)s. An emergency motion is on a matter that arose since: "
                "it is carried by a meeting held after that day."
            )
            % {"day": conference.motions_by.isoformat()}
        )
    rules = _decision_checked(
        conference=conference,
        body=body,
        meeting_on=meeting_on,
        figures=(votes_for, votes_against, votes_abstain),
        today=today,
    )
    if amends_version is not None and amends_programme_version is not None:
        raise InvalidInput(_("A motion amends the rules or the programme, not both."))
    amends = _rules_amended(conference, amends_version)
    if amends is not None:
        _notice_checked(conference, amends, today)
    programme = _programme_amended(conference, amends_programme_version)
    _length_checked(rules, title, text, amends or programme)
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        submitted = Motion.objects.filter(
            conference=conference, body=body, emergency=emergency
        ).count()
        if submitted >= rules["motions.per_body"]:
            message = (
                _("%(body)s has submitted the %(n)s emergency motions the rules allow.")
                if emergency
                else _("%(body)s has submitted the %(n)s motions the rules allow.")
            )
            raise AlreadyDone(message % {"body": body, "n": rules["motions.per_body"]})
        number = (Motion.objects.filter(conference=conference).count()) + 1
        motion = Motion.objects.create(
            conference=conference,
            number=number,
            body=body,
            title=title,
            text=text,
            submitted_by=member,
            submitted_at=now,
            meeting_on=meeting_on,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            emergency=emergency,
            amends=amends,
            amends_programme=programme,
        )
        record_append(
            actor=person,
            action="conference.motion_submitted",
            subject=f"conference:{conference.pk}",
            body=body,
            payload={
                "motion": motion.pk,
                "number": number,
                "title": title,
                "emergency": emergency,
                "text_sha256": text_sha256(text),
                "submitted_by": f"member:{member.number}",
                "meeting_on": meeting_on.isoformat(),
                "for": votes_for,
                "against": votes_against,
                "abstain": votes_abstain,
                "rulebook_version": rules.rulebook_version,
                **({"amends": amends.number} if amends else {}),
                **({"amends_programme": programme.number} if programme else {}),
            },
        )
    return motion


def _rules_amended(conference: Conference, number: int | None) -> RulesVersion | None:
    """The version of the conference body's rules a rule change amends: the latest, or
    refused (None: the motion is not a rule change)."""
    if number is None:
        return None
    latest = latest_version(conference.body)
    if latest is None:
        raise no_rulebook(conference.body)
    if number != latest.number:
        raise OutsideWindow(
            _(
                "The motion amends version %(n)s of the rules of %(body)s, which version "
                "%(latest)s has replaced: amend version %(latest)s."
            )
            % {"n": number, "body": conference.body, "latest": latest.number}
        )
    return latest


def _sender_checked(
    person: Any, member: Member, conference: Conference, body: Body, not_officer: str
) -> None:
    """`body` may bring motions and amendments to `conference`, and `person` acts for it as one
    of its officers, in their own name (`not_officer` says so for motions or amendments)."""
    if body.pk not in {sender.pk for sender in selectors.senders_of(conference)}:
        raise NotPermitted(
            _("%(body)s does not send delegates to %(conference)s.")
            % {"body": body, "conference": conference}
        )
    if not may_propose_rule_change(person, body) or member.person_id != getattr(person, "pk", None):
        raise NotPermitted(not_officer % {"body": body})


def _text_normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().replace("\r\n", "\n").split("\n"))


def _decision_checked(
    *,
    conference: Conference,
    body: Body,
    meeting_on: datetime.date,
    figures: tuple[int, int, int],
    today: datetime.date,
) -> Rules:
    """The rules in force at the meeting that carried a motion or an amendment, once its
    decision passes them: held, in the year before the call, no more votes than members,
    quorate by `meeting.quorum`, more for than against. Motions and amendments share it."""
    votes_for, votes_against, votes_abstain = figures
    if any(figure < 0 for figure in (votes_for, votes_against, votes_abstain)):
        raise InvalidInput(_("A vote is counted in whole numbers from 0."))
    if meeting_on > today:
        raise InvalidInput(_("The meeting that carried the motion has to have been held."))
    if meeting_on < conference.called_at.date() - MEETINGS_BEFORE_THE_CALL:
        raise InvalidInput(
            _("The meeting has to have been held in the year before the conference was called.")
        )
    try:
        rules = rules_for(body, meeting_on)
    except NoRulebook as error:
        raise InvalidInput(_("No rules were in force on the day of that meeting.")) from error
    members = Member.objects.in_good_standing().within(body).count()
    present = votes_for + votes_against + votes_abstain
    if present > members:
        raise InvalidInput(
            _(
                "%(present)s votes were counted, but %(body)s has %(members)s members in good "
                "standing."
            )
            % {"present": present, "body": body, "members": members}
        )
    quorum = math.ceil(rules["meeting.quorum"] * members)
    if present < quorum:
        raise NotEligible(
            _(
                "The meeting was not quorate: %(present)s voted, and %(body)s needs "
                "%(quorum)s (%(share)s of its %(members)s members)."
            )
            % {
                "present": present,
                "body": body,
                "quorum": quorum,
                "share": rules.written("meeting.quorum"),
                "members": members,
            }
        )
    if votes_for <= votes_against:
        raise NotEligible(_("The meeting did not carry it: more have to vote for than against."))
    return rules


def _notice_checked(conference: Conference, amends: RulesVersion, today: datetime.date) -> None:
    """A rule change reaches the members the notice the rules in force require before the
    conference that decides it opens (`rule_change.notice_days`, or for standing orders
    `standing_orders.notice_days`), as a change the members vote on does before its vote."""
    rules = rules_for(conference.body, today)
    prefix = "rule_change" if amends.is_rulebook else "standing_orders"
    days = rules[f"{prefix}.notice_days"]
    if (conference.opens_on - today).days < days:
        raise OutsideWindow(
            _(
                "The rules require %(days)s days' notice of a change to them: %(conference)s "
                "opens on %(opens)s, too soon for a rule change submitted today."
            )
            % {"days": days, "conference": conference, "opens": conference.opens_on.isoformat()}
        )


def _programme_amended(conference: Conference, number: int | None) -> ProgrammeVersion | None:
    """The version of the conference body's programme an amendment amends: the latest, or
    refused (None: the motion does not amend the programme)."""
    if number is None:
        return None
    latest = selectors.programme_latest(conference.body)
    if latest is None:
        raise NotEligible(_("%(body)s has no programme yet to amend.") % {"body": conference.body})
    if number != latest.number:
        raise OutsideWindow(
            _(
                "The motion amends version %(n)s of the programme of %(body)s, which version "
                "%(latest)s has replaced: amend version %(latest)s."
            )
            % {"n": number, "body": conference.body, "latest": latest.number}
        )
    return latest


def _length_checked(
    rules: Rules,
    title: str,
    text: str,
    amends: RulesVersion | ProgrammeVersion | None = None,
) -> None:
    """Within the character cap and `motions.max_words`, and readable as a document; braces are
    the text's own words (`Motion.document_source`). A rule change is checked as rules, a
    programme amendment as a document, and for both only the lines it changes count."""
    if isinstance(amends, RulesVersion):
        _rule_change_checked(rules, text, amends)
        return
    if isinstance(amends, ProgrammeVersion):
        if text == _text_normalised(amends.text):
            raise InvalidInput(_("The amendment changes nothing in the programme."))
        try:
            parse_document(text)
        except DocumentError as error:
            raise InvalidInput(
                _("The programme as the motion would leave it cannot be read: %(error)s")
                % {"error": error}
            ) from error
        _changed_words_checked(rules, amends.text, text)
        return
    if len(text) > rules["motions.max_words"] * CHARACTERS_PER_WORD:
        raise InvalidInput(
            _("The motion is %(length)s characters long; at most %(most)s words are allowed.")
            % {"length": len(text), "most": rules["motions.max_words"]}
        )
    words = len(text.split())
    if words > rules["motions.max_words"]:
        raise InvalidInput(
            _("The motion has %(words)s words; the rules allow %(most)s.")
            % {"words": words, "most": rules["motions.max_words"]}
        )
    try:
        parse_document(Motion(title=title, text=text).document_source())
    except DocumentError as error:
        raise InvalidInput(_("The motion cannot be read: %(error)s") % {"error": error}) from error


def _rule_change_checked(rules: Rules, text: str, amends: RulesVersion) -> None:
    if text == _text_normalised(amends.text):
        raise InvalidInput(_("The rule change changes nothing in the rules."))
    try:
        text_checked(amends, text)
    except InvalidRules as refused:
        raise InvalidInput(
            _("The rules as the motion would leave them cannot be read: %(error)s")
            % {"error": refused.message}
        ) from refused
    _changed_words_checked(rules, amends.text, text)


def _changed_words_checked(rules: Rules, old: str, new: str) -> None:
    """A change to a standing document is as long as the lines it writes."""
    hunks = diff_documents(parse_document(old), parse_document(new))
    words = sum(len(line.split()) for hunk in hunks for line in hunk.new_lines)
    if words > rules["motions.max_words"]:
        raise InvalidInput(
            _("The change writes %(words)s words; the rules allow %(most)s.")
            % {"words": words, "most": rules["motions.max_words"]}
        )


def amendment_submit(
    *,
    person: Any,
    member: Member,
    motion: Motion,
    body: Body,
    text: str,
    meeting_on: datetime.date,
    votes_for: int,
    votes_against: int,
    votes_abstain: int = 0,
    now: datetime.datetime | None = None,
) -> Amendment:
    """Submit `body`'s amendment to `motion`: `text` is the motion's whole text as the
    amendment would leave it. By the officers of a body that may bring motions to the
    conference, other than the motion's own; by the conference's amendments deadline; once a
    quorate meeting of the body's members carried it, as for a motion; within the motions'
    length; and within `motions.per_body`, read here as the number of amendments a body may
    submit to one conference (all its motions together)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    conference = motion.conference
    text = _text_normalised(text)
    if not text:
        raise InvalidInput(_("Write the motion's text as the amendment would leave it."))
    if body.pk == motion.body_id and body.pk in {b.pk for b in selectors.senders_of(conference)}:
        raise NotPermitted(_("A body does not amend its own motion."))
    _sender_checked(
        person,
        member,
        conference,
        body,
        _("Only the officers of %(body)s submit its amendments, in their own name."),
    )
    if today > conference.amendments_by:
        raise OutsideWindow(
            _("Amendments to %(conference)s closed on %(day)s.")
            % {"conference": conference, "day": conference.amendments_by.isoformat()}
        )
    if text == motion.text:
        raise InvalidInput(_("The amendment changes nothing in the motion."))
    rules = _decision_checked(
        conference=conference,
        body=body,
        meeting_on=meeting_on,
        figures=(votes_for, votes_against, votes_abstain),
        today=today,
    )
    _length_checked(rules, motion.title, text, motion.amends or motion.amends_programme)
    # Worked out once, here: neither text changes after (`Amendment.changes`).
    changes = selectors.changes_kept(selectors.amendment_hunks(Amendment(motion=motion, text=text)))
    with transaction.atomic():
        Conference.objects.select_for_update().get(pk=conference.pk)
        submitted = Amendment.objects.filter(motion__conference=conference, body=body).count()
        if submitted >= rules["motions.per_body"]:
            raise AlreadyDone(
                _("%(body)s has submitted the %(n)s amendments the rules allow.")
                % {"body": body, "n": rules["motions.per_body"]}
            )
        number = Amendment.objects.filter(motion=motion).count() + 1
        amendment = Amendment.objects.create(
            motion=motion,
            number=number,
            body=body,
            text=text,
            submitted_by=member,
            submitted_at=now,
            meeting_on=meeting_on,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            changes=changes,
        )
        record_append(
            actor=person,
            action="conference.amendment_submitted",
            subject=f"conference:{conference.pk}",
            body=body,
            payload={
                "amendment": amendment.pk,
                "motion": motion.pk,
                "number": number,
                "text_sha256": text_sha256(text),
                "submitted_by": f"member:{member.number}",
                "meeting_on": meeting_on.isoformat(),
                "for": votes_for,
                "against": votes_against,
                "abstain": votes_abstain,
                "rulebook_version": rules.rulebook_version,
            },
        )
    return amendment


def amendment_accept_as_friendly(
    *,
    person: Any,
    member: Member,
    amendment: Amendment,
    now: datetime.datetime | None = None,
) -> Amendment:
    """The motion's body, by one of its officers in their own name, accepts the amendment as
    friendly: once (a claimed step), and on the record."""
    now = now or timezone.now()
    motion = amendment.motion
    if not may_propose_rule_change(person, motion.body) or member.person_id != getattr(
        person, "pk", None
    ):
        raise NotPermitted(
            _("Only the officers of %(body)s accept an amendment to its motion, in their own name.")
            % {"body": motion.body}
        )
    with transaction.atomic():
        if not Amendment.objects.filter(pk=amendment.pk, friendly=False).update(
            friendly=True, accepted_at=now
        ):
            raise AlreadyDone(_("The amendment is already accepted as friendly."))
        record_append(
            actor=person,
            action="conference.amendment_accepted",
            subject=f"conference:{motion.conference_id}",
            body=motion.body,
            payload={
                "amendment": amendment.pk,
                "motion": motion.pk,
                "number": amendment.number,
                "accepted_by": f"member:{member.number}",
            },
        )
    amendment.friendly, amendment.accepted_at = True, now
    return amendment
