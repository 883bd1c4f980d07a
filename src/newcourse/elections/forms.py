from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Candidate, Election


class NominateForm(forms.Form):
    number = forms.CharField(
        label=_("Membership number of the member you nominate"),
        max_length=40,
        help_text=_("You may nominate yourself; someone else must second."),
    )


class AcceptForm(forms.Form):
    statement = forms.CharField(
        label=_("Your statement to the voters"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should this officer be recalled?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class RankedBallotForm(forms.Form):
    """One select per candidate: works without JavaScript; the page's script adds
    click-to-rank on top of the same fields."""

    def __init__(self, *args: Any, election: Election, candidates: list[Candidate], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        single = election.method == "plurality"
        top = 1 if single else len(candidates)
        choices = [("", _("—"))] + [(str(n), str(n)) for n in range(1, top + 1)]
        for candidate in candidates:
            self.fields[f"c{candidate.pk}"] = forms.ChoiceField(
                label=candidate.member.person.full_name, choices=choices, required=False
            )

    def ranking(self) -> list[str]:
        """Candidate ids in preference order, or a ValidationError saying what is wrong."""
        marks: dict[int, list[str]] = {}
        for candidate in self.candidates:
            value = self.cleaned_data.get(f"c{candidate.pk}")
            if value:
                marks.setdefault(int(value), []).append(str(candidate.pk))
        if not marks:
            raise forms.ValidationError(_("Your ballot is empty: give at least one preference."))
        repeated = [n for n, ids in marks.items() if len(ids) > 1]
        if repeated:
            raise forms.ValidationError(
                _("You gave preference %(n)d to more than one candidate; each number once only.")
                % {"n": repeated[0]}
            )
        expected = list(range(1, len(marks) + 1))
        if sorted(marks) != expected:
            missing = next(n for n in expected if n not in marks)
            raise forms.ValidationError(
                _("Your preferences skip number %(n)d: number them 1, 2, 3… without gaps.")
                % {"n": missing}
            )
        return [marks[n][0] for n in expected]


class ApprovalBallotForm(forms.Form):
    """One checkbox per candidate: tick every candidate you approve of, at least one. The
    approvals have no order; they are given in the order of the ballot paper."""

    approved = forms.MultipleChoiceField(
        label=_("The candidates"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Your ballot is empty: tick at least one candidate.")},
    )

    def __init__(self, *args: Any, candidates: list[Candidate], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["approved"].choices = [
            (str(c.pk), c.member.person.full_name) for c in candidates
        ]

    def approvals(self) -> list[str]:
        """The ids of the candidates approved of, in ballot-paper order."""
        ticked = set(self.cleaned_data.get("approved") or [])
        if not ticked:
            raise forms.ValidationError(_("Your ballot is empty: tick at least one candidate."))
        return [str(c.pk) for c in self.candidates if str(c.pk) in ticked]


class RecallBallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Should this officer be recalled?"),
        choices=[("yes", _("Yes, recall")), ("no", _("No, keep them in office"))],
        widget=forms.RadioSelect,
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Your receipt code"), max_length=20, required=False)


class TrackerForm(forms.Form):
    tracker = forms.CharField(
        label=_("Your ballot's tracker"),
        max_length=100,
        required=False,
        help_text=_("The 64 characters the voting page showed when you cast your ballot."),
    )

    def clean_tracker(self) -> str:
        tracker = "".join(self.cleaned_data["tracker"].split()).lower()
        if tracker and (len(tracker) != 64 or any(c not in "0123456789abcdef" for c in tracker)):
            raise forms.ValidationError(
                _("A tracker is 64 characters, each a digit 0–9 or a letter a–f.")
            )
        return tracker


class TellerFileForm(forms.Form):
    file = forms.FileField(
        label=_("Your next file"),
        help_text=_("The .json file that newcourse teller wrote in your teller folder."),
    )


class PublicCredentialsForm(forms.Form):
    file = forms.FileField(
        label=_("Public credentials"),
        help_text=_(
            "The public-credentials.json that newcourse credentials generate wrote. Never the "
            "letters: the codes stay with you and the members."
        ),
    )
