"""The rules' pages: the text with its parameters marked, every parameter with its clause,
the versions with their diffs; a rule change proposed and voted on. No page sets a parameter."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from tests.rules.steps import DAY, propose

from newcourse.rules import services
from newcourse.rules.models import RuleChange


def test_the_rulebook_page_marks_each_parameter_in_the_text_and_tables_them(client, tree, voters):
    client.force_login(voters[0].person)
    page = client.get(reverse("rules", args=["international"]))
    html = page.content.decode()
    assert page.status_code == 200
    mark = '<mark class="parameter" title="recall.threshold" data-parameter="recall.threshold">'
    assert mark + "20%</mark>" in html
    assert '<code class="muted">recall.threshold</code>' in html
    assert "20% – 50%" in html  # what a body's standing orders may set
    assert "Propose a rule change" not in html  # a member is not an officer


def test_a_branch_page_shows_its_standing_orders_over_the_rulebook(
    client, tree, branch_secretary, voters
):
    client.force_login(voters[0].person)
    html = client.get(reverse("rules", args=["north"])).content.decode()
    assert "Standing orders of North" in html
    assert "This body has no standing orders" in html


def test_the_rules_pages_take_no_post(client, tree, voters):
    client.force_login(voters[0].person)
    assert (
        client.post(
            reverse("rules", args=["international"]), {"recall.threshold": "1%"}
        ).status_code
        == 405
    )
    assert client.post(reverse("rules_version", args=["international", 1])).status_code == 405


def test_a_version_page_shows_what_changed_since_the_one_before(client, tree, voters, carry):
    carry({"recall.threshold": "30%"})
    client.force_login(voters[0].person)
    html = client.get(reverse("rules_version", args=["international", 2])).content.decode()
    row = "<code>recall.threshold</code></td><td>20% [20%..50%]</td>"
    assert row + "<td><strong>30% [20%..50%]</strong>" in html
    assert '<del class="diff-line">' in html and '<ins class="diff-line">' in html


def test_any_two_versions_are_compared_and_each_changed_line_credited_to_its_decision(
    client, tree, voters, carry
):
    carry({"recall.threshold": "30%"})
    carry({"recall.threshold": "40%"})
    client.force_login(voters[0].person)
    url = reverse("rules_version", args=["international", 3])
    html = client.get(url + "?compare=1").content.decode()
    assert "What changed from version 1 to version 3" in html
    row = "<code>recall.threshold</code></td><td>20% [20%..50%]</td>"
    assert row + "<td><strong>40% [20%..50%]</strong>" in html
    # The clause the two changes rewrote is version 3's; no line is version 2's any more.
    changes = RuleChange.objects.order_by("pk")
    assert f'href="{reverse("rule_change", args=[changes[1].pk])}"' in html
    assert f'href="{reverse("rule_change", args=[changes[0].pk])}"' not in html
    assert "Which decision last changed each line" in html
    for bad in ("nine", "²", "9" * 5000):
        html = client.get(url + "?compare=" + bad).content.decode()
        assert "What changed from version 2 to version 3" in html


def test_an_unknown_version_is_not_found(client, tree, voters):
    client.force_login(voters[0].person)
    assert client.get(reverse("rules_version", args=["international", 9])).status_code == 404


def test_a_member_cannot_open_the_proposal_form(client, tree, voters):
    client.force_login(voters[0].person)
    assert client.get(reverse("rules_propose", args=["international"])).status_code == 404


def test_an_officer_proposes_too_early_and_is_told_the_notice(client, tree, secretary):
    client.force_login(secretary.person)
    form = client.get(reverse("rules_propose", args=["international"]))
    text = form.context["form"].initial["text"]
    response = client.post(
        reverse("rules_propose", args=["international"]),
        {
            "title": "Higher pay cap",
            "text": text.replace("{pay.cap = 2850 GBP}", "{pay.cap = 3000 GBP}"),
            "voting_opens_at": (timezone.localtime() + 3 * DAY).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200
    (error,) = response.context["form"].non_field_errors()
    assert error.startswith("The rules require 56 days' notice of a change")
    assert not RuleChange.objects.exists()


def test_an_officer_proposes_with_notice_and_members_vote_on_the_page(
    client, tree, secretary, voters
):
    client.force_login(secretary.person)
    form = client.get(reverse("rules_propose", args=["international"]))
    initial = form.context["form"].initial
    response = client.post(
        reverse("rules_propose", args=["international"]),
        {
            "title": "Higher pay cap",
            "reason": "Wages rose.",
            "text": initial["text"].replace("{pay.cap = 2850 GBP}", "{pay.cap = 3000 GBP}"),
            "voting_opens_at": initial["voting_opens_at"].strftime("%Y-%m-%dT%H:%M"),
        },
    )
    change = RuleChange.objects.get()
    assert response.status_code == 302 and response["Location"] == change.get_absolute_url()
    html = client.get(change.get_absolute_url()).content.decode()
    assert "<code>pay.cap</code></td><td>2850.00 GBP</td><td><strong>3000.00 GBP</strong>" in html
    client.force_login(voters[0].person)
    page = client.get(change.get_absolute_url())
    assert page.context["may_vote"] is False  # its vote opens in 56 days


def test_a_vote_cast_on_the_page_counts_once(client, tree, secretary, voters):
    change = propose(
        secretary,
        tree["international"],
        parameters={"pay.cap": "3000 GBP"},
        now=timezone.now() - DAY,
    )
    services.rule_changes_tick()
    client.force_login(voters[0].person)
    assert client.get(change.get_absolute_url()).context["may_vote"] is True
    response = client.post(change.get_absolute_url(), {"choice": "for"})
    assert response.status_code == 302
    again = client.post(change.get_absolute_url(), {"choice": "against"})
    assert "already voted" in again.content.decode()
    assert change.ballots.count() == 1
