"""A verifiable election from the opening to the count: the board, the close and the
decryption of the sum by the tellers (docs/verifiable-ballots.md).

The server never sees a vote: ballots arrive encrypted and signed with a credential only the
voter holds. It checks each ballot exactly as the verifier will before putting it on the
hash-chained board, and it decrypts nothing: the tellers decrypt the sum. Appends, audits and
the close are serialised on the election's VerifiableElection row, so nothing reaches the
board after its head is fixed.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import crypto
from newcourse.organisation.models import Member
from newcourse.refusals import AlreadyDone, InvalidBallot, NotPermitted, OutsideWindow

from .. import selectors as verifiable
from ..models import (
    AuditedBallot,
    BoardEntry,
    SeenCiphertext,
    VerifiableElection,
    VerificationStatus,
    VoterCredential,
    verification_of,
)

logger = logging.getLogger(__name__)


def _checked(election: Any, document: Any, audited: bool) -> Any:
    built = verifiable.crypto_election(election)
    try:
        if audited:
            opened = crypto.AuditedBallot.from_json(document)
            crypto.check_audited_ballot(built, opened)
            return opened
        return crypto.check_ballot(built, document)
    except (crypto.CryptoError, KeyError, TypeError, ValueError) as error:
        raise InvalidBallot(
            _("The encrypted ballot was refused: %(reason)s") % {"reason": error}
        ) from None


def _locked_open_election(
    election: Any, member: Member, now: datetime.datetime, *, lock: bool = True
) -> Any:
    """Lock the election's verifiable row (board appends and the close are serial), check the
    window and the elector; `lock=False` checks without locking, to refuse early before the
    costly ballot check. Returns the member's elector row (its id alone when not locking).
    Only the few columns the checks need are read: this runs twice for every ballot."""
    rows = (
        VerifiableElection.objects.select_for_update(of=("self",))
        if lock
        else VerifiableElection.objects
    )
    found = (
        rows.values_list("status", "election__voting_opens_at", "election__voting_closes_at")
        .filter(pk=election.pk)
        .first()
    )
    if found is None:
        raise NotPermitted(_("This election does not take encrypted ballots."))
    status, opens_at, closes_at = found
    if status == VerificationStatus.CEREMONY or now < opens_at:
        raise OutsideWindow(_("Voting has not opened yet."))
    if status != VerificationStatus.VOTING or now >= closes_at:
        raise OutsideWindow(_("Voting has closed."))
    electors = election.electors.filter(member=member)
    elector = electors.select_for_update().first() if lock else electors.values_list("pk").first()
    if elector is None:
        raise NotPermitted(
            _(
                "You are not on the electorate of this election: it was fixed, from the "
                "members in good standing of %(body)s, when voting opened."
            )
            % {"body": election.office.body}
        )
    return elector


def _own_credential(election: Any, member: Member, credential: str) -> None:
    """A ballot counts for the member whose credential signs it, so only that member may hand
    it in: someone who learnt another member's code still cannot vote in their name from
    their own session, nor mark them as having voted."""
    if not VoterCredential.objects.filter(
        election=election, member=member, key=credential
    ).exists():
        raise NotPermitted(
            _(
                "This ballot is signed with a credential that was not issued to you: use the "
                "code the credential authority sent you."
            )
        )


def _alphas(ballot: crypto.Ballot) -> list[str]:
    return [c.alpha.hex() for answer in ballot.answers for c in answer.choices]


def _claim_ciphertexts(election: Any, ballot: crypto.Ballot) -> None:
    try:
        with transaction.atomic():
            SeenCiphertext.objects.bulk_create(
                [SeenCiphertext(election=election, alpha=a) for a in _alphas(ballot)]
            )
    except IntegrityError as error:
        raise InvalidBallot(
            _("This ballot repeats a ciphertext already cast or audited: encrypt a fresh one.")
        ) from error


def board_cast(
    *, election: Any, member: Member, ballot: Any, now: datetime.datetime | None = None
) -> BoardEntry:
    """Check an encrypted ballot as the verifier will, then append it to the board. A later
    ballot under the same credential supersedes the earlier one (revoting)."""
    now = now or timezone.now()
    _locked_open_election(election, member, now, lock=False)  # refuse early: a check is ~4 ms
    checked = _checked(election, ballot, audited=False)
    tracker = checked.tracker()
    credential = checked.credential.hex()
    _own_credential(election, member, credential)
    fingerprint = bytes.fromhex(election.verification.fingerprint)
    with transaction.atomic():
        elector = _locked_open_election(election, member, now)
        if (
            BoardEntry.objects.filter(election=election, tracker=tracker.hex()).exists()
            or AuditedBallot.objects.filter(election=election, tracker=tracker.hex()).exists()
        ):
            raise AlreadyDone(_("This ballot is already on the board or was audited."))
        _claim_ciphertexts(election, checked)
        last = BoardEntry.objects.filter(election=election).order_by("-seq").first()
        seq = last.seq + 1 if last else 0
        prev = bytes.fromhex(last.hash) if last else crypto.genesis_hash(fingerprint)
        earlier = (
            BoardEntry.objects.filter(election=election, credential=credential)
            .order_by("-seq")
            .values_list("seq", flat=True)
            .first()
        )
        entry = BoardEntry.objects.create(
            election=election,
            seq=seq,
            prev=prev.hex(),
            supersedes=earlier,
            credential=credential,
            tracker=tracker.hex(),
            hash=crypto.entry_hash(fingerprint, seq, prev, earlier, tracker).hex(),
            ballot=checked.to_json(),
        )
        if not elector.has_voted:
            elector.has_voted = True
            elector.save(update_fields=["has_voted"])
    return entry


def board_audit(
    *, election: Any, member: Member, audited: Any, now: datetime.datetime | None = None
) -> AuditedBallot:
    """Publish a ballot its voter opened instead of casting; it is never counted."""
    now = now or timezone.now()
    _locked_open_election(election, member, now, lock=False)
    opened = _checked(election, audited, audited=True)
    _own_credential(election, member, opened.ballot.credential.hex())
    tracker = opened.ballot.tracker().hex()
    with transaction.atomic():
        _locked_open_election(election, member, now)
        if BoardEntry.objects.filter(election=election, tracker=tracker).exists():
            raise AlreadyDone(_("This ballot was cast: a cast ballot cannot be audited."))
        if AuditedBallot.objects.filter(election=election, tracker=tracker).exists():
            raise AlreadyDone(_("This ballot has already been audited."))
        _claim_ciphertexts(election, opened.ballot)
        return AuditedBallot.objects.create(
            election=election, tracker=tracker, document=opened.to_json()
        )


def board_close(election: Any) -> dict[str, Any]:
    """At the close, inside the transaction that closes the election: sum the counted ballots
    (weighted) and fix the board's head, for the tellers to decrypt and the open record to
    anchor."""
    verification = VerifiableElection.objects.select_for_update().get(pk=election.pk)
    built = verifiable.crypto_election(election)
    counted = verifiable.counted_ballots(election)
    aggregate = crypto.aggregate_ballots(built, counted)
    verification.aggregate = crypto.aggregate_json(aggregate)
    verification.board_head = verifiable.board_head(election)
    verification.counted = len(counted)
    verification.board_entries = BoardEntry.objects.filter(election=election).count()
    verification.move(VerificationStatus.CLOSED)
    verification.save()
    election.verification = verification
    return {"board_head": verification.board_head, "counted": len(counted)}


def tally_ready(election: Any) -> bool:
    """Whether enough tellers have handed in their decryption shares to count."""
    verification = election.verification
    if verification.status != VerificationStatus.CLOSED:
        return False
    have = len(verifiable.messages_of(election, "decryption-share"))
    return have >= verification.threshold


def tally(election: Any) -> tuple[tuple[int, ...], ...]:
    """Combine the tellers' decryption shares into the totals, one row per question (option i
    of the manifest is candidate `verification.options[i]`); the caller counts them."""
    verification = election.verification
    built = verifiable.crypto_election(election)
    totals = crypto.tally_decrypt(
        built, verifiable.aggregate_of(election), verifiable.decryption_shares(election)
    )
    verification.totals = [list(row) for row in totals]
    verification.move(VerificationStatus.COUNTED)
    verification.save(update_fields=["totals", "status"])
    return tuple(tuple(int(t) for t in row) for row in totals)


def verification_lock(election: Any) -> VerifiableElection | None:
    """Lock the election's verifiable row for a timetable step that decides on the tellers'
    files (the opening on the ceremony, the count on the decryption shares), so that no file
    is taken between the decision and its effect. The locked row becomes the election's."""
    verification = VerifiableElection.objects.select_for_update().filter(pk=election.pk).first()
    if verification is not None:
        election.verification = verification
    return verification


def verification_void(election: Any) -> None:
    """Too few tellers decrypted in time: the sum stays encrypted for good."""
    verification = election.verification
    verification.move(VerificationStatus.VOID)
    verification.save(update_fields=["status"])


def verification_abandon(election: Any) -> None:
    """The election goes ahead as a secret ballot that is not verifiable (its ceremony did
    not finish or failed, or nobody is contesting it)."""
    verification = verification_of(election)
    if verification is not None and verification.status == VerificationStatus.CEREMONY:
        verification.move(VerificationStatus.SECRET_BALLOT)
        verification.save(update_fields=["status"])
