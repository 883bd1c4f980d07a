"""The credential authority's page of a verifiable election: the electors list to download,
the steps to run on their own machine, the public credentials to hand in. Thin: `access`,
`selectors` and `services.credentials_upload` do the work."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from newcourse.refusals import AccessDenied, NotPermitted, Refused
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import VerificationStatus

from . import access, selectors, services
from .forms import PublicCredentialsForm
from .models import Election

UPLOAD_LIMIT = 50 * 2**20


def _authority_election(request: HttpRequest, pk: int) -> Election:
    """The election, for its credential authority only; everyone else gets the same 404."""
    try:
        election = access.access_election_for_person(person=request.user, pk=pk)
        access.credential_authority_acting(election=election, person=request.user)
    except (AccessDenied, NotPermitted) as error:
        raise Http404(error.message) from error
    return election


@login_required
def credentials(request: HttpRequest, pk: int) -> HttpResponse:
    """What the credential authority does, and the form to hand in the public credentials."""
    election = _authority_election(request, pk)
    if request.method == "POST":
        form = PublicCredentialsForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = services.credentials_upload(
                    election=election,
                    person=request.user,
                    document=_document(form.cleaned_data["file"]),
                )
            except Refused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    _(
                        "%(n)s public credentials taken: %(total)s of %(electorate)s electors "
                        "now hold one."
                    )
                    % {
                        "n": summary["uploaded"],
                        "total": summary["credentials"],
                        "electorate": summary["electorate"],
                    },
                )
                return redirect("election_credentials_authority", pk=election.pk)
    else:
        form = PublicCredentialsForm()
    electors = selectors.electors_for_authority(election)["electors"]
    open_for_upload = (
        election.verification.status == VerificationStatus.CEREMONY and election.verifiable
    )
    return render(
        request,
        "elections/verifiable/credentials.html",
        {
            "election": election,
            "form": form,
            "open_for_upload": open_for_upload,
            "electorate": len(electors),
            "issued": verifiable.credentials_count(election),
            "without": sum(1 for e in electors if not e["issued"]),
            "record_id": election.verification.record_id,
        },
    )


def _document(upload: Any) -> Any:
    if upload.size > UPLOAD_LIMIT:
        raise Refused(_("This file is too large to be a public credentials file."))
    try:
        return json.loads(upload.read())
    except (ValueError, RecursionError):
        raise Refused(
            _("This file is not JSON: give the public-credentials.json that was generated.")
        ) from None


@login_required
def electors_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The electors file for `newcourse credentials generate`: the credential authority's only
    (it holds members' addresses)."""
    election = _authority_election(request, pk)
    document = selectors.electors_for_authority(election)
    response = HttpResponse(
        json.dumps(document, indent=1, ensure_ascii=False).encode(),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="electors-{election.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
