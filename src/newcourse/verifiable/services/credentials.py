"""Voting credentials of a verifiable election, issued by the body's credential authority.

The authority (an elected officer holding an office with the power to issue credentials)
runs `newcourse credentials generate` on their own machine: it makes one code per elector,
delivers the codes to the members by letter or email from that machine, and hands the server
only the public keys, each tied to the member it was issued to (`credentials_upload`). The
server never sees a code, so it cannot vote for anyone; the authority, who knows the codes,
cannot either, because the server takes a ballot signed with a member's credential only from
that member's own session (`board.board_cast`). When voting opens the list is fixed in the
election's fingerprint (`credentials_fix`) and can no longer change.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from newcourse import crypto
from newcourse.record.services import record_append
from newcourse.refusals import InvalidInput, OutsideWindow

from .. import selectors as verifiable
from ..models import VerifiableElection, VerificationStatus, VoterCredential
from ..selectors import Election
from .ceremony import ceremony_result


def iso(moment: Any) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def question_for(election: Election, labels: Sequence[str]) -> crypto.Question:
    """The one question on the ballot: one mark for one candidate (plurality) or for yes or
    no (recall), or a mark for each candidate approved of (approval)."""
    if election.is_recall:
        term = election.recall_of
        title = _("Recall %(name)s as %(office)s?") % {
            "name": term.member.person.full_name if term else "",
            "office": election.office.title,
        }
        return crypto.Question(title, ("Yes", "No"), 1, 1)
    if election.method == "approval":
        # Approve as many as you like, at least one: each option 0 or 1.
        return crypto.Question(election.office.title, tuple(labels), 1, len(labels), 1)
    return crypto.Question(election.office.title, tuple(labels), 1, 1)


def credentials_upload(
    *,
    election: Election,
    actor: Any,
    document: Any,
    electors: Mapping[str, tuple[int, int]],
) -> dict[str, Any]:
    """Take the public credentials the credential authority generated, before voting opens:
    one per elector (`electors`: membership number → member id and weight, the electorate
    as it stands), each a valid key, none repeated, none for a member who already holds one.
    All or nothing; recorded with the count and a digest of the keys, never a code. More
    files may follow (for members who became electors since), until voting opens."""
    with transaction.atomic():
        verification = VerifiableElection.objects.select_for_update().filter(pk=election.pk).first()
        if verification is None or verification.status != VerificationStatus.CEREMONY:
            raise OutsideWindow(
                _(
                    "Credentials are taken only before voting opens in a verifiable election: "
                    "once it opens, its list is fixed."
                )
            )
        rows = _checked_upload(election, verification.record_id, document, electors)
        VoterCredential.objects.bulk_create(rows, batch_size=2000)
        total = VoterCredential.objects.filter(election=election).count()
        keys = sorted((row.key, row.weight) for row in rows)
        digest = hashlib.sha256(json.dumps(keys, separators=(",", ":")).encode()).hexdigest()
        summary = {
            "uploaded": len(rows),
            "credentials": total,
            "electorate": len(electors),
            "sha256": digest,
        }
        record_append(
            actor=actor,
            action="election.credentials_uploaded",
            subject=f"election:{election.pk}",
            body=election.office.body,
            payload=summary,
        )
    return summary


def _checked_upload(
    election: Election,
    record_id: str,
    document: Any,
    electors: Mapping[str, tuple[int, int]],
) -> list[VoterCredential]:
    if not isinstance(document, dict) or document.get("format") != crypto.PUBLIC_CREDENTIALS_FORMAT:
        raise InvalidInput(
            _(
                "This is not a public credentials file: give the public-credentials.json that "
                "`newcourse credentials generate` wrote."
            )
        )
    if document.get("election_id") != record_id:
        raise InvalidInput(
            _("These credentials are for election %(other)s, not %(this)s.")
            % {"other": document.get("election_id"), "this": record_id}
        )
    entries = document.get("credentials")
    if not isinstance(entries, list) or not entries:
        raise InvalidInput(_("The file holds no credentials."))
    existing = VoterCredential.objects.filter(election=election)
    holders = set(existing.values_list("member_id", flat=True))
    keys = set(existing.values_list("key", flat=True))
    rows = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise InvalidInput(_("Each credential must be an object: number, key, weight."))
        number = str(entry.get("number", ""))
        if number not in electors:
            raise InvalidInput(
                _("Member %(number)s is not an elector of this election.") % {"number": number}
            )
        member_id, weight = electors[number]
        if member_id in holders:
            raise InvalidInput(
                _("Member %(number)s already holds a credential of this election.")
                % {"number": number}
            )
        key = entry.get("key")
        try:
            point = crypto.Point.from_hex(key if isinstance(key, str) else "")
        except crypto.CryptoError as error:
            raise InvalidInput(
                _("The credential of member %(number)s is not a valid key: %(reason)s.")
                % {"number": number, "reason": error}
            ) from None
        if point.hex() in keys:
            raise InvalidInput(
                _("The credential of member %(number)s repeats another key.") % {"number": number}
            )
        if entry.get("weight", 1) != weight:
            raise InvalidInput(
                _("The credential of member %(number)s must have weight %(weight)s.")
                % {"number": number, "weight": weight}
            )
        holders.add(member_id)
        keys.add(point.hex())
        rows.append(
            VoterCredential(election=election, member_id=member_id, key=point.hex(), weight=weight)
        )
    return rows


def credentials_fix(
    election: Election, electors: Collection[int], options: Sequence[tuple[int, str]]
) -> dict[str, int]:
    """Fix the election for voting, inside the transaction that opens it: the credentials of
    members who are no longer electors (`electors`: member ids) are withdrawn, the rest form
    the sorted public list, fixed with the manifest (`options` are the candidates' ids and
    labels in ballot order) in the fingerprint. Returns how many credentials are listed and
    how many were withdrawn."""
    ceremony, qualified, key = ceremony_result(election)
    withdrawn, _kinds = (
        VoterCredential.objects.filter(election=election).exclude(member_id__in=electors).delete()
    )
    public = [
        crypto.Credential(crypto.Point.from_hex(k), w)
        for k, w in VoterCredential.objects.filter(election=election)
        .order_by("key")
        .values_list("key", "weight")
    ]
    eid = election.verification.record_id
    with translation.override(settings.LANGUAGE_CODE):
        manifest = crypto.Manifest(
            eid,
            str(election),
            (question_for(election, [label for _pk, label in options]),),
            iso(election.voting_opens_at),
            iso(election.voting_closes_at),
            election.verification.tellers,
            election.verification.threshold,
            verifiable.client_code_now(),
        )
    public.sort(key=lambda c: c.key.encoded)
    built = crypto.Election(
        manifest, key, ceremony.qualified_commitments(qualified), tuple(public), ceremony.digest()
    )
    verification = election.verification
    verification.manifest = manifest.to_json()
    verification.fingerprint = built.fingerprint.hex()
    verification.election_key = key.hex()
    verification.qualified = list(qualified)
    verification.options = [pk for pk, _label in options]
    verification.move(VerificationStatus.VOTING)
    verification.save()
    return {"credentials": len(public), "credentials_withdrawn": withdrawn}
