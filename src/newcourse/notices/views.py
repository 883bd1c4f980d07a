"""A member's choices of notices, and the one-click unsubscribe that every notice carries."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .models import Delivery, Kind


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, widget=forms.RadioSelect
            )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.preferences_set(person=request.user, choices=form.cleaned_data)
            messages.success(request, _("Your choices are saved."))
            return redirect("notice_preferences")
    else:
        form = PreferencesForm(initial=services.preferences_of(request.user))
    return render(request, "notices/preferences.html", {"form": form})


@csrf_exempt  # the signed link is the credential; mail programs post it in one click
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link opened, or fetched by a mail scanner, changes nothing); POST stops."""
    found = services.unsubscribe_read(token)
    person = get_user_model().objects.filter(pk=found[0]).first() if found is not None else None
    if found is None or person is None:
        return render(request, "notices/unsubscribe.html", {"invalid": True}, status=404)
    kind = found[1]
    label = Kind(kind).label if kind != services.ALL_KINDS else _("any notice")
    done = request.method == "POST"
    if done:
        services.unsubscribe(person=person, kind=kind)
    return render(request, "notices/unsubscribe.html", {"label": label, "done": done})
