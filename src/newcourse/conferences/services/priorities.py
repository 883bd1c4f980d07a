"""The priorities ballot: when time is short, the delegates choose which topics reach the floor.

The standing orders committee opens it on the topics going forward, saying how many each
delegate may approve and how many are debated; the delegates holding a verified credential
then are its electorate, frozen. Each votes once, secretly, as in an election
(docs/secrecy.md): the paper holds the topics it approves and nothing else, and casting writes
no record entry. At the close the scheduler counts it with the counting library's approval
count (ties for the last place settled by its reproducible lot, which the report shows),
publishes the report on the open record and marks the topics chosen as priorities."""

from __future__ import annotations

import datetime
import logging
import secrets
from collections import Counter
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import counting
from newcourse.organisation.models import Member
from newcourse.record.services import record_append
from newcourse.refusals import (
    AlreadyDone,
    InvalidBallot,
    InvalidInput,
    NotEligible,
    NotPermitted,
    OutsideWindow,
)

from .. import selectors
from ..models import (
    Conference,
    PrioritiesBallot,
    PrioritiesElector,
    PrioritiesPaper,
    PrioritiesTopic,
)
from .rulings import _for_the_committee

logger = logging.getLogger(__name__)


def voting_ends(conference: Conference) -> datetime.datetime:
    """Midnight at the end of the conference's last day: the latest a ballot may close."""
    day_after = conference.closes_on + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time()))


def _topics(conference: Conference, chosen: list[str] | None) -> dict[str, str]:
    """The topics the ballot is on, by key, in the order `going_forward` lists them: all of
    them, or those `chosen`, each of which must go forward."""
    forward = selectors.going_forward(conference)
    if chosen is None:
        return forward
    if len(set(chosen)) != len(chosen):
        raise InvalidInput(_("Name each topic once."))
    unknown = [key for key in chosen if key not in forward]
    if unknown:
        raise InvalidInput(
            _(
                "Only a motion ruled admissible or an agreed composite goes on the ballot, not "
                "%(keys)s."
            )
            % {"keys": ", ".join(unknown)}
        )
    return {key: title for key, title in forward.items() if key in chosen}


def _numbers(topics: int, choices: Any, priorities: Any) -> None:
    if topics < 2:
        raise InvalidInput(_("A priorities ballot chooses among two topics or more going forward."))
    for value in (choices, priorities):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(_("Give the numbers of topics as whole numbers."))
    if not 1 <= priorities < topics:
        raise InvalidInput(
            _("From 1 to %(most)s of the %(topics)s topics reach the floor: fewer than all.")
            % {"most": topics - 1, "topics": topics}
        )
    if not 1 <= choices <= topics:
        raise InvalidInput(
            _("Each delegate approves from 1 to %(topics)s topics.") % {"topics": topics}
        )


def priorities_open(
    *,
    person: Any,
    member: Member,
    conference: Conference,
    choices: int,
    priorities: int,
    closes_at: datetime.datetime,
    topics: list[str] | None = None,
    now: datetime.datetime | None = None,
) -> PrioritiesBallot:
    """The standing orders committee opens the conference's priorities ballot, once: on the
    topics going forward (`topics`, as `selectors.going_forward` names them; all when None),
    each delegate approving up to `choices` of them, the `priorities` with most approvals
    reaching the floor. From the day after the date for delegates (when their credentials are
    issued) until the conference closes; voting closes at `closes_at`, by the end of its last
    day. The electorate is frozen now: the delegates holding a verified credential."""
    now = now or timezone.now()
    _for_the_committee(person, member, conference)
    today = timezone.localdate(now)
    if today <= conference.delegates_by:
        raise OutsideWindow(
            _(
                "The priorities ballot opens once the delegates hold their credentials, after "
                "%(day)s."
            )
            % {"day": conference.delegates_by}
        )
    if today > conference.closes_on:
        raise OutsideWindow(_("The conference has closed: its business is decided."))
    if not isinstance(closes_at, datetime.datetime) or timezone.is_naive(closes_at):
        raise InvalidInput(_("Give the time voting closes."))
    if not now < closes_at <= voting_ends(conference):
        raise InvalidInput(
            _("Voting closes after now and by the end of the conference's last day, %(day)s.")
            % {"day": conference.closes_on}
        )
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        if PrioritiesBallot.objects.filter(conference=conference).exists():
            raise AlreadyDone(_("The priorities ballot of this conference is already open."))
        on_paper = _topics(conference, topics)
        _numbers(len(on_paper), choices, priorities)
        electorate = selectors.priorities_electorate(conference, today)
        if not electorate:
            raise OutsideWindow(
                _("No delegate holds a verified credential yet: nobody could vote.")
            )
        ballot = PrioritiesBallot.objects.create(
            conference=conference,
            choices=choices,
            priorities=priorities,
            opened_by=member,
            opened_at=now,
            closes_at=closes_at,
            electorate_size=len(electorate),
        )
        PrioritiesTopic.objects.bulk_create(
            _topic(ballot, position, key, title)
            for position, (key, title) in enumerate(on_paper.items(), start=1)
        )
        PrioritiesElector.objects.bulk_create(
            PrioritiesElector(ballot=ballot, member_id=pk) for pk in electorate
        )
        record_append(
            actor=person,
            action="conference.priorities_opened",
            subject=f"conference:{conference.pk}",
            body=conference.body,
            payload={
                "ballot": ballot.pk,
                "topics": list(on_paper.values()),
                "choices": choices,
                "priorities": priorities,
                "closes_at": closes_at.isoformat(),
                "electorate": len(electorate),
                "opened_by": f"member:{member.number}",
            },
        )
    return ballot


def _topic(ballot: PrioritiesBallot, position: int, key: str, title: str) -> PrioritiesTopic:
    kind, pk = key.split(":")
    return PrioritiesTopic(
        ballot=ballot,
        position=position,
        title=title[:220],
        motion_id=int(pk) if kind == "motion" else None,
        composite_id=int(pk) if kind == "composite" else None,
    )


def priorities_vote(
    *,
    person: Any,
    member: Member,
    ballot: PrioritiesBallot,
    topics: list[int],
    now: datetime.datetime | None = None,
) -> None:
    """Cast `member`'s paper: the topics (by id) it approves, from 1 to the ballot's
    `choices`. Once, while voting is open, by a delegate on the frozen electorate, in their own
    name. Secret as an election's: the paper holds the topics only, in ascending order, and
    nothing records when it was cast."""
    now = now or timezone.now()
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("A delegate votes in their own name."))
    if not isinstance(topics, list) or not all(
        isinstance(pk, int) and not isinstance(pk, bool) for pk in topics
    ):
        raise InvalidBallot(_("Approve the topics by their ids."))
    approved = sorted(set(topics))
    if not approved:
        raise InvalidBallot(_("Approve at least one topic."))
    with transaction.atomic():
        locked = PrioritiesBallot.objects.select_for_update().get(pk=ballot.pk)
        if locked.state != PrioritiesBallot.State.OPEN or now >= locked.closes_at:
            raise OutsideWindow(_("The priorities ballot has closed."))
        if len(approved) > locked.choices:
            raise InvalidBallot(
                _("Approve at most %(choices)s topics.") % {"choices": locked.choices}
            )
        known = set(locked.topics.filter(pk__in=approved).values_list("pk", flat=True))
        if known != set(approved):
            raise InvalidBallot(_("Approve only topics on this ballot."))
        elector = (
            PrioritiesElector.objects.select_for_update()
            .filter(ballot=locked, member=member)
            .first()
        )
        if elector is None:
            raise NotEligible(
                _(
                    "You are not on the electorate of this ballot: the delegates holding a "
                    "verified credential when it opened."
                )
            )
        if elector.has_voted:
            raise AlreadyDone(_("You have already voted in the priorities ballot."))
        for _attempt in range(3):
            try:
                with transaction.atomic():
                    PrioritiesPaper.objects.create(ballot=locked, topics=approved)
                break
            except IntegrityError:
                continue  # a random key collision, vanishingly rare: draw again
        elector.has_voted = True
        elector.save(update_fields=["has_voted"])


def _box_shuffle(ballot: PrioritiesBallot) -> list[list[int]]:
    """Rewrite the closed box in random order under fresh ids, and touch every elector row:
    afterwards neither the rows' order nor PostgreSQL's transaction ids match papers to
    voters (docs/secrecy.md, "Order and transaction ids")."""
    papers = list(ballot.papers.values_list("topics", flat=True))
    secrets.SystemRandom().shuffle(papers)
    ballot.papers.all().delete()
    PrioritiesPaper.objects.bulk_create(
        [PrioritiesPaper(ballot=ballot, topics=topics) for topics in papers], batch_size=2000
    )
    PrioritiesElector.objects.filter(ballot=ballot).update(has_voted=F("has_voted"))
    return papers


def priorities_counted(ballot: PrioritiesBallot, papers: list[list[int]]) -> dict[str, Any]:
    """The papers counted by the counting library's approval count: each approved topic gets
    one vote from the paper, the ballot's `priorities` topics with most votes are chosen, a tie
    for the last place settled by lot from a seed derived from the papers. The result holds the
    library's report (`newcourse-count/1`) and the topics chosen, by id; with no paper cast,
    no report and nothing chosen."""
    topics = list(ballot.topics.order_by("position"))
    result: dict[str, Any] = {
        "papers": len(papers),
        "electorate": ballot.electorate_size,
        "count": None,
        "chosen": [],
    }
    if not papers:
        return result
    index = {topic.pk: i for i, topic in enumerate(topics)}
    patterns = Counter(tuple(index[pk] for pk in paper) for paper in papers)
    election = counting.Election(
        candidates=tuple(topic.title for topic in topics),
        seats=ballot.priorities,
        ballots=tuple(
            counting.Ballot(ranking=(pattern,), weight=weight)
            for pattern, weight in sorted(patterns.items())
        ),
        title=str(ballot),
    )
    report = counting.count(election, "approval")
    result["count"] = counting.report_to_json(report)
    result["approvals"] = {
        str(topic.pk): report.stages[0].votes[i] or 0 for i, topic in enumerate(topics)
    }
    result["chosen"] = [topics[i].pk for i in report.elected]
    return result


def priorities_count(*, ballot: PrioritiesBallot, now: datetime.datetime | None = None) -> bool:
    """Count a ballot whose voting has closed, once (a claimed step: a process that got there
    first leaves nothing to do); the scheduler's step. The box is shuffled, counted, the topics
    chosen marked as priorities, and the report published on the open record. Returns whether
    this call counted it."""
    now = now or timezone.now()
    with transaction.atomic():
        if not PrioritiesBallot.objects.filter(
            pk=ballot.pk, state=PrioritiesBallot.State.OPEN, closes_at__lte=now
        ).update(state=PrioritiesBallot.State.COUNTED, counted_at=now):
            return False
        ballot = PrioritiesBallot.objects.select_related("conference__body").get(pk=ballot.pk)
        result = priorities_counted(ballot, _box_shuffle(ballot))
        ballot.result = result
        ballot.save(update_fields=["result"])
        approvals = result.get("approvals", {})
        for topic in ballot.topics.all():
            topic.approvals = approvals.get(str(topic.pk), 0)
            topic.priority = topic.pk in result["chosen"]
            topic.save(update_fields=["approvals", "priority"])
        report = result["count"]
        record_append(
            actor="system",
            action="conference.priorities_counted",
            subject=f"conference:{ballot.conference_id}",
            body=ballot.conference.body,
            payload={
                "ballot": ballot.pk,
                "papers": result["papers"],
                "electorate": result["electorate"],
                "priorities": report["elected"] if report else [],
                "votes": report["stages"][0]["votes"] if report else {},
                "tie_breaks": report["tie_breaks"] if report else [],
                "seed": report["seed"] if report else None,
                "method": "approval",
            },
        )
    _vacuum_priorities_tables()
    return True


def _vacuum_priorities_tables() -> None:
    """Drop what still carries the casting order: PostgreSQL's dead row versions, SQLite's
    write-ahead log (as an election's close does)."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM conferences_prioritiespaper, conferences_prioritieselector")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def priorities_tick(*, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Count each priorities ballot whose voting has closed. Returns the failures as
    (subject, error), each logged and tried again next tick."""
    now = now or timezone.now()
    failures = []
    for ballot in selectors.priorities_due(now):
        try:
            priorities_count(ballot=ballot, now=now)
        except Exception as error:
            logger.exception("Conference %s: the priorities could not be counted", ballot.pk)
            failures.append(
                (
                    f"conference:{ballot.conference_id}",
                    f"priorities: {type(error).__name__}: {error}",
                )
            )
    return failures
