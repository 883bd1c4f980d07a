"""Due process's pages: a body's figures and its cases as the record shows them, filing a
charge, and a case file for its parties and panel, with the steps each may take. Thin views over
`access`, `selectors` and `services`. The steps of a case are POSTs to `case_act`,
one form each, shown to whoever may take the step."""

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
from .forms import (
    AppealDecisionForm,
    AppealForm,
    ChargeForm,
    DecisionForm,
    HearingForm,
    NotesForm,
    ReplyForm,
    SuspendForm,
)
from .models import Case, Outcome, Stage


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


def _seats(case: Case, member: Member | None) -> dict[str, list[Member]]:
    """The sitting panel of each stage the member sits on (empty where they do not)."""
    today = timezone.localdate()
    seats: dict[str, list[Member]] = {}
    for stage in (Stage.CASE, Stage.APPEAL):
        if stage == Stage.APPEAL and case.appeal_body_id is None:
            seats[stage] = []
            continue
        seated = selectors.sitting(case, stage, today)
        seats[stage] = seated if member is not None and member in seated else []
    return seats


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case: Case = _or_404(access.access_case_for_person, person=request.user, pk=pk)
    member = access.member_of(request.user)
    seats = _seats(case, member)
    return render(
        request,
        "discipline/case_detail.html",
        {
            "case": case,
            "is_accused": member is not None and member.pk == case.accused_id,
            "sits": bool(seats[Stage.CASE]),
            "sits_on_appeal": bool(seats[Stage.APPEAL]),
            "reply_form": ReplyForm(),
            "appeal_form": AppealForm(),
            "hearing_form": HearingForm(),
            "notes_form": NotesForm(),
            "decision_form": DecisionForm(sitting=seats[Stage.CASE]),
            "suspend_form": SuspendForm(sitting=seats[Stage.CASE]),
            "appeal_decision_form": AppealDecisionForm(sitting=seats[Stage.APPEAL]),
            "recusals": case.recusals.select_related("member__person"),
        },
    )


def _act(case: Case, member: Member, action: str, data: Any, seats: dict[str, list[Member]]) -> str:
    """Carry out one step from the case page; returns the message to show. Raises a refusal,
    or ValueError for a form that does not validate."""
    forms: dict[str, Any] = {
        "reply": ReplyForm(data),
        "appeal": AppealForm(data),
        "hearing": HearingForm(data),
        "heard": NotesForm(data),
        "decide": DecisionForm(data, sitting=seats[Stage.CASE]),
        "suspend": SuspendForm(data, sitting=seats[Stage.CASE]),
        "decide-appeal": AppealDecisionForm(data, sitting=seats[Stage.APPEAL]),
    }
    form = forms[action]
    if not form.is_valid():
        raise ValueError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    got = form.cleaned_data
    if action == "reply":
        services.case_reply(case=case, accused=member, statement=got["statement"])
        return _("Your reply is in the case file.")
    if action == "appeal":
        services.case_appeal(case=case, accused=member, grounds=got["grounds"])
        return _("Your appeal is lodged.")
    if action == "hearing":
        services.case_set_hearing(case=case, by=member, on=got["on"])
        return _("The hearing is set.")
    if action == "heard":
        services.case_hold_hearing(case=case, by=member, notes=got["notes"])
        return _("The hearing is recorded.")
    votes = {"votes_for": form.voters("votes_for"), "votes_against": form.voters("votes_against")}
    if action == "decide":
        services.case_decide(
            case=case,
            by=member,
            outcome=got["outcome"],
            days=got["days"],
            reasons=got["reasons"],
            **votes,
        )
        return _("The panel's decision is recorded.")
    if action == "suspend":
        services.case_suspend(
            case=case, by=member, days=got["days"], reasons=got["reasons"], **votes
        )
        return _("The interim suspension is recorded.")
    services.case_decide_appeal(
        case=case, by=member, upheld=got["upheld"], reasons=got["reasons"], **votes
    )
    return _("The appeal's decision is recorded.")


ACTIONS = ("reply", "appeal", "hearing", "heard", "decide", "suspend", "decide-appeal")


@require_POST
@login_required
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the case from its page, by a party or a panel member; the services decide
    who may take it, and a refusal comes back as a message."""
    case: Case = _or_404(access.access_case_for_person, person=request.user, pk=pk)
    member = access.member_of(request.user)
    if action not in ACTIONS or member is None:
        raise Http404(_("There is no such step."))
    try:
        done = _act(case, member, action, request.POST, _seats(case, member))
    except Refused as refusal:
        messages.error(request, refusal.message)
    except ValueError as invalid:
        messages.error(request, str(invalid))
    else:
        messages.success(request, done)
    return redirect(reverse("case", args=[case.pk]))
