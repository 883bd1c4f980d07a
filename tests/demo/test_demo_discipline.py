"""The demo's due process: a closed case in the British Section and its figures page, with
the charge refused for citing only the tendencies' clause."""

import pytest
from django.urls import reverse

from newcourse import demo
from newcourse.discipline.models import Case
from newcourse.organisation.models import Body, Member


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_demo_has_a_closed_case_and_a_refused_charge_in_the_figures(seeded, client):
    section = Body.objects.get(slug="british-section")
    client.force_login(Member.objects.get(person__email="member@glasgow.example").person)

    page = client.get(reverse("cases", args=[section.slug])).content.decode()

    assert [(c.status, c.outcome) for c in Case.objects.all()] == [("closed", "dismissed")]
    assert "Charge dismissed" in page
    assert "Charges refused at filing</th><td>1</td>" in page
