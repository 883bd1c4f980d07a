from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from newcourse.organisation.models import Body

from . import selectors
from .models import NOTE_MAX_LENGTH, OWNER_MOVES, TASK_MAX_LENGTH, ActionStatus


def _decision_choices(body: Body, blank: str | None) -> list[tuple[str, str]]:
    choices = [("", blank)] if blank is not None else []
    return choices + [
        (str(d.pk), selectors.decision_title(d)) for d in selectors.carried_decisions_of(body)
    ]


class CreateForm(forms.Form):
    decision = forms.ChoiceField(label=_("The decision that asks for it"), required=False)
    decided = forms.CharField(
        label=_("What was decided (if not a conference decision above)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TASK_MAX_LENGTH,
        required=False,
    )
    task = forms.CharField(
        label=_("What is to be done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TASK_MAX_LENGTH,
    )
    owner = forms.ChoiceField(label=_("Who carries it out"))
    due_on = forms.DateField(
        label=_("Due by (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = _decision_choices(body, str(_("A meeting's decision")))
        offices = [
            (f"office:{office.pk}", str(office)) for office in selectors.owning_offices(body)
        ]
        bodies = [(f"body:{b.pk}", str(b)) for b in selectors.owning_bodies(body)]
        self.fields["owner"].choices = [
            (str(_("An office")), offices),
            (str(_("A body (its officers)")), bodies),
        ]


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    note = forms.CharField(
        label=_("Note (what was done, or why)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args: Any, status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, ActionStatus(value).label) for value in OWNER_MOVES[status]
        ]


class DropForm(forms.Form):
    decision = forms.ChoiceField(label=_("The later decision that drops it"))
    note = forms.CharField(
        label=_("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = _decision_choices(body, None)
