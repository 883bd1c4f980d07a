"""Every change to a conference: called, its entitlement and delegations fixed at the freeze,
its motions and their amendments brought, an amendment accepted as friendly, a delegation
instructed.

    calling  a conference called; the scheduler's step at the freeze
    committees  the standing orders and credentials committees named
    motions  motions and amendments, each once a quorate meeting carried it
    rulings  the standing orders committee's rulings and composites, and the movers' consent
    credentials  delegates' credentials issued, reviewed by the committee, challenged
    alternates  a delegate stands down, and the first alternate in line takes the seat
    agenda  the agenda published by the standing orders committee
    papers  the conference papers printed as a PDF by the scheduler
    decisions  what conference decided on its agenda; a rule change carried, adopted
    programme  the body's programme founded, and amended by conference
    mandates  a unit's instructions to its delegation, where delegates are mandated
    priorities  the priorities ballot: opened by the committee, voted secretly, counted
"""

from .agenda import agenda_publish
from .alternates import delegate_stand_down
from .calling import conference_call, conferences_tick, entitlement_fix
from .committees import committee_name
from .credentials import credential_challenge, credential_review, credentials_issue
from .decisions import decision_record
from .mandates import instruction_give
from .motions import amendment_accept_as_friendly, amendment_submit, motion_submit
from .papers import papers_render
from .priorities import priorities_count, priorities_open, priorities_vote
from .programme import programme_found
from .rulings import composite_answer, composite_draft, ruling_make

__all__ = [
    "agenda_publish",
    "amendment_accept_as_friendly",
    "amendment_submit",
    "committee_name",
    "composite_answer",
    "composite_draft",
    "conference_call",
    "conferences_tick",
    "credential_challenge",
    "credential_review",
    "credentials_issue",
    "decision_record",
    "delegate_stand_down",
    "entitlement_fix",
    "instruction_give",
    "motion_submit",
    "papers_render",
    "priorities_count",
    "priorities_open",
    "priorities_vote",
    "programme_found",
    "ruling_make",
]
