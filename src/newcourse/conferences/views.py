"""A conference's page (its timetable, delegate entitlement and motions), the form that calls
one, a motion's page with its amendments, the form that submits one, the form that amends one
and the button that accepts an amendment as friendly.

Reading needs only to see the conference's body; calling one needs an office of that body that
creates its offices (`access.may_call_conference`); submitting a motion, an office with powers
in a body that sends delegates, or in the conference's own (`access.bodies_submitting_for`);
amending one, the same in a body other than the motion's (`access.bodies_amending_for`);
accepting an amendment, an office with powers in the motion's body."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newcourse.documents import diff_documents, parse_document
from newcourse.organisation.access import access_body_for_person
from newcourse.organisation.models import Member
from newcourse.refusals import AccessDenied, NotPermitted, Refused
from newcourse.rules.selectors import latest_version, text_compared, text_lines

from . import selectors, selectors_mandates, services
from .access import (
    access_conference_for_person,
    access_motion_for_person,
    bodies_amending_for,
    bodies_submitting_for,
    delegations_instructed_for,
    may_accept_amendments,
    may_act_for_committee,
    may_call_conference,
)
from .forms import AmendmentForm, CallForm, MotionForm
from .models import Amendment, CommitteeRole, Conference


def _membership(person: Any) -> Member | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Member.objects.filter(person=person).select_related("body").first()


def _conference(request: HttpRequest, pk: int) -> Conference:
    """The conference, if the caller may see its body; a 404 either way."""
    try:
        return access_conference_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error


def _next_deadline(timetable: list[dict[str, Any]]) -> str | None:
    """The name of the first deadline still to come (marked "next" on the page)."""
    return next((row["name"] for row in timetable if not row["passed"]), None)


def _delegations_shown(conference: Conference, today: Any) -> list[tuple[Any, int, list[Any]]]:
    """Each delegation, how many of its seats are filled, and its alternates in line."""
    alternates = selectors.alternates_by_delegation(conference, today)
    return [
        (delegation, filled, alternates[delegation.pk])
        for delegation, filled in selectors.delegations_of(conference)
    ]


@require_safe
@login_required
def conference_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    today = timezone.localdate()
    timetable = selectors.timetable(conference, today)
    standings = selectors.standings_of(conference)
    delegations = selectors.delegations_of(conference)
    mandate = selectors_mandates.mandate_of(conference, today) if delegations else None
    return render(
        request,
        "conferences/conference.html",
        {
            "conference": conference,
            "body": conference.body,
            "timetable": timetable,
            "next_deadline": _next_deadline(timetable),
            "table": selectors.entitlement_table(conference, today),
            "delegations": _delegations_shown(conference, today),
            "mandate": mandate,
            "instructed": _instructed(request, conference) if mandate and mandate.mandated else [],
            "motions": [
                (motion, standings[motion.pk]) for motion in selectors.motions_of(conference)
            ],
            "may_submit": today <= conference.emergency_by
            and bool(bodies_submitting_for(request.user, conference)),
            "committees": conference.committees.select_related("office"),
            "may_name_committee": today < conference.opens_on
            and may_call_conference(request.user, conference.body),
            "may_rule": may_act_for_committee(
                request.user, conference, CommitteeRole.STANDING_ORDERS
            ),
            "composites": selectors.composites_of(conference),
            "rulings": selectors.rulings_of(conference),
        },
    )


def _instructed(request: HttpRequest, conference: Conference) -> list[tuple[Any, Any]]:
    """The delegations whose instructions the reader sees (the one they sit in, those of the
    units they are officers of), each with its instructions on the items going forward."""
    delegations = delegations_instructed_for(request.user, conference)
    if not delegations:
        return []
    items = selectors_mandates.items_going_forward(conference)
    return [
        (delegation, selectors_mandates.instructions_shown(delegation, items))
        for delegation in delegations
    ]


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


@require_safe
@login_required
def motion_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        motion = access_motion_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error
    open_to_amendments = timezone.localdate() <= motion.conference.amendments_by
    return render(
        request,
        "conferences/motion.html",
        {
            "motion": motion,
            "conference": motion.conference,
            "lines": text_lines(parse_document(motion.document_source())),
            "amendments": selectors.amendments_shown(motion, texts=False),
            "may_amend": open_to_amendments and bool(bodies_amending_for(request.user, motion)),
            "may_accept": may_accept_amendments(request.user, motion),
            "standing": selectors.standing_of(motion),
            "rulings": motion.rulings.order_by("number"),
            "comparison": text_compared(motion.amends, motion.text) if motion.amends else None,
            "programme_changes": diff_documents(
                parse_document(motion.amends_programme.text),
                parse_document(motion.document_source()),
            )
            if motion.amends_programme
            else None,
            "decision": selectors.decision_of(motion),
        },
    )


@login_required
def motion_submit(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    bodies = bodies_submitting_for(request.user, conference)
    if not bodies:
        raise Http404(_("Only the officers of a body that sends delegates submit its motions."))
    member = _membership(request.user)
    initial: dict[str, Any] = {"meeting_on": timezone.localdate()}
    # A rule change or a programme amendment starts from the document as it stands, to be
    # edited where it changes it.
    rules = latest_version(conference.body) if "rules" in request.GET else None
    programme = selectors.programme_latest(conference.body) if "programme" in request.GET else None
    if rules is not None:
        initial |= {"text": rules.text, "amends_version": rules.number}
    elif programme is not None:
        initial |= {"text": programme.text, "amends_programme_version": programme.number}
    form = MotionForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        if member is None:
            form.add_error(None, _("Only a member can submit a motion."))
        else:
            try:
                motion = services.motion_submit(
                    person=request.user,
                    member=member,
                    conference=conference,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    amends_version=form.cleaned_data["amends_version"],
                    amends_programme_version=form.cleaned_data["amends_programme_version"],
                    **_meeting_decision(form.cleaned_data),
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The motion is submitted."))
                return redirect(motion)
    return render(
        request,
        "conferences/motion_submit.html",
        {
            "conference": conference,
            "body": conference.body,
            "form": form,
            "rule_change": rules is not None or bool(request.POST.get("amends_version")),
            "programme_amendment": programme is not None
            or bool(request.POST.get("amends_programme_version")),
            "has_rules": latest_version(conference.body) is not None,
            "has_programme": selectors.programme_latest(conference.body) is not None,
        },
    )


def _meeting_decision(data: dict[str, Any]) -> dict[str, Any]:
    """The body and the decision of its meeting, as the motion and amendment forms take them."""
    names = ("body", "meeting_on", "votes_for", "votes_against", "votes_abstain")
    return {name: data[name] for name in names}


@login_required
def amendment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        motion = access_motion_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error
    bodies = bodies_amending_for(request.user, motion)
    if not bodies:
        raise Http404(_("Only the officers of another body that sends delegates amend a motion."))
    member = _membership(request.user)
    form = AmendmentForm(
        request.POST or None,
        bodies=bodies,
        initial={"meeting_on": timezone.localdate(), "text": motion.text},
    )
    if request.method == "POST" and form.is_valid():
        if member is None:
            form.add_error(None, _("Only a member can submit an amendment."))
        else:
            try:
                amendment = services.amendment_submit(
                    person=request.user,
                    member=member,
                    motion=motion,
                    text=form.cleaned_data["text"],
                    **_meeting_decision(form.cleaned_data),
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The amendment is submitted."))
                return redirect(amendment)
    return render(
        request,
        "conferences/amendment_submit.html",
        {"motion": motion, "conference": motion.conference, "form": form},
    )


@require_POST
@login_required
def amendment_accept(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = Amendment.objects.filter(pk=pk).first()
    try:
        if amendment is None:
            raise AccessDenied(_("There is no such motion, or you may not see it."))
        amendment.motion = access_motion_for_person(person=request.user, pk=amendment.motion_id)
    except AccessDenied as error:
        raise Http404(error.message) from error
    member = _membership(request.user)
    try:
        if member is None:
            raise NotPermitted(_("Only a member can accept an amendment."))
        services.amendment_accept_as_friendly(
            person=request.user, member=member, amendment=amendment
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The amendment is accepted as friendly."))
    return redirect(amendment)
