"""Reads shaped for the API, built on the elections and organisation selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from newcourse.elections.models import (
    Candidate,
    Election,
    PetitionStatus,
    RecallPetition,
    RecallSignature,
)
from newcourse.elections.selectors import voters_count
from newcourse.offices.models import Office
from newcourse.offices.selectors import current_terms, offices_of
from newcourse.organisation.models import Body, Member
from newcourse.organisation.selectors import bodies_for_person, officers_of
from newcourse.rules.models import RuleChange, RuleChangeElector, RulesVersion
from newcourse.verifiable.models import BoardEntry, Teller, TellerMessage, TellerStep


def elections_for_person(person: Any, body: Body | None = None) -> QuerySet[Election]:
    """Elections to the offices of `body`, or of every body the person belongs to or serves.

    `body` must already have passed `access_body_for_person`.
    """
    bodies = [body] if body is not None else bodies_for_person(person)
    return (
        Election.objects.filter(office__body__in=[b.pk for b in bodies])
        .select_related("office__body")
        .annotate(ballots_cast=voters_count())
        .order_by("-voting_closes_at", "pk")
    )


def offices_with_holders(body: Body) -> list[tuple[Office, list[Any]]]:
    """The body's offices, each with its current terms, in two queries."""
    terms = officers_of(body)
    return [(office, [t for t in terms if t.office_id == office.pk]) for office in offices_of(body)]


def holders_of(office: Office) -> list[Any]:
    return list(
        current_terms()
        .filter(office=office)
        .select_related("member__person")
        .order_by("member__person__full_name")
    )


def elections_of(office: Office) -> QuerySet[Election]:
    return office.elections.select_related("office__body").annotate(ballots_cast=voters_count())


def open_petitions_of(office: Office) -> QuerySet[RecallPetition]:
    return (
        RecallPetition.objects.filter(
            term__office=office, status__in=[PetitionStatus.COLLECTING, PetitionStatus.VOTING]
        )
        .select_related("term__member__person", "term__office__body")
        .annotate(signature_count=Count("signatures"))
    )


def nominations_of(election: Election) -> QuerySet[Candidate]:
    """Every nomination not withdrawn, standing or still awaiting a seconder or acceptance."""
    return (
        election.candidates.filter(withdrawn_at__isnull=True)
        .select_related("member__person")
        .order_by("member__person__full_name", "pk")
    )


def standing_candidates(election: Election) -> QuerySet[Candidate]:
    return (
        election.candidates.standing()
        .select_related("member__person")
        .order_by("member__person__full_name", "pk")
    )


def ballots_cast(election: Election) -> int:
    """The members who voted (a verifiable election's revotes replace a ballot)."""
    return election.electors.filter(has_voted=True).count()


def signature_count(petition: RecallPetition) -> int:
    return petition.signatures.count()


def has_signed(petition: RecallPetition, member: Member | None) -> bool:
    """Whether the asking member signed: their own fact, never anyone else's."""
    if member is None:
        return False
    return RecallSignature.objects.filter(petition=petition, member=member).exists()


def tellers_with_files(election: Election) -> list[tuple[Teller, list[str]]]:
    """A verifiable election's tellers, each with the steps whose file it has handed in (in
    the ceremony's order), in two queries."""
    handed_in: dict[int, set[str]] = {}
    for teller_id, kind in TellerMessage.objects.filter(teller__election=election).values_list(
        "teller_id", "kind"
    ):
        handed_in.setdefault(teller_id, set()).add(kind)
    tellers = election.tellers.select_related("member__person").order_by("index")
    return [
        (teller, [k for k in TellerStep.values if k in handed_in.get(teller.pk, set())])
        for teller in tellers
    ]


def board_size(election: Election) -> int:
    return BoardEntry.objects.filter(election=election).count()


def board_rows(election: Election) -> QuerySet[BoardEntry, dict[str, Any]]:
    """The board's public columns in order: never the ballot's credential or content here
    (they are in the record), never anything about who cast it (nothing stored does)."""
    return (
        BoardEntry.objects.filter(election=election)
        .order_by("seq")
        .values("seq", "tracker", "supersedes", "hash")
    )


def rule_change_elector(change: RuleChange, member: Member | None) -> RuleChangeElector | None:
    """The asking member's place on a rule change's electorate: their own fact only."""
    if member is None:
        return None
    return RuleChangeElector.objects.filter(change=change, member=member).first()


def version_adopted_by(change: RuleChange) -> RulesVersion | None:
    return RulesVersion.objects.filter(change=change).first()
