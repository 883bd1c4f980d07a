"""The demo organisation (`newcourse.demo.organisation`) and the command that seeds it."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.urls import reverse

from newcourse import demo
from newcourse.organisation.models import Body, Member, MembershipEvent
from newcourse.record import selectors
from newcourse.record.models import HeadSubscription, RecordEntry


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_demo_builds_the_federated_tree(seeded):
    kinds = list(Body.objects.order_by("kind").values_list("kind", flat=True))
    assert (kinds.count("International"), kinds.count("Section")) == (1, 2)
    assert (kinds.count("Region"), kinds.count("Branch")) == (4, 8)


def test_demo_has_about_three_hundred_members_with_histories(seeded):
    assert 290 <= Member.objects.count() <= 310
    kinds = set(MembershipEvent.objects.values_list("kind", flat=True))
    assert {"joined", "transferred", "lapsed", "resigned", "expelled", "standing"} <= kinds


def test_demo_record_is_filled_and_intact(seeded):
    assert selectors.record_verify().count > 300


def test_demo_member_reads_other_branches_personal_details_withheld(seeded, client):
    """Glasgow's ordinary member reads the International's record, page by page and as the
    download: members of other branches appear by number, their names and reasons withheld."""
    outsiders = Member.objects.exclude(body__slug="glasgow").filter(
        status__in=["lapsed", "expelled"]
    )
    hidden = {"Dues unpaid for a year", "Crossed a picket line"}
    hidden |= {member.person.full_name for member in outsiders}
    client.force_login(Member.objects.get(person__email="member@glasgow.example").person)
    url = reverse("body_record", args=["international"])
    first = client.get(url)
    pages = [first.content.decode()] + [
        client.get(url, {"page": n}).content.decode()
        for n in range(2, first.context["page"].paginator.num_pages + 1)
    ]
    download = b"".join(client.get(reverse("record_download")).streaming_content).decode()
    seen = "\n".join([*pages, download])
    assert "Personal details withheld" in seen
    assert [text for text in hidden if text in seen] == []
    assert RecordEntry.objects.filter(action="member.expelled").count() == 1


def test_demo_logins_work(seeded):
    for login in demo.demo_logins():
        assert authenticate(username=login.email, password=demo.DEMO_PASSWORD) is not None


def test_demo_is_deterministic(tmp_path):
    """Two fresh installations seeded by the CLI hold the same members, numbers and histories."""
    rosters = []
    for name in ["first", "second"]:
        env = {**os.environ, "NEWCOURSE_HOME": str(tmp_path / name)}
        env.pop("DATABASE_URL", None)
        newcourse = [sys.executable, "-m", "newcourse"]
        subprocess.run([*newcourse, "demo", "--no-serve"], env=env, check=True, capture_output=True)
        exported = subprocess.run(
            [*newcourse, "members", "export"], env=env, check=True, capture_output=True, text=True
        )
        rosters.append(exported.stdout)
    assert rosters[0] == rosters[1]
    assert len(rosters[0].splitlines()) > 290


def test_demo_command_twice_reuses_data(db, home, capsys):
    call_command("demo", "--no-serve")
    count = Member.objects.count()
    call_command("demo", "--no-serve")
    assert Member.objects.count() == count
    assert "Reusing the demo data" in capsys.readouterr().out


def test_demo_member_is_sent_the_signed_head(seeded):
    assert list(HeadSubscription.objects.values_list("person__email", flat=True)) == [
        "member@glasgow.example"
    ]
