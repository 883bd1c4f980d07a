"""Mandates in tests: the International's conference with its delegations fixed today, North's
motion ruled admissible by the standing orders committee (so it goes forward), and North's
officers instructing North's delegation."""

from __future__ import annotations

from django.utils import timezone
from tests.conferences import amending

from newcourse.conferences import services

# North's ten members send four delegates (one per 3 or part); a meeting of two is quorate.
RULEBOOK = {
    **amending.RULEBOOK,
    "delegates.members_per_delegate": "3",
    "delegates.minimum": "1",
}


def rule(chair, conference, kind="admissible", **item):
    return services.ruling_make(
        person=chair.person,
        member=chair,
        conference=conference,
        kind=kind,
        reason="Within the conference's business.",
        **item,
    )


def instruct(member, delegation, vote="for", votes=(5, 1, 0), **extra):
    """`member` instructs `delegation` on one item (`motion=`, `amendment=` or `composite=`),
    from a meeting held today with `votes` (for, against, abstaining)."""
    return services.instruction_give(
        person=member.person,
        member=member,
        delegation=delegation,
        vote=vote,
        meeting_on=extra.pop("meeting_on", timezone.localdate()),
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2],
        **extra,
    )
