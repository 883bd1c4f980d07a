"""Motions and amendments in tests: North's motion, amended by South, each branch with ten
members and a secretary."""

from __future__ import annotations

from django.utils import timezone

from newcourse.conferences import services
from newcourse.offices import services as office_services

TEXT = "Conference notes the cost of living.\n\nConference resolves to fight for a pay rise."
AMENDED = "Conference notes the cost of living.\n\nConference resolves to strike for a pay rise."
RULEBOOK = {"meeting.quorum": "20%", "motions.per_body": "2", "motions.max_words": "30"}


def branch_secretary(body, make_member):
    """A branch of ten members, one its secretary: a meeting of two is quorate."""
    member = make_member(body, name=f"{body.name} Secretary")
    office = office_services.office_create(actor="t", body=body, title="Secretary")
    office_services.term_record_founding(actor="t", office=office, members=[member])
    for _ in range(9):
        make_member(body)
    return member


def motion(member, conference, body, text=TEXT):
    return services.motion_submit(
        person=member.person,
        member=member,
        conference=conference,
        body=body,
        title="Cost of living",
        text=text,
        meeting_on=timezone.localdate(),
        votes_for=5,
        votes_against=1,
        votes_abstain=0,
    )


def amend(member, motion, body, text=AMENDED, votes=(5, 1, 0), **extra):
    return services.amendment_submit(
        person=member.person,
        member=member,
        motion=motion,
        body=body,
        text=text,
        meeting_on=extra.pop("meeting_on", timezone.localdate()),
        votes_for=votes[0],
        votes_against=votes[1],
        votes_abstain=votes[2],
        **extra,
    )
