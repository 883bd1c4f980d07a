"""The speakers' list as the hall sees it: the waiting requests in speaking order (the rules
of `newcourse.speakers` over the stored requests), the speaker with the floor and their
clock, and who spoke, for how long, by gender and by branch."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from newcourse import speakers
from newcourse.conferences.models import AgendaItem, Conference

from .models import CheckIn, Floor, Speaker


def rules_of(floor: Floor) -> speakers.ListRules:
    """The list's rules as the chair set them from conference's standing orders."""
    return speakers.ListRules(
        alternate_stances=floor.alternate_stances,
        gender_order=speakers.GenderOrder(floor.gender_order),
        progressive_stack=speakers.ProgressiveStack(floor.progressive_stack),
        times=speakers.SpeakingTimes(
            mover=floor.mover_seconds or None,
            seconder=floor.speaker_seconds or None,
            speaker=floor.speaker_seconds or None,
            reply=floor.speaker_seconds or None,
            point_of_order=floor.point_of_order_seconds or None,
        ),
    )


def _genders(conference: Conference) -> dict[int, speakers.Gender]:
    return {
        credential: speakers.Gender(gender)
        for credential, gender in CheckIn.objects.filter(credential__conference=conference)
        .exclude(gender="")
        .values_list("credential", "gender")
    }


def as_request(speaker: Speaker, genders: dict[int, speakers.Gender]) -> speakers.SpeakingRequest:
    return speakers.SpeakingRequest(
        id=str(speaker.pk),
        speaker=str(speaker.credential_id),
        stance=speakers.Stance(speaker.stance),
        sequence=speaker.pk,
        gender=genders.get(speaker.credential_id),
        role=speakers.Role(speaker.role),
        placed_at=speaker.placed_at,
    )


def debate_of(item: AgendaItem, genders: dict[int, speakers.Gender]) -> speakers.Debate:
    """The debate so far on `item`, and who spoke earlier in the conference."""
    spoken = Speaker.objects.filter(
        item__conference_id=item.conference_id,
        state__in=[Speaker.State.SPOKEN, Speaker.State.SPEAKING],
    ).order_by("started_at", "pk")
    here = [s for s in spoken if s.item_id == item.pk]
    return speakers.Debate(
        speeches=tuple(
            speakers.Speech(
                speaker=str(s.credential_id),
                stance=speakers.Stance(s.stance),
                gender=genders.get(s.credential_id),
                role=speakers.Role(s.role),
            )
            for s in here
        ),
        earlier_speakers=frozenset(str(s.credential_id) for s in spoken if s.item_id != item.pk),
    )


def waiting(item: AgendaItem) -> QuerySet[Speaker]:
    return Speaker.objects.filter(item=item, state=Speaker.State.WAITING).select_related(
        "credential__term__member__person", "credential__delegation__unit"
    )


def speaking_order(floor: Floor) -> list[Speaker]:
    """The waiting speakers on the item under debate, in the order they will be called."""
    item = floor.debating
    if item is None:
        return []
    genders = _genders(floor.conference)
    stored = {str(s.pk): s for s in waiting(item)}
    ordered = speakers.speaking_order(
        [as_request(s, genders) for s in stored.values()],
        rules_of(floor),
        debate_of(item, genders),
    )
    return [stored[request.id] for request in ordered]


@dataclass(frozen=True)
class Speaking:
    """The speaker with the floor: who, since when, the seconds they have (None: no limit)
    and, at `now`, what is left (negative: over time)."""

    speaker: Speaker
    allowed: int | None
    left: datetime.timedelta | None

    @property
    def countdown(self) -> str:
        return speakers.countdown(self.left) if self.left is not None else ""

    @property
    def ends_at(self) -> datetime.datetime | None:
        if self.allowed is None or self.speaker.started_at is None:
            return None
        return self.speaker.started_at + datetime.timedelta(seconds=self.allowed)


def speaking(floor: Floor, now: datetime.datetime | None = None) -> Speaking | None:
    if floor.debating_id is None:
        return None
    speaker = (
        Speaker.objects.filter(item_id=floor.debating_id, state=Speaker.State.SPEAKING)
        .select_related("credential__term__member__person", "credential__delegation__unit")
        .first()
    )
    if speaker is None or speaker.started_at is None:
        return None
    allowed = speaker.allowed_seconds
    left = (
        speakers.remaining(speaker.started_at, now or timezone.now(), allowed) if allowed else None
    )
    return Speaking(speaker=speaker, allowed=allowed, left=left)


def statistics(conference: Conference) -> speakers.SpeakingStatistics:
    """Who spoke at `conference` and for how long, by gender, branch and stance."""
    genders = _genders(conference)
    spoken = Speaker.objects.filter(
        item__conference=conference, state=Speaker.State.SPOKEN
    ).select_related("credential__delegation__unit")
    return speakers.speaking_statistics(
        speakers.Speech(
            speaker=str(s.credential_id),
            stance=speakers.Stance(s.stance),
            gender=genders.get(s.credential_id),
            role=speakers.Role(s.role),
            branch=s.credential.delegation.unit.name,
            seconds=s.seconds or 0,
        )
        for s in spoken
    )
