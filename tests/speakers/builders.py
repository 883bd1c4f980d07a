"""Builders for the speakers' list tests: short requests and speeches (`ask`, `spoke`)."""

from __future__ import annotations

from collections.abc import Iterable

from newcourse.speakers import Gender, Role, SpeakingRequest, Speech, Stance

WOMAN = Gender.WOMAN
MAN = Gender.MAN


def ask(
    id: str,
    sequence: int,
    stance: Stance | str = Stance.FOR,
    gender: Gender | None = None,
    *,
    speaker: str | None = None,
    role: Role | str = Role.SPEAKER,
    placed_at: int | None = None,
) -> SpeakingRequest:
    """A request whose speaker is its id unless given."""
    return SpeakingRequest(
        id=id,
        speaker=id if speaker is None else speaker,
        stance=Stance(stance),
        sequence=sequence,
        gender=gender,
        role=Role(role),
        placed_at=placed_at,
    )


def spoke(
    speaker: str,
    stance: Stance | str = Stance.FOR,
    gender: Gender | None = None,
    *,
    role: Role | str = Role.SPEAKER,
    branch: str | None = None,
    seconds: int = 0,
) -> Speech:
    return Speech(speaker, Stance(stance), gender, Role(role), branch, seconds)


def ids(requests: Iterable[SpeakingRequest]) -> list[str]:
    return [r.id for r in requests]
