"""A rule change conference carried: the next version of the body's rules, at once.

Conference is sovereign over its body's rules. A rule change brought to it as a motion
(`newcourse.conferences`) amends one version; by the time conference carries it, another
version may have been adopted, and then its edits are applied to that one, as for a change the
members carried (`votes._adopted_text`), or it is not applied where both touch the same lines.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.documents import DocumentError, merge_texts, text_ended
from newcourse.refusals import InvalidRules

from .. import selectors
from ..models import RulesVersion
from .versions import rulebook_check, standing_orders_check, version_store


def text_checked(version: RulesVersion, text: str) -> dict[str, object]:
    """The parameters `text` sets as the next version of `version`'s rules: refused with the
    rules library's message when it is not a rulebook (or standing orders within the rulebook)."""
    if version.is_rulebook:
        return rulebook_check(text).json_parameters()
    top = selectors.top_of(version.body)
    rulebook = selectors.latest_version(top)
    if rulebook is None:
        raise selectors.no_rulebook(top)
    return standing_orders_check(text, rulebook.text).json_parameters()


def rules_carried_by_conference(
    *,
    amends: RulesVersion,
    text: str,
    source: str,
    now: datetime.datetime | None = None,
) -> RulesVersion:
    """Adopt `text`, which amends version `amends`, as the body's next version, in force from
    today; in the caller's transaction. Raises InvalidRules (nothing stored) when a version
    adopted since changes the same lines, or the result is not valid rules."""
    now = now or timezone.now()
    text = text_ended(text)
    latest = selectors.latest_version(amends.body)
    if latest is not None and latest.pk != amends.pk:
        try:
            text = merge_texts(text_ended(amends.text), text_ended(latest.text), text)
        except DocumentError as error:
            raise InvalidRules(
                _(
                    "Version %(n)s, adopted since, changes the same lines (%(error)s): the "
                    "change is not applied."
                )
                % {"n": latest.number, "error": error}
            ) from error
    parameters = text_checked(amends, text)
    effective_on = timezone.localdate(now)
    if latest is not None and latest.effective_on > effective_on:
        effective_on = latest.effective_on
    return version_store(
        actor="system",
        body=amends.body,
        text=text,
        parameters=parameters,
        effective_on=effective_on,
        source=source[:60],
        change=None,
        adopted_at=now,
        carried=True,
    )
