"""An election's life: scheduled, nominations, voting, closed, counted, declared.

Every step happens by the timetable fixed when the election is scheduled: `elections_tick`
(run every NEWCOURSE_TICK_SECONDS by the scheduler `newcourse serve` starts, or by
`newcourse election tick` from cron) moves each election on when its time comes, so no
officer's action is needed, or able, to open, close or declare early. This module is the only
code that moves an election from one status to the next; pages never do (they show
`selectors.status_implied`), and each step is claimed, so several processes or hosts on one
database never take the same step twice.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import counting
from newcourse.conferences.selectors import delegation_over, delegation_timetable
from newcourse.conferences.services import conferences_tick
from newcourse.counting import decide_motion
from newcourse.discipline.services import discipline_tick
from newcourse.floor.services.minutes import minutes_tick
from newcourse.notices.services import digests_send
from newcourse.offices.models import Office, Term, TermEnd, add_months
from newcourse.offices.services import term_end
from newcourse.organisation.models import MemberStatus
from newcourse.outbox import services as outbox
from newcourse.record import witnesses
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, OutsideWindow, Refused
from newcourse.rules.selectors import Rules, rules_for
from newcourse.rules.services import rule_changes_tick
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import VerificationStatus
from newcourse.verifiable.services import (
    board_close,
    ceremony_result,
    credentials_fix,
    tally,
    tally_ready,
    tellers_fix,
    tellers_replace_absent,
    verification_abandon,
    verification_lock,
    verification_void,
)

from ..eligibility import electorate_of
from ..models import (
    Candidate,
    Election,
    ElectionKind,
    ElectionStatus,
    Elector,
    PetitionStatus,
    TimetableFailure,
    TimetableStep,
)
from ..selectors import uncontested, waiting_to_open
from . import announcements
from .ballots import ballot_box_shuffle

logger = logging.getLogger(__name__)

RESULT_FORMAT = "newcourse-count/1"


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def election_schedule(
    *,
    actor: Any | None,
    office: Office,
    kind: str = ElectionKind.REGULAR,
    seats: int | None = None,
    nominations_open_at: datetime.datetime | None = None,
    nominations_close_at: datetime.datetime | None = None,
    voting_opens_at: datetime.datetime | None = None,
    voting_closes_at: datetime.datetime | None = None,
    recall_of: Term | None = None,
    rules: Rules | None = None,
) -> Election:
    """Fix an election's timetable, seats and method; shown to every voter from now on.

    Its days for nominations and voting, and everything else the rules fix for it (the terms it
    fills, the majority a recall needs), come from `rules`: by default those in force for the
    office's body today; a recall vote passes the rules its petition was opened under."""
    now = timezone.now()
    rules = rules or rules_for(office.body)
    if kind == ElectionKind.RECALL:
        voting_opens_at = voting_opens_at or now
        nominations_open_at = nominations_close_at = voting_opens_at
    else:
        nominations_open_at = nominations_open_at or now
        nominations_close_at = nominations_close_at or nominations_open_at + datetime.timedelta(
            days=rules["election.nomination_days"]
        )
        voting_opens_at = voting_opens_at or nominations_close_at
    voting_closes_at = voting_closes_at or voting_opens_at + datetime.timedelta(
        days=rules["election.voting_days"]
    )
    if not (nominations_open_at <= nominations_close_at <= voting_opens_at < voting_closes_at):
        raise OutsideWindow(
            _(
                "The timetable must run in order: nominations open, nominations close, voting "
                "opens, voting closes."
            )
        )
    with transaction.atomic():
        Office.objects.select_for_update().get(pk=office.pk)
        if kind != ElectionKind.RECALL and election_under_way(office):
            raise AlreadyDone(
                _("An election to %(office)s is already under way.") % {"office": office}
            )
        method = "recall" if kind == ElectionKind.RECALL else office.counting_method
        election = Election.objects.create(
            office=office,
            kind=kind,
            recall_of=recall_of,
            seats=1 if kind == ElectionKind.RECALL else (seats or office.seats),
            method=method,
            nominations_open_at=nominations_open_at,
            nominations_close_at=nominations_close_at,
            voting_opens_at=voting_opens_at,
            voting_closes_at=voting_closes_at,
            **rules.recorded(),
        )
        not_verifiable = tellers_fix(election)
        record_append(
            actor=actor,
            action="election.scheduled",
            subject=f"election:{election.pk}",
            body=office.body,
            payload={
                "office": office.title,
                "kind": kind,
                "seats": election.seats,
                "method": method,
                "nominations_open_at": _iso(nominations_open_at),
                "nominations_close_at": _iso(nominations_close_at),
                "voting_opens_at": _iso(voting_opens_at),
                "voting_closes_at": _iso(voting_closes_at),
                **({"recall_of": f"member:{recall_of.member.number}"} if recall_of else {}),
                **(_verifiability(election, not_verifiable)),
                **rules.recorded(),
            },
        )
    return election


def _verifiability(election: Election, not_verifiable: str | None) -> dict[str, Any]:
    if not_verifiable is None:
        return {}
    if not_verifiable:
        return {"verifiable": False, "not_verifiable_because": not_verifiable}
    return {
        "verifiable": True,
        "election_id": election.verification.record_id,
        "tellers": [
            f"member:{number}"
            for number in election.tellers.order_by("index").values_list(
                "member__number", flat=True
            )
        ],
        "threshold": election.verification.threshold,
    }


def election_under_way(office: Office) -> bool:
    """Whether an election (not a recall vote) to `office` is scheduled or not yet declared."""
    return (
        office.elections.exclude(kind=ElectionKind.RECALL)
        .exclude(status=ElectionStatus.DECLARED)
        .exists()
    )


def election_advance(*, election: Election, now: datetime.datetime | None = None) -> Election:
    """Take every step of the timetable that is due; safe to call at any time, any number, from
    any number of processes: each step is claimed (see `_step_take`), so none is taken twice.

    Only the scheduler (`elections_tick`) and the services that end a phase early by rule (a
    majority of tellers decrypting) call this: pages show `selectors.status_implied`.
    """
    now = now or timezone.now()
    while _due_step(election, now) is not None:
        step = _step_take(election.pk, now)
        if step == TimetableStep.CLOSE:
            _vacuum_ballot_tables()
        election = Election.objects.select_related("office__body").get(pk=election.pk)
        if step is None:
            break  # another process took the step; what follows is its to take
    return election


def _due_step(election: Election, now: datetime.datetime) -> TimetableStep | None:
    """The step the timetable has to take next, judged from the election as the caller has it.

    A stale copy can only name a step that another process already took; `_step_take` judges
    again from the locked row and then finds nothing to do.
    """
    status = election.status
    if status == ElectionStatus.SCHEDULED and now >= election.nominations_open_at:
        return TimetableStep.OPEN_NOMINATIONS
    if (
        status == ElectionStatus.NOMINATIONS
        and now >= election.voting_opens_at
        and not waiting_to_open(election, now)
    ):
        return TimetableStep.OPEN_VOTING
    if status == ElectionStatus.VOTING and now >= election.voting_closes_at:
        return TimetableStep.CLOSE
    if status == ElectionStatus.CLOSED and not _waiting_for_tellers(election, now):
        return TimetableStep.COUNT if election.counted_at is None else TimetableStep.DECLARE
    return None


def _step_take(pk: int, now: datetime.datetime) -> TimetableStep | None:
    """Take the election's next step, if it is still due, holding the election's row lock for
    the whole step (on SQLite, the IMMEDIATE transaction's write lock); each step's own write
    is a conditional update as well (`_claim`). Returns the step taken, or None when another
    process took it first.

    Every lock on an election row is FOR NO KEY UPDATE: it still excludes ballots in flight
    (they hold FOR SHARE) and other steps, but not the FOR KEY SHARE that PostgreSQL takes for
    a row pointing at the election (a board entry being appended), which would otherwise wait
    for the close while the close waits for the verifiable row the cast holds."""
    try:
        with transaction.atomic():
            locked = (
                Election.objects.select_for_update(of=("self",), no_key=True)
                .select_related("office__body")
                .get(pk=pk)
            )
            step = _due_step(locked, now)
            if step == TimetableStep.OPEN_NOMINATIONS:
                _open_nominations_or_voting(locked, now)
            elif step == TimetableStep.OPEN_VOTING:
                _open_voting(locked, now)
            elif step == TimetableStep.CLOSE:
                election_close(actor="system", election=locked, now=now)
            elif step == TimetableStep.COUNT:
                election_count(actor="system", election=locked, now=now)
            elif step == TimetableStep.DECLARE:
                election_declare(actor="system", election=locked)
    except StepTaken:
        return None
    return step


class StepTaken(AlreadyDone):
    """Another process claimed this step first: nothing was done here."""


def _claim(election: Election, *, expected: dict[str, Any], **changes: Any) -> None:
    """Claim a step as Healthchecks' `sendalerts` does: write its change only where the row is
    still as `expected`; 0 rows updated means another process got there first, and the caller's
    transaction rolls back."""
    if not Election.objects.filter(pk=election.pk, **expected).update(**changes):
        raise StepTaken(_("Another process took this step of the timetable first."))
    for name, value in changes.items():
        setattr(election, name, value)


def _waiting_for_tellers(election: Election, now: datetime.datetime | None = None) -> bool:
    """A closed verifiable election is counted once enough tellers have decrypted, or, if
    they have not within the rules' days for decryption after the close, declared void (see
    `_void_result`)."""
    now = now or timezone.now()
    return (
        election.encrypted
        and election.counted_at is None
        and not tally_ready(election)
        and now < tellers_deadline(election)
    )


def tellers_deadline(election: Election) -> datetime.datetime:
    return election.voting_closes_at + election.rules().days("tellers.decryption_days")


def _open_nominations_or_voting(election: Election, now: datetime.datetime) -> None:
    _claim(
        election, expected={"status": ElectionStatus.SCHEDULED}, status=ElectionStatus.NOMINATIONS
    )
    if election.is_recall:
        return  # a recall vote has no nominations: voting opens at the same moment
    record_append(
        actor="system",
        action="election.nominations_opened",
        subject=f"election:{election.pk}",
        body=election.office.body,
        payload={"closes_at": _iso(election.nominations_close_at)},
    )
    announcements.nominations_open(election)


def _open_voting(election: Election, now: datetime.datetime) -> None:
    """Freeze the electorate and the candidates, open the ballot box. The seed for any lot is
    not fixed here: the count derives it from the closed box (`counting.default_seed`)."""
    _claim(election, expected={"status": ElectionStatus.NOMINATIONS}, status=ElectionStatus.VOTING)
    if election.verifiable:
        verification_lock(election)  # no teller's file is taken while the ceremony is judged
    office = election.office
    standing = list(election.candidates.standing().select_related("member__person"))
    if uncontested(election, len(standing)):
        # Uncontested: no vote is needed; the count declares the candidates elected, and no
        # ballot is cast, so none needs verifying.
        election.status = ElectionStatus.CLOSED
        election.electorate_size = 0
        election.verifiable = False
        election.save(update_fields=["status", "electorate_size", "verifiable"])
        verification_abandon(election)
        record_append(
            actor="system",
            action="election.uncontested",
            subject=f"election:{election.pk}",
            body=office.body,
            payload={"candidates": [c.member.person.full_name for c in standing]},
        )
        return
    encrypted: dict[str, Any] = {}
    if election.verifiable:
        encrypted = _prepare_encrypted_voting(election, now)
    electors = [
        Elector(election=election, member_id=member_id)
        for member_id in electorate_of(office).values_list("pk", flat=True).iterator()
    ]
    Elector.objects.bulk_create(electors, batch_size=2000)
    if election.verifiable:
        # The ballot's options in a fixed order, kept by candidate id: the count maps the
        # decrypted totals back through this list, never through a new sort.
        candidates = sorted(standing, key=lambda c: (c.member.person.full_name, c.pk))
        listed = credentials_fix(
            election,
            {elector.member_id for elector in electors},
            [(c.pk, candidate_label(c, candidates)) for c in candidates],
        )
        encrypted.update(listed)
        encrypted["fingerprint"] = election.verification.fingerprint
    election.electorate_size = len(electors)
    election.status = ElectionStatus.VOTING
    election.save(
        update_fields=["electorate_size", "status", "voting_opens_at", "voting_closes_at"]
    )
    record_append(
        actor="system",
        action="election.voting_opened",
        subject=f"election:{election.pk}",
        body=office.body,
        payload={
            "electorate": len(electors),
            "candidates": [c.member.person.full_name for c in standing],
            "closes_at": _iso(election.voting_closes_at),
            **encrypted,
        },
    )
    announcements.voting_open(election)


def _prepare_encrypted_voting(election: Election, now: datetime.datetime) -> dict[str, Any]:
    """Before a verifiable election opens: check the tellers' ceremony, and move the voting
    window on if the ceremony finished late (voters keep the whole period). If the ceremony
    failed or never finished, the vote goes ahead as a secret ballot, and the record says so."""
    reason = ""
    if not verifiable.ceremony_complete(election):
        reason = _("the tellers did not finish the key ceremony before voting was due to close")
    elif not verifiable.credentials_count(election):
        reason = _(
            "the credential authority did not hand in the voters' credentials before voting "
            "was due to close"
        )
    else:
        try:
            ceremony_result(election)
        except Refused as error:
            reason = error.message
    length = election.voting_closes_at - election.voting_opens_at
    if reason:
        election.verifiable = False
        election.save(update_fields=["verifiable"])
        verification_abandon(election)
    if now > election.voting_opens_at:
        election.voting_opens_at = now
        election.voting_closes_at = now + length
    if reason:
        return {"verifiable": False, "not_verifiable_because": reason}
    return {"verifiable": True}


def election_close(
    *, actor: Any | None, election: Election, now: datetime.datetime | None = None
) -> Election:
    """Close the ballot box when the timetable says so, and erase what could link ballots to
    voters (row order, transaction ids)."""
    now = now or timezone.now()
    with transaction.atomic():
        election = (
            Election.objects.select_for_update(no_key=True)
            .select_related("office__body")
            .get(pk=election.pk)
        )
        if election.status in {ElectionStatus.CLOSED, ElectionStatus.DECLARED}:
            raise AlreadyDone(_("This election is already closed."))
        if election.status != ElectionStatus.VOTING:
            raise OutsideWindow(_("Voting has not opened yet, so it cannot close."))
        if now < election.voting_closes_at:
            raise OutsideWindow(
                _("Voting is open until %(time)s; the timetable cannot be cut short.")
                % {"time": timezone.localtime(election.voting_closes_at).strftime("%Y-%m-%d %H:%M")}
            )
        _claim(election, expected={"status": ElectionStatus.VOTING}, status=ElectionStatus.CLOSED)
        board: dict[str, Any] = {}
        if election.encrypted:
            # Encrypted ballots need no shuffle: the board's order is public, the votes never
            # decrypted one by one. The record anchors the board's head.
            board = board_close(election)
            cast = election.verification.counted
        else:
            cast = ballot_box_shuffle(election)
        record_append(
            actor=actor,
            action="election.closed",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload={"ballots": cast, "electorate": election.electorate_size or 0, **board},
        )
    _vacuum_ballot_tables()
    return election


def _vacuum_ballot_tables() -> None:
    """Drop what still carries the casting order: PostgreSQL's dead row versions, SQLite's
    write-ahead log."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM elections_ballot, elections_elector")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def counting_election(election: Election) -> tuple[counting.Election, list[Candidate]]:
    """The ballot box as the counting library reads it, candidates in ballot-paper order."""
    candidates = list(
        election.candidates.standing()
        .select_related("member__person")
        .order_by("member__person__full_name", "pk")
    )
    index = {str(c.pk): i for i, c in enumerate(candidates)}
    patterns: Counter[tuple[int, ...]] = Counter()
    for choices, weight in election.ballots.values_list("choices", "weight").iterator():
        patterns[tuple(index[str(choice)] for choice in choices)] += weight
    ballots = tuple(
        counting.Ballot(ranking=tuple((c,) for c in pattern), weight=weight)
        for pattern, weight in sorted(patterns.items())
    )
    names = tuple(candidate_label(c, candidates) for c in candidates)
    title = str(election)
    return (
        counting.Election(candidates=names, seats=election.seats, ballots=ballots, title=title),
        candidates,
    )


def candidate_label(candidate: Candidate, candidates: list[Candidate]) -> str:
    """A candidate's name on the ballot paper; members who share a name get their number."""
    name = candidate.member.person.full_name
    if sum(1 for c in candidates if c.member.person.full_name == name) > 1:
        return f"{name} ({candidate.member.number})"
    return name


def election_count(
    *, actor: Any | None, election: Election, now: datetime.datetime | None = None
) -> Election:
    """Count the closed ballot box with `newcourse.counting` and keep the full report (for a
    verifiable election, combine the tellers' decryption shares)."""
    now = now or timezone.now()
    with transaction.atomic():
        election = (
            Election.objects.select_for_update(no_key=True)
            .select_related("office__body")
            .get(pk=election.pk)
        )
        if election.status != ElectionStatus.CLOSED:
            raise OutsideWindow(_("Only a closed election can be counted."))
        if election.counted_at is not None:
            raise AlreadyDone(_("This election has already been counted."))
        if election.verifiable:
            verification_lock(election)  # no share is taken between this decision and the count
        short_of_tellers = election.encrypted and not tally_ready(election)
        if short_of_tellers and now < tellers_deadline(election):
            raise OutsideWindow(
                _("The count waits for %(t)s tellers' decryption shares.")
                % {"t": election.verification.threshold}
            )
        _claim(
            election,
            expected={"status": ElectionStatus.CLOSED, "counted_at__isnull": True},
            counted_at=timezone.now(),
        )
        if short_of_tellers:
            verification_void(election)
            result = _void_result(election)
        elif election.encrypted:
            result = _encrypted_result(election, tally(election))
        elif election.is_recall:
            result = _recall_result(election)
        else:
            result = _office_result(election)
        election.result = result  # counted_at was written by the claim above
        # The seed any lot used, derived from the closed box: never chosen by anyone.
        election.seed = result.get("seed") or ""
        election.save(update_fields=["result", "seed"])
        digest = hashlib.sha256(
            json.dumps(result, sort_keys=True, separators=(",", ":")).encode()
        ).hexdigest()
        record_append(
            actor=actor,
            action="election.counted",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload={
                "elected": result.get("elected", []),
                "carried": result.get("carried"),
                "result_sha256": digest,
                "seed": election.seed,
                **(
                    {"board_head": election.verification.board_head}
                    if election.encrypted
                    else {"ballots_sha256": ballots_digest(election)}
                ),
            },
        )
    return election


def result_without_count(
    election: Election,
    method: str,
    *,
    elected: list[str] | None = None,
    elected_ids: list[int] | None = None,
) -> dict[str, Any]:
    """A result no count produced (nobody voted, uncontested, void), in the count's format."""
    return {
        "format": RESULT_FORMAT,
        "method": method,
        "seats": election.seats,
        "elected": elected or [],
        "elected_ids": elected_ids or [],
        "excluded": [],
        "stages": [],
        "tie_breaks": [],
    }


def _void_result(election: Election) -> dict[str, Any]:
    """Too few tellers decrypted in time: the ballots cannot be counted by anyone, so nobody
    is elected (or recalled) and, for an office, a new election opens by itself."""
    return {
        **result_without_count(election, "void"),
        "carried": False if election.is_recall else None,
        "reason": _(
            "Fewer than %(t)s tellers decrypted within %(days)s days of the close: the "
            "encrypted ballots could not be counted."
        )
        % {
            "t": election.verification.threshold,
            "days": election.rules()["tellers.decryption_days"],
        },
    }


def _encrypted_result(election: Election, totals: tuple[tuple[int, ...], ...]) -> dict[str, Any]:
    """The decrypted totals counted by the office's method (a plurality or approval count is
    one mark per ballot: the totals are its whole input), or the recall decided on them."""
    verification = election.verification
    row = totals[0]
    proof = {
        "fingerprint": verification.fingerprint,
        "board_head": verification.board_head,
        "totals": list(row),
    }
    if election.is_recall:
        yes, no = row
        return {**_recall_decision(election, yes, no), "verifiable": proof}
    labels = list(verification.manifest["questions"][0]["options"])
    ids = [int(pk) for pk in verification.options]
    ballots = tuple(
        counting.Ballot(ranking=((i,),), weight=total) for i, total in enumerate(row) if total
    )
    if not ballots:
        return {**result_without_count(election, "no-ballots"), "verifiable": proof}
    report = counting.count(
        counting.Election(
            candidates=tuple(labels), seats=election.seats, ballots=ballots, title=str(election)
        ),
        election.method,
        board_head=verification.board_head,
    )
    result = counting.report_to_json(report)
    result["elected_ids"] = [ids[i] for i in report.elected]
    result["verifiable"] = proof
    return result


def ballots_digest(election: Election) -> str:
    """A fingerprint of the anonymised ballots, independent of their storage order."""
    lines = sorted(
        json.dumps([receipt, choices, weight], separators=(",", ":"))
        for receipt, choices, weight in election.ballots.values_list("receipt", "choices", "weight")
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _office_result(election: Election) -> dict[str, Any]:
    ballots, candidates = counting_election(election)
    if not ballots.ballots and len(candidates) > election.seats:
        # Nobody voted: nobody is elected, and the seats stay vacant for a new election.
        return result_without_count(election, "no-ballots")
    if len(candidates) <= election.seats:
        return result_without_count(
            election,
            "uncontested",
            elected=[candidate_label(c, candidates) for c in candidates],
            elected_ids=[c.pk for c in candidates],
        )
    report = counting.count(ballots, election.method)
    result = counting.report_to_json(report)
    result["elected_ids"] = [candidates[i].pk for i in report.elected]
    return result


def _recall_result(election: Election) -> dict[str, Any]:
    totals = dict.fromkeys(("yes", "no"), 0)
    for choices, weight in election.ballots.values_list("choices", "weight").iterator():
        totals[choices[0]] += weight
    return _recall_decision(election, totals["yes"], totals["no"])


def _recall_decision(election: Election, yes: int, no: int) -> dict[str, Any]:
    """The recall vote decided by the recall majority of the rules it was opened under, in
    the count's format."""
    rules = election.rules()
    majority = rules["recall.majority"]
    decision = decide_motion(yes=yes, no=no, majority=majority.share, strict=majority.strict)
    return {
        "format": RESULT_FORMAT,
        "method": "recall",
        "yes": yes,
        "no": no,
        "majority": rules.written("recall.majority"),
        "rulebook_version": rules.rulebook_version,
        "carried": decision.carried,
        "reason": decision.reason,
        "elected": [],
    }


def election_declare(*, actor: Any | None, election: Election) -> Election:
    """Declare the counted result: the elected take office, or the recalled leave it."""
    with transaction.atomic():
        election = (
            Election.objects.select_for_update(no_key=True)
            .select_related("office__body")
            .get(pk=election.pk)
        )
        if election.status == ElectionStatus.DECLARED:
            raise AlreadyDone(_("This result has already been declared."))
        if election.counted_at is None or election.result is None:
            raise OutsideWindow(_("The result cannot be declared before the count."))
        _claim(
            election,
            expected={"status": ElectionStatus.CLOSED, "counted_at__isnull": False},
            status=ElectionStatus.DECLARED,
            declared_at=timezone.now(),
        )
        record_append(
            actor=actor,
            action="election.declared",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload={
                "elected": election.result.get("elected", []),
                "carried": election.result.get("carried"),
                **_record_anchor(election),
            },
        )
        if election.is_recall:
            _apply_recall(election)
        else:
            _seat_the_elected(election)
        announcements.declared(election)
    return election


def _record_anchor(election: Election) -> dict[str, Any]:
    """For a verifiable election, the SHA-256 of its published record's index, so that the
    record cannot be replaced later without the open record showing it."""
    if not election.encrypted or election.verification.status != VerificationStatus.COUNTED:
        return {}
    index = verifiable.record_bytes(election)["index.json"]
    return {"election_record_sha256": hashlib.sha256(index).hexdigest()}


def _seat_the_elected(election: Election) -> None:
    office = election.office
    today = timezone.localdate()
    term_months = election.rules().term_months(office.kind)
    ids = election.result.get("elected_ids", []) if election.result else []
    members = {
        c.pk: c.member for c in election.candidates.filter(pk__in=ids).select_related("member")
    }
    if election.kind == ElectionKind.BY_ELECTION:
        vacated = office.terms.filter(ended_on__isnull=False).order_by("-ended_on").first()
        due_on = (
            vacated.due_on if vacated and vacated.due_on > today else add_months(today, term_months)
        )
        began_on = today
    else:
        outgoing = office.terms.current(today).order_by("-due_on").first()
        began_on = max(today, outgoing.due_on) if outgoing else today
        due_on = add_months(began_on, term_months)
    for candidate_id in ids:
        Term.objects.create(
            office=office,
            member=members[candidate_id],
            election=election,
            began_on=began_on,
            due_on=due_on,
        )


def _apply_recall(election: Election) -> None:
    petition = election.petition
    carried = bool(election.result and election.result.get("carried"))
    petition.status = PetitionStatus.CARRIED if carried else PetitionStatus.DEFEATED
    petition.save(update_fields=["status"])
    if carried and election.recall_of is not None and election.recall_of.is_current():
        term_end(actor="system", term=election.recall_of, reason=TermEnd.RECALLED)
        # With an election to the office already under way, the tick opens the by-election
        # for the vacant seat once that one is declared.
        if not election_under_way(election.office):
            election_schedule(actor="system", office=election.office, kind="by-election", seats=1)


@dataclass
class StepFailure:
    """A step the tick could not take: what, and the error in one line."""

    subject: str  # "election:7" or "office:3"
    step: str
    error: str


@dataclass
class Tick:
    """What one run of the timetable did: the elections it looked at, and what failed."""

    touched: list[Election] = field(default_factory=list)
    failures: list[StepFailure] = field(default_factory=list)


def elections_tick(*, now: datetime.datetime | None = None) -> Tick:
    """Move every election on by its timetable, and open elections for vacant or expiring
    offices: the scheduler's one loop (`newcourse serve` runs it every NEWCOURSE_TICK_SECONDS;
    cron can run `newcourse election tick`).

    Each election's step is taken on its own: one that fails, whatever the error, is logged
    with its traceback, kept as the election's `TimetableFailure` for the operator, and tried
    again at the next tick, while the other elections still move.
    """
    now = now or timezone.now()
    tick = Tick()
    # Rule changes first: one carried now governs the elections scheduled below.
    for subject, error in rule_changes_tick(now=now):
        tick.failures.append(StepFailure(subject, "rule change", error))
    for subject, error in conferences_tick(now=now):
        tick.failures.append(StepFailure(subject, "entitlement", error))
    # The minutes last of the conferences' steps: whatever those recorded is in them.
    for subject, error in minutes_tick(now=now):
        tick.failures.append(StepFailure(subject, "minutes", error))
    # Due process before the elections: a sanction that takes effect now (a removal, an
    # expulsion) leaves a seat the offices below may fill at once.
    for subject, error in discipline_tick(now=now):
        tick.failures.append(StepFailure(subject, "due process", error))
    failing = set(TimetableFailure.objects.values_list("election_id", flat=True))
    pending = Election.objects.exclude(status=ElectionStatus.DECLARED).order_by("pk")
    for pk in list(pending.values_list("pk", flat=True)):
        _tick_election(pk, now, tick, failed_before=pk in failing)
    today = timezone.localdate(now)
    busy = (
        Election.objects.exclude(status=ElectionStatus.DECLARED)
        .exclude(kind=ElectionKind.RECALL)
        .values("office_id")
    )
    for office_pk in list(Office.objects.exclude(pk__in=busy).values_list("pk", flat=True)):
        try:
            office = Office.objects.select_related("body").get(pk=office_pk)
            if delegation_over(office, today):
                continue
            horizon = today + rules_for(office.body, today).days("election.notice_days")
            kind, seats = _election_needed(office, today, horizon)
            if kind is None:
                continue
            scheduled = election_schedule(
                actor="system",
                office=office,
                kind=kind,
                seats=seats,
                nominations_open_at=now,
                **_delegation_timetable(office, now),
            )
        except AlreadyDone:
            continue  # another process scheduled it first
        except Exception as error:
            logger.exception("No election could be scheduled for office %s", office_pk)
            tick.failures.append(StepFailure(f"office:{office_pk}", "schedule", _one_line(error)))
            continue
        _tick_election(scheduled.pk, now, tick, failed_before=False)
    _record_witnesses(now, tick)
    return tick


def _delegation_timetable(office: Office, now: datetime.datetime) -> dict[str, Any]:
    """A conference delegation is elected by the conference's deadline for delegates."""
    deadline = delegation_timetable(office, now)
    if deadline is None:
        return {}
    nominations_close_at, voting_closes_at = deadline
    return {
        "nominations_close_at": nominations_close_at,
        "voting_opens_at": nominations_close_at,
        "voting_closes_at": voting_closes_at,
    }


def _record_witnesses(now: datetime.datetime, tick: Tick) -> None:
    """The record's steps, after the elections' (so the head mailed includes their entries):
    mail the signed head to subscribers it moved for, countersign the peers that are due;
    and the mail's: members reminded that voting closes, the daily digests, and messages a dead
    mail worker left behind queued again."""
    for subject, step, run in (
        ("elections", "remind", lambda: announcements.closing_soon(now=now)),
        ("notices", "digests", lambda: digests_send(now=now)),
        ("outbox", "resume", lambda: outbox.resume(now=now)),
    ):
        try:
            run()
        except Exception as error:  # tried again at the next tick
            logger.exception("The %s step %s failed", subject, step)
            tick.failures.append(StepFailure(subject, step, _one_line(error)))
    try:
        witnesses.heads_mail(now=now)
    except Exception as error:  # the subscribers are mailed at the next tick
        logger.exception("The record's head could not be mailed")
        tick.failures.append(StepFailure("record", "mail the head", _one_line(error)))
    try:
        checks = witnesses.peers_countersign(due_only=True, now=now)
    except Exception as error:
        logger.exception("The peers' heads could not be countersigned")
        tick.failures.append(StepFailure("record", "countersign", _one_line(error)))
        return
    for check in checks:
        if check.failed:
            logger.error("Countersigning: %s", check.message)
            tick.failures.append(StepFailure(f"peer:{check.peer}", "countersign", check.message))


def _tick_election(pk: int, now: datetime.datetime, tick: Tick, *, failed_before: bool) -> None:
    try:
        election = Election.objects.select_related("office__body").get(pk=pk)
        if election.verifiable:
            # A teller who left office without taking part gives way to the one elected
            # in their place, before the ceremony is judged.
            tellers_replace_absent(election)
        tick.touched.append(election_advance(election=election, now=now))
    except Exception as error:
        logger.exception("Election %s could not take its next step", pk)
        tick.failures.append(_failure_keep(pk, now, error))
    else:
        if failed_before:
            TimetableFailure.objects.filter(election_id=pk).delete()


def _failure_keep(pk: int, now: datetime.datetime, error: Exception) -> StepFailure:
    """Keep the election's last failure for the operator; never raises (the log has it)."""
    text = _one_line(error)
    step = "unknown"
    try:
        election = Election.objects.get(pk=pk)
        step = str(_due_step(election, now) or step)
    except Exception:  # the stored election itself may be what is broken
        logger.exception("Election %s: the failed step could not be named", pk)
    try:
        with transaction.atomic():
            moment = timezone.now()
            kept, created = TimetableFailure.objects.select_for_update().get_or_create(
                election_id=pk,
                defaults={
                    "step": step,
                    "error": text,
                    "first_failed_at": moment,
                    "failed_at": moment,
                },
            )
            if not created:
                kept.step, kept.error, kept.failed_at = step, text, moment
                kept.attempts += 1
                kept.save(update_fields=["step", "error", "failed_at", "attempts"])
    except Exception:
        logger.exception("Election %s: its failure could not be kept", pk)
    return StepFailure(f"election:{pk}", step, text)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:2000] if text else type(error).__name__


def _election_needed(
    office: Office, today: datetime.date, horizon: datetime.date
) -> tuple[str | None, int]:
    """Whether an office needs an election now, and for how many seats: the seats of terms
    about to end, or vacant seats, less those already won by successors waiting to begin."""
    successors = office.terms.filter(began_on__gt=today, ended_on__isnull=True).count()
    # A seat whose holder is suspended (by due process, for a time) is held, not vacant: the
    # holder exercises nothing meanwhile, but the seat is theirs again when the suspension
    # ends, so no election fills it. An expelled, resigned or lapsed holder's seat is vacant.
    current = office.terms.filter(
        ended_on__isnull=True,
        began_on__lte=today,
        due_on__gt=today,
        member__status__in=(MemberStatus.ACTIVE, MemberStatus.SUSPENDED),
    )
    if current.filter(due_on__lte=horizon).exists():
        seats = office.seats - successors
        return (ElectionKind.REGULAR, seats) if seats > 0 else (None, 0)
    filled = current.count()
    vacant = office.seats - filled - successors
    if vacant <= 0:
        return None, 0
    # A seat left early (resigned, recalled, no longer a member) is filled for the rest of
    # its term; an office never filled, or whose terms all ran out, gets a full term.
    left_early = office.terms.filter(ended_on__isnull=False, due_on__gt=today).exists()
    kind = ElectionKind.BY_ELECTION if filled or left_early else ElectionKind.REGULAR
    return kind, vacant
