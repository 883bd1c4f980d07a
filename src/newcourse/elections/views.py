"""Election pages: thin views over `access`, `selectors` and `services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newcourse.offices import access as office_access
from newcourse.offices import selectors as office_selectors
from newcourse.offices.models import Term
from newcourse.refusals import AccessDenied, Refused

from . import access, publication, selectors, services
from .forms import (
    AcceptForm,
    ApprovalBallotForm,
    NominateForm,
    RankedBallotForm,
    RecallBallotForm,
    RecallForm,
    ReceiptForm,
)
from .models import Candidate, ElectionStatus
from .results import result_view
from .views_verifiable import detail_context, vote_encrypted


def _or_404(getter: Any, **kwargs: Any) -> Any:
    try:
        return getter(**kwargs)
    except AccessDenied as error:
        raise Http404(error.message) from error


@login_required
def office_detail(request: HttpRequest, pk: int) -> HttpResponse:
    office = _or_404(office_access.access_office_for_person, person=request.user, pk=pk)
    return render(
        request,
        "elections/office_detail.html",
        {
            "office": office,
            "rules": office_selectors.office_rules(office),
            "holders": office_selectors.current_terms()
            .filter(office=office)
            .select_related("member__person"),
            "elections": office.elections.order_by("-voting_closes_at")[:20],
            "petitions": selectors.open_petitions(office.body).filter(term__office=office),
            # The election under way, if any: a vacant office then says so, not "opens by itself".
            "under_way": office.elections.exclude(status=ElectionStatus.DECLARED)
            .order_by("voting_closes_at")
            .first(),
        },
    )


@login_required
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = _or_404(access.access_election_for_person, person=request.user, pk=pk)
    status = selectors.status_implied(election)
    member = access.member_or_none(request.user)
    candidates = election.candidates.select_related(
        "member__person", "nominated_by__person", "seconded_by__person"
    )
    return render(
        request,
        "elections/election_detail.html",
        {
            "election": election,
            "status": status,
            "timetable_failure": access.access_timetable_failure_for_person(
                person=request.user, election=election
            ),
            "office": election.office,
            "member": member,
            "standing": [c for c in candidates if c.is_standing],
            "pending": [c for c in candidates if not c.is_standing and not c.withdrawn_at],
            "elector": selectors.elector_for(election, member),
            "ballots_cast": election.electors.filter(has_voted=True).count(),
            "nominate_form": NominateForm(),
            "query": request.GET.get("q", "")[:100],
            "matches": selectors.nominees_matching(election, member, request.GET.get("q", "")),
            "accept_form": AcceptForm(),
            "result": result_view(election) if status == ElectionStatus.DECLARED else None,
            **detail_context(election, request.user),
        },
    )


@login_required
@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    election = _or_404(access.access_election_for_person, person=request.user, pk=pk)
    form = NominateForm(request.POST)
    if form.is_valid():
        try:
            nominator = access.member_acting(request.user)
            nomination = services.candidate_nominate_by_number(
                nominator=nominator, election=election, number=form.cleaned_data["number"]
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("%(name)s is nominated. They stand once seconded and once they accept.")
                % {"name": nomination.member.person},
            )
    else:
        messages.error(request, _("Give the membership number of the member you nominate."))
    return redirect(election)


def _candidate_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    candidate = Candidate.objects.select_related("election").filter(pk=pk).first()
    if candidate is None:
        raise Http404
    election = _or_404(
        access.access_election_for_person, person=request.user, pk=candidate.election_id
    )
    try:
        member = access.member_acting(request.user)
        if action == "second":
            services.candidate_second(seconder=member, candidate=candidate)
            messages.success(request, _("You seconded the nomination."))
        elif action == "accept":
            form = AcceptForm(request.POST)
            statement = form.cleaned_data["statement"] if form.is_valid() else ""
            services.candidate_accept(member=member, candidate=candidate, statement=statement)
            messages.success(request, _("You accepted the nomination."))
        else:
            services.candidate_withdraw(member=member, candidate=candidate)
            messages.success(request, _("You withdrew from the election."))
    except Refused as refusal:
        messages.error(request, refusal.message)
    return redirect(election)


@login_required
@require_POST
def candidate_second(request: HttpRequest, pk: int) -> HttpResponse:
    return _candidate_action(request, pk, "second")


@login_required
@require_POST
def candidate_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _candidate_action(request, pk, "accept")


@login_required
@require_POST
def candidate_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _candidate_action(request, pk, "withdraw")


@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the ballot, see what will be counted, confirm: three steps, no JavaScript needed."""
    member = access.member_or_none(request.user)
    election = _or_404(
        access.access_election_for_person, person=request.user, pk=pk, membership=member
    )
    if election.encrypted:
        return vote_encrypted(request, election, member)
    casting = request.method == "POST" and request.POST.get("confirm") == "yes"
    # The final POST is checked by ballot_cast itself, under the elector's lock.
    refusal = None if casting else _why_not_vote(election, selectors.elector_for(election, member))
    if refusal or member is None:
        messages.error(request, refusal or _("Only members can vote."))
        return redirect(election)
    candidates = list(
        election.candidates.standing()
        .select_related("member__person")
        .order_by("member__person__full_name", "pk")
    )
    kind = ballot_kind(election)
    if kind == "recall":
        form: Any = RecallBallotForm(request.POST or None)
    elif kind == "approval":
        form = ApprovalBallotForm(request.POST or None, candidates=candidates)
    else:
        form = RankedBallotForm(request.POST or None, election=election, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            if kind == "recall":
                choices = [form.cleaned_data["choice"]]
            elif kind == "approval":
                choices = form.approvals()
            else:
                choices = form.ranking()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.POST.get("confirm") == "yes":
                try:
                    receipt = services.ballot_cast(
                        election=election,
                        member=member,
                        choices=choices,
                        standing=[str(c.pk) for c in candidates],
                        form_key=request.POST.get("form_key", ""),
                    )
                except Refused as refusal_:
                    messages.error(request, refusal_.message)
                    return redirect(election)
                return render(
                    request,
                    "elections/receipt.html",
                    {"election": election, "receipt": receipt},
                )
            by_id = {str(c.pk): c for c in candidates}
            chosen = [by_id[c] for c in choices if c in by_id]
            return render(
                request,
                "elections/vote_confirm.html",
                {
                    "election": election,
                    "form": form,
                    "kind": kind,
                    "hidden": _hidden_fields(form),
                    # Sent again after a lost answer, this form gets the same receipt.
                    "form_key": services.new_form_key(),
                    "choices": choices,
                    "ranked": chosen if kind != "approval" else [],
                    "approved": chosen if kind == "approval" else [],
                },
            )
    return render(
        request,
        "elections/vote.html",
        {"election": election, "form": form, "candidates": candidates, "kind": kind},
    )


def ballot_kind(election: Any) -> str:
    """How the ballot paper is marked: "recall" (yes or no), "plurality" (one candidate),
    "approval" (a tick for each candidate approved of) or "ranked" (numbered preferences)."""
    if election.is_recall:
        return "recall"
    if election.method in {"plurality", "approval"}:
        return str(election.method)
    return "ranked"


def _hidden_fields(form: Any) -> list[tuple[str, str]]:
    """The marked ballot again, as (name, value) pairs for the confirmation's hidden inputs:
    a field with several values (the approvals) gives one pair per value."""
    pairs = []
    for field in form:
        value = field.value()
        for item in value if isinstance(value, list | tuple) else [value]:
            if item:
                pairs.append((field.html_name, str(item)))
    return pairs


def _why_not_vote(election: Any, elector: Any) -> str | None:
    status = selectors.status_implied(election)
    if status in {ElectionStatus.SCHEDULED, ElectionStatus.NOMINATIONS}:
        return _("Voting has not opened yet.")
    if status != ElectionStatus.VOTING:
        return _("Voting has closed.")
    if election.status != ElectionStatus.VOTING:
        return _("Voting opens in a moment, once the electorate is fixed: try again shortly.")
    if elector is None:
        return _("You are not on the electorate of this election.")
    if elector.has_voted:
        return _("You have already voted in this election.")
    return None


@login_required
def ballots(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymised ballots, once counted: find yours by its receipt."""
    election = _or_404(access.access_election_for_person, person=request.user, pk=pk)
    if election.encrypted:
        return redirect("board", pk=election.pk)  # encrypted ballots are on the board
    if election.counted_at is None:
        raise Http404(_("The ballots are published when the count is done."))
    form = ReceiptForm(request.GET or None)
    names = {
        str(c.pk): c.member.person.full_name
        for c in election.candidates.select_related("member__person")
    }
    names.update({"yes": _("Yes"), "no": _("No")})
    approval = ballot_kind(election) == "approval"

    def marked(choices: list[str]) -> list[str]:
        # An approval ballot has no order: its candidates are listed by name.
        shown = [names.get(c, c) for c in choices]
        return sorted(shown, key=str.casefold) if approval else shown

    rows = election.ballots.order_by("receipt")
    found = None
    if form.is_valid() and form.cleaned_data["receipt"]:
        code = form.cleaned_data["receipt"].strip().upper()
        found = rows.filter(receipt=code).first()
        if found is None:
            messages.error(request, _("No ballot has that receipt."))
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "elections/ballots.html",
        {
            "election": election,
            "form": form,
            "found": found,
            "approval": approval,
            "found_choices": marked(found.choices) if found else [],
            "page": page,
            "rows": [(b, marked(b.choices)) for b in page.object_list],
        },
    )


@login_required
def ballots_blt(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymised ballots as a BLT file, for a recount with any program."""
    election = _or_404(access.access_election_for_person, person=request.user, pk=pk)
    try:
        text = publication.ballots_blt(election)
    except Refused as refusal:
        raise Http404(refusal.message) from refusal
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="election-{election.pk}.blt"'
    return response


@login_required
def recall_open(request: HttpRequest, term_pk: int) -> HttpResponse:
    term = Term.objects.select_related("office__body", "member__person").filter(pk=term_pk).first()
    if term is None:
        raise Http404
    _or_404(office_access.access_office_for_person, person=request.user, pk=term.office_id)
    form = RecallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.recall_open(
                member=access.member_acting(request.user),
                term=term,
                reason=form.cleaned_data["reason"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The petition is open, with your signature."))
            return redirect(petition)
    return render(
        request,
        "elections/recall_open.html",
        {"term": term, "form": form, "rules": office_selectors.office_rules(term.office)},
    )


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _or_404(access.access_petition_for_person, person=request.user, pk=pk)
    if request.method == "POST":
        try:
            count = services.recall_sign(
                member=access.member_acting(request.user), petition=petition
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("You signed. %(count)d signatures so far.") % {"count": count}
            )
        return redirect(petition)
    petition.refresh_from_db()
    member = access.member_or_none(request.user)
    return render(
        request,
        "elections/petition_detail.html",
        {
            "petition": petition,
            "signatures": petition.signatures.count(),
            "signed": member is not None and petition.signatures.filter(member=member).exists(),
        },
    )
