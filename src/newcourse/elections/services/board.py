"""A verifiable election from the opening to the count: credentials, the board, the close
and the tally by the tellers (docs/verifiable-ballots.md).

The server never sees a vote: ballots arrive encrypted and signed with a credential only the
voter holds. It checks each ballot exactly as the verifier will before putting it on the
hash-chained board, and it decrypts nothing: the tellers decrypt the sum.
"""

from __future__ import annotations

import datetime
import logging
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import counting, crypto
from newcourse.counting import decide_motion
from newcourse.offices.models import RecallMajority
from newcourse.organisation.models import Member
from newcourse.refusals import AlreadyDone, NotPermitted, OutsideWindow

from .. import verifiable
from ..errors import InvalidBallot
from ..models import AuditedBallot, BoardEntry, Election, ElectionStatus, Elector, SeenCiphertext

logger = logging.getLogger(__name__)


def _checked(election: Election, document: Any, audited: bool) -> Any:
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
    election: Election, member: Member, now: datetime.datetime, *, lock: bool = True
) -> Elector:
    """Lock the election row (board appends are serial), check the window and the elector;
    `lock=False` checks without locking, to refuse early before the costly ballot check."""
    rows = Election.objects.select_for_update() if lock else Election.objects
    locked = rows.get(pk=election.pk)
    if locked.status in {ElectionStatus.SCHEDULED, ElectionStatus.NOMINATIONS} or (
        now < locked.voting_opens_at
    ):
        raise OutsideWindow(_("Voting has not opened yet."))
    if locked.status != ElectionStatus.VOTING or now >= locked.voting_closes_at:
        raise OutsideWindow(_("Voting has closed."))
    electors = Elector.objects.select_for_update() if lock else Elector.objects
    elector = electors.filter(election=election, member=member).first()
    if elector is None:
        raise NotPermitted(
            _(
                "You are not on the electorate of this election: it was fixed, from the "
                "members in good standing of %(body)s, when voting opened."
            )
            % {"body": election.office.body}
        )
    return elector


def _alphas(ballot: crypto.Ballot) -> list[str]:
    return [c.alpha.hex() for answer in ballot.answers for c in answer.choices]


def _claim_ciphertexts(election: Election, ballot: crypto.Ballot) -> None:
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
    *, election: Election, member: Member, ballot: Any, now: datetime.datetime | None = None
) -> BoardEntry:
    """Check an encrypted ballot as the verifier will, then append it to the board. A later
    ballot under the same credential supersedes the earlier one (revoting)."""
    now = now or timezone.now()
    _locked_open_election(election, member, now, lock=False)  # refuse early: a check is ~4 ms
    checked = _checked(election, ballot, audited=False)
    tracker = checked.tracker()
    credential = checked.credential.hex()
    fingerprint = bytes.fromhex(election.crypto["fingerprint"])
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
    *, election: Election, member: Member, audited: Any, now: datetime.datetime | None = None
) -> AuditedBallot:
    """Publish a ballot its voter opened instead of casting; it is never counted."""
    now = now or timezone.now()
    _locked_open_election(election, member, now, lock=False)
    opened = _checked(election, audited, audited=True)
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


def board_close(election: Election) -> dict[str, Any]:
    """At the close: sum the counted ballots (weighted) and fix the board's head, for the
    tellers to decrypt and the open record to anchor."""
    built = verifiable.crypto_election(election)
    counted = verifiable.counted_ballots(election)
    aggregate = crypto.aggregate_ballots(built, counted)
    head = verifiable.board_head(election)
    election.crypto = {
        **election.crypto,
        "aggregate": crypto.aggregate_json(aggregate),
        "board_head": head,
        "counted": len(counted),
        "board_entries": BoardEntry.objects.filter(election=election).count(),
    }
    election.save(update_fields=["crypto"])
    return {"board_head": head, "counted": len(counted)}


def tally_ready(election: Election) -> bool:
    """Whether enough tellers have handed in their decryption shares to count."""
    if not election.crypto or "aggregate" not in election.crypto:
        return False
    have = len(verifiable.messages_of(election, "decryption-share"))
    return have >= int(election.crypto["threshold"])


def tally(election: Election) -> dict[str, Any]:
    """Combine the tellers' shares into the totals and decide the result from them. Option i
    of the manifest is candidate `crypto["options"][i]`, as fixed when voting opened."""
    from .timetable import RESULT_FORMAT, result_without_count

    built = verifiable.crypto_election(election)
    totals = crypto.tally_decrypt(
        built, verifiable.aggregate_of(election), verifiable.decryption_shares(election)
    )
    election.crypto = {**election.crypto, "totals": [list(row) for row in totals]}
    election.save(update_fields=["crypto"])
    row = totals[0]
    proof = {
        "fingerprint": election.crypto["fingerprint"],
        "board_head": election.crypto["board_head"],
        "totals": list(row),
    }
    if election.is_recall:
        yes, no = row
        two_thirds = election.office.recall_majority == RecallMajority.TWO_THIRDS
        decision = decide_motion(
            yes=yes,
            no=no,
            majority=Fraction(2, 3) if two_thirds else Fraction(1, 2),
            strict=not two_thirds,
        )
        return {
            "format": RESULT_FORMAT,
            "method": "recall",
            "yes": yes,
            "no": no,
            "majority": election.office.recall_majority,
            "carried": decision.carried,
            "reason": decision.reason,
            "elected": [],
            "verifiable": proof,
        }
    labels = list(election.crypto["manifest"]["questions"][0]["options"])
    ids = [int(pk) for pk in election.crypto["options"]]
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
        seed=election.seed or None,
    )
    result = counting.report_to_json(report)
    result["elected_ids"] = [ids[i] for i in report.elected]
    result["verifiable"] = proof
    return result
