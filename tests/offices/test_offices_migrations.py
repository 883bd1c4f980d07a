"""Offices and terms moved out of the elections app: a database made before the move keeps every
office, term, election and recall petition, linked as before, once migrated forward."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newcourse.elections.models import Election, RecallPetition
from newcourse.offices.models import Office, Term

BEFORE_THE_MOVE = [("elections", "0004_approval_method")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_offices_terms_and_their_elections_survive_the_move():
    old = migrate(BEFORE_THE_MOVE)
    body = old.get_model("organisation", "Body").objects.create(
        name="Branch", slug="branch", kind="Branch", path="/branch/", depth=0
    )
    person = old.get_model("accounts", "User").objects.create(
        email="chair@example.org", full_name="Chair Person"
    )
    member = old.get_model("organisation", "Member").objects.create(
        person=person,
        number="M1",
        body=body,
        status="active",
        standing="good",
        joined_on=datetime.date(2020, 1, 1),
    )
    office = old.get_model("elections", "Office").objects.create(
        body=body, title="Chair", kind="post", verifiable=True
    )
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    election = old.get_model("elections", "Election").objects.create(
        office=office,
        kind="regular",
        seats=1,
        method="plurality",
        nominations_open_at=now,
        nominations_close_at=now,
        voting_opens_at=now,
        voting_closes_at=now + datetime.timedelta(days=7),
        status="declared",
    )
    term = old.get_model("elections", "Term").objects.create(
        office=office,
        member=member,
        election=election,
        began_on=datetime.date(2026, 1, 8),
        due_on=datetime.date(2028, 1, 8),
    )
    old.get_model("elections", "RecallPetition").objects.create(
        term=term, reason="Absent", threshold=3
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = Office.objects.get(pk=office.pk)
    assert (moved.title, moved.body.slug, moved.verifiable) == ("Chair", "branch", True)
    moved_term = Term.objects.get(pk=term.pk)
    assert (moved_term.office, moved_term.member.number) == (moved, "M1")
    assert moved_term.election == Election.objects.get(pk=election.pk)
    assert Election.objects.get(pk=election.pk).office == moved
    assert RecallPetition.objects.get().term == moved_term
    assert "offices_office" in connection.introspection.table_names()
    assert "elections_office" not in connection.introspection.table_names()
