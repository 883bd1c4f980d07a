"""The rules' pages: the rulebook (or a body's standing orders) with its parameters, a version
against the one before, a rule change with its vote, and the form that proposes one.

Reading needs only to see the body. No page sets a parameter: the only form here proposes a
rule change, which the members decide by their vote."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newcourse import rulebook as library
from newcourse.organisation.access import access_body_for_person
from newcourse.organisation.models import Body, Member
from newcourse.refusals import AccessDenied, Refused

from . import catalogue, selectors, services
from .access import access_rule_change_for_person, may_propose_rule_change
from .forms import ProposeForm, VoteForm
from .models import RuleChange, RuleChangeElector, RuleChangeStatus, RulesVersion


def _body_or_404(request: HttpRequest, slug: str) -> Body:
    try:
        return access_body_for_person(person=request.user, slug=slug)
    except AccessDenied as error:
        raise Http404(error.message) from error


@dataclass(frozen=True)
class ParameterRow:
    name: str
    written: str
    description: str
    applies_to: str
    applied_now: bool
    clause: str | None
    from_standing_orders: bool
    limits: str | None


def _limits(name: str, limits: tuple[Any, Any] | None) -> str | None:
    if limits is None:
        return None
    kind = library.CATALOGUE[name].kind
    return f"{library.format_value(kind, limits[0])} – {library.format_value(kind, limits[1])}"


def parameter_rows(
    rules: selectors.Rules, rulebook: RulesVersion, orders: RulesVersion | None
) -> list[ParameterRow]:
    parsed = selectors.parsed_rulebook(rulebook.text)
    standing = selectors.parsed_standing_orders(orders.text, rulebook.text) if orders else None
    rows = []
    for name in library.CATALOGUE:
        own = standing.settings.get(name) if standing else None
        setting = own or parsed.settings[name]
        rows.append(
            ParameterRow(
                name=name,
                written=rules.written(name),
                description=catalogue.description(name),
                applies_to=catalogue.applies_to(name),
                applied_now=catalogue.applied_now(name),
                clause=setting.clause,
                from_standing_orders=own is not None,
                limits=_limits(name, parsed.settings[name].limits),
            )
        )
    return rows


@require_safe
@login_required
def rules_page(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    top = selectors.top_of(body)
    today = timezone.localdate()
    rulebook = selectors.version_in_force(top, today)
    context: dict[str, Any] = {
        "body": body,
        "top": top,
        "is_top": body.pk == top.pk,
        "rulebook": rulebook,
        "versions": selectors.versions_of(body),
        "changes": selectors.rule_changes_of(body),
        "may_propose": rulebook is not None and may_propose_rule_change(request.user, body),
        "today": today,
    }
    if rulebook is not None:
        own = rulebook if body.pk == top.pk else selectors.version_in_force(body, today)
        rules = selectors.rules_for(body, today)
        context.update(
            rules=rules,
            own=own,
            lines=selectors.text_lines(selectors.document_of(own)) if own else [],
            title=selectors.document_of(rulebook).title,
            rows=parameter_rows(rules, rulebook, own if body.pk != top.pk else None),
            set_aside=(
                selectors.parsed_standing_orders(own.text, rulebook.text).set_aside
                if own is not None and body.pk != top.pk
                else ()
            ),
        )
    return render(request, "rules/rules.html", context)


@require_safe
@login_required
def version_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    body = _body_or_404(request, slug)
    version = selectors.version_of(body, number)
    if version is None:
        raise Http404(_("There is no such version of these rules."))
    # Compared with the version before it, or with any other the reader picks (?compare=N).
    other = request.GET.get("compare", "")
    previous = None
    if other.isascii() and other.isdigit() and len(other) < 10 and int(other) != number:
        previous = selectors.version_of(body, int(other))
    if previous is None and number > 1:
        previous = selectors.version_of(body, number - 1)
    comparison = None
    if previous is not None:
        older, newer = sorted((previous, version), key=lambda each: each.number)
        comparison = selectors.versions_compared(older, newer)
    return render(
        request,
        "rules/version.html",
        {
            "body": body,
            "version": version,
            "previous": previous,
            "comparison": comparison,
            "lines": selectors.text_lines(selectors.document_of(version)),
            "in_force": selectors.version_in_force(body, timezone.localdate()),
            "versions": selectors.versions_of(body),
            "changed": selectors.lines_changed(version),
        },
    )


def _membership(person: Any) -> Member | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Member.objects.filter(person=person).select_related("body").first()


def _change_or_404(request: HttpRequest, pk: int) -> RuleChange:
    try:
        return access_rule_change_for_person(person=request.user, pk=pk)
    except AccessDenied as error:
        raise Http404(error.message) from error


@login_required
def change_page(request: HttpRequest, pk: int) -> HttpResponse:
    change = _change_or_404(request, pk)
    member = _membership(request.user)
    form = VoteForm(request.POST or None)
    if request.method == "POST":
        if member is None:
            form.add_error(None, _("Only a member can vote."))
        elif form.is_valid():
            try:
                services.rule_change_vote(
                    change=change, member=member, choice=form.cleaned_data["choice"]
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Your vote is cast. Nobody can see how you voted."))
                return redirect(change)
    elector = (
        RuleChangeElector.objects.filter(change=change, member=member).first() if member else None
    )
    status = selectors.status_implied(change)
    proposed = selectors.parsed_document(change.text)
    old = selectors.document_of(change.amends) if change.amends else None
    return render(
        request,
        "rules/change.html",
        {
            "change": change,
            "status": status,
            "elector": elector,
            "may_vote": status == RuleChangeStatus.VOTING
            and change.status == RuleChangeStatus.VOTING
            and elector is not None
            and not elector.has_voted,
            "form": form,
            "comparison": selectors.text_compared(change.amends, change.text),
            "lines": selectors.text_lines(proposed) if old is None else [],
            "adopted": RulesVersion.objects.filter(change=change).first(),
            "not_applied": selectors.why_not_applied(change),
        },
    )


@login_required
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body_or_404(request, slug)
    if not may_propose_rule_change(request.user, body):
        raise Http404(_("Only the body's officers may propose a change to its rules."))
    member = _membership(request.user)
    rules = selectors.rules_for(body)
    prefix = "rule_change" if body.parent_id is None else "standing_orders"
    now = timezone.now()
    earliest = now + rules.days(f"{prefix}.notice_days")
    latest = selectors.latest_version(body)
    initial = ProposeForm.initial_for(
        latest, selectors.standing_orders_starter(body) if latest is None else "", earliest
    )
    form = ProposeForm(request.POST or None, initial=initial, earliest=earliest)
    if request.method == "POST" and form.is_valid() and member is not None:
        data = form.cleaned_data
        try:
            change = services.rule_change_propose(
                person=request.user,
                member=member,
                body=body,
                title=data["title"],
                reason=data["reason"],
                text=data["text"].replace("\r\n", "\n"),
                voting_opens_at=data["voting_opens_at"],
                takes_effect_on=data["takes_effect_on"],
                now=now,
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("The rule change is proposed; the members vote on it from %(day)s.")
                % {"day": timezone.localtime(change.voting_opens_at).strftime("%Y-%m-%d %H:%M")},
            )
            return redirect(change)
    return render(
        request,
        "rules/propose.html",
        {
            "body": body,
            "form": form,
            "rules": rules,
            "majority": rules.written(f"{prefix}.majority"),
            "voting_days": rules["rule_change.voting_days"],
            "earliest": earliest,
            "today": datetime.date.today(),
        },
    )
