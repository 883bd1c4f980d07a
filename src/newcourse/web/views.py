"""The pages that show every room's part at once: a member's dashboard and a body's page.

They sit above the apps (which must not know each other's pages), asking each app's
selectors and access functions for its part.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from newcourse.conferences import access as conference_access
from newcourse.conferences import selectors as conference_selectors
from newcourse.discipline import selectors as discipline_selectors
from newcourse.elections import selectors as election_selectors
from newcourse.offices import access as office_access
from newcourse.offices import selectors as office_selectors
from newcourse.organisation import access as organisation_access
from newcourse.organisation import selectors as organisation_selectors
from newcourse.organisation.models import Body
from newcourse.organisation.officers import Power
from newcourse.record import selectors as record_selectors
from newcourse.record.models import RecordEntry
from newcourse.refusals import AccessDenied


def _body_or_404(request: HttpRequest, slug: str) -> Body:
    try:
        return organisation_access.access_body_for_person(person=request.user, slug=slug)
    except AccessDenied as error:
        raise Http404(error.message) from error


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = organisation_selectors.member_for_person(request.user)
    return render(
        request,
        "web/dashboard.html",
        {
            "membership": membership,
            "bodies": organisation_selectors.bodies_for_person(request.user),
            "elections": election_selectors.elections_for_member(membership),
            "needs": election_selectors.needs_of(membership),
            "cases": discipline_selectors.cases_for_member(membership, timezone.localdate()),
        },
    )


@login_required
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    total, children = organisation_selectors.body_overview(body)
    recent = record_selectors.entries_seen_by(
        RecordEntry.objects.for_body_tree(body).order_by("-seq")[:10],
        organisation_access.record_reader_for_person(request.user),
    )
    return render(
        request,
        "web/body_detail.html",
        {
            "body": body,
            "ancestors": body.ancestors(),
            "member_total": total,
            "children": children,
            "officers": organisation_selectors.officers_of(body),
            # Each officer sees only the actions their office's powers allow.
            "keeps_register": organisation_access.holds_power_over(
                request.user, body, Power.REGISTER
            ),
            "creates_offices": office_access.may_create_offices(request.user, body),
            "recent": recent,
            "offices": office_selectors.offices_of(body),
            "elections": election_selectors.elections_for_body_tree(body)[:10],
            "petitions": election_selectors.open_petitions(body),
            "conferences": conference_selectors.conferences_within(body),
            "calls_conference": conference_access.may_call_conference(request.user, body),
        },
    )
