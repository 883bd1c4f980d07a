"""A body's programme: the version asked for (the latest by default) by numbered line, which
decision last changed each line, any two versions compared; the form on which the officers who
call its conferences write the first one.

Reading needs only to see the body; writing the first version, an office that calls its
conferences (the service checks again). Every later version is made by conference."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newcourse.documents import diff_documents, parse_document
from newcourse.organisation.access import access_body_for_person
from newcourse.organisation.models import Body
from newcourse.refusals import AccessDenied, NotPermitted, Refused
from newcourse.rules.selectors import text_lines

from . import selectors, services
from .access import may_call_conference
from .forms import ProgrammeForm
from .views import _membership


def _body(request: HttpRequest, slug: str) -> Body:
    try:
        return access_body_for_person(person=request.user, slug=slug)
    except AccessDenied as error:
        raise Http404(error.message) from error


def _number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@require_safe
@login_required
def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    versions = selectors.programme_versions(body)
    by_number = {version.number: version for version in versions}
    asked = _number(request, "version")
    if asked is not None and asked not in by_number:
        raise Http404(_("There is no such version of the programme."))
    version = by_number.get(asked or 0) or (versions[-1] if versions else None)
    other = by_number.get(_number(request, "compare") or 0)
    if version is not None and (other is None or other.number == version.number):
        other = by_number.get(version.number - 1)
    hunks = ()
    if version is not None and other is not None:
        older, newer = sorted((other, version), key=lambda each: each.number)
        hunks = diff_documents(parse_document(older.text), parse_document(newer.text))
    return render(
        request,
        "conferences/programme.html",
        {
            "body": body,
            "versions": versions,
            "version": version,
            "other": other,
            "hunks": hunks,
            "lines": text_lines(parse_document(version.text)) if version else [],
            "changed": selectors.programme_lines_changed(versions, version) if version else [],
            "may_found": not versions and may_call_conference(request.user, body),
        },
    )


@login_required
def programme_found(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    if not may_call_conference(request.user, body):
        raise Http404(_("Only the officers who call the body's conferences write its programme."))
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can write the programme."))
            services.programme_found(
                person=request.user, member=member, body=body, text=form.cleaned_data["text"]
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The programme is written: only conference changes it."))
            return redirect("programme", slug=body.slug)
    return render(request, "conferences/programme_found.html", {"body": body, "form": form})
