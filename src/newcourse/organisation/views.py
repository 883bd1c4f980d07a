"""The organisation's pages: thin views over `access`, `selectors` and `services`.

The dashboard and the body page, which show every room's part, are in `newcourse.web.views`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from newcourse import ledger
from newcourse.fragments import render_page_or_fragment
from newcourse.record import selectors as record_selectors
from newcourse.record.models import RecordEntry
from newcourse.refusals import AccessDenied, Refused

from . import access, directory, roster, selectors, services
from .forms import AdmitForm, ImportForm, MemberSearchForm, StandingForm, StatusForm, TransferForm
from .models import Body


def _body_or_404(request: HttpRequest, slug: str) -> Body:
    try:
        return access.access_body_for_person(person=request.user, slug=slug)
    except AccessDenied as error:
        raise Http404(error.message) from error


def _directory_or_404(request: HttpRequest, body: Body) -> Any:
    try:
        return access.access_member_directory_for_person(person=request.user, body=body)
    except AccessDenied as error:
        raise Http404(error.message) from error


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    membership = selectors.member_for_person(request.user)
    history = selectors.member_history(membership) if membership else []
    return render(
        request, "organisation/profile.html", {"membership": membership, "history": history}
    )


@login_required
def body_record(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    entries = RecordEntry.objects.for_body_tree(body).order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    seen = record_selectors.entries_seen_by(
        page.object_list, access.record_reader_for_person(request.user)
    )
    return render(
        request, "organisation/body_record.html", {"body": body, "page": page, "seen": seen}
    )


@login_required
def record_download(request: HttpRequest) -> StreamingHttpResponse:
    """The whole open record in format `newcourse-record/1`, the file a verifier checks.

    Every member may have it: it holds only the public part of each entry, with commitments to
    the personal details, never the details themselves.
    """
    try:
        access.access_whole_record_for_person(person=request.user)
    except AccessDenied as error:
        raise Http404(error.message) from error
    response = StreamingHttpResponse(
        ledger.export_chunks(record_selectors.record_entries()),
        content_type="application/jsonl; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="record.jsonl"'
    return response


@login_required
def body_record_openings(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The personal details this reader may see in a body's record, one JSON line per entry
    (its number and hash, the salt and the fields), each checkable against the public record
    with `newcourse.ledger.verify_opening`."""
    body = _body_or_404(request, slug)
    reader = access.record_reader_for_person(request.user)
    entries = RecordEntry.objects.for_body_tree(body).order_by("seq").iterator(chunk_size=2000)
    lines = (
        ledger.canonical_bytes(opening) + b"\n"
        for opening in record_selectors.openings_seen_by(entries, reader)
    )
    response = StreamingHttpResponse(lines, content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="record-{body.slug}-private.jsonl"'
    return response


@login_required
def member_directory(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    members = _directory_or_404(request, body)
    form = MemberSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    refusal, status = "", 200
    try:
        page = directory.directory_page(
            members,
            body=body,
            query=query,
            after=request.GET.get("after", ""),
            before=request.GET.get("before", ""),
            page=request.GET.get("page", ""),
        )
    except Refused as error:
        page = directory.directory_page(members, body=body, query=query)
        refusal, status = error.message, error.status
    return render_page_or_fragment(
        request,
        page="organisation/member_directory.html",
        fragment="organisation/_directory_table.html",
        context={"body": body, "page": page, "form": form, "query": query, "refusal": refusal},
        status=status,
    )


@login_required
def member_admit(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    _directory_or_404(request, body)
    form = AdmitForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            member = services.member_admit(
                actor=request.user,
                email=data["email"],
                full_name=data["full_name"],
                body=data["branch"],
                joined_on=data["joined_on"],
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(name)s was admitted.") % {"name": member.person})
            return redirect("member", slug=body.slug, number=member.number)
    return render(request, "organisation/member_admit.html", {"body": body, "form": form})


@login_required
def member_detail(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    member = (
        _directory_or_404(request, body)
        .filter(number=number)
        .select_related("person", "body")
        .first()
    )
    if member is None:
        raise Http404(_("There is no such member in this body."))
    initial = {"version": member.version}
    forms = {
        "transfer": TransferForm(initial=initial, body=body, prefix="transfer"),
        "status": StatusForm(initial={**initial, "status": member.status}, prefix="status"),
        "standing": StandingForm(
            initial={**initial, "standing": member.standing}, prefix="standing"
        ),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in forms:
            raise Http404
        form_class = {"transfer": TransferForm, "status": StatusForm, "standing": StandingForm}[
            action
        ]
        extra = {"body": body} if action == "transfer" else {}
        form = form_class(request.POST, prefix=action, **extra)
        forms[action] = form
        if form.is_valid():
            data = form.cleaned_data
            common = {
                "actor": request.user,
                "member": member,
                "effective_on": data["effective_on"],
                "reason": data["reason"],
                "expected_version": data["version"],
            }
            try:
                if action == "transfer":
                    services.member_transfer(to_body=data["to_body"], **common)
                elif action == "status":
                    services.member_change_status(status=data["status"], **common)
                else:
                    services.member_set_standing(standing=data["standing"], **common)
            except Refused as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The membership was updated."))
                return redirect("member", slug=body.slug, number=member.number)
    return render(
        request,
        "organisation/member_detail.html",
        {
            "body": body,
            "member": member,
            "history": selectors.member_history(member),
            # An officer of a body beyond the viewer's register: say so instead of offering
            # changes the service would refuse.
            "beyond_reach": (
                ""
                if access.register_reaches_offices_of(request.user, member)
                else services.beyond_reach_message(member)
            ),
            "forms": forms,
        },
    )


@login_required
def members_import(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    _directory_or_404(request, body)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    problems: list[roster.RowProblem] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = roster.members_import(
                actor=request.user, body=body, text=form.cleaned_data["file"]
            )
        except roster.ImportRefused as refused:
            problems = refused.problems
    return render(
        request,
        "organisation/members_import.html",
        {
            "body": body,
            "form": form,
            "report": report,
            "problems": problems,
            "columns": roster.COLUMNS,
        },
    )


@login_required
def members_export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    body = _body_or_404(request, slug)
    _directory_or_404(request, body)
    response = StreamingHttpResponse(
        roster.members_export(body=body), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{body.slug}-members.csv"'
    return response
