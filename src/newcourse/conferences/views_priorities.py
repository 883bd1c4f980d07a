"""A conference's priorities ballot: its page (the topics, the turnout, the delegate's paper
while voting is open, the count's report once counted) and the standing orders committee's
form that opens it.

Reading needs only to see the conference's body; voting, a place on the ballot's frozen
electorate; opening it, a seat on the standing orders committee (the services check each)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newcourse.refusals import NotPermitted, Refused

from . import selectors, services
from .access import may_act_for_committee
from .forms import PrioritiesOpenForm, PrioritiesVoteForm
from .models import CommitteeRole, Conference, PrioritiesBallot
from .views import _conference, _membership


def _page(
    request: HttpRequest,
    conference: Conference,
    form: PrioritiesVoteForm | None = None,
) -> HttpResponse:
    ballot = selectors.priorities_ballot_of(conference)
    member = _membership(request.user)
    topics = selectors.priorities_topics(ballot) if ballot else []
    voted = selectors.priorities_voted(ballot, member) if ballot else None
    voting = (
        ballot is not None
        and ballot.state == PrioritiesBallot.State.OPEN
        and timezone.now() < ballot.closes_at
    )
    if form is None and voting and voted is False and ballot is not None:
        form = PrioritiesVoteForm(topics=topics, choices=ballot.choices)
    count: dict[str, Any] = ((ballot.result or {}).get("count") if ballot else None) or {}
    return render(
        request,
        "conferences/priorities.html",
        {
            "conference": conference,
            "body": conference.body,
            "ballot": ballot,
            "topics": topics,
            "voting": voting,
            "voted": voted,
            "form": form,
            "turnout": selectors.priorities_turnout(ballot) if ballot else 0,
            "count": count,
            "may_open": ballot is None
            and may_act_for_committee(request.user, conference, CommitteeRole.STANDING_ORDERS),
        },
    )


@require_safe
@login_required
def priorities_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _conference(request, pk))


@require_POST
@login_required
def priorities_vote(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    ballot = selectors.priorities_ballot_of(conference)
    if ballot is None:
        raise Http404(_("This conference has no priorities ballot."))
    form = PrioritiesVoteForm(
        request.POST, topics=selectors.priorities_topics(ballot), choices=ballot.choices
    )
    if form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can vote."))
            services.priorities_vote(
                person=request.user, member=member, ballot=ballot, topics=form.topic_ids()
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your paper is in the box. Nothing records how you voted."))
            return redirect("conference_priorities", pk=conference.pk)
    return _page(request, conference, form)


@login_required
def priorities_open(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if not may_act_for_committee(request.user, conference, CommitteeRole.STANDING_ORDERS):
        raise Http404(_("Only the members of the standing orders committee open the ballot."))
    form = PrioritiesOpenForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        member = _membership(request.user)
        try:
            if member is None:
                raise NotPermitted(_("Only a member can open the ballot."))
            services.priorities_open(
                person=request.user,
                member=member,
                conference=conference,
                choices=form.cleaned_data["choices"],
                priorities=form.cleaned_data["priorities"],
                closes_at=form.cleaned_data["closes_at"],
                topics=form.cleaned_data["topics"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The priorities ballot is open."))
            return redirect("conference_priorities", pk=conference.pk)
    return render(
        request,
        "conferences/priorities_open.html",
        {"conference": conference, "body": conference.body, "form": form},
    )
