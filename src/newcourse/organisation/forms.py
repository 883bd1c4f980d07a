from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Body, MemberStatus, Standing


class AdmitForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Body.objects.none())
    joined_on = forms.DateField(
        label=_("Joined on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = body.subtree()
        self.fields["branch"].initial = body.pk


class MembershipChangeForm(forms.Form):
    """Carries the version the officer saw, so a change made meanwhile is not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    effective_on = forms.DateField(
        label=_("With effect from"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TransferForm(MembershipChangeForm):
    to_body = forms.ModelChoiceField(label=_("Transfer to"), queryset=Body.objects.none())

    field_order = ["to_body", "effective_on", "reason", "version"]

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_body"].queryset = body.subtree()


class StatusForm(MembershipChangeForm):
    status = forms.ChoiceField(label=_("New status"), choices=MemberStatus.choices)

    field_order = ["status", "effective_on", "reason", "version"]


class StandingForm(MembershipChangeForm):
    standing = forms.ChoiceField(label=_("Standing"), choices=Standing.choices)

    field_order = ["standing", "effective_on", "reason", "version"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster (CSV)"),
        help_text=_("Columns: number, email, full_name, branch, joined_on, status, standing."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.")
            ) from error


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name, email or number"), required=False, max_length=100)
