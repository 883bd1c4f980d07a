"""The rulebook changes only by a rule change the members carry, with the majority and after
the notice the rulebook itself requires; a body's standing orders stay within its limits."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.utils import timezone
from tests.rulebooks import rulebook_text
from tests.rules.steps import DAY, propose, vote

from newcourse.record.models import RecordEntry
from newcourse.refusals import (
    AlreadyDone,
    InvalidInput,
    InvalidRules,
    NoRulebook,
    NotPermitted,
    OutsideWindow,
)
from newcourse.rules import selectors, services
from newcourse.rules.models import RuleChange, RuleChangeStatus, RulesVersion


def test_founding_rulebook_is_sealed_on_the_record_with_its_hash(tree):
    version = RulesVersion.objects.get(body=tree["international"])
    entry = RecordEntry.objects.get(action="rules.founded")
    assert (version.number, entry.payload["text_sha256"]) == (1, services.text_sha256(version.text))
    assert entry.payload["parameters"]["recall.threshold"] == "1/5"


def test_a_second_founding_is_refused(tree):
    with pytest.raises(AlreadyDone, match="rule change carried by conference"):
        services.rulebook_found(
            actor="t", body=tree["international"], text=rulebook_text(), source="file"
        )


def test_a_branch_has_no_rulebook_of_its_own(tree):
    with pytest.raises(InvalidInput, match="standing orders"):
        services.rulebook_found(actor="t", body=tree["north"], text=rulebook_text(), source="file")


def test_a_rulebook_missing_a_parameter_is_refused_naming_it(db):
    text = rulebook_text().replace("{pay.cap = 2850 GBP}", "2850 GBP")
    with pytest.raises(InvalidRules, match=r"pay\.cap"):
        services.organisation_found(actor="t", name="U", kind="Union", text=text, source="file")


def test_a_threshold_above_the_whole_is_refused_with_its_clause(db):
    text = rulebook_text().replace(
        "{recall.threshold = 20% [20%..50%]}", "{recall.threshold = 120%}"
    )
    with pytest.raises(InvalidRules) as refused:
        services.organisation_found(actor="t", name="U", kind="Union", text=text, source="file")
    assert "clause 8.2" in refused.value.message and "120%" in refused.value.message


def test_a_negative_term_is_refused(db):
    text = rulebook_text(**{"term.months.committee": "24"}).replace(
        "{term.months.committee = 24}", "{term.months.committee = -6}"
    )
    with pytest.raises(InvalidRules, match=r"term\.months\.committee"):
        services.organisation_found(actor="t", name="U", kind="Union", text=text, source="file")


def test_no_rulebook_in_force_before_its_founding(tree):
    with pytest.raises(NoRulebook, match="no rulebook"):
        selectors.rules_for(tree["north"], datetime.date(2018, 12, 31))


def test_a_rule_change_before_its_notice_is_refused_and_recorded(tree, secretary, now):
    with pytest.raises(OutsideWindow, match="56 days' notice"):
        propose(
            secretary,
            tree["international"],
            parameters={"pay.cap": "3000 GBP"},
            now=now,
            notice_days=30,
        )
    assert not RuleChange.objects.exists()
    refused = RecordEntry.objects.get(action="rules.change_refused")
    assert refused.payload["notice_days"] == 56


def test_only_the_bodys_officers_propose(tree, voters, now):
    with pytest.raises(NotPermitted):
        propose(voters[0], tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)


def test_a_text_that_changes_nothing_is_refused(tree, secretary, now):
    with pytest.raises(InvalidInput, match="same as the rules in force"):
        propose(secretary, tree["international"], parameters={}, now=now)


def test_two_thirds_carries_and_adopts_version_two_sealed_on_the_record(
    tree, secretary, voters, now
):
    change = propose(secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)
    vote(change, voters, "FFFFFFAAAX", now + DAY)  # 6 for, 3 against: exactly two thirds
    services.rule_changes_tick(now=change.voting_closes_at)
    change.refresh_from_db()
    assert (change.status, change.result["for"], change.result["against"]) == ("carried", 6, 3)
    version = RulesVersion.objects.get(body=tree["international"], number=2)
    assert version.parameters["pay.cap"] == "3000.00 GBP"
    assert version.effective_on == timezone.localdate(change.voting_closes_at)
    adopted = RecordEntry.objects.get(action="rules.adopted")
    assert adopted.payload["text_sha256"] == services.text_sha256(version.text)


def test_short_of_two_thirds_the_change_is_lost_and_recorded(tree, secretary, voters, now):
    change = propose(secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)
    vote(change, voters, "FFFFFFAAAA", now + DAY)  # 6 for, 4 against: 60%
    services.rule_changes_tick(now=change.voting_closes_at)
    change.refresh_from_db()
    assert change.status == RuleChangeStatus.LOST
    assert RecordEntry.objects.filter(action="rules.change_lost").count() == 1
    assert not RulesVersion.objects.filter(number=2).exists()


def test_a_member_votes_once(tree, secretary, voters, now):
    change = propose(secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)
    vote(change, voters, "F", now + DAY)
    with pytest.raises(AlreadyDone):
        services.rule_change_vote(change=change, member=voters[0], choice="against", now=now + DAY)


def test_no_vote_before_the_vote_opens(tree, secretary, voters, now):
    change = propose(secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)
    with pytest.raises(OutsideWindow):
        services.rule_change_vote(change=change, member=voters[0], choice="for", now=now - DAY)


def test_a_member_who_joined_after_the_vote_opened_is_not_on_its_electorate(
    tree, secretary, voters, make_member, now
):
    change = propose(secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)
    services.rule_changes_tick(now=now + DAY)
    late = make_member(tree["north"])
    with pytest.raises(NotPermitted, match="when voting opened"):
        services.rule_change_vote(change=change, member=late, choice="for", now=now + DAY)


def test_a_nonsense_choice_is_refused(tree, secretary, voters, now):
    change = propose(secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)
    services.rule_changes_tick(now=now + DAY)
    with pytest.raises(InvalidInput):
        services.rule_change_vote(change=change, member=voters[0], choice="maybe", now=now + DAY)


def test_a_change_takes_effect_on_its_stated_day_and_not_before(tree, secretary, voters, now):
    later = (now + 40 * DAY).date()
    change = propose(
        secretary,
        tree["international"],
        parameters={"recall.threshold": "30%"},
        now=now,
        takes_effect_on=later,
    )
    vote(change, voters, "FFFFFFFFFF", now + DAY)
    services.rule_changes_tick(now=change.voting_closes_at)
    assert selectors.rules_for(tree["north"], later - DAY).recall_threshold == Fraction(1, 5)
    assert selectors.rules_for(tree["north"], later).recall_threshold == Fraction(3, 10)


def test_a_change_cannot_take_effect_before_its_vote_closes(tree, secretary, now):
    with pytest.raises(OutsideWindow, match="before its vote closes"):
        propose(
            secretary,
            tree["international"],
            parameters={"pay.cap": "3000 GBP"},
            now=now,
            takes_effect_on=now.date(),
        )


def test_a_standing_order_below_the_rulebooks_floor_is_refused_with_the_clause(
    tree, branch_secretary, now
):
    text = selectors.standing_orders_starter(tree["north"]).replace(
        "{recall.threshold = 20%}", "{recall.threshold = 10%}"
    )
    with pytest.raises(InvalidRules) as refused:
        propose(branch_secretary, tree["north"], text=text, now=now, notice_days=28)
    assert "20%" in refused.value.message and "10%" in refused.value.message


def test_a_standing_order_on_what_the_rulebook_keeps_is_refused(tree, branch_secretary, now):
    text = selectors.standing_orders_starter(tree["north"]) + "\n1.9 {recall.majority = 2/3}.\n"
    with pytest.raises(InvalidRules, match=r"recall\.majority"):
        propose(branch_secretary, tree["north"], text=text, now=now, notice_days=28)


def test_standing_orders_carried_by_the_branch_govern_the_branch_only(
    tree, branch_secretary, voters, now
):
    text = selectors.standing_orders_starter(tree["north"]).replace(
        "{recall.threshold = 20%}", "{recall.threshold = 30%}"
    )
    change = propose(branch_secretary, tree["north"], text=text, now=now, notice_days=28)
    vote(change, voters[:5], "FFFFA", now + DAY)  # a simple majority of North's members
    services.rule_changes_tick(now=change.voting_closes_at)
    change.refresh_from_db()
    assert change.electorate_size == 6  # five voters and the branch secretary
    day = change.voting_closes_at.date() + DAY
    north = selectors.rules_for(tree["north"], day)
    assert (north.recall_threshold, north.standing_orders_version) == (Fraction(3, 10), 1)
    assert selectors.rules_for(tree["south"], day).recall_threshold == Fraction(1, 5)


def test_no_model_or_queryset_path_edits_a_version(tree):
    version = RulesVersion.objects.get(body=tree["international"])
    with pytest.raises(PermissionError):
        RulesVersion.objects.filter(pk=version.pk).update(text="")
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        version.delete()


def test_two_changes_carried_one_after_the_other_both_stand(tree, secretary, voters, now):
    """Both were written against version 1; the second is applied to version 2, keeping the
    first's change."""
    pay = propose(secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=now)
    recall = propose(
        secretary, tree["international"], parameters={"recall.threshold": "30%"}, now=now
    )
    vote(pay, voters, "FFFFFFFFFF", now + DAY)
    vote(recall, voters, "FFFFFFFFFF", now + DAY)
    services.rule_changes_tick(now=pay.voting_closes_at)
    latest = selectors.latest_version(tree["international"])
    assert latest.number == 3
    assert (latest.parameters["pay.cap"], latest.parameters["recall.threshold"]) == (
        "3000.00 GBP",
        "3/10",
    )


def test_a_carried_change_clashing_with_one_adopted_since_is_not_applied_and_says_why(
    tree, secretary, voters, now
):
    first = propose(
        secretary, tree["international"], parameters={"recall.threshold": "30%"}, now=now
    )
    second = propose(
        secretary, tree["international"], parameters={"recall.threshold": "40%"}, now=now
    )
    vote(first, voters, "FFFFFFFFFF", now + DAY)
    vote(second, voters, "FFFFFFFFFF", now + DAY)
    services.rule_changes_tick(now=first.voting_closes_at)
    second.refresh_from_db()
    assert second.status == RuleChangeStatus.NOT_APPLIED
    assert selectors.latest_version(tree["international"]).parameters["recall.threshold"] == "3/10"
    reason = RecordEntry.objects.get(action="rules.change_not_applied").payload["reason"]
    assert reason.startswith(
        "Version 2, adopted since this change was proposed, changes the same lines"
    )


def test_a_change_never_takes_effect_before_one_adopted_earlier(tree, secretary, voters, now):
    later = (now + 60 * DAY).date()
    slow = propose(
        secretary,
        tree["international"],
        parameters={"pay.cap": "3000 GBP"},
        now=now,
        takes_effect_on=later,
    )
    quick = propose(
        secretary, tree["international"], parameters={"recall.threshold": "30%"}, now=now
    )
    vote(slow, voters, "FFFFFFFFFF", now + DAY)
    vote(quick, voters, "FFFFFFFFFF", now + DAY)
    services.rule_changes_tick(now=slow.voting_closes_at)
    assert [v.effective_on for v in selectors.versions_of(tree["international"])][1:] == [
        later,
        later,
    ]


def test_narrowing_the_rulebooks_limits_sets_aside_a_branch_order_outside_them(
    tree, branch_secretary, secretary, voters, now
):
    orders = selectors.standing_orders_starter(tree["north"]).replace(
        "{recall.threshold = 20%}", "{recall.threshold = 30%}"
    )
    early = now - 40 * DAY
    change = propose(branch_secretary, tree["north"], text=orders, now=early, notice_days=28)
    vote(change, voters[:5], "FFFFF", early + DAY)
    services.rule_changes_tick(now=change.voting_closes_at)
    text = services.text_with_parameters(body=tree["international"], parameters={}).replace(
        "{recall.threshold = 20% [20%..50%]}", "{recall.threshold = 35% [35%..50%]}"
    )
    narrowing = propose(secretary, tree["international"], text=text, now=now - 20 * DAY)
    vote(narrowing, voters, "FFFFFFFFFF", now - 19 * DAY)
    services.rule_changes_tick(now=narrowing.voting_closes_at)

    north = selectors.rules_for(tree["north"])
    assert (north.rulebook_version, north.standing_orders_version) == (2, 1)
    assert north.recall_threshold == Fraction(7, 20)  # the rulebook's: 30% is now below it
    (aside,) = selectors.parsed_standing_orders(
        selectors.latest_version(tree["north"]).text,
        selectors.latest_version(tree["international"]).text,
    ).set_aside
    assert "35%" in str(aside) and "30% is outside" in str(aside)


def test_a_title_longer_than_the_form_takes_is_refused(tree, secretary, now):
    with pytest.raises(InvalidInput, match="at most 200 characters"):
        services.rule_change_propose(
            person=secretary.person,
            member=secretary,
            body=tree["international"],
            title="x" * 201,
            text=services.text_with_parameters(
                body=tree["international"], parameters={"pay.cap": "3000 GBP"}
            ),
            voting_opens_at=now + 60 * DAY,
            now=now,
        )


def test_a_vote_opening_years_away_is_refused(tree, secretary, now):
    with pytest.raises(InvalidInput, match="within 5 years"):
        propose(
            secretary,
            tree["international"],
            parameters={"pay.cap": "3000 GBP"},
            now=now + 3000 * DAY,
            notice_days=3000,
        )
