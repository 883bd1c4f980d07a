"""Casting a ballot, secretly: the voter is marked as having voted, the ballot goes in the box,
and nothing joins the two. See docs/secrecy.md for what this protects against and what not.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.organisation.models import Member
from newcourse.refusals import AlreadyDone, InvalidBallot, NotPermitted, OutsideWindow

from ..models import Ballot, Election, ElectionStatus, Elector, random_ballot_id

SINGLE_CHOICE_METHODS = {"plurality"}
RECALL_CHOICES = ("yes", "no")


def validate_choices(
    election: Election, choices: Sequence[str], standing: Sequence[str] | None = None
) -> list[str]:
    """The ballot as it will be counted, or InvalidBallot saying plainly what is wrong."""
    cleaned = [str(c).strip() for c in choices if str(c).strip()]
    if not cleaned:
        raise InvalidBallot(_("The ballot is empty: mark at least one choice."))
    if election.is_recall:
        if len(cleaned) != 1 or cleaned[0] not in RECALL_CHOICES:
            raise InvalidBallot(_("Choose yes or no."))
        return cleaned
    if len(set(cleaned)) != len(cleaned):
        raise InvalidBallot(_("Each candidate can be given only one preference."))
    if standing is None:
        standing = [str(pk) for pk in election.candidates.standing().values_list("pk", flat=True)]
    unknown = [c for c in cleaned if c not in set(standing)]
    if unknown:
        raise InvalidBallot(_("The ballot names a candidate who is not standing in this election."))
    if election.method in SINGLE_CHOICE_METHODS and len(cleaned) > 1:
        raise InvalidBallot(_("This election is by plurality: choose one candidate only."))
    return cleaned


def ballot_cast(
    *,
    election: Election,
    member: Member,
    choices: Sequence[str],
    now: datetime.datetime | None = None,
    standing: Sequence[str] | None = None,
    form_key: str = "",
) -> str:
    """Put one ballot in the box for `member` and return its receipt.

    `form_key` is the random key of the form (or the API's Idempotency-Key) that sent it: sent
    again by a voter who has voted, the same key is answered with the receipt of the ballot
    that counted, not "already voted", since the first answer may never have arrived. Only
    its hash is kept, with the ballot, until the box is shuffled at the close.

    `standing` (candidate ids) spares a query when the caller has just loaded the ballot
    paper; the candidates cannot change once voting is open. The window is read inside the
    transaction, under a lock that closing the election must wait for, so no ballot slips in
    after the close. The elector row is locked too, so two simultaneous attempts from one
    member store one ballot; the ballot and the mark are committed together, so an
    acknowledged ballot is never lost. No record entry and no log line is written here: either
    would carry a time.
    """
    now = now or timezone.now()
    if election.encrypted:
        raise InvalidBallot(
            _("This election is verifiable: ballots are encrypted on the voting page, not sent.")
        )
    key_hash = form_key_hash(form_key)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                _check_window_locked(election, now)
                cleaned = validate_choices(election, choices, standing)
                elector = (
                    Elector.objects.select_for_update()
                    .filter(election=election, member=member)
                    .first()
                )
                if elector is None:
                    raise NotPermitted(
                        _(
                            "You are not on the electorate of this election: it was fixed, "
                            "from the members in good standing of %(body)s, when voting opened."
                        )
                        % {"body": election.office.body}
                    )
                if elector.has_voted:
                    counted = _receipt_of(election, key_hash)
                    if counted is not None:
                        return counted
                    raise AlreadyDone(_("You have already voted in this election."))
                ballot = Ballot.objects.create(
                    election=election, choices=cleaned, weight=elector.weight, form_key=key_hash
                )
                elector.has_voted = True
                elector.save(update_fields=["has_voted"])
            return ballot.receipt
        except IntegrityError:
            continue  # a receipt or id collision, vanishingly rare: draw again
    raise InvalidBallot(_("The ballot could not be stored; please try again."))


FORM_KEY = re.compile(r"[A-Za-z0-9_-]{16,128}")


def new_form_key() -> str:
    """A confirming form's random key (192 bits)."""
    return secrets.token_urlsafe(24)


def form_key_hash(form_key: str) -> str:
    """What is kept of a form's key: its SHA-256, or "" without one."""
    if not form_key:
        return ""
    if not FORM_KEY.fullmatch(form_key):
        raise InvalidBallot(
            _("The form's key is damaged: open the ballot paper again and mark your ballot.")
        )
    return hashlib.sha256(form_key.encode()).hexdigest()


def _receipt_of(election: Election, key_hash: str) -> str | None:
    if not key_hash:
        return None
    return (
        Ballot.objects.filter(election=election, form_key=key_hash)
        .values_list("receipt", flat=True)
        .first()
    )


def _check_window_locked(election: Election, now: datetime.datetime) -> None:
    """Read the election's status under a shared lock (PostgreSQL; SQLite's write
    transactions are serial already), so that `election_close`'s exclusive lock waits for
    every ballot in flight and every later ballot sees the box closed."""
    suffix = " FOR SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, voting_opens_at, voting_closes_at FROM elections_election "  # noqa: S608
            f"WHERE id = %s{suffix}",
            [election.pk],
        )
        status, opens, closes = cursor.fetchone()
    _check_window(status, _aware(opens), _aware(closes), now)


def _check_window(
    status: str, opens: datetime.datetime, closes: datetime.datetime, now: datetime.datetime
) -> None:
    if status in {ElectionStatus.SCHEDULED, ElectionStatus.NOMINATIONS} or now < opens:
        raise OutsideWindow(_("Voting has not opened yet."))
    if status != ElectionStatus.VOTING or now >= closes:
        raise OutsideWindow(_("Voting has closed."))


def _aware(value: Any) -> datetime.datetime:
    """SQLite hands back text or naive datetimes from a raw query; PostgreSQL aware ones."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def ballot_box_shuffle(election: Election) -> int:
    """Rewrite the closed box in random order under fresh ids, and touch every elector row.

    On PostgreSQL a row carries the id of the transaction that wrote it, and rows sit in the
    order they were written: both would let whoever reads the database at rest match ballots
    to voters by casting order. Rewriting every ballot and every elector row in one
    transaction gives them all the same transaction id and a random order. The forms' keys
    are not carried over: once the box is closed nobody retries a vote.
    """
    rows = list(election.ballots.values_list("choices", "weight", "receipt"))
    secrets.SystemRandom().shuffle(rows)
    election.ballots.all().delete()
    Ballot.objects.bulk_create(
        [
            Ballot(id=random_ballot_id(), election=election, choices=c, weight=w, receipt=r)
            for c, w, r in rows
        ],
        batch_size=2000,
    )
    Elector.objects.filter(election=election).update(has_voted=F("has_voted"))
    return len(rows)
