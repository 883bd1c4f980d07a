"""Every parameter of the rulebook in words, for the pages: what it is and where the software
applies it. The names, kinds and bounds are the rulebook library's (`newcourse.rulebook`);
only their descriptions, which are translated, live here."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# name: (what it is, the part of the software that applies it)
DESCRIPTIONS: dict[str, tuple[Promise, str]] = {
    "recall.threshold": (
        _("Share of an officer's electorate whose signatures open a recall vote"),
        "recall",
    ),
    "recall.majority": (_("Majority a recall vote needs"), "recall"),
    "term.months.post": (_("Length of a term in a single post, in months"), "elections"),
    "term.months.committee": (_("Length of a term on a committee, in months"), "elections"),
    "term.months.delegation": (
        _("Length of a term in a delegation, in months"),
        "elections",
    ),
    "term.months.tellers": (_("Length of a teller's term, in months"), "elections"),
    "term.months.panel": (
        _("Length of a term on the disputes panel, in months"),
        "elections",
    ),
    "term.limit.post": (
        _("Consecutive terms one member may serve in a post"),
        "nominations",
    ),
    "term.limit.committee": (
        _("Consecutive terms one member may serve on a committee"),
        "nominations",
    ),
    "term.limit.delegation": (
        _("Consecutive terms one member may serve in a delegation"),
        "nominations",
    ),
    "term.limit.tellers": (
        _("Consecutive terms one member may serve as a teller"),
        "nominations",
    ),
    "term.limit.panel": (
        _("Consecutive terms one member may serve on the disputes panel"),
        "nominations",
    ),
    "stand.good_standing_months": (
        _("Months in good standing a candidate needs"),
        "nominations",
    ),
    "election.notice_days": (
        _("Days before a term ends that its election opens"),
        "timetable",
    ),
    "election.nomination_days": (_("Days for nominations"), "timetable"),
    "election.voting_days": (_("Days for voting"), "timetable"),
    "tellers.decryption_days": (
        _("Days the tellers have to decrypt a verifiable election's result"),
        "verifiable",
    ),
    "meeting.quorum": (_("Quorum of a meeting, as a share of its members"), "meetings"),
    "rule_change.majority": (_("Majority a change to the rulebook needs"), "rule-changes"),
    "rule_change.notice_days": (
        _("Days' notice of a change to the rulebook before its vote"),
        "rule-changes",
    ),
    "rule_change.voting_days": (_("Days a vote on a rule change lasts"), "rule-changes"),
    "standing_orders.majority": (
        _("Majority a change to a body's standing orders needs"),
        "standing-orders",
    ),
    "standing_orders.notice_days": (
        _("Days' notice of a change to standing orders before its vote"),
        "standing-orders",
    ),
    "tendency.signatures": (
        _("Share of the members whose signatures declare a tendency"),
        "tendencies",
    ),
    "tendency.minimum": (_("Fewest signatures that declare a tendency"), "tendencies"),
    "tendency.signatories": (
        _("Who may see a tendency's signatories: anyone, the members, or its contacts"),
        "tendencies",
    ),
    "delegates.members_per_delegate": (
        _("Members for each delegate a body sends to conference"),
        "conference",
    ),
    "delegates.rounding": (
        _("How members per delegate are rounded: up (or part thereof), nearest or down"),
        "conference",
    ),
    "delegates.minimum": (_("Fewest delegates a body sends to conference"), "conference"),
    "delegates.mandate": (
        _(
            "Whether delegates are free (bound by no instruction) or mandated (carrying the "
            "instructions their body gives them)"
        ),
        "conference",
    ),
    "motions.per_body": (
        _("Motions each body may submit to a conference"),
        "conference",
    ),
    "motions.max_words": (_("The longest a motion may be, in words"), "conference"),
    "conference.quorum": (
        _("Share of the credentialed delegates present for conference to vote"),
        "conference",
    ),
    "conference.quorum_by": (
        _("What conference's quorum counts: delegates present, or the members they represent"),
        "conference",
    ),
    "conference.majority": (_("The majority a motion or an amendment needs"), "conference"),
    "conference.sections": (
        _("How the sections' votes combine: pooled, or each section's share weighted equally"),
        "conference",
    ),
    "conference.card": (
        _("How a delegation's card is cast: split among its delegates present, or whole"),
        "conference",
    ),
    "conference.card_vote_demand": (
        _("Delegates whose demand makes a vote a card vote"),
        "conference",
    ),
    "conference.double_majority_demand": (
        _("Share of the delegates present whose demand needs a majority in each section"),
        "conference",
    ),
    "conference.womens_vote_demand": (
        _("Women delegates whose demand calls a women's vote before the main vote"),
        "conference",
    ),
    "discipline.reply_days": (_("Days the accused has to reply to a charge"), "discipline"),
    "discipline.decision_days": (
        _(
            "Days the disputes panel has to decide a case, from the charge; a case not decided "
            "by then is closed in the accused's favour"
        ),
        "discipline",
    ),
    "discipline.appeal_days": (_("Days either side has to appeal a decision"), "discipline"),
    "discipline.quorum": (
        _("Panel members, not standing aside, who must vote on a decision"),
        "discipline",
    ),
    "discipline.sanctions": (
        _(
            "The sanctions the disputes panel may impose, lightest first: warning, removal "
            "from an office, suspension for at most so many days, expulsion"
        ),
        "discipline",
    ),
    "discipline.protected": (
        _(
            "Clauses protecting opinions, votes, criticism of officers and tendencies: a "
            "charge citing only these is refused"
        ),
        "discipline",
    ),
    "suspension.max_days": (
        _("Longest suspension before a charge is heard, in days"),
        "discipline",
    ),
    "pay.cap": (_("Most an official is paid, a month"), "books"),
}

# Each part of the software in words, and whether it reads its parameters yet: the others wait
# for their issue (the books), and are already the rulebook's binding text.
AREAS: dict[str, tuple[Promise, bool]] = {
    "recall": (_("Recall"), True),
    "elections": (_("Elections"), True),
    "nominations": (_("Nominations"), True),
    "timetable": (_("The elections' timetable"), True),
    "verifiable": (_("Verifiable elections"), True),
    "rule-changes": (_("Rule changes"), True),
    "standing-orders": (_("Standing orders"), True),
    "meetings": (_("Meetings"), True),
    "tendencies": (_("Tendencies"), True),
    "conference": (_("Conference"), True),
    "discipline": (_("Due process"), True),
    "books": (_("The books"), False),
}


def description(name: str) -> str:
    return str(DESCRIPTIONS[name][0]) if name in DESCRIPTIONS else name


def applies_to(name: str) -> str:
    """Where the software applies the parameter, in words."""
    return str(AREAS[DESCRIPTIONS[name][1]][0]) if name in DESCRIPTIONS else ""


def applied_now(name: str) -> bool:
    """Whether the software already enforces this parameter."""
    return name in DESCRIPTIONS and AREAS[DESCRIPTIONS[name][1]][1]
