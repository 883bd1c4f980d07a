"""Every parameter a rulebook sets: its name, kind of value and the bounds of any value.

This is the whole list of numbers the software enforces. A rulebook must set each of them and
may name no other, so adding a rule the software enforces means adding its parameter here
(and to the model rulebooks).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._errors import RulebookError
from ._values import Kind, Value, ValueRefused, compare, format_value, parse_value


@dataclass(frozen=True)
class Parameter:
    """A named, typed parameter. ``low`` and ``high`` bound any value, inclusive, as values of
    the kind (None: no bound beyond what the kind itself allows); ``description`` names it in
    plain English for messages ("the recall threshold")."""

    name: str
    kind: Kind
    low: Value = None
    high: Value = None
    description: str = ""

    def parse(self, written: str) -> Value:
        """The value ``written`` stands for, within this parameter's bounds.

        Raises RulebookError (without a clause) naming the parameter and what it must be.
        """
        try:
            value = parse_value(self.kind, written)
        except ValueRefused as e:
            raise RulebookError(
                None, f"{self.description} ({self.name}) must be {e.requirement}, not {e.written}"
            ) from None
        low = self.low is not None and compare(self.kind, value, self.low) < 0
        # No limit ("none") is always allowed for a limit: it is not a number above the bound.
        unbounded = self.kind == "limit" and value is None
        high = not unbounded and self.high is not None and compare(self.kind, value, self.high) > 0
        if low or high:
            raise RulebookError(
                None,
                f"{self.description} ({self.name}) must be {self.bounds()}, not {written.strip()}",
            )
        return value

    def bounds(self) -> str:
        """The bounds in words: "between 1 and 120", "at least 1", ..."""
        low = None if self.low is None else format_value(self.kind, self.low)
        high = None if self.high is None else format_value(self.kind, self.high)
        if self.kind == "limit":
            return f"between {low} and {high}, or none"
        if low is not None and high is not None:
            return f"between {low} and {high}"
        if low is not None:
            return f"at least {low}"
        if high is not None:
            return f"at most {high}"
        return _KIND_BOUNDS[self.kind]


# What a value of each kind may be when the catalogue sets no bounds of its own.
_KIND_BOUNDS: dict[Kind, str] = {
    "fraction": "above 0% and at most 100%",
    "majority": "simple, or a share from 1/2 to the whole",
    "count": "a whole number",
    "days": "a whole number of days",
    "months": "a whole number of months",
    "limit": "a whole number, or none",
    "money": "an amount of 0 or more, with its currency",
    "rounding": "up, nearest or down",
    "mandate": "free or mandated",
    "card": "split or whole",
    "measure": "delegates or members",
    "sectional": "pooled or equal",
    "visibility": "public, members or contacts",
    "sanctions": "some of warning, removal, suspension up to N days and expulsion, lightest first",
    "clauses": "clauses of the rulebook",
}


def _p(name: str, kind: Kind, description: str, low: Value = None, high: Value = None) -> Parameter:
    return Parameter(name, kind, low, high, description)


_OFFICES = {
    "post": "a post",
    "committee": "a committee",
    "delegation": "a delegation",
    "tellers": "tellers",
    "panel": "the disputes panel",
}

CATALOGUE: dict[str, Parameter] = {
    p.name: p
    for p in (
        _p("recall.threshold", "fraction", "the recall threshold"),
        _p("recall.majority", "majority", "the majority a recall needs"),
        *(
            _p(f"term.months.{office}", "months", f"the term of office of {whom}", 1, 120)
            for office, whom in _OFFICES.items()
        ),
        *(
            _p(f"term.limit.{office}", "limit", f"the term limit of {whom}", 1, 20)
            for office, whom in _OFFICES.items()
        ),
        _p(
            "stand.good_standing_months",
            "months",
            "the months in good standing needed to stand",
            0,
            120,
        ),
        _p(
            "election.notice_days",
            "days",
            "the days before a term ends its election is due",
            1,
            365,
        ),
        _p("election.nomination_days", "days", "the days nominations stay open", 1, 90),
        _p("election.voting_days", "days", "the days voting stays open", 1, 60),
        _p(
            "tellers.decryption_days",
            "days",
            "the tellers' days to decrypt after a verifiable election closes",
            1,
            90,
        ),
        _p("meeting.quorum", "fraction", "the quorum of a meeting"),
        _p("rule_change.majority", "majority", "the majority a rule change needs"),
        _p("rule_change.notice_days", "days", "the notice of a rule change", 0, 365),
        _p("rule_change.voting_days", "days", "the days voting on a rule change stays open", 1, 60),
        _p("standing_orders.majority", "majority", "the majority a standing order needs"),
        _p("standing_orders.notice_days", "days", "the notice of a standing order", 0, 365),
        _p("tendency.signatures", "fraction", "the signatures a tendency needs"),
        _p("tendency.minimum", "count", "the fewest signatures a tendency needs", 1, 100_000),
        _p(
            "tendency.signatories",
            "visibility",
            "who may see a tendency's signatories: public, members, or its contacts",
        ),
        _p(
            "delegates.members_per_delegate",
            "count",
            "the members per delegate",
            1,
            1_000_000,
        ),
        _p(
            "delegates.rounding",
            "rounding",
            "how members per delegate are rounded (up: or part thereof)",
        ),
        _p("delegates.minimum", "count", "the minimum number of delegates", 0, 100),
        _p(
            "delegates.mandate",
            "mandate",
            "whether delegates are free or carry their body's instructions (mandated)",
        ),
        _p("motions.per_body", "count", "the motions each body may submit", 0, 100),
        _p("motions.max_words", "count", "the longest a motion may be, in words", 1, 100_000),
        _p(
            "conference.quorum",
            "fraction",
            "the share of the credentialed delegates present for conference to vote",
        ),
        _p(
            "conference.quorum_by",
            "measure",
            "what conference's quorum counts: delegates present, or the members they represent",
        ),
        _p("conference.majority", "majority", "the majority a motion or amendment needs"),
        _p(
            "conference.sections",
            "sectional",
            "how sections' votes combine: pooled, or each section's share weighted equally",
        ),
        _p(
            "conference.card",
            "card",
            "how a delegation's card is cast: split among its delegates present, or whole",
        ),
        _p(
            "conference.card_vote_demand",
            "count",
            "the delegates whose demand makes a vote a card vote",
            1,
            10_000,
        ),
        _p(
            "conference.double_majority_demand",
            "fraction",
            "the share of the delegates present whose demand needs a majority in each section",
        ),
        _p(
            "conference.womens_vote_demand",
            "count",
            "the women delegates whose demand calls a women's vote before the main vote",
            1,
            10_000,
        ),
        _p("discipline.reply_days", "days", "the days the accused has to reply to a charge", 7, 90),
        _p(
            "discipline.decision_days",
            "days",
            "the days the disputes panel has to decide a case, from the charge",
            14,
            365,
        ),
        _p("discipline.appeal_days", "days", "the days to appeal a decision of the panel", 7, 90),
        _p(
            "discipline.quorum",
            "count",
            "the panel members, not standing aside, who must vote on a decision",
            1,
            25,
        ),
        _p(
            "discipline.sanctions",
            "sanctions",
            "the sanctions the disputes panel may impose, lightest first",
        ),
        _p(
            "discipline.protected",
            "clauses",
            "the clauses that protect opinions, votes, criticism and tendencies, which no "
            "charge may rest on alone",
        ),
        _p("suspension.max_days", "days", "the longest interim suspension", 1, 365),
        _p("pay.cap", "money", "the officials' pay cap"),
    )
}
