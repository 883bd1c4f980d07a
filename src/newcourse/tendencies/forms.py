from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PLATFORM_MAX_LENGTH
from .services import NAME_MAX_LENGTH, REASON_MAX_LENGTH


class ProposeForm(forms.Form):
    name = forms.CharField(label=_("Name of the tendency"), max_length=NAME_MAX_LENGTH)
    platform = forms.CharField(
        label=_("Its platform"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=PLATFORM_MAX_LENGTH,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional, kept with the withdrawn signature)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
    )
