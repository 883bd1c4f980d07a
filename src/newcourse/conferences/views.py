"""A conference's page (its timetable and delegate entitlement) and the form that calls one.

Reading needs only to see the conference's body; calling one needs an office of that body that
creates its offices (`access.may_call_conference`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newcourse.organisation.access import access_body_for_person
from newcourse.organisation.models import Member
from newcourse.refusals import AccessDenied, Refused

from . import selectors, services
from .access import access_conference_for_person, may_call_conference
from .forms import CallForm


def _membership(person: Any) -> Member | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Member.objects.filter(person=person).select_related("body").first()


def _next_deadline(timetable: list[dict[str, Any]]) -> str | None:
    """The name of the first deadline still to come (marked "next" on the page)."""
    return next((row["name"] for row in timetable if not row["passed"]), None)


@require_safe
@login_required
def conference_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        conference = access_conference_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error
    today = timezone.localdate()
    timetable = selectors.timetable(conference, today)
    return render(
        request,
        "conferences/conference.html",
        {
            "conference": conference,
            "body": conference.body,
            "timetable": timetable,
            "next_deadline": _next_deadline(timetable),
            "table": selectors.entitlement_table(conference, today),
            "delegations": selectors.delegations_of(conference),
        },
    )


@login_required
def call(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        body = access_body_for_person(person=request.user, slug=slug)
    except AccessDenied as error:
        raise Http404(error.message) from error
    if not may_call_conference(request.user, body):
        raise Http404(_("Only the body's officers who create its offices may call its conference."))
    member = _membership(request.user)
    form = CallForm(request.POST or None, initial=CallForm.initial_for(timezone.localdate()))
    if request.method == "POST" and form.is_valid():
        if member is None:
            form.add_error(None, _("Only a member can call a conference."))
        else:
            try:
                conference = services.conference_call(
                    person=request.user,
                    member=member,
                    body=body,
                    title=form.cleaned_data["title"],
                    unit_kind=form.cleaned_data["unit_kind"],
                    dates=form.dates(),
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The conference is called."))
                return redirect(conference)
    return render(request, "conferences/call.html", {"body": body, "form": form})
