"""A speech ended: the one rule shared by the chair calling the next speaker and taking up
another item."""

from __future__ import annotations

import datetime

from newcourse.record.services import record_append

from ..models import Floor, Speaker


def speech_end(floor: Floor, now: datetime.datetime) -> Speaker | None:
    """End the speech under way on the item under debate, its seconds counted and on the
    open record (who spoke, for their unit, for how long); None when nobody has the floor."""
    speaking = (
        Speaker.objects.select_for_update()
        .filter(item=floor.debating, state=Speaker.State.SPEAKING)
        .first()
    )
    if speaking is None:
        return None
    speaking.state = Speaker.State.SPOKEN
    speaking.ended_at = now
    started = speaking.started_at or now
    speaking.seconds = max(0, round((now - started).total_seconds()))
    speaking.save(update_fields=["state", "ended_at", "seconds"])
    record_append(
        actor="system",
        action="conference.spoke",
        subject=f"conference:{floor.conference_id}",
        body=floor.conference.body,
        payload={
            "item": floor.debating.position,  # type: ignore[union-attr]
            "delegate": f"member:{speaking.credential.term.member.number}",
            "unit": speaking.credential.delegation.unit.slug,
            "stance": speaking.stance,
            "role": speaking.role,
            "seconds": speaking.seconds,
        },
    )
    return speaking
