"""The form that calls a conference (its title, the level that sends delegates, its timetable),
the form that submits a body's motion with the decision of the meeting that carried it, the
form that submits an amendment to one, and the standing orders committee's forms: a committee
named, a ruling, a composite; a unit's instruction to its delegation."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from newcourse.offices.models import Office, OfficeKind
from newcourse.organisation.models import Body

from . import selectors
from .models import (
    AgendaItem,
    Amendment,
    CommitteeRole,
    Composite,
    Conference,
    Instruction,
    Motion,
    RulingKind,
)
from .services.agenda import Entry

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
    # A rule change: the version of the rules its text was written from (`?rules`).
    amends_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    amends_programme_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1
    )

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


class StandDownForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for standing down"),
        max_length=500,
        help_text=_("Kept off the public record; the credentials report shows it."),
    )


class AgendaForm(forms.Form):
    """The agenda as the committee orders it: each motion and composite that goes forward with
    its place and time, and up to `EXTRA` reports, elections, rule changes or other business by
    title. Places are numbers: the items are sorted by them (ties keep the form's order)."""

    EXTRA = 4
    OTHER_KINDS = [
        (kind, label)
        for kind, label in AgendaItem.Kind.choices
        if kind not in {AgendaItem.Kind.MOTION, AgendaItem.Kind.COMPOSITE}
    ]

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conference = conference
        agenda = selectors.agenda_of(conference)
        current = {item.business: item for item in agenda if item.business}
        others = [item for item in agenda if not item.business]
        self.forward = list(selectors.going_forward(conference).items())
        for n, (key, title) in enumerate(self.forward, start=1):
            held = current.get(key)
            self.fields[f"place_{key}"] = forms.IntegerField(
                label=title, min_value=1, max_value=999, initial=held.position if held else n * 10
            )
            self.fields[f"minutes_{key}"] = forms.IntegerField(
                label=_("Minutes"), min_value=1, max_value=480, initial=held.minutes if held else 20
            )
        for k in range(max(self.EXTRA, len(others) + 1)):
            held = others[k] if k < len(others) else None
            self.fields[f"extra_{k}_kind"] = forms.ChoiceField(
                label=_("Kind"), choices=self.OTHER_KINDS, initial=held.kind if held else "report"
            )
            self.fields[f"extra_{k}_title"] = forms.CharField(
                label=_("Title"), max_length=200, required=False, initial=held.title if held else ""
            )
            self.fields[f"extra_{k}_place"] = forms.IntegerField(
                label=_("Place"),
                min_value=1,
                max_value=999,
                required=False,
                initial=held.position if held else None,
            )
            self.fields[f"extra_{k}_minutes"] = forms.IntegerField(
                label=_("Minutes"),
                min_value=1,
                max_value=480,
                required=False,
                initial=held.minutes if held else None,
            )
        self.extra_rows = range(max(self.EXTRA, len(others) + 1))

    def forward_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"place_{key}"], self[f"minutes_{key}"]) for key, _title in self.forward]

    def other_rows(self) -> list[tuple[Any, Any, Any, Any]]:
        return [
            (
                self[f"extra_{k}_kind"],
                self[f"extra_{k}_title"],
                self[f"extra_{k}_place"],
                self[f"extra_{k}_minutes"],
            )
            for k in self.extra_rows
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for k in self.extra_rows:
            if data.get(f"extra_{k}_title") and not (
                data.get(f"extra_{k}_place") and data.get(f"extra_{k}_minutes")
            ):
                raise forms.ValidationError(_("Give each item you name its place and its minutes."))
        return data

    def entries(self) -> list[Any]:
        """The items in order of their places, as `services.agenda_publish` takes them."""
        placed: list[tuple[int, int, Entry]] = []
        motions = {m.pk: m for m in Motion.objects.filter(conference=self.conference)}
        composites = {c.pk: c for c in Composite.objects.filter(conference=self.conference)}
        for order, (key, _title) in enumerate(self.forward):
            kind, _colon, pk = key.partition(":")
            entry = Entry(
                kind=kind,
                minutes=self.cleaned_data[f"minutes_{key}"],
                motion=motions.get(int(pk)) if kind == "motion" else None,
                composite=composites.get(int(pk)) if kind == "composite" else None,
            )
            placed.append((self.cleaned_data[f"place_{key}"], order, entry))
        for k in self.extra_rows:
            title = self.cleaned_data.get(f"extra_{k}_title")
            if title:
                entry = Entry(
                    kind=self.cleaned_data[f"extra_{k}_kind"],
                    minutes=self.cleaned_data[f"extra_{k}_minutes"],
                    title=title,
                )
                placed.append((self.cleaned_data[f"extra_{k}_place"], len(self.forward) + k, entry))
        return [entry for _place, _order, entry in sorted(placed, key=lambda p: p[:2])]


class DecisionForm(forms.Form):
    """Conference's vote on a motion or composite, as the chair declared it: the figures and,
    for a motion, the amendments carried before it."""

    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    amendments = forms.ModelMultipleChoiceField(
        label=_("Amendments carried"),
        queryset=Amendment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, motion: Motion | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if motion is None:
            del self.fields["amendments"]
        else:
            field = self.fields["amendments"]
            field.queryset = motion.amendments.filter(friendly=False).order_by("number")  # type: ignore[attr-defined]
            field.label_from_instance = lambda amendment: (
                _("Amendment %(n)s (%(body)s)")
                % {  # type: ignore[attr-defined]
                    "n": str(amendment),
                    "body": amendment.body,
                }
            )


class ProgrammeForm(forms.Form):
    text = forms.CharField(
        label=_("The programme"),
        widget=forms.Textarea(attrs={"rows": 20}),
        strip=False,
        max_length=400_000,
        help_text=_(
            "A title (# Title), headings (## 1. Wages) and numbered paragraphs (1.1 ...), "
            "separated by blank lines; the page numbers its lines."
        ),
    )


class InstructionForm(forms.Form):
    """A unit's instruction to its delegation on one item going forward, with the decision of
    the meeting that gave it."""

    item = forms.ChoiceField(label=_("On"))
    vote = forms.ChoiceField(
        label=_("Instruction"), choices=Instruction.Vote.choices, widget=forms.RadioSelect
    )
    meeting_on = forms.DateField(
        label=_("Decided at the meeting of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        """`items`: the items going forward (`selectors_mandates.items_going_forward`)."""
        super().__init__(*args, **kwargs)
        self.items = {item.key: item for item in items}
        self.fields["item"].choices = [(item.key, item.title) for item in items]  # type: ignore[attr-defined]

    def chosen(self) -> dict[str, Any]:
        """The chosen item, as the service takes it (`motion=...`, `amendment=...` or
        `composite=...`)."""
        chosen: dict[str, Any] = self.items[self.cleaned_data["item"]].chosen()
        return chosen

    def decision(self) -> dict[str, Any]:
        names = ("vote", "meeting_on", "votes_for", "votes_against", "votes_abstain")
        return {name: self.cleaned_data[name] for name in names}


class PrioritiesOpenForm(forms.Form):
    """The standing orders committee's priorities ballot: the topics going forward it is on
    (all ticked to begin with), how many each delegate approves, how many reach the floor,
    and when voting closes."""

    topics = forms.MultipleChoiceField(
        label=_("Topics on the ballot"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the topics the ballot is on.")},
    )
    choices = forms.IntegerField(
        label=_("Topics each delegate may approve"), min_value=1, max_value=999, initial=2
    )
    priorities = forms.IntegerField(
        label=_("Topics that reach the floor"), min_value=1, max_value=999, initial=2
    )
    closes_at = forms.DateTimeField(
        label=_("Voting closes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forward = selectors.going_forward(conference)
        self.fields["topics"].choices = list(forward.items())
        self.fields["topics"].initial = list(forward)


class PrioritiesVoteForm(forms.Form):
    """One checkbox per topic on the ballot: tick those you want debated, up to the ballot's
    number (the service refuses more, and the ticks are kept)."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Your paper is empty: tick at least one topic.")},
    )

    def __init__(self, *args: Any, topics: list[Any], choices: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = [(str(topic.pk), topic.title) for topic in topics]
        self.fields["topics"].help_text = _("Tick up to %(choices)s.") % {"choices": choices}

    def topic_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["topics"]]
