"""The form that calls a conference (its title, the level that sends delegates, its timetable),
the form that submits a body's motion with the decision of the meeting that carried it, the
form that submits an amendment to one, and the standing orders committee's forms: a committee
named, a ruling, a composite."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from newcourse.offices.models import Office, OfficeKind
from newcourse.organisation.models import Body

from . import selectors
from .models import Amendment, CommitteeRole, Composite, Conference, Motion, RulingKind

# The timetable a new form suggests: the freeze a week ahead, then a deadline each week.
FIRST_DEADLINE = datetime.timedelta(days=7)
BETWEEN_DEADLINES = datetime.timedelta(days=7)


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    unit_kind = forms.CharField(
        label=_("Delegates are sent by"),
        max_length=60,
        required=False,
        help_text=_(
            "The level of body that sends delegates (Branch, Region). Leave empty: the bodies "
            "with none below them."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in selectors.DEADLINES:
            self.fields[name] = forms.DateField(
                label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            )

    @staticmethod
    def initial_for(today: datetime.date) -> dict[str, Any]:
        """A sensible spread: the freeze a week from today, then one deadline a week."""
        return {
            name: today + FIRST_DEADLINE + n * BETWEEN_DEADLINES
            for n, (name, _label) in enumerate(selectors.DEADLINES)
        }

    def dates(self) -> dict[str, datetime.date]:
        return {name: self.cleaned_data[name] for name, _label in selectors.DEADLINES}


class MotionForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Submitted by"), queryset=Body.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
        help_text=_("Paragraphs separated by a blank line; the page numbers its lines."),
    )
    meeting_on = forms.DateField(
        label=_("Carried at the meeting of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        """`bodies`: those the officer may submit for (`access.bodies_submitting_for`)."""
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        field.queryset = Body.objects.filter(pk__in=[body.pk for body in bodies]).order_by("path")  # type: ignore[attr-defined]
        if len(bodies) == 1:
            field.initial = bodies[0].pk


class AmendmentForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Submitted by"), queryset=Body.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("The motion as amended"),
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
        help_text=_(
            "The motion's whole text as your amendment would leave it: change what you amend, "
            "leave the rest; the page shows the changes line by line."
        ),
    )
    meeting_on = forms.DateField(
        label=_("Carried at the meeting of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        """`bodies`: those the officer may amend for (`access.bodies_amending_for`)."""
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        field.queryset = Body.objects.filter(pk__in=[body.pk for body in bodies]).order_by("path")  # type: ignore[attr-defined]
        if len(bodies) == 1:
            field.initial = bodies[0].pk


class CommitteeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeRole.choices)
    office = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Office.objects.none(),
        empty_label=None,
        help_text=_("One of the committees the body elects; its elected members act for it."),
    )

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(  # type: ignore[attr-defined]
            body=conference.body, kind=OfficeKind.COMMITTEE
        ).order_by("title")


class RulingForm(forms.Form):
    item = forms.ChoiceField(label=_("On"))
    kind = forms.ChoiceField(label=_("Ruling"), choices=RulingKind.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the ruling, on the conference's page and the open record."),
    )

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        """The items of `conference` a ruling can be on: its motions, their amendments and its
        composites, each as "motion:ID", "amendment:ID" or "composite:ID"."""
        super().__init__(*args, **kwargs)
        self.conference = conference
        motions = Motion.objects.filter(conference=conference)
        amendments = Amendment.objects.filter(motion__conference=conference).select_related(
            "motion"
        )
        composites = Composite.objects.filter(conference=conference)
        self.fields["item"].choices = [  # type: ignore[attr-defined]
            (_("Motions"), [(f"motion:{m.pk}", str(m)) for m in motions]),
            (
                _("Amendments"),
                [
                    (f"amendment:{a.pk}", _("Amendment %(number)s") % {"number": str(a)})
                    for a in amendments
                ],
            ),
            (_("Composites"), [(f"composite:{c.pk}", str(c)) for c in composites]),
        ]
        self.models = {"motion": motions, "amendment": amendments, "composite": composites}

    def chosen(self) -> dict[str, Any]:
        """The chosen item, as the service takes it (`motion=...`, `amendment=...` or
        `composite=...`)."""
        name, _colon, pk = self.cleaned_data["item"].partition(":")
        return {name: self.models[name].get(pk=int(pk))}


class CompositeForm(forms.Form):
    motions = forms.ModelMultipleChoiceField(
        label=_("Motions"),
        queryset=Motion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Two motions or more on one subject; each mover is asked to consent."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        strip=False,
        help_text=_(
            "Paragraphs separated by a blank line, drawn from the motions; the page shows which "
            "motion each line came from."
        ),
    )

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motions"].queryset = Motion.objects.filter(  # type: ignore[attr-defined]
            conference=conference
        ).order_by("number")


# Credentials: the committee's review and a challenge, each with its reason.


class CredentialReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        help_text=_("Required to reject a credential."),
    )


class ChallengeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the challenge"), max_length=500)
