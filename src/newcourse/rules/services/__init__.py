"""Every change to the rules: a rulebook founded, a rule change proposed, voted on, decided.

After its founding, an organisation's rulebook changes only here: by a rule change its
conference carries (`conference`, called by `newcourse.conferences` when the decision is
entered), or by one the members of its top body carry in a ballot, with the majority and after
the notice the rulebook in force when it was proposed requires. A body's
standing orders change the same way, by the body's own members. Nothing else writes a version:
no page, API call or command sets a parameter.

    versions  a version checked, stored and sealed; the founding one
    changes   a rule change proposed (the notice, the limits, the text)
    votes     its vote cast, opened, counted, and the carried change adopted
    conference  a rule change conference carried, adopted at once
"""

from .changes import rule_change_propose, text_with_parameters
from .conference import rules_carried_by_conference, text_checked
from .versions import (
    ADOPTED,
    FOUNDED,
    organisation_found,
    rulebook_check,
    rulebook_found,
    standing_orders_check,
    text_sha256,
    version_payload,
)
from .votes import rule_change_vote, rule_changes_tick

__all__ = [
    "ADOPTED",
    "FOUNDED",
    "organisation_found",
    "rule_change_propose",
    "rule_change_vote",
    "rule_changes_tick",
    "rulebook_check",
    "rulebook_found",
    "rules_carried_by_conference",
    "standing_orders_check",
    "text_checked",
    "text_sha256",
    "text_with_parameters",
    "version_payload",
]
