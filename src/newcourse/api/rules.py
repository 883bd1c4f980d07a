"""The rules' endpoints: what the rulebook and standing orders say, their versions and diffs,
and the rule changes that alone change them (proposed by a body's officers, voted on by its
members). No endpoint sets a parameter: a rule change carried by a vote is the only way.

Reading follows the body's visibility, as the other body endpoints do.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.organisation import access as organisation_access
from newcourse.organisation import selectors as organisation_selectors
from newcourse.organisation.models import Body
from newcourse.refusals import InvalidInput
from newcourse.rules import selectors as rules_selectors
from newcourse.rules import services as rules_services
from newcourse.rules.access import access_rule_change_for_person
from newcourse.rules.models import RuleChange, RulesVersion

from . import render, selectors
from .auth import api_view, json_body, member_acting, ok, text_field
from .problems import NoSuchVersion

# The longest text a proposer may send, as on the proposal page: far above any rulebook.
TEXT_MAX_LENGTH = 200_000


def _body(request: HttpRequest, slug: str) -> Body:
    return organisation_access.access_body_for_person(person=request.user, slug=slug)


def _date(value: Any, name: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise InvalidInput(_("“%(name)s” must be a date, YYYY-MM-DD.") % {"name": name}) from error


def _version(body: Body, number: int) -> RulesVersion:
    version = rules_selectors.version_of(body, number)
    if version is None:
        raise NoSuchVersion(
            _("%(body)s has no version %(number)s of its rules.") % {"body": body, "number": number}
        )
    return version


def _version_number(request: HttpRequest, name: str) -> int:
    """The version number the query parameter `name` gives: required, a whole number."""
    number = request.GET.get(name, "")
    if not (number.isascii() and number.isdigit() and len(number) < 10):
        raise InvalidInput(
            _("Give “%(name)s”: a version number, a whole number from 1.") % {"name": name}
        )
    return int(number)


@api_view("GET")
def rules_in_force(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    text = request.GET.get("date")
    on = _date(text, "date") if text is not None else timezone.localdate()
    return ok(render.rules_json(body, on, rules_selectors.rules_for(body, on)))


@api_view("GET")
def rules_versions(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    in_force = rules_selectors.version_in_force(body, timezone.localdate())
    return ok(
        {
            "body": body.slug,
            "versions": [
                render.rules_version_brief(version, in_force)
                for version in rules_selectors.versions_of(body)
            ],
        }
    )


@api_view("GET")
def rules_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    body = _body(request, slug)
    version = _version(body, number)
    in_force = rules_selectors.version_in_force(body, timezone.localdate())
    return ok({"body": body.slug, **render.rules_version_json(version, in_force)})


@api_view("GET")
def rules_diff(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    old, new = _version_number(request, "from"), _version_number(request, "to")
    comparison = rules_selectors.versions_compared(_version(body, old), _version(body, new))
    return ok({**comparison.as_json(), "text": comparison.text})


@api_view("GET", "POST")
def rule_changes(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    if request.method == "POST":
        return _propose(request, body)
    return ok(
        {
            "body": body.slug,
            "rule_changes": [
                render.rule_change_brief(change) for change in rules_selectors.rule_changes_of(body)
            ],
        }
    )


def _max_length(field: str) -> int | None:
    return RuleChange._meta.get_field(field).max_length  # type: ignore[union-attr]


def _moment(data: dict[str, Any], name: str) -> datetime.datetime:
    """An ISO 8601 date and time; without an offset, the installation's time zone."""
    value = data.get(name)
    try:
        moment = datetime.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise InvalidInput(
            _("Give “%(name)s”: a date and time, ISO 8601 (2027-03-01T18:00:00Z).") % {"name": name}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _parameters(data: dict[str, Any]) -> dict[str, str]:
    """`parameters`: each name with its new value as the rules write it ("25%", "none")."""
    parameters = data["parameters"]
    if not isinstance(parameters, dict) or not parameters:
        raise InvalidInput(
            _("“parameters” must be an object: each parameter's name with its new value.")
        )
    written = {}
    for name, value in parameters.items():
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InvalidInput(
                _("The new value of %(name)s must be written as the rules write it (“25%%”).")
                % {"name": name}
            )
        written[name] = str(value)
    return written


def _proposed_text(data: dict[str, Any], body: Body) -> str:
    """The whole new text, sent as it is or written from the parameters to change."""
    if ("text" in data) == ("parameters" in data):
        raise InvalidInput(
            _(
                "Give either “text”, the whole new text of the rules, or “parameters”, the "
                "values to change in the text in force; not both."
            )
        )
    if "text" in data:
        return text_field(data, "text", required=True, max_length=TEXT_MAX_LENGTH)
    return rules_services.text_with_parameters(body=body, parameters=_parameters(data))


def _propose(request: HttpRequest, body: Body) -> HttpResponse:
    data = json_body(request)
    title = text_field(data, "title", required=True, max_length=_max_length("title"))
    reason = text_field(data, "reason", max_length=_max_length("reason"))
    text = _proposed_text(data, body)
    voting_opens_at = _moment(data, "voting_opens_at")
    takes_effect_on = None
    if data.get("takes_effect_on") is not None:
        takes_effect_on = _date(data["takes_effect_on"], "takes_effect_on")
    change = rules_services.rule_change_propose(
        person=request.user,
        member=member_acting(request),
        body=body,
        title=title,
        text=text,
        voting_opens_at=voting_opens_at,
        reason=reason,
        takes_effect_on=takes_effect_on,
    )
    return _rule_change_response(request, change.pk, status=201)


def _rule_change_response(request: HttpRequest, change_id: int, status: int = 200) -> HttpResponse:
    change = access_rule_change_for_person(person=request.user, pk=change_id)
    member = organisation_selectors.member_for_person(request.user)
    return ok(
        render.rule_change_json(
            change,
            selectors.rule_change_elector(change, member),
            selectors.version_adopted_by(change),
        ),
        status=status,
    )


@api_view("GET")
def rule_change_detail(request: HttpRequest, change_id: int) -> HttpResponse:
    return _rule_change_response(request, change_id)


@api_view("POST")
def rule_change_vote(request: HttpRequest, change_id: int) -> HttpResponse:
    change = access_rule_change_for_person(person=request.user, pk=change_id)
    choice = json_body(request).get("choice")
    if not isinstance(choice, str):
        raise InvalidInput(_("“choice” must be “for”, “against” or “abstain”."))
    rules_services.rule_change_vote(change=change, member=member_acting(request), choice=choice)
    return ok({"rule_change": change.pk, "voted": True}, status=201)
