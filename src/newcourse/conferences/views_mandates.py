"""A unit's instructions to its delegation: the items going forward, each with the instruction
standing on it and those it replaced, and the form on which the unit's officers give one.

Read by the unit's officers and its delegates (`access.access_instructions_for_person`),
nobody else; given by its officers (`access.may_instruct`), where the rulebook makes delegates
mandated and until the conference opens (the service checks each again)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.refusals import AccessDenied, NotPermitted, Refused

from . import selectors_mandates, services
from .access import access_instructions_for_person, may_instruct
from .forms import InstructionForm
from .models import Delegation
from .views import _conference, _membership


def _delegation(request: HttpRequest, pk: int, slug: str) -> Delegation:
    """The unit's delegation, if the caller reads its instructions; the same 404 either way."""
    conference = _conference(request, pk)
    try:
        return access_instructions_for_person(person=request.user, conference=conference, slug=slug)
    except AccessDenied as error:
        raise Http404(error.message) from error


@login_required
def instructions_page(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    delegation = _delegation(request, pk, slug)
    conference = delegation.conference
    today = timezone.localdate()
    mandate = selectors_mandates.mandate_of(conference, today)
    items = selectors_mandates.items_going_forward(conference)
    officer = may_instruct(request.user, delegation)
    form = None
    if request.method == "POST" or (officer and mandate.mandated and today < conference.opens_on):
        form = InstructionForm(
            request.POST or None,
            items=items,
            initial={"meeting_on": today, **request.GET.dict()},
        )
    if request.method == "POST" and form is not None and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can instruct a delegation."))
            services.instruction_give(
                person=request.user,
                member=member,
                delegation=delegation,
                **form.decision(),
                **form.chosen(),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The instruction is recorded; your delegates see it."))
            url = reverse("conference_instructions", kwargs={"pk": pk, "slug": slug})
            return redirect(url)
    return render(
        request,
        "conferences/instructions.html",
        {
            "conference": conference,
            "body": conference.body,
            "delegation": delegation,
            "mandate": mandate,
            "shown": selectors_mandates.instructions_shown(delegation, items),
            "officer": officer,
            "form": form,
            "opened": today >= conference.opens_on,
        },
    )
