"""Due process's pages: a body's figures and its cases as the record shows them, filing a
charge, and a case file for its parties and panel (with the accused's reply). Thin views over
`access`, `selectors` and `services`. The panel's hearing, votes and the appeal are services
and tests only in this first step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newcourse.organisation.access import access_body_for_person
from newcourse.organisation.models import Member
from newcourse.refusals import AccessDenied, NotEligible, NotPermitted, Refused

from . import access, selectors, services
from .forms import ChargeForm, ReplyForm
from .models import Case, Outcome


def _or_404(getter: Any, **kwargs: Any) -> Any:
    try:
        return getter(**kwargs)
    except AccessDenied as error:
        raise Http404(error.message) from error


@login_required
def case_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A body's figures for a year and its cases' record facts: open to whoever sees the body."""
    body = _or_404(access_body_for_person, person=request.user, slug=slug)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    figures = selectors.statistics(body, year).as_json()
    labels = {**dict(Outcome.choices), "set-aside": _("Set aside on appeal")}
    return render(
        request,
        "discipline/case_list.html",
        {
            "body": body,
            "year": year,
            "figures": figures,
            "outcomes": [(labels.get(code, code), n) for code, n in figures["outcomes"].items()],
            "cases": selectors.cases_of(body).order_by("-filed_at"),
            "panel": selectors.panel_office_of(body),
        },
    )


@login_required
def case_file(request: HttpRequest, slug: str) -> HttpResponse:
    body = _or_404(access_body_for_person, person=request.user, slug=slug)
    form = ChargeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = access.member_of(request.user)
        accused = Member.objects.filter(number=form.cleaned_data["accused"].strip()).first()
        try:
            if member is None:
                raise NotPermitted(_("Only members can do this."))
            if accused is None:
                raise NotEligible(
                    _("A charge can only be brought against a member of %(body)s.") % {"body": body}
                )
            case = services.case_file(
                filed_by=member,
                accused=accused,
                body=body,
                clauses=form.cited(),
                facts=form.cleaned_data["facts"],
                evidence=form.cleaned_data["evidence"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The charge is filed and the accused notified."))
            return redirect(reverse("case", args=[case.pk]))
    return render(request, "discipline/case_file.html", {"body": body, "form": form})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case: Case = _or_404(access.access_case_for_person, person=request.user, pk=pk)
    member = access.member_of(request.user)
    return render(
        request,
        "discipline/case_detail.html",
        {
            "case": case,
            "is_accused": member is not None and member.pk == case.accused_id,
            "reply_form": ReplyForm(),
            "recusals": case.recusals.select_related("member__person"),
        },
    )


@require_POST
@login_required
def case_reply(request: HttpRequest, pk: int) -> HttpResponse:
    case: Case = _or_404(access.access_case_for_person, person=request.user, pk=pk)
    form = ReplyForm(request.POST)
    member = access.member_of(request.user)
    if form.is_valid() and member is not None:
        try:
            services.case_reply(case=case, accused=member, statement=form.cleaned_data["statement"])
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Your reply is in the case file."))
    return redirect(reverse("case", args=[case.pk]))
