"""Conference's decisions in tests: motions ruled admissible and put on the agenda, then
decided on the day conference opens; rule changes and programme amendments written from the
document as it stands."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.conferences import selectors, services
from newcourse.conferences.services.agenda import Entry
from newcourse.rules.services import text_with_parameters

PROGRAMME = (
    "# Programme of the International\n\n"
    "## 1. Wages\n\n"
    "1.1 A living wage for every worker, set by collective bargaining.\n\n"
    "## 2. Housing\n\n"
    "2.1 Rents controlled in every city.\n"
)


def _submitted(member, conference, body, title, text, **amends):
    return services.motion_submit(
        person=member.person,
        member=member,
        conference=conference,
        body=body,
        title=title,
        text=text,
        meeting_on=timezone.localdate(),
        votes_for=5,
        votes_against=1,
        **amends,
    )


def rule_change(member, conference, body, *, version=1, **parameters):
    """`body`'s rule change setting `parameters` (by default `motions.max_words` to 80)."""
    text = text_with_parameters(
        body=conference.body, parameters=parameters or {"motions.max_words": "80"}
    )
    return _submitted(member, conference, body, "Longer motions", text, amends_version=version)


def programme_amendment(member, conference, body, old, new, *, version=1):
    """`body`'s amendment replacing `old` by `new` in the programme as it stands."""
    text = selectors.programme_latest(conference.body).text.replace(old, new)
    return _submitted(
        member, conference, body, "On the programme", text, amends_programme_version=version
    )


def on_the_agenda(chair, conference, *motions):
    """Each motion ruled admissible by the committee's `chair`, and the agenda published."""
    for motion in motions:
        services.ruling_make(
            person=chair.person,
            member=chair,
            conference=conference,
            kind="admissible",
            reason="In order.",
            motion=motion,
        )
    services.agenda_publish(
        person=chair.person,
        member=chair,
        conference=conference,
        entries=[Entry(kind="motion", minutes=20, motion=motion) for motion in motions],
    )


def sitting(conference):
    """A moment of the day conference opens."""
    return timezone.make_aware(datetime.datetime.combine(conference.opens_on, datetime.time(11)))


def decide(chair, conference, motion, votes, **extra):
    """Conference's vote on `motion`, (for, against[, abstain]), entered by `chair`."""
    return services.decision_record(
        person=chair.person,
        member=chair,
        conference=conference,
        motion=motion,
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2] if len(votes) > 2 else 0,
        now=extra.pop("now", sitting(conference)),
        **extra,
    )


def carried(chair, conference, *motions):
    """Each motion put on the agenda and carried, 90 to 10 (by any majority); their decisions."""
    on_the_agenda(chair, conference, *motions)
    return [decide(chair, conference, motion, (90, 10)) for motion in motions]
