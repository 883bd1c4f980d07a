"""Who may propose a change to a body's rules. One condition per line.

Reading the rules needs no permission beyond seeing the body: the rulebook is every member's.
Nobody may set a parameter: the rules change only by a rule change carried by a vote.
"""

from __future__ import annotations

from typing import Any

from newcourse.organisation.models import Body
from newcourse.organisation.officers import Power, officer_roll


def may_propose_rule_change(person: Any, body: Body) -> bool:
    """The officers of `body` itself whose office has powers (its secretary, its committee;
    not its tellers or delegates) put a change of its rules to its members' vote."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not person.is_active:
        return False
    roll = officer_roll()
    return roll.serves_in(person, [body.path], power=Power.OFFICES) or roll.serves_in(
        person, [body.path], power=Power.REGISTER
    )
