"""Which tellers count a body's verifiable elections, and why an officer cannot quietly turn
them into plain ballots: one tellers office per body; a tellers office still vacant is passed
over for the elected tellers above it; and every fall back to plain ballots is recorded with
its reason and shown."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from newcourse.elections import services
from newcourse.offices import services as office_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone

HOUR = datetime.timedelta(hours=1)


def schedule(office):
    now = datetime.datetime.now(datetime.UTC)
    return services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now + HOUR,
        nominations_close_at=now + 2 * HOUR,
        voting_opens_at=now + 3 * HOUR,
        voting_closes_at=now + 4 * HOUR,
    )


def verifiable_office(body, title="Treasurer"):
    return office_services.office_create(
        actor="system:test", body=body, title=title, method="plurality", verifiable=True
    )


def test_a_second_vacant_tellers_office_cannot_replace_the_elected_tellers(tree, tellers):
    """The attack: an officer creates a second, vacant tellers office, hoping the next
    verifiable election finds it, sees no tellers and falls back to plain ballots."""
    with pytest.raises(AlreadyDone):
        office_services.office_create(
            actor="system:test", body=tree["region"], title="New tellers", kind="tellers"
        )
    election = schedule(verifiable_office(tree["region"]))
    assert election.verifiable
    assert [t.member for t in election.tellers.order_by("index")] == tellers


def test_a_vacant_tellers_office_below_is_passed_over_for_the_elected_tellers_above(tree, tellers):
    """The same attack one level down: North creates its own tellers office and leaves it
    vacant; North's verifiable elections are still counted by the region's tellers."""
    office_services.office_create(
        actor="system:test", body=tree["north"], title="North tellers", kind="tellers", seats=3
    )
    election = schedule(verifiable_office(tree["north"]))
    assert election.verifiable
    assert [t.member for t in election.tellers.order_by("index")] == tellers


def test_a_bodys_own_elected_tellers_count_its_elections(tree, tellers, make_member):
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="North tellers", kind="tellers", seats=3
    )
    own = [make_member(tree["north"]) for _ in range(3)]
    office_services.term_record_founding(actor="system:test", office=office, members=own)
    election = schedule(verifiable_office(tree["north"]))
    assert [t.member for t in election.tellers.order_by("index")] == own


def test_a_fall_back_to_plain_ballots_is_recorded_and_shown(client, tree, make_member):
    member = make_member(tree["north"])
    election = schedule(verifiable_office(tree["region"]))
    assert not election.verifiable
    scheduled = RecordEntry.objects.get(
        action="election.scheduled", subject=f"election:{election.pk}"
    )
    reason = (
        "Region has 0 elected tellers; a verifiable election needs at least 3, so that no "
        "single teller can decrypt"
    )
    assert (scheduled.payload["verifiable"], scheduled.payload["not_verifiable_because"]) == (
        False,
        reason,
    )
    client.force_login(member.person)
    page = client.get(reverse("election", args=[election.pk])).content.decode()
    assert (
        '<p class="notice" role="status">This office\'s elections are meant to be '
        f"verifiable, but this one is not: {reason}.</p>"
    ) in page


def test_the_notice_is_in_french_too(client, tree, make_member):
    member = make_member(tree["north"])
    election = schedule(verifiable_office(tree["region"]))
    client.force_login(member.person)
    with translation.override("en"):  # gives the thread its language back afterwards
        page = client.get(
            reverse("election", args=[election.pk]), HTTP_ACCEPT_LANGUAGE="fr"
        ).content.decode()
    assert "Les élections à ce poste sont censées être vérifiables, mais celle-ci ne" in page
