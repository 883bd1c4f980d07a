"""Voting credentials of a verifiable election: issued when voting opens, delivered once to
each elector, then forgotten by the server.

Each elector gets a code (`ABCDE-FGHJK-LMNPQ-RSTUV`) from which their browser derives the key
that signs their ballot; the server keeps only the public keys, in a list with no link to any
member. Until a code is delivered it waits in a file readable by the server's user only
(never in the database, so never in its backups): written before the opening commits, so a
crash cannot lose it, and removed once every code is emailed or put in the letters file.
Delivery runs when the opening commits (for an electorate of up to DELIVER_AT_ONCE_UP_TO) and
at every tick of the scheduler (or `newcourse election tick`), so a large mailing never holds up
the other elections' steps, a failed delivery is retried, and an opening that rolled back leaves
nothing behind.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from newcourse import crypto
from newcourse.organisation.models import Member
from newcourse.refusals import AlreadyDone

from .. import selectors as verifiable
from ..models import VerifiableElection, VerificationStatus, VoterCredential
from ..selectors import Election
from .ceremony import ceremony_result

logger = logging.getLogger(__name__)

# Email backends that deliver nothing to the member: the console one (Django's default, which
# would print every code into the server's log) and the dummy one.
NOT_DELIVERING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
STALE_SECONDS = 600
# A small electorate's codes go out as the opening commits, in the scheduler's tick; a larger
# one's wait for the next tick, so that the mailing does not hold up the other elections' steps.
DELIVER_AT_ONCE_UP_TO = 500


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


def credentials_issue(
    election: Election, electors: Sequence[Any], options: Sequence[tuple[int, str]]
) -> int:
    """Fix the election for voting, inside the transaction that opens it: one credential per
    elector, the sorted public list, the manifest (`options` are the candidates' ids and
    labels in ballot order) and the fingerprint; the codes wait for delivery."""
    ceremony, qualified, key = ceremony_result(election)
    eid = election.verification.record_id
    issued = [(elector, *crypto.credential_issue(eid, elector.weight)) for elector in electors]
    public = sorted((c for _e, _code, c in issued), key=lambda c: c.key.encoded)
    VoterCredential.objects.bulk_create(
        [
            VoterCredential(
                election=election, member_id=e.member_id, key=c.key.hex(), weight=c.weight
            )
            for e, _code, c in issued
        ],
        batch_size=2000,
    )
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
    _write_private(
        pending_path(election),
        {
            "election": election.pk,
            "fingerprint": built.fingerprint.hex(),
            "codes": [[e.member_id, code] for e, code, _c in issued],
        },
    )
    if len(issued) <= DELIVER_AT_ONCE_UP_TO:
        pk = election.pk
        transaction.on_commit(lambda: credentials_deliver(pk))
    return len(issued)


def _folder() -> Path:
    return Path(settings.NEWCOURSE_HOME) / "credentials"


def pending_path(election: Election | int) -> Path:
    pk = election if isinstance(election, int) else election.pk
    return _folder() / f"election-{pk}-pending.json"


def letters_path(election: Election | int) -> Path:
    pk = election if isinstance(election, int) else election.pk
    return _folder() / f"election-{pk}-letters.json"


def _write_private(path: Path, data: dict[str, Any]) -> None:
    """Write JSON readable by the server's user only, replacing `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def email_delivers() -> bool:
    return settings.EMAIL_BACKEND not in NOT_DELIVERING


def credentials_deliver(election_pk: int, *, connection: BaseEmailBackend | None = None) -> None:
    """Deliver the codes waiting for one election: by email one by one, and what cannot be
    emailed (or everything, if the office asks for letters or no real email is configured)
    into the letters file. Never raises: what is not delivered waits for the next tick.

    `connection` is the mail connection to send through instead of the one the settings name
    (the demo's, which keeps the messages to play the voters)."""
    pending = pending_path(election_pk)
    claimed = pending.with_name(f"{pending.name}.{os.getpid()}.delivering")
    try:
        os.replace(pending, claimed)  # one process delivers, however many try
    except FileNotFoundError:
        return
    try:
        _deliver(election_pk, claimed, connection)
    except Exception:  # the codes stay in the claimed file; the tick puts them back
        logger.exception("Credentials of election %s not delivered yet", election_pk)
        return
    claimed.unlink()


def _deliver(election_pk: int, claimed: Path, connection: BaseEmailBackend | None) -> None:
    data = json.loads(claimed.read_text(encoding="utf-8"))
    verification = (
        VerifiableElection.objects.select_related("election__office__body")
        .filter(pk=election_pk)
        .first()
    )
    if verification is None or verification.fingerprint != data["fingerprint"]:
        return  # the opening that issued these codes did not commit: they open nothing
    election = verification.election
    codes = [(int(pk), str(code)) for pk, code in data["codes"]]
    members = {
        m.pk: m
        for m in Member.objects.filter(pk__in=[pk for pk, _c in codes]).select_related("person")
    }
    undelivered: list[tuple[int, str]] = []
    with translation.override(settings.LANGUAGE_CODE):
        if election.office.credentials_by_letter or (connection is None and not email_delivers()):
            undelivered = codes
        else:
            connection = connection or get_connection(fail_silently=False)
            connection.open()
            try:
                for pk, code in codes:
                    if not _email(connection, election, members[pk], code):
                        undelivered.append((pk, code))
            finally:
                connection.close()
    if undelivered:
        _letters_add(election, undelivered)


def _email(connection: Any, election: Election, member: Member, code: str) -> bool:
    with translation.override(member.person.preferred_language or settings.LANGUAGE_CODE):
        return _send(connection, election, member, code)


def _send(connection: Any, election: Election, member: Member, code: str) -> bool:
    message = EmailMessage(
        subject=_("Your voting credential: %(election)s") % {"election": election},
        body=render_to_string(
            "verifiable/credential_email.txt",
            {"election": election, "member": member, "code": code},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.person.email],
        connection=connection,
    )
    try:
        return bool(message.send())
    except Exception:  # this one goes by letter instead
        logger.exception("A credential of election %s could not be emailed", election.pk)
        return False


def _letters_add(election: Election, letters: list[tuple[int, str]]) -> None:
    path = letters_path(election)
    waiting = []
    if path.exists():
        waiting = json.loads(path.read_text(encoding="utf-8"))["letters"]
    _write_private(path, {"election": election.pk, "letters": waiting + [list(x) for x in letters]})


def credentials_deliver_waiting() -> None:
    """For the tick: deliver what an earlier attempt left, putting back deliveries that a
    killed process abandoned."""
    folder = _folder()
    if not folder.is_dir():
        return
    for claimed in folder.glob("election-*-pending.json.*.delivering"):
        if time.time() - claimed.stat().st_mtime > STALE_SECONDS:
            os.replace(claimed, folder / (claimed.name.split(".json.")[0] + ".json"))
    for pending in folder.glob("election-*-pending.json"):
        credentials_deliver(int(pending.name.split("-")[1]))


def letters_waiting(election: Election) -> int:
    path = letters_path(election)
    if not path.exists():
        return 0
    return len(json.loads(path.read_text(encoding="utf-8"))["letters"])


def letters_take(election: Election, deliver: Callable[[str], None]) -> int:
    """Hand the printable letters (HTML, one page each) to `deliver`, then delete the
    server's copy; if `deliver` raises, the letters stay. Returns how many there were."""
    path = letters_path(election)
    if not path.exists():
        raise AlreadyDone(
            _("There are no credential letters waiting for this election (already taken?).")
        )
    letters = json.loads(path.read_text(encoding="utf-8"))["letters"]
    members = {
        m.pk: m
        for m in Member.objects.filter(pk__in=[pk for pk, _c in letters]).select_related("person")
    }
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "verifiable/credential_letters.html",
            {
                "election": election,
                "letters": sorted(
                    ((members[pk], code) for pk, code in letters), key=lambda x: x[0].number
                ),
            },
        )
    deliver(html)
    path.unlink()
    return len(letters)
