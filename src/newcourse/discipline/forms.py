from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TEXT_MAX_LENGTH, Outcome


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


class HearingForm(forms.Form):
    on = forms.DateField(label=_("Date of the hearing"), widget=forms.DateInput({"type": "date"}))


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes of the hearing"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX_LENGTH,
    )


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of appeal"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX_LENGTH,
    )


class VoteForm(forms.Form):
    """What the panel voted, as its member acting for it records it: who voted for and who
    against (each a panel member sitting on the case), with the reasons."""

    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_MAX_LENGTH
    )
    votes_for = forms.MultipleChoiceField(
        label=_("Voted for"), widget=forms.CheckboxSelectMultiple, required=False
    )
    votes_against = forms.MultipleChoiceField(
        label=_("Voted against"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, sitting: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(m.pk), str(m.person)) for m in sitting]
        self.fields["votes_for"].choices = choices
        self.fields["votes_against"].choices = choices
        self.by_pk = {str(m.pk): m for m in sitting}

    def voters(self, name: str) -> list[Any]:
        return [self.by_pk[pk] for pk in self.cleaned_data[name]]


class DecisionForm(VoteForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(o.value, o.label) for o in Outcome if o != Outcome.LAPSED],
    )
    days = forms.IntegerField(label=_("Days of suspension"), min_value=1, required=False)


class SuspendForm(VoteForm):
    days = forms.IntegerField(label=_("Days of interim suspension"), min_value=1)


class AppealDecisionForm(VoteForm):
    upheld = forms.TypedChoiceField(
        label=_("The appeal"),
        choices=[("yes", _("Upheld: the decision is set aside")), ("no", _("Dismissed"))],
        coerce=lambda value: value == "yes",
    )
