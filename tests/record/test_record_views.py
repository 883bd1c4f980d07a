"""Every page shows the head; the record page says how to keep and check one; the signed
head and the public key are published; members subscribe and unsubscribe."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from newcourse import crypto
from newcourse.record.models import HeadSubscription, RecordHead
from newcourse.record.services import record_append


@pytest.fixture
def entries(db, home):
    for n in range(3):
        record_append(actor="system:test", action="test.entry", subject=f"x:{n}", payload={"n": n})
    return RecordHead.objects.get()


@pytest.fixture
def member_client(client, tree, make_member):
    member = make_member(tree["north"], email="reader@example.org")
    client.force_login(member.person)
    return client, member.person


def test_every_page_footer_shows_the_head_linking_to_its_explanation(entries, client):
    html = client.get(reverse("login")).content.decode()

    assert f'title="{entries.seq}:{entries.hash}"' in html
    assert f"#{entries.seq} {entries.hash[:12]}…" in html
    assert f'value="{entries.seq}:{entries.hash}"' in html
    assert f'href="{reverse("record")}#keep-a-head"' in html


def test_footer_reads_the_head_in_one_query(entries, client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("login"))


def test_record_page_explains_how_to_keep_and_check_a_head(entries, client):
    html = client.get(reverse("record")).content.decode()

    assert 'id="keep-a-head"' in html
    assert f"newcourse record verify --head {entries.seq}:{entries.hash}" in html
    assert "the history has been rewritten since you kept it" in html


def test_record_page_in_french(entries, client):
    html = client.get(reverse("record"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Gardez une tête, vérifiez-la plus tard" in html


def test_published_signed_head_verifies_with_published_key(entries, client):
    signed = crypto.SignedHead.from_json(client.get(reverse("record_head")).json())
    key = client.get(reverse("record_key")).json()["public_key"]

    crypto.signed_head_check(signed, key)
    assert (signed.seq, signed.hash) == (entries.seq, entries.hash)


def test_member_subscribes_then_unsubscribes(entries, member_client):
    client, person = member_client

    client.post(reverse("record_subscription"), {"subscribe": "yes"})
    assert HeadSubscription.objects.filter(person=person).exists()
    assert "Stop sending me the head" in client.get(reverse("record")).content.decode()

    client.post(reverse("record_subscription"), {"subscribe": "no"})
    assert not HeadSubscription.objects.filter(person=person).exists()


def test_subscribing_needs_a_login(entries, client):
    response = client.post(reverse("record_subscription"), {"subscribe": "yes"})

    assert response.status_code == 302
    assert not HeadSubscription.objects.exists()


def test_subscribing_by_get_changes_nothing(entries, member_client):
    client, _person = member_client

    response = client.get(reverse("record_subscription"), {"subscribe": "yes"})

    assert response.status_code == 405
    assert not HeadSubscription.objects.exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="raw damage written past SQLite's checks")
def test_a_damaged_head_row_does_not_break_every_page(entries, client):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE record_recordhead SET hash = CAST(X'FF' AS TEXT) WHERE id = 1")

    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert "unreadable: check it with newcourse record verify" in response.content.decode()
