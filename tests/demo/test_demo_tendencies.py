"""The demo's tendencies: two declared in the International with their platforms, one still
collecting; the Glasgow member signed the first and sees it on its page."""

import pytest
from django.urls import reverse

from newcourse import demo
from newcourse.organisation.models import Member
from newcourse.tendencies import selectors
from newcourse.tendencies.models import Tendency


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_demo_has_two_declared_tendencies_and_one_collecting(seeded):
    needed = selectors.threshold_for(Tendency.objects.first().body).needed

    shown = [
        (t.name, t.status, selectors.signature_count(t)) for t in Tendency.objects.order_by("pk")
    ]

    assert shown == [
        ("Rank and File", "declared", needed),
        ("Socialist Renewal", "declared", needed),
        ("Green Workers", "collecting", 3),
    ]


def test_demo_member_sees_their_signature_on_the_tendency_page(seeded, client):
    member = Member.objects.get(person__email="member@glasgow.example")
    client.force_login(member.person)
    tendency = Tendency.objects.get(name="Rank and File")

    page = client.get(reverse("tendency", args=[tendency.pk])).content.decode()

    assert "You signed for this tendency." in page
    assert "Every official elected, recallable" in page
