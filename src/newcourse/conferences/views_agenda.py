"""A conference's agenda and papers: the agenda the standing orders committee published, the
form on which it publishes it, the papers (every item's text, line-numbered, with its
amendments) as a page, and their PDF once the scheduler has rendered it.

Reading needs only to see the conference's body; publishing, a seat on the standing orders
committee (the service checks again)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newcourse.refusals import NotPermitted, Refused

from . import selectors, services
from .access import may_act_for_committee
from .forms import AgendaForm, DecisionForm
from .models import AgendaItem, CommitteeRole
from .views import _conference, _membership


@require_safe
@login_required
def agenda_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    items = selectors.agenda_of(conference)
    decisions = selectors.decisions_of(conference)
    for item in items:
        item.decision = decisions.get(item.business)  # type: ignore[attr-defined]
    sitting = conference.opens_on <= timezone.localdate() <= conference.closes_on
    return render(
        request,
        "conferences/agenda.html",
        {
            "conference": conference,
            "body": conference.body,
            "items": items,
            "minutes": sum(item.minutes for item in items),
            "pdf": selectors.papers_pdf(conference),
            "priorities": selectors.priorities_chosen(conference),
            "current": conference.agenda_version == 0
            or selectors.agenda_current(conference, items),
            "may_publish": may_act_for_committee(
                request.user, conference, CommitteeRole.STANDING_ORDERS
            ),
            "may_decide": sitting
            and may_act_for_committee(request.user, conference, CommitteeRole.STANDING_ORDERS),
        },
    )


@login_required
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if not may_act_for_committee(request.user, conference, CommitteeRole.STANDING_ORDERS):
        raise Http404(_("Only the members of the standing orders committee publish the agenda."))
    form = AgendaForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can publish the agenda."))
            services.agenda_publish(
                person=request.user,
                member=member,
                conference=conference,
                entries=form.entries(),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("The agenda is published; its papers are printed as a PDF within a minute."),
            )
            return redirect("conference_agenda", pk=conference.pk)
    return render(
        request,
        "conferences/agenda_publish.html",
        {"conference": conference, "body": conference.body, "form": form},
    )


@require_safe
@login_required
def papers_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if conference.agenda_version == 0:
        raise Http404(_("The papers are published with the agenda, which is not out yet."))
    return render(
        request,
        "conferences/papers.html",
        {
            "conference": conference,
            "body": conference.body,
            "items": selectors.papers_of(conference),
            "pdf": selectors.papers_pdf(conference),
        },
    )


@require_safe
@login_required
def papers_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    papers = selectors.papers_pdf(conference)
    if papers is None:
        raise Http404(_("The papers' PDF is being printed: it is ready within a minute."))
    response = HttpResponse(bytes(papers.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="conference-{conference.pk}-papers-v{papers.version}.pdf"'
    )
    return response


@login_required
def decision_record(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """The committee enters conference's vote on one motion or composite of the agenda."""
    conference = _conference(request, pk)
    if not may_act_for_committee(request.user, conference, CommitteeRole.STANDING_ORDERS):
        raise Http404(_("Only the members of the standing orders committee enter decisions."))
    item = (
        AgendaItem.objects.filter(conference=conference, position=position)
        .select_related("motion__amends", "composite")
        .first()
    )
    if item is None or not item.business:
        raise Http404(_("No motion or composite has that place on the agenda."))
    form = DecisionForm(request.POST or None, motion=item.motion)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can enter a decision."))
            decision = services.decision_record(
                person=request.user,
                member=member,
                conference=conference,
                motion=item.motion,
                composite=item.composite,
                votes_for=form.cleaned_data["votes_for"],
                votes_against=form.cleaned_data["votes_against"],
                votes_abstain=form.cleaned_data["votes_abstain"],
                amendments=tuple(form.cleaned_data.get("amendments") or ()),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Entered: %(item)s %(outcome)s.")
                % {"item": item.title, "outcome": decision.get_outcome_display()},
            )
            return redirect("conference_agenda", pk=conference.pk)
    return render(
        request,
        "conferences/decision_record.html",
        {
            "conference": conference,
            "body": conference.body,
            "item": item,
            "form": form,
            "decision": selectors.decision_of(item.motion or item.composite),
        },
    )
