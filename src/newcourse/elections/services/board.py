"""A verifiable election from the opening to the count: credentials, the board, the close
and the tally by the tellers (docs/verifiable-ballots.md).

The server never sees a vote: ballots arrive encrypted and signed with a credential only the
voter holds. It checks each ballot exactly as the verifier will before putting it on the
hash-chained board, and it decrypts nothing: the tellers decrypt the sum.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import counting, crypto
from newcourse.counting._motion import decide_motion
from newcourse.crypto._codec import aggregate_json
from newcourse.organisation.models import Member

from .. import verifiable
from ..errors import AlreadyDone, InvalidBallot, NotPermitted, OutsideWindow
from ..models import (
    AuditedBallot,
    BoardEntry,
    Candidate,
    Election,
    ElectionStatus,
    Elector,
    RecallMajority,
    SeenCiphertext,
    VoterCredential,
)

logger = logging.getLogger(__name__)


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def question_for(election: Election, labels: Sequence[str]) -> crypto.Question:
    """The one question on the ballot: one mark, for one candidate or for yes or no."""
    if election.is_recall:
        term = election.recall_of
        title = _("Recall %(name)s as %(office)s?") % {
            "name": term.member.person.full_name if term else "",
            "office": election.office.title,
        }
        return crypto.Question(title, ("Yes", "No"), 1, 1)
    return crypto.Question(election.office.title, tuple(labels), 1, 1)


def credentials_issue(
    election: Election, electors: Sequence[Elector], labels: Sequence[str], now: datetime.datetime
) -> int:
    """Fix the election for voting: one credential per elector (the code goes to the member
    once, by email or printed letter, and is then forgotten), the sorted public list, the
    manifest and the fingerprint. Called inside the transaction that opens voting."""
    from .ceremony import ceremony_result

    ceremony, qualified, key = ceremony_result(election)
    eid = election.crypto_id
    issued = [(elector, *crypto.credential_issue(eid, elector.weight)) for elector in electors]
    public = sorted((c for _e, _code, c in issued), key=lambda c: c.key.encoded)
    VoterCredential.objects.bulk_create(
        [VoterCredential(election=election, key=c.key.hex(), weight=c.weight) for c in public],
        batch_size=2000,
    )
    manifest = crypto.Manifest(
        eid,
        str(election),
        (question_for(election, labels),),
        iso(election.voting_opens_at),
        iso(election.voting_closes_at),
        int(election.crypto["tellers"]),
        int(election.crypto["threshold"]),
        verifiable.client_code_now(),
    )
    built = crypto.Election(
        manifest, key, ceremony.qualified_commitments(qualified), tuple(public), ceremony.digest()
    )
    election.crypto = {
        **election.crypto,
        "manifest": manifest.to_json(),
        "fingerprint": built.fingerprint.hex(),
        "election_key": key.hex(),
        "qualified": list(qualified),
    }
    election.save(update_fields=["crypto"])
    letters = [(e.member_id, code) for e, code, _c in issued]
    transaction.on_commit(lambda: _deliver(election.pk, letters))
    return len(issued)


def _deliver(election_pk: int, codes: list[tuple[int, str]]) -> None:
    """Send each member their code, after the opening is committed; what cannot be emailed
    (or every code, if the office asks for letters) goes into a printable letters file."""
    election = Election.objects.select_related("office__body").get(pk=election_pk)
    members = {
        m.pk: m
        for m in Member.objects.filter(pk__in=[pk for pk, _c in codes]).select_related("person")
    }
    by_letter: list[tuple[Member, str]] = []
    if election.office.credentials_by_letter:
        by_letter = [(members[pk], code) for pk, code in codes]
    else:
        mails = [
            EmailMessage(
                subject=_("Your voting credential: %(election)s") % {"election": election},
                body=render_to_string(
                    "elections/verifiable/credential_email.txt",
                    {"election": election, "member": members[pk], "code": code},
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[members[pk].person.email],
            )
            for pk, code in codes
        ]
        try:
            get_connection().send_messages(mails)
        except Exception:  # any mail failure: the codes must not be lost
            logger.exception("Credentials for election %s could not be emailed", election_pk)
            by_letter = [(members[pk], code) for pk, code in codes]
    if by_letter:
        letters_write(election, by_letter)


def letters_path(election: Election) -> Path:
    return Path(settings.NEWCOURSE_HOME) / "letters" / f"election-{election.pk}-credentials.html"


def letters_write(election: Election, letters: list[tuple[Member, str]]) -> Path:
    """A printable page per member with their code, readable by the server's user only, to
    be taken away once with `newcourse election letters`."""
    path = letters_path(election)
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render_to_string(
        "elections/verifiable/credential_letters.html",
        {"election": election, "letters": sorted(letters, key=lambda x: x[0].number)},
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(html)
    return path


def letters_take(election: Election) -> str:
    """The letters file's content, deleted from the server as it is handed over."""
    path = letters_path(election)
    if not path.exists():
        raise AlreadyDone(
            _("There are no credential letters waiting for this election (already taken?).")
        )
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text


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


def _locked_open_election(election: Election, member: Member, now: datetime.datetime) -> Elector:
    """Lock the election row (board appends are serial), check the window and the elector."""
    locked = Election.objects.select_for_update().get(pk=election.pk)
    if locked.status in {ElectionStatus.SCHEDULED, ElectionStatus.NOMINATIONS} or (
        now < locked.voting_opens_at
    ):
        raise OutsideWindow(_("Voting has not opened yet."))
    if locked.status != ElectionStatus.VOTING or now >= locked.voting_closes_at:
        raise OutsideWindow(_("Voting has closed."))
    elector = Elector.objects.select_for_update().filter(election=election, member=member).first()
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
        "aggregate": aggregate_json(aggregate),
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


def tally(election: Election, candidates: list[Candidate], labels: list[str]) -> dict[str, Any]:
    """Combine the tellers' shares into the totals and decide the result from them."""
    from .timetable import RESULT_FORMAT

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
    ballots = tuple(
        counting.Ballot(ranking=((i,),), weight=total) for i, total in enumerate(row) if total
    )
    if not ballots:
        return {
            "format": RESULT_FORMAT,
            "method": "no-ballots",
            "seats": election.seats,
            "elected": [],
            "elected_ids": [],
            "excluded": [],
            "stages": [],
            "tie_breaks": [],
            "verifiable": proof,
        }
    report = counting.count(
        counting.Election(
            candidates=tuple(labels), seats=election.seats, ballots=ballots, title=str(election)
        ),
        election.method,
        seed=election.seed or None,
    )
    result = counting.report_to_json(report)
    result["elected_ids"] = [candidates[i].pk for i in report.elected]
    result["verifiable"] = proof
    return result
