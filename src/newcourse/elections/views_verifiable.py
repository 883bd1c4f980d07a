"""Pages of a verifiable election: the voting page that encrypts in the browser, the board,
the tellers' page and the published downloads. Thin, like `views`: `access`, `verifiable` and
`services` do the work; every refusal is shown as its message and nothing is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newcourse.organisation.models import Member
from newcourse.refusals import AccessDenied, InvalidInput, NotPermitted, Refused
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable import services as verifiable_services
from newcourse.verifiable.models import (
    AuditedBallot,
    BoardEntry,
    Teller,
    TellerMessage,
    TellerStep,
    VerificationStatus,
)
from newcourse.verifiable.services import bundle as ceremony_bundle

from . import access, selectors, services
from .forms import TellerFileForm, TrackerForm
from .models import Election, ElectionStatus, Elector

# The download of every teller's file of one step, by the name it is saved under.
BUNDLES = {
    "public-keys": TellerStep.PUBLIC_KEY,
    "commitments": TellerStep.COMMITMENT,
    "deals": TellerStep.DEAL,
    "complaints": TellerStep.COMPLAINTS,
}
BUNDLE_OF = {kind: name for name, kind in BUNDLES.items()}
# What `newcourse teller` writes at each step, to be handed in.
STEP_FILE = {
    TellerStep.PUBLIC_KEY: "public-key.json",
    TellerStep.COMMITMENT: "commitment.json",
    TellerStep.DEAL: "deal.json",
    TellerStep.COMPLAINTS: "complaints.json",
    TellerStep.DECRYPTION_SHARE: "decryption-share.json",
}
# Each step's command, reading the bundle of the step before.
STEP_COMMAND = {
    TellerStep.COMMITMENT: ("commit", "public-keys"),
    TellerStep.DEAL: ("deal", "commitments"),
    TellerStep.COMPLAINTS: ("receive", "deals"),
}
TELLER_FILE_LIMIT = 10 * 2**20


def _election(request: HttpRequest, pk: int) -> Election:
    try:
        return access.access_election_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error


def _not_found(message: str) -> HttpResponse:
    """A download that is not there (yet): the reason, readable in a browser or by curl."""
    return HttpResponse(message, status=404, content_type="text/plain; charset=utf-8")


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def option_labels(election: Election) -> list[str]:
    """The ballot's options in mark order (option i of the manifest is mark position i), in
    words a member reads: a recall's "Yes" and "No" say what they do."""
    options = [str(o) for o in election.verification.manifest["questions"][0]["options"]]
    if election.is_recall:
        words = {"Yes": _("Yes, recall"), "No": _("No, keep them in office")}
        return [words.get(option, option) for option in options]
    return options


# The voting page and its two endpoints -------------------------------------------------


def vote_encrypted(request: HttpRequest, election: Election, member: Member | None) -> HttpResponse:
    """The voting page of an encrypted election (reached through `views.vote`): the ballot is
    encrypted and signed in the browser by vote-verifiable.js, then cast or audited."""
    elector = selectors.elector_for(election, member)
    refusal = _why_not_vote(election, elector)
    if refusal or member is None:
        messages.error(request, refusal or _("Only members can vote."))
        return redirect(election)
    verifiable.stored_election_check(election)
    manifest = election.verification.manifest
    question = manifest["questions"][0]
    return render(
        request,
        "elections/verifiable/vote.html",
        {
            "election": election,
            "elector": elector,
            "question": question["title"],
            # Several marks (approval): checkboxes; the script keeps the total in range.
            "several": int(question["max_marks"]) > 1,
            "min_marks": int(question["min_marks"]),
            "max_marks": int(question["max_marks"]),
            "options": list(enumerate(option_labels(election))),
            "public": verifiable.public_json(election),
            "fingerprint": election.verification.fingerprint,
            "client_code": manifest["client_code"],
            "texts": _vote_texts(),
        },
    )


def _why_not_vote(election: Election, elector: Elector | None) -> str | None:
    """Having voted already is no reason: the last ballot of a credential counts."""
    if selectors.status_implied(election) in {
        ElectionStatus.SCHEDULED,
        ElectionStatus.NOMINATIONS,
    }:
        return _("Voting has not opened yet.")
    if not election.voting_is_open():
        return _("Voting has closed.")
    if elector is None:
        return _("You are not on the electorate of this election.")
    if not election.voter_credentials.filter(member_id=elector.member_id).exists():
        return _(
            "The credential authority issued you no voting code for this election: ask them "
            "why, before voting closes."
        )
    return None


def _vote_texts() -> dict[str, str]:
    """What the page's script says, translated here."""
    return {
        "no_choice": _("Choose one option before encrypting your ballot."),
        "marks_out_of_range": _(
            "Tick at least %(min)s and at most %(max)s options before encrypting your ballot: "
            "you ticked %(n)s."
        ),
        "code_typo": _("Your credential code has a typo: %(reason)s."),
        "not_listed": _("This credential is not on this election's list: check the code."),
        "bad_election": _(
            "This page's election does not match its fingerprint: do not vote here, and tell "
            "the tellers."
        ),
        "encrypting": _("Encrypting your ballot on this device…"),
        "encrypted": _("Encrypted in %(ms)s ms."),
        "failed": _("Your ballot could not be encrypted: %(reason)s"),
        "sending": _("Sending…"),
        "not_sent": _("Your ballot was not received: %(reason)s"),
        "logged_out": _("You are no longer logged in: log in again and vote again."),
        "network": _("The server could not be reached: try again."),
        "tracker_differs": _(
            "The server answered with another tracker than your ballot's: keep this page and "
            "tell the tellers."
        ),
    }


@login_required
@require_POST
def board_cast(request: HttpRequest, pk: int) -> JsonResponse:
    """Cast an encrypted ballot: JSON in (the ballot), {"tracker", "seq"} out."""
    return _board_post(request, pk, audit=False)


@login_required
@require_POST
def board_audit(request: HttpRequest, pk: int) -> JsonResponse:
    """Audit an encrypted ballot instead of casting it: JSON in ({ballot, marks, randomness}),
    {"tracker"} out."""
    return _board_post(request, pk, audit=True)


def _board_post(request: HttpRequest, pk: int, *, audit: bool) -> JsonResponse:
    """The voting page's script posts here; a refusal answers `{"error": message}` with the
    refusal's own status, which the script shows the voter."""
    try:
        return JsonResponse(_board_take(request, pk, audit=audit))
    except Refused as refusal:
        return JsonResponse({"error": refusal.message}, status=refusal.status)


def _board_take(request: HttpRequest, pk: int, *, audit: bool) -> dict[str, Any]:
    election = access.access_election_for_person(person=request.user, pk=pk)
    member = access.member_acting(request.user)
    if not election.encrypted:
        raise InvalidInput(_("This election does not take encrypted ballots."))
    try:
        document = json.loads(request.body)
    except (ValueError, RecursionError):
        raise InvalidInput(_("The ballot could not be read: it is not valid JSON.")) from None
    if not isinstance(document, dict):
        raise InvalidInput(_("The ballot must be a JSON object."))
    if audit:
        opened = verifiable_services.board_audit(election=election, member=member, audited=document)
        return {"tracker": opened.tracker}
    entry = verifiable_services.board_cast(election=election, member=member, ballot=document)
    return {"tracker": entry.tracker, "seq": entry.seq}


# The board ---------------------------------------------------------------------------


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """Every encrypted ballot cast, in board order, and a tracker's fate."""
    election = _election(request, pk)
    if not election.encrypted:
        raise Http404(_("This election has no board: its ballots are not encrypted."))
    verifiable.stored_election_check(election)
    form = TrackerForm(request.GET or None)
    found = None
    if form.is_valid() and form.cleaned_data["tracker"]:
        found = _look_up(election, form.cleaned_data["tracker"])
    entries = BoardEntry.objects.filter(election=election).only("seq", "tracker", "supersedes")
    page = Paginator(entries.order_by("seq"), 100).get_page(request.GET.get("page"))
    superseded_by = dict(
        BoardEntry.objects.filter(
            election=election, supersedes__in=[e.seq for e in page.object_list]
        ).values_list("supersedes", "seq")
    )
    return render(
        request,
        "elections/verifiable/board.html",
        {
            "election": election,
            "form": form,
            "found": found,
            "page": page,
            "rows": [(entry, superseded_by.get(entry.seq)) for entry in page.object_list],
            "head": verifiable.board_head(election),
            "entries": page.paginator.count,
            "voting_open": election.voting_is_open(),
            "counted": election.verification.counted,
        },
    )


@dataclass(frozen=True)
class Lookup:
    tracker: str
    state: str  # "counted", "superseded", "audited" or "absent"
    seq: int | None = None
    superseded_by: int | None = None


def _look_up(election: Election, tracker: str) -> Lookup:
    entry = BoardEntry.objects.filter(election=election, tracker=tracker).only("seq").first()
    if entry is not None:
        later = (
            BoardEntry.objects.filter(election=election, supersedes=entry.seq)
            .values_list("seq", flat=True)
            .first()
        )
        if later is not None:
            return Lookup(tracker, "superseded", entry.seq, later)
        return Lookup(tracker, "counted", entry.seq)
    if AuditedBallot.objects.filter(election=election, tracker=tracker).exists():
        return Lookup(tracker, "audited")
    return Lookup(tracker, "absent")


# The tellers -------------------------------------------------------------------------


@dataclass
class TellerTask:
    """What the logged-in teller does next, in words and commands."""

    step: str | None = None
    waiting: str = ""
    commands: list[str] = field(default_factory=list)
    download: tuple[str, str] | None = None  # (file name, URL)
    upload: str = ""


@login_required
def tellers(request: HttpRequest, pk: int) -> HttpResponse:
    """The tellers, the files each has handed in (the transcript is public), the downloads;
    and, for a teller, the next step and the form to hand in its file."""
    election = _election(request, pk)
    if election.verification_or_none is None:
        raise Http404(_("This election has no tellers: it is not verifiable."))
    member = access.member_or_none(request.user)
    if request.method == "POST":
        try:
            # Refused before the upload is read: only a teller's file is worth parsing.
            access.teller_acting(election=election, member=member)
        except NotPermitted as refusal:
            messages.error(request, refusal.message)
            return redirect("tellers", pk=election.pk)
        form = TellerFileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                kind = services.teller_submit(
                    election=election,
                    member=access.member_acting(request.user),
                    document=_teller_document(form.cleaned_data["file"]),
                ).kind
            except Refused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    _("Your %(step)s file is in.") % {"step": TellerStep(kind).label.lower()},
                )
                return redirect("tellers", pk=election.pk)
    else:
        form = TellerFileForm()
    roster = verifiable.tellers_of(election)
    handed = set(
        TellerMessage.objects.filter(teller__election=election).values_list("teller_id", "kind")
    )
    counts = verifiable.step_counts(election)
    mine = next((t for t in roster if member is not None and t.member_id == member.pk), None)
    n = election.verification.tellers
    return render(
        request,
        "elections/verifiable/tellers.html",
        {
            "election": election,
            "steps": TellerStep.choices,
            "rows": [(t, [(t.pk, kind) in handed for kind in TellerStep.values]) for t in roster],
            "bundles": [
                (name, TellerStep(kind).label, counts[kind], counts[kind] >= n)
                for name, kind in BUNDLES.items()
            ],
            "for_tellers": election.verification.aggregate is not None,
            "n": n,
            "t": election.verification.threshold,
            "mine": mine,
            "task": _task(election, mine, handed, counts) if mine else None,
            "form": form,
        },
    )


def _teller_document(upload: Any) -> Any:
    if upload.size > TELLER_FILE_LIMIT:
        raise Refused(_("This file is too large to be a teller's file."))
    try:
        return json.loads(upload.read())
    except (ValueError, RecursionError):
        raise Refused(
            _("This file is not JSON: give the .json file `newcourse teller` wrote.")
        ) from None


def _task(
    election: Election, teller: Teller, handed: set[tuple[int, str]], counts: dict[str, int]
) -> TellerTask:
    """The teller's next step: the first one not handed in, if its turn has come."""
    verification = election.verification
    n, t = verification.tellers, verification.threshold
    folder = f"teller-{election.pk}"
    if not election.verifiable:
        return TellerTask(waiting=_("This election is no longer verifiable: nothing to do."))
    pending = [kind for kind in TellerStep.values if (teller.pk, kind) not in handed]
    if not pending:
        return TellerTask(waiting=_("You have handed in every file: thank you."))
    step = pending[0]
    ceremony_over = verification.status != VerificationStatus.CEREMONY
    if step != TellerStep.DECRYPTION_SHARE and ceremony_over:
        return TellerTask(
            waiting=_("The key ceremony is over: the election key is fixed without your files.")
        )
    if step == TellerStep.PUBLIC_KEY:
        return TellerTask(
            step=step,
            commands=[
                f"newcourse teller keygen {folder} --election {verification.record_id} "
                f"--index {teller.index} --tellers {n} --threshold {t}"
            ],
            upload=STEP_FILE[TellerStep.PUBLIC_KEY],
        )
    if step == TellerStep.DECRYPTION_SHARE:
        return _decryption_task(election, folder, ceremony_done=counts[TellerStep.COMPLAINTS] >= n)
    command, reads = STEP_COMMAND[TellerStep(step)]
    before = BUNDLES[reads]
    if counts[before] < n:
        return TellerTask(
            step=step,
            waiting=_(
                "Waiting for the other tellers: %(have)s of %(n)s %(step)s files are in. Come "
                "back when all are."
            )
            % {"have": counts[before], "n": n, "step": TellerStep(before).label.lower()},
        )
    return TellerTask(
        step=step,
        commands=[f"newcourse teller {command} {folder} {reads}.json"],
        download=(
            f"{reads}.json",
            reverse("teller_bundle", kwargs={"pk": election.pk, "name": reads}),
        ),
        upload=STEP_FILE[TellerStep(step)],
    )


def _decryption_task(election: Election, folder: str, *, ceremony_done: bool) -> TellerTask:
    step = TellerStep.DECRYPTION_SHARE
    if election.verification.aggregate is None:
        if not ceremony_done:
            waiting = _("Your part of the key ceremony is done; the others' is not yet.")
        else:
            closes = timezone.localtime(election.voting_closes_at).strftime("%Y-%m-%d %H:%M")
            waiting = _("Nothing to do until voting closes, at %(closes)s.") % {"closes": closes}
        return TellerTask(step=step, waiting=waiting)
    if election.counted_at is not None:
        return TellerTask(waiting=_("Enough tellers have decrypted: the count is done."))
    return TellerTask(
        step=step,
        commands=[f"newcourse teller decrypt {folder} for-tellers.zip"],
        download=("for-tellers.zip", reverse("tellers_zip", kwargs={"pk": election.pk})),
        upload=STEP_FILE[step],
    )


@login_required
def teller_bundle(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Every teller's file of one step, as one JSON download for the next step."""
    election = _election(request, pk)
    kind = BUNDLES.get(name)
    if kind is None or election.verification_or_none is None:
        raise Http404(_("There is no such download."))
    try:
        document = ceremony_bundle(election, kind)
    except Refused as refusal:
        return _not_found(refusal.message)
    data = json.dumps(document, indent=1, ensure_ascii=False).encode()
    return _download(data, f"{name}.json", "application/json")


@login_required
def tellers_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """What `newcourse teller decrypt` reads, published when voting closes."""
    election = _election(request, pk)
    if not election.encrypted or election.verification.aggregate is None:
        return _not_found(_("The files for the tellers are published when voting closes."))
    data = verifiable.zip_files(verifiable.for_tellers_files(election))
    return _download(data, "for-tellers.zip", verifiable.RECORD_MEDIA_TYPE)


@login_required
def record_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """The election record, for `newcourse verify`, once the result is declared."""
    election = _election(request, pk)
    if not verifiable.record_available(election):
        return _not_found(_("The election record is published when the result is declared."))
    folder = verifiable.record_folder_name(election)
    data = verifiable.zip_files(verifiable.record_bytes(election), folder)
    return _download(data, f"{folder}.zip", verifiable.RECORD_MEDIA_TYPE)


@login_required
def credentials_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The published credential list (public keys and weights, sorted by key, no member),
    fixed in the fingerprint when voting opened, with the electorate's size beside it: anyone
    can count it against the electorate (more credentials than electors is padding) and
    recompute the fingerprint before the record is out."""
    election = _election(request, pk)
    if not election.encrypted:
        return _not_found(_("The credential list is published when voting opens."))
    body = {
        "format": "newcourse-credentials/1",
        "fingerprint": election.verification.fingerprint,
        "electorate": election.electorate_size,
        "credentials": [
            {"key": c.key.hex(), "weight": c.weight}
            for c in verifiable.crypto_election(election).credentials
        ],
    }
    return _download(
        json.dumps(body, indent=1).encode(),
        f"election-{election.pk}-credentials.json",
        "application/json",
    )


# The election page -------------------------------------------------------------------


def detail_context(election: Election, person: Any = None) -> dict[str, Any]:
    """What the election page says about verifiability: the tellers, the public credentials
    beside the electorate (so padding shows), and what opening the vote waits for."""
    if not election.verifiable:
        return {"not_verifiable_because": selectors.why_not_verifiable(election)}
    if election.encrypted:
        verifiable.stored_election_check(election)
    context: dict[str, Any] = {
        "tellers_n": election.verification.tellers,
        "tellers_t": election.verification.threshold,
        "credentials_count": verifiable.credentials_count(election),
        "credential_authority": access.is_credential_authority(election=election, person=person),
    }
    if election.verification.status == VerificationStatus.CEREMONY:
        context["waiting_for_key"] = selectors.waiting_for_key(election)
        context["waiting_for_credentials"] = selectors.waiting_for_credentials(election)
        if context["waiting_for_credentials"]:
            context["no_credential_authority"] = not access.credential_authority_elected(election)
    if election.encrypted:
        context["board_count"] = BoardEntry.objects.filter(election=election).count()
    if verifiable.record_available(election):
        folder = verifiable.record_folder_name(election)
        context["record_folder"] = folder
        context["record_file"] = f"{folder}.zip"
        context["record_url"] = reverse("election_record", kwargs={"pk": election.pk})
    totals = ((election.result or {}).get("verifiable") or {}).get("totals")
    if totals is not None and election.encrypted:
        context["verifiable_totals"] = list(zip(option_labels(election), totals, strict=False))
    return context
