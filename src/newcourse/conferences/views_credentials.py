"""The credentials report of a conference, the committee's review and a challenge from it,
a delegate standing down, and a delegate's printable card.

The report is read by whoever sees the conference's body; the credentials committee's elected
members review from it (`access.may_review_credentials`), and delegates and the body's officers
challenge (`access.may_challenge_credentials`); a delegate, or an officer of their unit, stands
them down (`access.may_stand_down`). A card is seen by its delegate and the
committee only; anyone else gets the 404 a wrong address gets."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newcourse.refusals import AccessDenied, InvalidInput, NotPermitted, Refused

from . import selectors, selectors_mandates, services
from .access import (
    access_credential_for_person,
    access_listed_credential_for_person,
    may_challenge_credentials,
    may_review_credentials,
    may_stand_down,
    units_standing_down_for,
)
from .forms import ChallengeForm, CredentialReviewForm, StandDownForm
from .models import Committee, CommitteeRole, Credential
from .views import _conference, _membership


@require_safe
@login_required
def credentials_report(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    today = timezone.localdate()
    report = selectors.credentials_report(conference, today)
    may_review = may_review_credentials(request.user, conference)
    before_close = today <= conference.closes_on
    return render(
        request,
        "conferences/credentials.html",
        {
            "conference": conference,
            "body": conference.body,
            "report": report,
            "totals": {
                name: sum(getattr(row, name) for row in report)
                for name in (
                    "entitled",
                    "elected",
                    "held",
                    "issued",
                    "verified",
                    "rejected",
                    "pending",
                    "stood_down",
                )
            },
            "committee": Committee.objects.filter(
                conference=conference, role=CommitteeRole.CREDENTIALS
            )
            .select_related("office")
            .first(),
            "may_review": may_review and before_close,
            "sees_cards": may_review,
            "may_challenge": before_close and may_challenge_credentials(request.user, conference),
            "stands_down_for": units_standing_down_for(request.user) if before_close else set(),
            "before_close": before_close,
        },
    )


def _credential(request: HttpRequest, pk: int) -> Credential:
    """The credential, if its conference is open to the reader; the same 404 either way."""
    try:
        return access_listed_credential_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error


def _back_to(credential: Credential) -> HttpResponse:
    url = reverse("conference_credentials", kwargs={"pk": credential.conference_id})
    return redirect(f"{url}#credential-{credential.pk}")


def _first_error(form: Any) -> str:
    return next(iter(form.errors.values()))[0]


@require_POST
@login_required
def credential_review(request: HttpRequest, pk: int) -> HttpResponse:
    credential = _credential(request, pk)
    form = CredentialReviewForm(request.POST)
    verdict = request.POST.get("verdict")
    member = _membership(request.user)
    try:
        if member is None:
            raise NotPermitted(_("Only a member can review a credential."))
        if not form.is_valid():
            raise InvalidInput(_first_error(form))
        if verdict not in ("verify", "reject"):
            raise InvalidInput(_("Verify or reject the credential."))
        services.credential_review(
            person=request.user,
            member=member,
            credential=credential,
            verified=verdict == "verify",
            reason=form.cleaned_data["reason"],
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        done = _("The credential is verified.") if verdict == "verify" else None
        messages.success(request, done or _("The credential is rejected."))
    return _back_to(credential)


@require_POST
@login_required
def credential_challenge(request: HttpRequest, pk: int) -> HttpResponse:
    credential = _credential(request, pk)
    form = ChallengeForm(request.POST)
    member = _membership(request.user)
    try:
        if member is None:
            raise NotPermitted(_("Only a member can challenge a credential."))
        if not form.is_valid():
            raise InvalidInput(_first_error(form))
        services.credential_challenge(
            person=request.user,
            member=member,
            credential=credential,
            reason=form.cleaned_data["reason"],
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The challenge is recorded; the committee reviews it."))
    return _back_to(credential)


@login_required
def credential_stand_down(request: HttpRequest, pk: int) -> HttpResponse:
    """The delegate (or an officer of their unit) gives up the seat, with a reason; the page
    says who takes it. A refusal keeps the reason typed."""
    credential = _credential(request, pk)
    if not may_stand_down(request.user, credential):
        raise Http404(_("Only the delegate, or an officer of their body, stands a delegate down."))
    form = StandDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can stand a delegate down."))
            services.delegate_stand_down(
                person=request.user,
                member=member,
                credential=credential,
                reason=form.cleaned_data["reason"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The delegate has stood down."))
            return _back_to(credential)
    delegation = credential.delegation
    return render(
        request,
        "conferences/stand_down.html",
        {
            "conference": credential.conference,
            "body": credential.conference.body,
            "credential": credential,
            "delegate": credential.term.member,
            "unit": delegation.unit,
            "own": credential.term.member.person_id == request.user.pk,
            "next": selectors.next_alternate(delegation, timezone.localdate()),
            "form": form,
        },
    )


def qr_code_svg(url: str) -> str:
    """The QR code of `url`, as inline SVG (the pages' content policy allows no image
    data URL): dark modules drawn in the text colour, sized by the stylesheet."""
    return segno.make(url, error="m").svg_inline(scale=4, omitsize=True, svgclass="qr")


@require_safe
@login_required
def credential_card(request: HttpRequest, token: str) -> HttpResponse:
    try:
        credential = access_credential_for_person(person=request.user, token=token)
    except AccessDenied as error:
        raise Http404(error.message) from error
    url = request.build_absolute_uri(credential.get_absolute_url())
    mandate = selectors_mandates.mandate_of(credential.conference)
    # The delegation's instructions are the delegate's and their unit's: the credentials
    # committee, which also sees the card, does not read them here.
    own = credential.term.member.person_id == request.user.pk
    return render(
        request,
        "conferences/credential_card.html",
        {
            "credential": credential,
            "conference": credential.conference,
            "delegate": credential.term.member,
            "seated": credential.term.is_current(),
            "url": url,
            # segno draws the code from the URL's bits alone: no text of ours reaches the SVG.
            "qr": mark_safe(qr_code_svg(url)),  # noqa: S308
            "mandate": mandate,
            "shown": (
                selectors_mandates.instructions_shown(credential.delegation)
                if own and mandate.mandated
                else None
            ),
        },
    )
