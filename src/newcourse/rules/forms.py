from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RuleChangeChoice, RulesVersion


class ProposeForm(forms.Form):
    """A rule change: a title, why, the whole new text, and when its vote opens."""

    title = forms.CharField(label=_("Title"), max_length=200)
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, required=False
    )
    text = forms.CharField(
        label=_("The new text"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        max_length=200_000,
        help_text=_(
            "Edit the text as it should read. A number the software enforces is written "
            "{name = value}; change the value, keep the name."
        ),
    )
    voting_opens_at = forms.DateTimeField(
        label=_("Voting opens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    takes_effect_on = forms.DateField(
        label=_("Takes effect on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty: the day it is carried."),
    )

    def __init__(self, *args: Any, earliest: datetime.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voting_opens_at"].help_text = _(
            "The rules require notice: %(earliest)s at the earliest."
        ) % {"earliest": timezone.localtime(earliest).strftime("%Y-%m-%d %H:%M")}

    @staticmethod
    def initial_for(
        version: RulesVersion | None, starter: str, earliest: datetime.datetime
    ) -> dict[str, Any]:
        return {
            "text": version.text if version else starter,
            "voting_opens_at": timezone.localtime(earliest).replace(second=0, microsecond=0)
            + datetime.timedelta(minutes=1),
        }


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=RuleChangeChoice.choices, widget=forms.RadioSelect
    )
