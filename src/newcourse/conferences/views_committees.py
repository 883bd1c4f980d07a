"""The standing orders committee's pages: naming a conference's committees, its rulings, the
composites it drafts (each line showing the motion it came from) and the movers' answers.

Reading needs only to see the conference's body; naming a committee, an office of that body
that calls conferences (`access.may_call_conference`); ruling and drafting, a seat on the
standing orders committee (`access.may_act_for_committee`); answering for a motion, an office
with powers in the motion's body. The services check each again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newcourse.refusals import AccessDenied, InvalidInput, NotPermitted, Refused
from newcourse.rules.access import may_propose_rule_change

from . import selectors, services
from .access import access_composite_for_person, may_act_for_committee, may_call_conference
from .forms import CommitteeForm, CompositeForm, RulingForm
from .models import CommitteeRole, Composite, Consent
from .views import _conference, _membership


def _composite(request: HttpRequest, pk: int) -> Composite:
    try:
        return access_composite_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error


@login_required
def committee_name(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if not may_call_conference(request.user, conference.body):
        raise Http404(_("Only the officers who call the conference name its committees."))
    form = CommitteeForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can name a committee."))
            services.committee_name(
                person=request.user,
                member=member,
                conference=conference,
                role=form.cleaned_data["role"],
                office=form.cleaned_data["office"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The committee is named."))
            return redirect(conference)
    return render(
        request,
        "conferences/committee_name.html",
        {"conference": conference, "body": conference.body, "form": form},
    )


@login_required
def ruling_make(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if not may_act_for_committee(request.user, conference, CommitteeRole.STANDING_ORDERS):
        raise Http404(_("Only the members of the standing orders committee rule."))
    form = RulingForm(request.POST or None, conference=conference, initial=request.GET)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can rule."))
            services.ruling_make(
                person=request.user,
                member=member,
                conference=conference,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                **form.chosen(),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The ruling is published."))
            return redirect(conference.get_absolute_url() + "#rulings")
    return render(
        request,
        "conferences/ruling_make.html",
        {"conference": conference, "body": conference.body, "form": form},
    )


@login_required
def composite_draft(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if not may_act_for_committee(request.user, conference, CommitteeRole.STANDING_ORDERS):
        raise Http404(_("Only the members of the standing orders committee draft composites."))
    form = CompositeForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can draft a composite."))
            composite = services.composite_draft(
                person=request.user,
                member=member,
                conference=conference,
                motions=list(form.cleaned_data["motions"]),
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The composite is drafted; it waits for the movers."))
            return redirect(composite)
    return render(
        request,
        "conferences/composite_draft.html",
        {"conference": conference, "body": conference.body, "form": form},
    )


@require_safe
@login_required
def composite_page(request: HttpRequest, pk: int) -> HttpResponse:
    composite = _composite(request, pk)
    consents = list(composite.consents.select_related("motion__body", "answered_by__person"))
    pending = composite.state == Composite.State.PENDING
    return render(
        request,
        "conferences/composite.html",
        {
            "composite": composite,
            "conference": composite.conference,
            "lines": selectors.composite_lines(composite),
            "consents": [
                (
                    consent,
                    pending
                    and consent.answer == Consent.Answer.PENDING
                    and may_propose_rule_change(request.user, consent.motion.body),
                )
                for consent in consents
            ],
            "rulings": composite.rulings.order_by("number"),
        },
    )


@require_POST
@login_required
def composite_answer(request: HttpRequest, pk: int, motion: int) -> HttpResponse:
    composite = _composite(request, pk)
    consent = Consent.objects.filter(composite=composite, motion_id=motion).first()
    if consent is None:
        raise Http404(_("That motion is not part of this composite."))
    member = _membership(request.user)
    consents = request.POST.get("answer") == "consents"
    try:
        if member is None:
            raise NotPermitted(_("Only a member can answer for a motion."))
        if request.POST.get("answer") not in {"consents", "refuses"}:
            raise InvalidInput(_("Answer that your body consents, or that it refuses."))
        services.composite_answer(
            person=request.user,
            member=member,
            composite=composite,
            motion=consent.motion,
            consents=consents,
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Your body consents to the composite.")
            if consents
            else _("Your body refuses the composite."),
        )
    return redirect(composite)
