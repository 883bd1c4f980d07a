"""The minutes as Markdown: the same blocks the page and the PDF show, written for the
organisation's archive — headings for items, votes, rulings and decisions, the figures with
the majority needed, an open vote's roll and a sectional vote's sections as tables, and
anyone's words escaped so that they stay words."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from newcourse.floor.minutes_document import minutes_document, minutes_markdown
from newcourse.floor.selectors_minutes import (
    AmendmentCarried,
    DecisionMinute,
    ItemMinutes,
    Minutes,
    RollCall,
    RulingMinute,
    SectionResult,
    Speech,
    VoteMinute,
)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2027, 5, day, hour, minute, tzinfo=datetime.UTC)


def vote(number: int, kind: str, question: str, **fields) -> VoteMinute:
    defaults = {
        "id": number,
        "item_kind": "",
        "item_id": None,
        "item": "",
        "state": "closed",
        "opened_at": at(1, 10),
        "present": 3,
        "closed_at": at(1, 10, 5),
        "votes_for": 2,
        "votes_against": 1,
        "votes_abstain": 0,
        "majority": "simple",
        "outcome": "carried",
        "reason": "",
        "roll": (),
        "sections": (),
        "decision": None,
    }
    return VoteMinute(number=number, kind=kind, question=question, **{**defaults, **fields})


AMENDMENT_VOTE = vote(
    1,
    "open",
    "2.1",
    item_kind="amendment",
    item_id=5,
    item="2.1",
    roll=(
        RollCall(member="000002", name="Ann Lee", delegation="North", vote="for"),
        RollCall(member="000007", name="Bo Chan", delegation="South", vote="against"),
        RollCall(member="000009", name="Cy | Dee", delegation="South", vote="for"),
    ),
)
MOTION_VOTE = vote(
    2,
    "secret",
    "2. Pay claim",
    item_kind="motion",
    item_id=2,
    item="2. Pay claim",
    opened_at=at(1, 10, 5),
    closed_at=at(1, 10, 10),
    votes_for=1,
    votes_against=1,
    votes_abstain=1,
    outcome="lost",
    sections=(SectionResult("Affiliates", 60, 40, 0), SectionResult("Members", 10, 30, 5)),
    decision=DecisionMinute(
        id=4,
        item_kind="motion",
        item_id=2,
        item="2. Pay claim",
        outcome="lost",
        votes_for=1,
        votes_against=1,
        votes_abstain=1,
        majority="simple",
        amendments=(AmendmentCarried(id=5, number="2.1"),),
        rules_version=None,
        programme_version=None,
        not_applied="",
        recorded_at=at(1, 10, 10),
    ),
)
MINUTES = Minutes(
    conference=7,
    title="Congress 2027",
    body="International",
    body_slug="international",
    opens_on=datetime.date(2027, 5, 1),
    closes_on=datetime.date(2027, 5, 2),
    floor_opened_at=at(1, 9, 30),
    credentialed=4,
    attended=3,
    online=1,
    before=(
        RulingMinute(
            number=1,
            kind="out-of-order",
            item_kind="motion",
            item_id=3,
            item="3. Affiliation",
            reason="Not within the aims *of* the union.",
            ruled_at=at(1, 8),
        ),
    ),
    items=(
        ItemMinutes(
            position=2,
            title="Pay_claim",
            taken_up_at=at(1, 9, 45),
            speeches=(Speech("Ann Lee", "North"), Speech("1. Bo Chan")),
            acts=(AMENDMENT_VOTE, MOTION_VOTE),
        ),
        ItemMinutes(
            position=None,
            title="",
            taken_up_at=at(1, 11),
            speeches=(),
            acts=(
                vote(
                    3,
                    "hands",
                    "That we adjourn",
                    state="open",
                    opened_at=at(1, 11),
                    closed_at=None,
                    votes_for=None,
                    votes_against=None,
                    votes_abstain=None,
                    majority="",
                    outcome="",
                ),
                DecisionMinute(
                    id=5,
                    item_kind="composite",
                    item_id=1,
                    item="C1. Safe staffing",
                    outcome="carried",
                    votes_for=30,
                    votes_against=2,
                    votes_abstain=0,
                    majority="2/3",
                    amendments=(),
                    rules_version=None,
                    programme_version=4,
                    not_applied="",
                    recorded_at=at(1, 11, 10),
                ),
            ),
        ),
    ),
)

EXPECTED = """\
# Minutes of Congress 2027

International, from 2027-05-01 to 2027-05-02.

The floor opened at 2027-05-01 09:30. Delegates who checked in: 3 of the 4 credentialed \
(1 online).

## Before the floor opened

### Ruling 1: Motion 3. Affiliation

**Out of order** (ruled at 2027-05-01 08:00).

Reason: Not within the aims \\*of\\* the union.

## Item 2: Pay\\_claim

Taken up at 2027-05-01 09:45.

Speakers:

- Ann Lee, for North
- 1\\. Bo Chan

### Vote 1: Amendment 2.1

Electronic, names published; opened at 2027-05-01 10:00, delegates present: 3; closed at \
2027-05-01 10:05.

**Carried**: 2 for, 1 against, 0 abstentions (majority needed: simple).

How each delegate voted:

| Delegate voting | Delegation | Their vote |
| --- | --- | --- |
| Ann Lee (000002) | North | for |
| Bo Chan (000007) | South | against |
| Cy \\| Dee (000009) | South | for |

### Vote 2: Motion 2. Pay claim

Electronic, secret; opened at 2027-05-01 10:05, delegates present: 3; closed at \
2027-05-01 10:10.

**Lost**: 1 for, 1 against, 1 abstentions (majority needed: simple).

| Section | For | Against | Abstentions |
| --- | --- | --- | --- |
| Affiliates | 60 | 40 | 0 |
| Members | 10 | 30 | 5 |

A secret vote: no delegate's vote is recorded.

Conference's decision: **Lost**.

Amendments carried first: 2.1.

## Business with no item under debate

Taken up at 2027-05-01 11:00.

### Vote 3: That we adjourn

Show of hands; opened at 2027-05-01 11:00, delegates present: 3; still open.

### Decision on Composite C1. Safe staffing

Recorded at 2027-05-01 11:10.

**Carried**: 30 for, 2 against, 0 abstentions (majority needed: 2/3).

It is version 4 of the programme.
"""


@pytest.fixture(autouse=True)
def english_in_utc():
    with translation.override("en"), timezone.override(datetime.UTC):
        yield


def test_the_markdown_of_a_small_sitting_is_exactly_as_written():
    assert minutes_markdown(MINUTES) == EXPECTED


def test_a_conference_whose_floor_has_not_opened_says_so():
    minutes = Minutes(**{**MINUTES.__dict__, "floor_opened_at": None, "before": (), "items": ()})
    assert minutes_markdown(minutes) == (
        "# Minutes of Congress 2027\n\n"
        "International, from 2027-05-01 to 2027-05-02.\n\n"
        "The floor has not opened.\n"
    )


def test_an_item_with_no_speakers_recorded_says_so_and_an_open_vote_without_voters_too():
    item = ItemMinutes(
        position=1,
        title="Reports",
        taken_up_at=None,
        speeches=(),
        acts=(vote(1, "open", "That the report be received", votes_for=0, votes_against=0),),
    )
    minutes = Minutes(**{**MINUTES.__dict__, "before": (), "items": (item,)})
    markdown = minutes_markdown(minutes)
    assert "## Item 1: Reports\n\nSpeakers: none recorded.\n\n### Vote 1:" in markdown
    assert markdown.endswith("No delegate voted.\n")


def test_the_minutes_are_worded_in_french_too():
    with translation.override("fr"):
        blocks = minutes_document(MINUTES)
    texts = [block.text for block in blocks]
    assert texts[0] == "Procès-verbal de Congress 2027"
    assert "Point 2\u00a0: Pay_claim" in texts
    assert "Avant l’ouverture de la séance" in texts
