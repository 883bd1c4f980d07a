"""The demo's decisions carried out: the Special Congress's actions, one in each status and one
overdue, on the International's decisions page; Glasgow's secretary, whose branch owns the
strike fund, finds the update form."""

import pytest
from django.urls import reverse

from newcourse import demo
from newcourse.actions import selectors
from newcourse.actions.models import Action
from newcourse.organisation.models import Body, Member


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_demo_has_an_action_in_each_status_and_one_overdue(seeded):
    report = selectors.action_report(Body.objects.get(slug="international"))

    assert sorted((line.action.status, line.overdue) for line in report.lines) == [
        ("done", False),
        ("dropped", False),
        ("in-progress", True),
        ("not-started", False),
    ]


def test_demo_glasgow_secretary_updates_the_branchs_action(seeded, client):
    secretary = Member.objects.get(person__email="secretary@glasgow.example")
    action = Action.objects.get(owner_body__slug="glasgow")
    client.force_login(secretary.person)

    listing = client.get(reverse("actions", args=["international"])).content.decode()
    page = client.get(action.get_absolute_url()).content.decode()

    assert "Overdue" in listing
    assert reverse("action_update", args=[action.pk]) in page
