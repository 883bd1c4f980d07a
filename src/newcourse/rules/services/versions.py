"""The versions of a body's rules: checked, stored and sealed on the record; the founding
one, once, at the top of a new organisation."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import rulebook as library
from newcourse.organisation.models import Body
from newcourse.organisation.services import body_create
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, InvalidInput, InvalidRules

from .. import selectors
from ..models import RuleChange, RulesVersion

FOUNDED = "rules.founded"
ADOPTED = "rules.adopted"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def iso_moment(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def rulebook_check(text: str) -> library.Rulebook:
    """Parse a rulebook, or refuse with the clause it fails and why."""
    try:
        return library.parse_rulebook(text)
    except library.RulebookError as error:
        raise InvalidRules(
            _("The rulebook cannot be loaded: %(error)s") % {"error": error}
        ) from error


def standing_orders_check(text: str, rulebook_text: str) -> library.StandingOrders:
    """Parse a body's standing orders against the rulebook, or refuse with the clause."""
    try:
        return library.parse_standing_orders(text, selectors.parsed_rulebook(rulebook_text))
    except library.RulebookError as error:
        raise InvalidRules(
            _("The standing orders cannot be loaded: %(error)s") % {"error": error}
        ) from error


def version_store(
    *,
    actor: Any | None,
    body: Body,
    text: str,
    parameters: dict[str, Any],
    effective_on: datetime.date,
    source: str,
    change: RuleChange | None,
    adopted_at: datetime.datetime | None = None,
    carried: bool = False,
) -> RulesVersion:
    """Store the body's next version and seal it on the record, in the caller's transaction:
    adopted (a rule change the members or `carried`, conference, carried) or founded."""
    latest = selectors.latest_version(body)
    version = RulesVersion.objects.create(
        body=body,
        number=(latest.number + 1) if latest else 1,
        text=text,
        parameters=parameters,
        effective_on=effective_on,
        adopted_at=adopted_at or timezone.now(),
        source=source,
        change=change,
    )
    record_append(
        actor=actor,
        action=ADOPTED if change or carried else FOUNDED,
        subject=f"rules:{body.slug}",
        body=body,
        payload=version_payload(version),
    )
    return version


def version_payload(version: RulesVersion) -> dict[str, Any]:
    """What the record seals of a version: enough to tell whether the row was edited since."""
    return {
        "version": version.number,
        "rulebook": version.body.parent_id is None,
        "text_sha256": text_sha256(version.text),
        "parameters": version.parameters,
        "effective_on": version.effective_on.isoformat(),
        "source": version.source,
        **({"rule_change": version.change_id} if version.change_id else {}),
    }


def rulebook_found(
    *,
    actor: Any | None,
    body: Body,
    text: str,
    source: str,
    effective_on: datetime.date | None = None,
) -> RulesVersion:
    """Found an organisation's rulebook: its first version, once, at the top of the tree."""
    if body.parent_id is not None:
        raise InvalidInput(
            _(
                "Only the organisation's top body has a rulebook; %(body)s is part of "
                "%(parent)s and may have standing orders, changed by its members' vote."
            )
            % {"body": body, "parent": body.parent}
        )
    parsed = rulebook_check(text)
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=body.pk)
        if RulesVersion.objects.filter(body=body).exists():
            raise AlreadyDone(
                _(
                    "%(body)s already has its rulebook: it now changes only by a rule change "
                    "carried by conference."
                )
                % {"body": body}
            )
        return version_store(
            actor=actor,
            body=body,
            text=text,
            parameters=parsed.json_parameters(),
            effective_on=effective_on or timezone.localdate(),
            source=source,
            change=None,
        )


def organisation_found(
    *,
    actor: Any | None,
    name: str,
    kind: str,
    text: str,
    source: str,
    slug: str | None = None,
    effective_on: datetime.date | None = None,
) -> Body:
    """A new organisation: its top body and its founding rulebook, together or not at all."""
    rulebook_check(text)
    with transaction.atomic():
        body = body_create(actor=actor, name=name, kind=kind, slug=slug)
        rulebook_found(actor=actor, body=body, text=text, source=source, effective_on=effective_on)
    return body
