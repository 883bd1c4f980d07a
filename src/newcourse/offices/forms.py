from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from newcourse.organisation.officers import Power

from .models import POWERLESS_KINDS, Office, OfficeKind, powers_by_kind


class OfficeForm(forms.ModelForm):
    """A new office of a body: vacant until its first election (which opens by itself)."""

    powers = forms.MultipleChoiceField(
        label=_("Powers"),
        choices=Power.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=powers_by_kind(OfficeKind.POST),
        help_text=_(
            "What its officers may do. A post or committee usually keeps the register and "
            "creates offices; tellers and delegations hold none."
        ),
    )

    class Meta:
        model = Office
        fields = [
            "title",
            "kind",
            "powers",
            "seats",
            "method",
            "verifiable",
        ]
        help_texts = {
            "verifiable": _(
                "Ballots encrypted in the voter's browser and counted by the body's elected "
                "tellers; anyone can check the count. Plurality and approval only, for now."
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("seats") is not None and data["seats"] < 1:
            self.add_error("seats", _("An office has at least one seat."))
        if data.get("powers") and data.get("kind") in POWERLESS_KINDS:
            self.add_error(
                "powers",
                _(
                    "Tellers only count, delegates have nothing administrative and the disputes "
                    "panel only judges: untick these."
                ),
            )
        return data
