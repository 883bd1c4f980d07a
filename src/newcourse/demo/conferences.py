"""The demo's conference: the International's Congress 2027, called by its general secretary
a little before the membership freeze, which has now passed; the scheduler has fixed each
branch's delegates by the rulebook's rule, as it would have on the day."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.conferences import selectors, services
from newcourse.organisation.models import Body, Member

DAY = datetime.timedelta(days=1)
GENERAL_SECRETARY = "secretary@international.example"


def conferences_seed() -> None:
    international = Body.objects.get(slug="international")
    secretary = Member.objects.select_related("person").get(person__email=GENERAL_SECRETARY)
    today = timezone.localdate()
    freeze = today - 3 * DAY
    # A motions deadline a few weeks on, the congress itself in spring.
    offsets = (0, 28, 42, 70, 98, 119, 126, 128)
    dates = {
        name: freeze + offset * DAY
        for (name, _label), offset in zip(selectors.DEADLINES, offsets, strict=True)
    }
    called = timezone.now() - 10 * DAY
    services.conference_call(
        person=secretary.person,
        member=secretary,
        body=international,
        title="Congress 2027",
        unit_kind="Branch",
        dates=dates,
        now=called,
    )
    services.conferences_tick()
