"""The actions' pages: a body's decisions and actions (linked from the body page), its
generated report, an action with its history, the owner's update form and the officers' forms
to create and drop. Thin views over `access`, `selectors` and `services`."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newcourse.conferences.models import Decision
from newcourse.organisation.access import access_body_for_person
from newcourse.organisation.models import Body
from newcourse.refusals import AccessDenied, InvalidInput, Refused

from . import access, selectors, services
from .forms import CreateForm, DropForm, UpdateForm
from .models import Action


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


def _since(request: HttpRequest) -> datetime.date | None:
    value = request.GET.get("since", "")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@login_required
def action_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = _or_404(access_body_for_person, person=request.user, slug=slug)
    report = selectors.action_report(body)
    return render(
        request,
        "actions/action_list.html",
        {
            "body": body,
            "report": report,
            "owned": selectors.action_report(body, owned=True),
            "officer": access.may_act_for_body(request.user, body),
        },
    )


@login_required
def action_report(request: HttpRequest, slug: str) -> HttpResponse:
    body = _or_404(access_body_for_person, person=request.user, slug=slug)
    report = selectors.action_report(
        body, since=_since(request), owned=request.GET.get("owned") == "1"
    )
    if request.GET.get("format") == "text":
        return HttpResponse(report.as_text(), content_type="text/plain; charset=utf-8")
    return render(request, "actions/action_report.html", {"body": body, "report": report})


def _decision(body: Body, value: str) -> Decision | None:
    if not value:
        return None
    return selectors.carried_decisions_of(body).filter(pk=value).first()


def _owner(body: Body, value: str) -> dict[str, Any]:
    kind, _sep, pk = value.partition(":")
    if kind == "office":
        return {"owner_office": selectors.owning_offices(body).filter(pk=pk).first()}
    return {"owner_body": selectors.owning_bodies(body).filter(pk=pk).first()}


@login_required
def action_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = _or_404(access_body_for_person, person=request.user, slug=slug)
    form = CreateForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.action_create(
                person=request.user,
                member=_member(request),
                body=body,
                decision=_decision(body, data["decision"]),
                decided=data["decided"],
                task=data["task"],
                due_on=data["due_on"],
                **_owner(body, data["owner"]),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The action is recorded."))
            return redirect(action)
    return render(request, "actions/action_create.html", {"body": body, "form": form})


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action: Action = _or_404(access.access_action_for_person, person=request.user, pk=pk)
    owner = access.may_act_as_owner(request.user, action)
    officer = access.may_act_for_body(request.user, action.body)
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "updates": action.updates.select_related("written_by__person"),
            "overdue": action.is_overdue(selectors.today()),
            "decision_title": selectors.decision_title(action.decision),
            "dropped_by_title": selectors.decision_title(action.dropped_by),
            "update_form": UpdateForm(status=action.status) if owner else None,
            "drop_form": DropForm(body=action.body) if officer else None,
        },
    )


@login_required
@require_POST
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action: Action = _or_404(access.access_action_for_person, person=request.user, pk=pk)
    try:
        services.action_update(
            person=request.user,
            member=_member(request),
            action=action,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your update is recorded."))
    return redirect(action)


@login_required
@require_POST
def action_drop(request: HttpRequest, pk: int) -> HttpResponse:
    action: Action = _or_404(access.access_action_for_person, person=request.user, pk=pk)
    try:
        decision = _decision(action.body, request.POST.get("decision", ""))
        if decision is None:
            raise InvalidInput(_("Name the later carried decision that drops it."))
        services.action_drop(
            person=request.user,
            member=_member(request),
            action=action,
            decision=decision,
            note=request.POST.get("note", ""),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The action is dropped, by the decision named."))
    return redirect(action)
