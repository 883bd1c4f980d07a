"""The tellers of a verifiable election: who they are, and the files they hand in.

Tellers are not appointed for the occasion: they are the members holding the body's
tellers office (or its nearest parent's) when the election is scheduled. Each runs
`newcourse teller` on their own machine; the server only checks and relays their public files
(docs/crypto/tellers.md) and never sees a secret share. A file is checked before it is kept, so
a file that is not the teller's, out of order, or malformed is refused and nothing is stored.
"""

from __future__ import annotations

import secrets
from collections import Counter
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from newcourse import crypto
from newcourse.offices.models import VERIFIABLE_METHODS, Office, OfficeKind, Term
from newcourse.organisation.models import Body, Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, NotPermitted, OutsideWindow

from .. import selectors as verifiable
from ..errors import InvalidTellerFile
from ..models import Teller, TellerMessage, TellerStep, VerifiableElection, VerificationStatus

TELLER_FORMAT = "newcourse-teller/1"
# With three tellers any two decrypt and no one alone can.
MINIMUM_TELLERS = 3
# The field of each file that names the teller who wrote it.
INDEX_FIELD = {
    TellerStep.PUBLIC_KEY: "index",
    TellerStep.COMMITMENT: "dealer",
    TellerStep.DEAL: "dealer",
    TellerStep.COMPLAINTS: "recipient",
    TellerStep.DECRYPTION_SHARE: "teller",
}
# Each step of the key ceremony needs every teller's file of the step before.
NEEDS = {
    TellerStep.COMMITMENT: TellerStep.PUBLIC_KEY,
    TellerStep.DEAL: TellerStep.COMMITMENT,
    TellerStep.COMPLAINTS: TellerStep.DEAL,
}


def threshold_for(tellers: int) -> int:
    """A majority of the tellers: 3 of 5, 2 of 3, 4 of 7."""
    return tellers // 2 + 1


def tellers_office(body: Body) -> Office | None:
    """The tellers office that counts `body`'s verifiable elections: its own, or its nearest
    parent's, the nearest that has at least MINIMUM_TELLERS tellers elected. A tellers office
    still vacant (a branch's new one, say) is passed over, never found in place of elected
    tellers above it; with none filled, the nearest is returned and the election goes ahead
    as a secret ballot, saying why (`tellers_fix`)."""
    lineage = [body, *reversed(body.ancestors())]
    offices = {
        o.body_id: o for o in Office.objects.filter(body__in=lineage, kind=OfficeKind.TELLERS)
    }
    seated = Counter(
        office_id
        for office_id, _member in Term.objects.current()
        .filter(office__in=offices.values())
        .values_list("office_id", "member_id")
        .distinct()
    )
    found = [offices[candidate.pk] for candidate in lineage if candidate.pk in offices]
    for office in found:
        if seated[office.pk] >= MINIMUM_TELLERS:
            return office
    return found[0] if found else None


def tellers_fix(election: Any) -> str | None:
    """Fix a verifiable election's tellers and its record id, inside the scheduling
    transaction. Returns why the election cannot be verifiable ("" if it is), or None when
    it was not asked to be."""
    office = election.office
    if not office.verifiable:
        return None
    if not election.is_recall and election.method not in VERIFIABLE_METHODS:
        return _("only plurality and approval elections and recall votes can be verifiable")
    tellers = tellers_office(office.body)
    holders = (
        list(
            Term.objects.current()
            .filter(office=tellers)
            .order_by("began_on", "member__number")
            .values_list("member_id", flat=True)
        )
        if tellers
        else []
    )
    if len(set(holders)) < MINIMUM_TELLERS:
        return _(
            "%(body)s has %(n)s elected tellers; a verifiable election needs at least %(min)s, "
            "so that no single teller can decrypt"
        ) % {"body": office.body, "n": len(set(holders)), "min": MINIMUM_TELLERS}
    Teller.objects.bulk_create(
        [
            Teller(election=election, index=i, member_id=member_id)
            for i, member_id in enumerate(dict.fromkeys(holders), 1)
        ]
    )
    count = len(dict.fromkeys(holders))
    election.verifiable = True
    election.save(update_fields=["verifiable"])
    election.verification = VerifiableElection.objects.create(
        election=election,
        record_id=f"newcourse-{election.pk}-{secrets.token_hex(4)}",
        tellers=count,
        threshold=threshold_for(count),
    )
    return ""


def tellers_replace_absent(election: Any) -> list[dict[str, Any]]:
    """During the key ceremony, give the place of a teller who no longer holds the tellers
    office and has handed in no file to a member who now holds it (elected in their place)
    and is not yet a teller: the replacement joins at the same index, and the others' work
    is kept. That is sound because nothing depends on a teller who never took part: no teller
    can commit before every public key is in. A teller who handed in any file cannot be
    replaced (their key is bound into the others' files); if they stall the ceremony, the
    election goes ahead as a secret ballot when voting is due to close, as for any unfinished
    ceremony. Each replacement is recorded; returns them."""
    with transaction.atomic():
        verification = VerifiableElection.objects.select_for_update().filter(pk=election.pk).first()
        if verification is None or verification.status != VerificationStatus.CEREMONY:
            return []
        office = tellers_office(election.office.body)
        holders = list(
            dict.fromkeys(
                Term.objects.current()
                .filter(office=office)
                .order_by("began_on", "member__number")
                .values_list("member_id", flat=True)
            )
        )
        tellers = list(Teller.objects.filter(election=election).order_by("index"))
        took_part = set(
            TellerMessage.objects.filter(teller__election=election).values_list(
                "teller_id", flat=True
            )
        )
        serving = {t.member_id for t in tellers}
        free = [member_id for member_id in holders if member_id not in serving]
        replaced = []
        for teller in tellers:
            if not free:
                break
            if teller.member_id in holders or teller.pk in took_part:
                continue
            before, teller.member_id = teller.member_id, free.pop(0)
            teller.save(update_fields=["member"])
            change = {"index": teller.index, "replaced": before, "by": teller.member_id}
            names = dict(
                Member.objects.filter(pk__in=[before, teller.member_id]).values_list("pk", "number")
            )
            record_append(
                actor="system",
                action="election.teller_replaced",
                subject=f"election:{election.pk}",
                body=election.office.body,
                payload={
                    "index": teller.index,
                    "replaced": f"member:{names[before]}",
                    "by": f"member:{names[teller.member_id]}",
                },
            )
            replaced.append(change)
    return replaced


def teller_submit(*, election: Any, member: Member, document: Any) -> TellerMessage:
    """Take one of a teller's public files, after checking that it is this teller's, for
    this election, in its turn, and sound. Refusals say which; nothing is kept then."""
    teller = Teller.objects.filter(election=election, member=member).first()
    if teller is None:
        raise NotPermitted(_("You are not one of this election's tellers."))
    kind = _kind_of(election, document)
    index = document.get(INDEX_FIELD[kind])
    if not isinstance(index, int) or isinstance(index, bool) or index != teller.index:
        raise InvalidTellerFile(
            _("This file was made by teller %(other)s; you are teller %(index)s.")
            % {"other": document.get(INDEX_FIELD[kind]), "index": teller.index}
        )
    with transaction.atomic():
        # Files are taken one at a time per election, and never once the step is over.
        verification = VerifiableElection.objects.select_for_update().get(pk=election.pk)
        election.verification = verification  # what is checked below is the locked row
        _check_turn(election, verification, kind)
        if TellerMessage.objects.filter(teller=teller, kind=kind).exists():
            raise AlreadyDone(
                _("You have already handed in your %(step)s file.")
                % {"step": TellerStep(kind).label}
            )
        _check_content(election, teller, kind, document)
        try:
            with transaction.atomic():
                message = TellerMessage.objects.create(teller=teller, kind=kind, document=document)
        except IntegrityError as error:
            raise AlreadyDone(_("This file has already been handed in.")) from error
    return message


def _kind_of(election: Any, document: Any) -> str:
    if not isinstance(document, dict) or document.get("format") != TELLER_FORMAT:
        raise InvalidTellerFile(
            _("This is not a teller's file: give the .json file `newcourse teller` wrote.")
        )
    kind = document.get("kind")
    if kind not in TellerStep.values:
        raise InvalidTellerFile(
            _("This teller file (%(kind)s) is one to keep, not to hand in.") % {"kind": kind}
        )
    if document.get("election_id") != election.verification.record_id:
        raise InvalidTellerFile(
            _("This file is for election %(other)s, not this one (%(id)s).")
            % {"other": document.get("election_id"), "id": election.verification.record_id}
        )
    return str(kind)


def _check_turn(election: Any, verification: VerifiableElection, kind: str) -> None:
    if kind == TellerStep.DECRYPTION_SHARE:
        if verification.status == VerificationStatus.COUNTED:
            raise AlreadyDone(_("Enough tellers have decrypted: the count is done."))
        if verification.status == VerificationStatus.VOID:
            raise OutsideWindow(
                _(
                    "The time for decryption is over: too few tellers decrypted, and the vote "
                    "is void."
                )
            )
        if verification.status != VerificationStatus.CLOSED:
            raise OutsideWindow(_("Decryption shares are taken after voting closes."))
        return
    if verification.status != VerificationStatus.CEREMONY:
        raise OutsideWindow(_("The key ceremony is over: the election key is fixed."))
    before = NEEDS.get(TellerStep(kind))
    if before is not None:
        have = verifiable.step_counts(election)[before]
        if have < election.verification.tellers:
            raise OutsideWindow(
                _(
                    "Not yet: this step needs every teller's %(step)s file, and %(have)s of "
                    "%(tellers)s are in."
                )
                % {
                    "step": TellerStep(before).label,
                    "have": have,
                    "tellers": election.verification.tellers,
                }
            )


def _check_content(election: Any, teller: Teller, kind: str, document: Any) -> None:
    eid = election.verification.record_id
    tellers, threshold = election.verification.tellers, election.verification.threshold
    try:
        if kind == TellerStep.PUBLIC_KEY:
            key = crypto.teller_key_decode(document)
            if document.get("tellers") not in (None, tellers) or document.get("threshold") not in (
                None,
                threshold,
            ):
                raise InvalidTellerFile(
                    _(
                        "This key was made for %(n)s tellers and threshold %(t)s; run keygen with "
                        "--tellers %(tellers)s --threshold %(threshold)s."
                    )
                    % {
                        "n": document.get("tellers"),
                        "t": document.get("threshold"),
                        "tellers": tellers,
                        "threshold": threshold,
                    }
                )
            if not crypto.verify_teller_key(eid, tellers, threshold, key):
                raise InvalidTellerFile(_("The key's proof of knowledge does not verify."))
        elif kind == TellerStep.COMMITMENT:
            crypto.decode_digest(document["commitment"], "commitment")
        elif kind == TellerStep.DEAL:
            deal = crypto.deal_decode(document)
            committed = next(
                m["commitment"]
                for m in verifiable.messages_of(election, TellerStep.COMMITMENT)
                if m["dealer"] == teller.index
            )
            if crypto.dkg_commitment(eid, teller.index, deal.coefficients).hex() != committed:
                raise InvalidTellerFile(
                    _("This deal reveals other coefficients than the teller committed to.")
                )
            if len(deal.coefficients) != threshold or sorted(
                share.recipient for share in deal.shares
            ) != list(range(1, tellers + 1)):
                raise InvalidTellerFile(
                    _("This deal must have %(t)s coefficients and one share for each teller.")
                    % {"t": threshold}
                )
            if deal.dealer != teller.index or not crypto.verify_deal_proof(
                eid, tellers, threshold, deal
            ):
                raise InvalidTellerFile(_("The deal's proof of knowledge does not verify."))
        elif kind == TellerStep.COMPLAINTS:
            dealers = set()
            for raw in document["complaints"]:
                complaint = crypto.complaint_decode(raw)
                if complaint.recipient != teller.index:
                    raise InvalidTellerFile(_("A complaint names another teller as its author."))
                if not 1 <= complaint.dealer <= tellers or complaint.dealer in dealers:
                    raise InvalidTellerFile(_("A complaint names no dealer, or one twice."))
                dealers.add(complaint.dealer)
        else:
            share = crypto.share_from_message(document, eid)
            built = verifiable.crypto_election(election)
            keys = verifiable.teller_keys(election)
            if teller.index not in keys:
                raise InvalidTellerFile(_("This teller was disqualified in the key ceremony."))
            crypto.verify_decryption_share(
                built, keys[teller.index], verifiable.aggregate_of(election), share
            )
    except InvalidTellerFile:
        raise
    except (crypto.CryptoError, KeyError, TypeError, ValueError, StopIteration) as error:
        raise InvalidTellerFile(
            _("This file was refused: %(reason)s") % {"reason": _reason(error)}
        ) from None


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return _("the field %(field)s is missing") % {"field": error.args[0]}
    return str(error) or error.__class__.__name__


def ceremony_result(election: Any) -> tuple[crypto.KeyCeremony, tuple[int, ...], crypto.Point]:
    """The finished ceremony, its qualified tellers and the election key; raises
    InvalidTellerFile if fewer than the threshold qualified."""
    ceremony = verifiable.ceremony_of(election)
    try:
        qualified, key, _keys = ceremony.verify()
    except crypto.CryptoError as error:
        raise InvalidTellerFile(
            _("The key ceremony failed: %(reason)s") % {"reason": str(error)}
        ) from None
    return ceremony, qualified, key


def bundle(election: Any, kind: str) -> dict[str, Any]:
    """Every teller's file of one step, as one download for the next step."""
    before = {v: k for k, v in NEEDS.items()}
    if kind not in TellerStep.values or kind == TellerStep.DECRYPTION_SHARE:
        raise OutsideWindow(_("There is no such step."))
    documents = verifiable.messages_of(election, kind)
    if len(documents) < election.verification.tellers and kind in before:
        raise OutsideWindow(
            _("%(have)s of %(tellers)s tellers have handed in this step; wait for the others.")
            % {"have": len(documents), "tellers": election.verification.tellers}
        )
    try:
        return crypto.teller_bundle(kind, election.verification.record_id, documents)
    except crypto.CryptoError as error:
        raise InvalidTellerFile(
            _("The tellers' files of this step cannot be bundled: %(reason)s")
            % {"reason": str(error)}
        ) from None
