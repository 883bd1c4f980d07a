"""Office pages: thin views over `access` and `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from newcourse.refusals import AccessDenied, Refused

from . import access, services
from .forms import OfficeForm
from .models import OfficeKind, powers_by_kind


@login_required
def office_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A body's officers create a new office; it stays vacant until elected, and the
    timetable opens its first election."""
    try:
        body = access.access_body_for_office_creation(person=request.user, slug=slug)
    except AccessDenied as error:
        raise Http404(error.message) from error
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            office = services.office_create(actor=request.user, body=body, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("%(office)s was created. Its first election opens by itself.")
                % {"office": office.title},
            )
            return redirect(office)
    return render(
        request,
        "offices/office_new.html",
        {
            "body": body,
            "form": form,
            # For the page's script, which ticks the powers of the kind chosen.
            "powers_by_kind": {kind: powers_by_kind(kind) for kind in OfficeKind.values},
        },
    )
