"""The minutes' PDF is rendered by the scheduler, never in a request: at the first tick once
the floor has opened, and again only when the minutes changed — a new entry on the record that
changes nothing the minutes say costs a hash, not a rendering."""

from __future__ import annotations

import datetime

from tests.floor.minuting import sit
from tests.floor.sitting import close, open_vote

from newcourse.elections import services as election_services
from newcourse.floor import services
from newcourse.floor.models import MinutesPdf
from newcourse.floor.selectors_minutes import conferences_due_for_minutes, latest_entries
from newcourse.floor.services.minutes import minutes_render, minutes_tick
from newcourse.record.models import RecordEntry


def test_the_scheduler_renders_the_minutes_once_and_again_only_after_a_change(hall):
    sitting = sit(hall)
    conference = hall.conference
    later = hall.now + datetime.timedelta(hours=1)

    # The scheduler's one loop takes the minutes' step.
    assert election_services.elections_tick(now=later).failures == []
    first = MinutesPdf.objects.get(conference=conference)
    assert first.pdf[:4] == b"%PDF"
    assert (first.rendered_at, first.record_seq) == (later, RecordEntry.objects.latest("seq").seq)
    assert conferences_due_for_minutes() == []
    assert minutes_tick(now=later + datetime.timedelta(minutes=1)) == []
    assert MinutesPdf.objects.get(pk=first.pk).rendered_at == later

    # A delegate checks out: a new entry, the same minutes.
    services.delegate_check_out(
        person=hall.chair.person,
        member=hall.chair,
        credential=hall.credentials[hall.delegates[0].pk],
        now=hall.now,
    )
    assert [c.pk for c, _seq in conferences_due_for_minutes()] == [conference.pk]
    assert minutes_render(conference=conference, now=later + datetime.timedelta(minutes=2)) is False
    unchanged = MinutesPdf.objects.get(pk=first.pk)
    assert (unchanged.rendered_at, unchanged.markdown_sha256) == (later, first.markdown_sha256)
    assert unchanged.record_seq == latest_entries([conference.pk])[conference.pk]
    assert conferences_due_for_minutes() == []

    # Another vote: the minutes changed, and are rendered again in place of the first.
    vote = open_vote(sitting.hall, "hands", question="That the hall be cleared")
    close(sitting.hall, vote, votes_for=0, votes_against=2, votes_abstain=0)
    again = later + datetime.timedelta(minutes=3)
    assert minutes_tick(now=again) == []
    second = MinutesPdf.objects.get(conference=conference)
    assert (second.pk, second.rendered_at) == (first.pk, again)
    assert second.markdown_sha256 != first.markdown_sha256
    assert MinutesPdf.objects.count() == 1


def test_a_conference_without_a_floor_has_no_minutes_rendered(hall):
    hall.conference.floor.delete()
    assert conferences_due_for_minutes() == []
    assert minutes_tick() == []
    assert not MinutesPdf.objects.exists()
