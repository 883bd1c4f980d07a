"""The tests' rulebook: the trade union model with the numbers the tests were written for."""

from __future__ import annotations

import datetime

from newcourse import rulebook

TEST_PARAMETERS = {
    "term.months.post": "24",
    "term.months.committee": "24",
    "term.months.delegation": "24",
    "term.months.tellers": "24",
    "term.months.panel": "24",
    "term.limit.post": "none",
    "term.limit.committee": "none",
    "term.limit.delegation": "none",
    "term.limit.tellers": "none",
    "term.limit.panel": "none",
    "stand.good_standing_months": "0",
    "election.notice_days": "42",
    "election.nomination_days": "14",
    "election.voting_days": "7",
    "tellers.decryption_days": "14",
    "recall.threshold": "20%",
    "recall.majority": "simple",
}


# The tests' organisation and its rulebook date from here, before any test's backdated act.
FOUNDED_ON = datetime.date(2019, 1, 1)


def rulebook_text(**parameters: str) -> str:
    """The tests' rulebook with `parameters` ("recall.threshold": "40%") set in its text."""
    text = rulebook.model_text("trade-union", "en")
    for name, written in {**TEST_PARAMETERS, **parameters}.items():
        text = rulebook.set_parameter(text, name, written)
    return text
