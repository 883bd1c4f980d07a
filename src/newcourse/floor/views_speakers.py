"""The speakers' list from the floor's page: a delegate asks to speak and withdraws; the chair
places and removes requests, calls the next speaker, ends a speech and sets the list's rules.
Each act is a service's (`services.speakers`), which checks who may."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newcourse.conferences.models import Conference
from newcourse.refusals import NotPermitted

from . import selectors, services
from .forms import PlaceForm, SpeakersListForm
from .models import Speaker
from .views import _conference, act


def _speaker(conference: Conference, pk: int) -> Speaker:
    speaker = (
        Speaker.objects.filter(item__conference=conference, pk=pk)
        .select_related("item__conference", "credential__term")
        .first()
    )
    if speaker is None:
        raise Http404(_("There is no such request to speak."))
    return speaker


@require_POST
@login_required
def speaker_ask(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return act(
        request,
        conference,
        lambda member: services.speaker_ask(
            person=request.user,
            member=member,
            conference=conference,
            stance=request.POST.get("stance", ""),
        ),
        lambda _asked: _("You are on the list of speakers."),
    )


@require_POST
@login_required
def speaker_withdraw(request: HttpRequest, pk: int, speaker: int) -> HttpResponse:
    conference = _conference(request, pk)
    return act(
        request,
        conference,
        lambda member: services.speaker_withdraw(
            person=request.user, member=member, speaker=_speaker(conference, speaker)
        ),
        lambda _withdrawn: _("Your request is withdrawn."),
    )


def _position(request: HttpRequest) -> int | None:
    form = PlaceForm(request.POST)
    if not form.is_valid():
        raise NotPermitted(_("Place it at a position from 1."))
    position: int | None = form.cleaned_data["position"]
    return position


@require_POST
@login_required
def speaker_place(request: HttpRequest, pk: int, speaker: int) -> HttpResponse:
    conference = _conference(request, pk)
    return act(
        request,
        conference,
        lambda member: services.speaker_place(
            person=request.user,
            member=member,
            speaker=_speaker(conference, speaker),
            position=_position(request),
        ),
        lambda _placed: _("The list of speakers is changed."),
    )


@require_POST
@login_required
def speaker_remove(request: HttpRequest, pk: int, speaker: int) -> HttpResponse:
    conference = _conference(request, pk)
    return act(
        request,
        conference,
        lambda member: services.speaker_remove(
            person=request.user, member=member, speaker=_speaker(conference, speaker)
        ),
        lambda _removed: _("The list of speakers is changed."),
    )


@require_POST
@login_required
def speaker_next(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return act(
        request,
        conference,
        lambda member: services.speaker_next(
            person=request.user, member=member, conference=conference
        ),
        lambda called: (
            _("Nobody else is waiting to speak.")
            if called is None
            else _("%(speaker)s has the floor.") % {"speaker": called.credential}
        ),
    )


@require_POST
@login_required
def speaker_end(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return act(
        request,
        conference,
        lambda member: services.speaker_end(
            person=request.user, member=member, conference=conference
        ),
        lambda _ended: _("The speech has ended."),
    )


def _list_set(request: HttpRequest, conference: Conference, member: object) -> object:
    floor = selectors.floor_of(conference)
    if floor is None:
        raise Http404(_("The floor is not open."))
    form = SpeakersListForm(request.POST, instance=floor)
    if not form.is_valid():
        raise NotPermitted(_("Check the speaking times: whole seconds, 0 for no limit."))
    data = form.cleaned_data
    return services.speakers_list_set(
        person=request.user,
        member=member,  # type: ignore[arg-type]
        conference=conference,
        closed=data["list_closed"],
        alternate_stances=data["alternate_stances"],
        gender_order=data["gender_order"],
        progressive_stack=data["progressive_stack"],
        mover_seconds=data["mover_seconds"],
        speaker_seconds=data["speaker_seconds"],
        point_of_order_seconds=data["point_of_order_seconds"],
    )


@require_POST
@login_required
def speakers_list_set(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return act(
        request,
        conference,
        lambda member: _list_set(request, conference, member),
        lambda _floor: _("The list of speakers is changed."),
    )
