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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newcourse.refusals import NotPermitted, Refused

from . import selectors, services
from .access import may_act_for_committee
from .forms import AgendaForm
from .models import CommitteeRole
from .views import _conference, _membership


@require_safe
@login_required
def agenda_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    items = selectors.agenda_of(conference)
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
