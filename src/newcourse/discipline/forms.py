from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TEXT_MAX_LENGTH


class ChargeForm(forms.Form):
    accused = forms.CharField(label=_("Membership number of the accused"), max_length=40)
    clauses = forms.CharField(
        label=_("The clauses of the rulebook said to have been broken (such as 2.2, 6.5)"),
        max_length=200,
        required=False,
    )
    facts = forms.CharField(
        label=_("The facts"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_MAX_LENGTH
    )
    evidence = forms.CharField(
        label=_("The evidence"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX_LENGTH,
    )

    def cited(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["clauses"].split(",") if c.strip()]


class ReplyForm(forms.Form):
    statement = forms.CharField(
        label=_("Your written reply"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX_LENGTH,
    )
