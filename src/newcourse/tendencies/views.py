"""The tendencies' pages: a body's tendencies, one tendency, proposing one. Thin views over
`access`, `selectors` and `services`; every action is a POST by the member for themselves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newcourse.organisation.access import access_body_for_person
from newcourse.refusals import AccessDenied, Refused

from . import access, selectors, services
from .forms import ProposeForm, WithdrawForm
from .models import Tendency, TendencyStatus


def _or_404(getter: Any, **kwargs: Any) -> Any:
    try:
        return getter(**kwargs)
    except AccessDenied as error:
        raise Http404(error.message) from error


def _member(request: HttpRequest) -> Any:
    member = access.member_of(request.user)
    if member is None:
        raise AccessDenied(_("Only members can do this."))
    return member


@login_required
def tendency_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = _or_404(access_body_for_person, person=request.user, slug=slug)
    return render(
        request,
        "tendencies/tendency_list.html",
        {
            "body": body,
            "tendencies": selectors.tendencies_of(body),
            "threshold": selectors.threshold_for(body),
            "visibility": selectors.visibility_in(body),
        },
    )


@login_required
def tendency_propose(request: HttpRequest, slug: str) -> HttpResponse:
    body = _or_404(access_body_for_person, person=request.user, slug=slug)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tendency = services.tendency_propose(
                member=_member(request),
                body=body,
                name=form.cleaned_data["name"],
                platform=form.cleaned_data["platform"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The tendency is proposed, with your signature."))
            return redirect(tendency)
    return render(
        request,
        "tendencies/tendency_propose.html",
        {"body": body, "form": form, "threshold": selectors.threshold_for(body)},
    )


@login_required
def tendency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tendency: Tendency = _or_404(access.access_tendency_for_person, person=request.user, pk=pk)
    member = access.member_of(request.user)
    sees = access.may_see_signatories(person=request.user, tendency=tendency)
    return render(
        request,
        "tendencies/tendency_detail.html",
        {
            "tendency": tendency,
            "signatures": selectors.signature_count(tendency),
            "asked": selectors.dissolution_count(tendency),
            "threshold": selectors.threshold_for(tendency.body),
            "visibility": selectors.visibility_in(tendency.body),
            "own": selectors.signature_of(tendency, member),
            "signatories": (
                access.access_signatories_for_person(person=request.user, tendency=tendency)
                if sees
                else None
            ),
            "contacts": list(tendency.contacts.select_related("person")) if sees else None,
            "open": tendency.status != TendencyStatus.DISSOLVED,
            "withdraw_form": WithdrawForm(),
        },
    )


def _act(request: HttpRequest, pk: int, act: Any) -> HttpResponse:
    tendency = _or_404(access.access_tendency_for_person, person=request.user, pk=pk)
    try:
        message = act(_member(request), tendency)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, message)
    return redirect(tendency)


@login_required
@require_POST
def tendency_sign(request: HttpRequest, pk: int) -> HttpResponse:
    def sign(member: Any, tendency: Tendency) -> str:
        count = services.tendency_sign(member=member, tendency=tendency)
        return _("You signed. %(count)d signatures so far.") % {"count": count}

    return _act(request, pk, sign)


@login_required
@require_POST
def tendency_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""

    def withdraw(member: Any, tendency: Tendency) -> str:
        services.tendency_withdraw_signature(member=member, tendency=tendency, reason=reason)
        return _("Your signature is withdrawn.")

    return _act(request, pk, withdraw)


@login_required
@require_POST
def tendency_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    def dissolve(member: Any, tendency: Tendency) -> str:
        if services.tendency_dissolve(member=member, tendency=tendency):
            return _("More than half of its signatories asked: the tendency is dissolved.")
        return _("Your request to dissolve the tendency is counted.")

    return _act(request, pk, dissolve)
