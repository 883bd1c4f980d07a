"""The hall's pages: the floor (what a delegate sees on their phone, and the chair's console
beside it for the standing orders committee), the projector for the big screen, and the
state they all show, which the hall's live channel keeps current (`channels`).

Reading needs only to see the conference's body; every act is a service's, which checks
who may."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newcourse.conferences.models import Amendment, Composite, Conference, Credential, Motion
from newcourse.conferences.views import _conference, _membership
from newcourse.organisation.models import Member
from newcourse.refusals import NotPermitted, Refused

from . import selectors, selectors_speakers, services
from .access import access_floor_vote_for_person, credential_of, may_chair, may_check_in
from .channels import channel_of
from .forms import (
    CastForm,
    CheckInForm,
    DeclareForm,
    DemandForm,
    FloorOpenForm,
    SpeakersListForm,
    TakeUpForm,
    VoteCloseForm,
    VoteOpenForm,
)
from .models import CheckIn, FloorVoter, Speaker


def _page(request: HttpRequest, conference: Conference, **forms: Any) -> HttpResponse:
    person = request.user
    credential = credential_of(person, conference)
    state = selectors.hall_state(conference)
    vote = state["vote"]
    check_in = selectors.check_in_of(credential) if credential else None
    statistics = selectors_speakers.statistics(conference)
    chair = may_chair(person, conference)
    return render(
        request,
        "floor/hall.html",
        {
            **state,
            "body": conference.body,
            "credential": credential,
            "present": check_in is not None and check_in.left_at is None,
            "voted": bool(vote and credential and selectors.has_voted(vote, credential)),
            "chair": chair,
            "steward": may_check_in(person, conference),
            "votes": selectors.votes_of(conference),
            "open_form": forms.get("open_form")
            or (VoteOpenForm(conference=conference) if chair else None),
            "close_form": forms.get("close_form") or VoteCloseForm(),
            "check_in_form": forms.get("check_in_form") or CheckInForm(),
            "floor_form": FloorOpenForm(
                initial={"self_check_in": bool(state["floor"] and state["floor"].self_check_in)}
            ),
            "take_up_form": TakeUpForm(
                conference=conference,
                initial={"item": state["floor"].debating_id if state["floor"] else None},
            ),
            "error": forms.get("error"),
            "declare_form": DeclareForm(initial={"gender": check_in.gender if check_in else ""}),
            "list_form": SpeakersListForm(instance=state["floor"]) if state["floor"] else None,
            "asking": Speaker.objects.filter(
                credential=credential, state=Speaker.State.WAITING, item=state["floor"].debating
            )
            if credential and state["floor"] and state["floor"].debating
            else [],
            "statistics": statistics,
            "by_gender": [
                (CheckIn.Gender(gender).label if gender else _("not declared"), tally)
                for gender, tally in statistics.by_gender.items()
                if tally.speeches
            ],
            "channel": channel_of(conference.pk),
            "voted_ids": " ".join(
                str(pk)
                for pk in FloorVoter.objects.filter(
                    credential=credential, vote__conference=conference
                ).values_list("vote", flat=True)
            )
            if credential
            else "",
        },
    )


# The stewards' console may use the camera to scan credential cards; every other page may not
# (web.security's policy).
CAMERA_FOR_STEWARDS = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"


@require_safe
@login_required
def floor_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    response = _page(request, conference)
    if may_check_in(request.user, conference):
        response["Permissions-Policy"] = CAMERA_FOR_STEWARDS
    return response


@require_safe
@login_required
def floor_projector(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return render(
        request,
        "floor/projector.html",
        {"conference": conference, "channel": channel_of(conference.pk)},
    )


def _member(request: HttpRequest) -> Member:
    member = _membership(request.user)
    if member is None:
        raise NotPermitted(_("Only a member acts on the floor."))
    return member


def _done(request: HttpRequest, conference: Conference, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("floor", pk=conference.pk)


def act(
    request: HttpRequest,
    conference: Conference,
    service: Callable[[Member], Any],
    said: Callable[[Any], str],
    **forms: Any,
) -> HttpResponse:
    """Call `service` for the member acting; back to the floor with what `said` makes of its
    result, or the floor again with the refusal's reason (and `forms` as they were filled)."""
    try:
        result = service(_member(request))
    except Refused as refusal:
        return _page(request, conference, error=refusal.message, **forms)
    return _done(request, conference, said(result))


def _valid(form: Any, message: str) -> Any:
    """The form's data, or the refusal `message` when it does not hold."""
    if not form.is_valid():
        raise NotPermitted(message)
    return form.cleaned_data


@require_POST
@login_required
def floor_open(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    form = FloorOpenForm(request.POST)
    form.is_valid()
    return act(
        request,
        conference,
        lambda member: services.floor_open(
            person=request.user,
            member=member,
            conference=conference,
            self_check_in=form.cleaned_data.get("self_check_in", False),
        ),
        lambda _floor: _("The floor is open."),
    )


@require_POST
@login_required
def floor_take_up(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)

    def take_up(member: Member) -> Any:
        item_pk = _valid(
            TakeUpForm(request.POST, conference=conference), _("Choose an item of the agenda.")
        ).get("item")
        return services.floor_take_up(
            person=request.user,
            member=member,
            conference=conference,
            item=conference.agenda.filter(pk=item_pk).first() if item_pk else None,
        )

    return act(
        request, conference, take_up, lambda _floor: _("The projector shows the item under debate.")
    )


@require_POST
@login_required
def delegate_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _page(request, conference, check_in_form=form)
    return act(
        request,
        conference,
        lambda member: services.delegate_check_in(
            person=request.user,
            member=member,
            conference=conference,
            token=form.cleaned_data["token"],
            remote=form.cleaned_data["remote"],
        ),
        lambda check_in: (
            _("%(delegate)s is checked in.") % {"delegate": check_in.credential.term.member}
        ),
        check_in_form=form,
    )


@require_POST
@login_required
def delegate_check_out(request: HttpRequest, pk: int, credential: int) -> HttpResponse:
    conference = _conference(request, pk)
    held = Credential.objects.filter(conference=conference, pk=credential).first()
    if held is None:
        raise Http404(_("There is no such credential."))
    return act(
        request,
        conference,
        lambda member: services.delegate_check_out(
            person=request.user, member=member, credential=held
        ),
        lambda _check_in: _("%(delegate)s is checked out.") % {"delegate": held.term.member},
    )


def _item(key: str) -> dict[str, Any]:
    """The motion, amendment or composite a form names ("motion:12"); none for ""."""
    if not key:
        return {}
    kind, _sep, pk = key.partition(":")
    model = {"motion": Motion, "amendment": Amendment, "composite": Composite}[kind]
    return {kind: model.objects.get(pk=int(pk))}


@require_POST
@login_required
def floor_vote_open(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    form = VoteOpenForm(request.POST, conference=conference)
    if not form.is_valid():
        return _page(request, conference, open_form=form)
    return act(
        request,
        conference,
        lambda member: services.floor_vote_open(
            person=request.user,
            member=member,
            conference=conference,
            kind=form.cleaned_data["kind"],
            question=form.cleaned_data["question"],
            **_item(form.cleaned_data["item"]),
        ),
        lambda vote: _("Vote %(n)s is open.") % {"n": vote.number},
        open_form=form,
    )


@require_POST
@login_required
def floor_vote_cast(request: HttpRequest, pk: int, vote: int) -> HttpResponse:
    conference = _conference(request, pk)
    held = access_floor_vote_for_person(person=request.user, conference=conference, pk=vote)
    return act(
        request,
        conference,
        lambda member: services.floor_vote_cast(
            person=request.user,
            member=member,
            vote=held,
            choice=_valid(CastForm(request.POST), _("Vote for, against or abstain."))["choice"],
        ),
        lambda _cast: _("Your vote is in."),
    )


@require_POST
@login_required
def floor_vote_close(request: HttpRequest, pk: int, vote: int) -> HttpResponse:
    conference = _conference(request, pk)
    held = access_floor_vote_for_person(person=request.user, conference=conference, pk=vote)
    form = VoteCloseForm(request.POST)
    if not form.is_valid():
        return _page(request, conference, close_form=form)
    return act(
        request,
        conference,
        lambda member: services.floor_vote_close(
            person=request.user,
            member=member,
            vote=held,
            now=timezone.now(),
            **form.cleaned_data,
        ),
        lambda closed: (
            _("Vote %(n)s: %(outcome)s.")
            % {"n": closed.number, "outcome": closed.get_outcome_display()}
        ),
        close_form=form,
    )


@require_POST
@login_required
def floor_demand(request: HttpRequest, pk: int, vote: int) -> HttpResponse:
    conference = _conference(request, pk)
    held = access_floor_vote_for_person(person=request.user, conference=conference, pk=vote)
    return act(
        request,
        conference,
        lambda member: services.floor_demand(
            person=request.user,
            member=member,
            vote=held,
            kind=_valid(
                DemandForm(request.POST),
                _("Demand a card vote, a majority in each section or the women's vote."),
            )["kind"],
        ),
        lambda _demand: _("Your demand is made."),
    )


@require_POST
@login_required
def delegate_declare(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)

    def declare(member: Member) -> Any:
        credential = credential_of(request.user, conference)
        if credential is None:
            raise NotPermitted(_("Only a delegate declares."))
        gender = _valid(
            DeclareForm(request.POST), _("Declare woman, man or non-binary, or nothing.")
        )["gender"]
        return services.delegate_declare(
            person=request.user, member=member, credential=credential, gender=gender
        )

    return act(request, conference, declare, lambda _check_in: _("Saved."))
