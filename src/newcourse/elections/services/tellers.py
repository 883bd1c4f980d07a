"""A teller hands in a file: kept by the verifiable election, and the count follows at once
when it was the decryption share that completes the threshold."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from newcourse.organisation.models import Member
from newcourse.verifiable import services as verifiable_services
from newcourse.verifiable.models import TellerMessage, TellerStep

from ..models import Election, TimetableFailure
from .timetable import election_advance

logger = logging.getLogger(__name__)


def teller_submit(
    *, election: Election, member: Member, document: Any, now: datetime.datetime | None = None
) -> TellerMessage:
    """Take one of a teller's public files (checked by `verifiable.services.teller_submit`).

    After a decryption share the count is taken now, claimed like every step (another teller's
    share, arriving at the same time, may take it). If it fails, the share is still in: the
    scheduler counts at its next tick and reports the failure."""
    message = verifiable_services.teller_submit(election=election, member=member, document=document)
    if message.kind == TellerStep.DECRYPTION_SHARE:
        try:
            election_advance(election=election, now=now)
        except Exception:
            logger.exception("Election %s: the count after a decryption share failed", election.pk)
        else:
            # A failure the scheduler kept from an earlier try is over now.
            TimetableFailure.objects.filter(election_id=election.pk).delete()
    return message
