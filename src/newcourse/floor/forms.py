"""The hall's forms: a credential's code at the door, a vote opened, cast and closed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from newcourse.conferences.models import AgendaItem, Amendment, Conference

from .models import CheckIn, Floor, FloorDemand, FloorVote, FloorVoter


class FloorOpenForm(forms.Form):
    self_check_in = forms.BooleanField(label=_("Delegates may check themselves in"), required=False)


class CheckInForm(forms.Form):
    token = forms.CharField(
        label=_("Credential code"),
        max_length=300,
        help_text=_("Scan the QR code on the delegate's card, or type the code under it."),
    )
    remote = forms.BooleanField(label=_("Present online"), required=False)


class TakeUpForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Item under debate"), coerce=int, required=False)

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        # Its field shares a name with the vote's: ids of its own on the console's one page.
        kwargs.setdefault("auto_id", "take_up_%s")
        super().__init__(*args, **kwargs)
        items = AgendaItem.objects.filter(conference=conference).order_by("position")
        self.fields["item"].choices = [("", _("None")), *((i.pk, str(i)) for i in items)]


def questions(conference: Conference) -> list[tuple[str, str]]:
    """What a vote may be put on: each motion and composite of the published agenda, and each
    amendment to a motion on it ("motion:ID", "amendment:ID", "composite:ID")."""
    choices: list[tuple[str, str]] = []
    for item in AgendaItem.objects.filter(conference=conference).select_related(
        "motion", "composite"
    ):
        if item.motion_id:
            choices.append((f"motion:{item.motion_id}", str(item.motion)))
            for amendment in Amendment.objects.filter(motion_id=item.motion_id, friendly=False):
                choices.append((f"amendment:{amendment.pk}", f"— {amendment}"))
        elif item.composite_id:
            choices.append((f"composite:{item.composite_id}", str(item.composite)))
    return choices


class VoteOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of vote"), choices=FloorVote.Kind.choices)
    item = forms.ChoiceField(label=_("On"), required=False)
    question = forms.CharField(
        label=_("Or a procedural question"),
        max_length=300,
        required=False,
        help_text=_("In the chair's words, e.g. “That the question be now put”."),
    )

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("a procedural question")), *questions(conference)]


class CastForm(forms.Form):
    choice = forms.ChoiceField(choices=FloorVoter.Choice.choices)


class SpeakersListForm(forms.ModelForm):
    class Meta:
        model = Floor
        fields = [
            "list_closed",
            "alternate_stances",
            "gender_order",
            "progressive_stack",
            "mover_seconds",
            "speaker_seconds",
            "point_of_order_seconds",
        ]


class PlaceForm(forms.Form):
    position = forms.IntegerField(min_value=1, max_value=10_000, required=False)


class DemandForm(forms.Form):
    kind = forms.ChoiceField(choices=FloorDemand.Kind.choices)


class DeclareForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("I am"),
        choices=[("", _("not declared")), *CheckIn.Gender.choices],
        required=False,
        help_text=_(
            "For the women's vote and a speakers' list by gender; yours alone to say, and never "
            "on the open record."
        ),
    )


class VoteCloseForm(forms.Form):
    votes_for = forms.IntegerField(label=_("For"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, required=False)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
