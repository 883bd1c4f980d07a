"""How each object looks in the API: plain dicts, ready for JSON. No queries of their own
beyond the related rows the caller's selector already loaded."""

from __future__ import annotations

import datetime
from typing import Any

from newcourse import rulebook
from newcourse.elections.models import Candidate, Election, RecallPetition
from newcourse.elections.selectors import status_implied
from newcourse.offices.models import Office, Term
from newcourse.offices.selectors import office_rules
from newcourse.organisation.models import Body
from newcourse.record.selectors import SeenEntry
from newcourse.rules import selectors as rules_selectors
from newcourse.rules.models import RuleChange, RuleChangeElector, RulesVersion
from newcourse.rules.services import text_sha256
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import Teller


def body_brief(body: Body) -> dict[str, Any]:
    return {"slug": body.slug, "name": body.name, "kind": body.kind}


def term_json(term: Term) -> dict[str, Any]:
    return {
        "term": term.pk,
        "name": term.member.person.full_name,
        "began_on": term.began_on,
        "due_on": term.due_on,
        "founding": term.founding,
    }


def office_brief(office: Office, holders: list[Term]) -> dict[str, Any]:
    return {
        "id": office.pk,
        "title": office.title,
        "kind": office.kind,
        "powers": office.powers,
        "seats": office.seats,
        "holders": [term_json(t) for t in holders],
    }


def office_json(
    office: Office,
    holders: list[Term],
    elections: list[Election],
    petitions: list[RecallPetition],
) -> dict[str, Any]:
    return {
        **office_brief(office, holders),
        "body": body_brief(office.body),
        "method": office.counting_method,
        "rules": office_rules(office),
        "elections": [election_brief(e) for e in elections],
        "petitions": [
            petition_brief(p, p.signature_count)  # type: ignore[attr-defined]
            for p in petitions
        ],
    }


def election_brief(election: Election, ballots: int | None = None) -> dict[str, Any]:
    return {
        "id": election.pk,
        "title": str(election),
        "kind": election.kind,
        "body": election.office.body.slug,
        "office": {"id": election.office_id, "title": election.office.title},
        # What the timetable implies now, as the pages show it; the scheduler records it soon.
        "status": status_implied(election).value,
        "method": election.method,
        "seats": election.seats,
        "voting_opens_at": election.voting_opens_at,
        "voting_closes_at": election.voting_closes_at,
        "ballots": ballots if ballots is not None else getattr(election, "ballots_cast", None),
        "verifiable": election.verifiable,
    }


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    return {
        "id": candidate.pk,
        "election": candidate.election_id,
        "name": candidate.member.person.full_name,
        "seconded": candidate.seconded_by_id is not None,
        "accepted": candidate.accepted_at is not None,
        "withdrawn": candidate.withdrawn_at is not None,
        "standing": candidate.is_standing,
        "statement": candidate.statement,
    }


def election_json(
    election: Election,
    *,
    ballots: int,
    standing: list[Candidate],
    nominations: list[Candidate],
    may_vote: bool,
    has_voted: bool,
    not_verifiable_because: str = "",
) -> dict[str, Any]:
    return {
        **election_brief(election, ballots),
        "timetable": {
            "nominations_open_at": election.nominations_open_at,
            "nominations_close_at": election.nominations_close_at,
            "voting_opens_at": election.voting_opens_at,
            "voting_closes_at": election.voting_closes_at,
        },
        "recall_of": election.recall_of_id,
        "seed": election.seed,
        "electorate_size": election.electorate_size,
        "credentials": verifiable.credentials_count(election) if election.verifiable else None,
        "candidates": [
            {"id": c.pk, "name": c.member.person.full_name, "statement": c.statement}
            for c in standing
        ],
        "nominations": [candidate_json(c) for c in nominations],
        "counted_at": election.counted_at,
        "declared_at": election.declared_at,
        "may_vote": may_vote,
        "has_voted": has_voted,
        "not_verifiable_because": not_verifiable_because or None,
    }


def petition_brief(petition: RecallPetition, signatures: int) -> dict[str, Any]:
    return {
        "id": petition.pk,
        "status": petition.status,
        "signatures": signatures,
        "threshold": petition.threshold,
    }


def petition_json(petition: RecallPetition, *, signatures: int, signed: bool) -> dict[str, Any]:
    """Counts only: who signed is never shown, except to each signer their own signature."""
    term = petition.term
    return {
        **petition_brief(petition, signatures),
        "reason": petition.reason,
        "opened_at": petition.opened_at,
        "term": term.pk,
        "officer": term.member.person.full_name,
        "office": {"id": term.office_id, "title": term.office.title},
        "body": term.office.body.slug,
        "vote": petition.vote_id,
        "signed": signed,
    }


def teller_json(teller: Teller, handed_in: list[str]) -> dict[str, Any]:
    return {"index": teller.index, "name": teller.member.person.full_name, "handed_in": handed_in}


def verifiable_json(
    election: Election,
    public: dict[str, Any],
    *,
    tellers: list[tuple[Teller, list[str]]],
    board_head: str,
    ballots: int,
) -> dict[str, Any]:
    """What the voting page's `ballot.js` takes (`public`), with the tellers and the board."""
    return {
        **public,
        "tellers": [teller_json(t, handed_in) for t, handed_in in tellers],
        "threshold": election.verification.threshold,
        "board_head": board_head,
        "ballots": ballots,
    }


def record_entry_json(seen: SeenEntry) -> dict[str, Any]:
    """An entry as its reader sees it: the nine public fields (hash them as the chain does),
    then `private` (salt and fields, to check against the commitment) or null, and why not."""
    return {
        **seen.entry.as_ledger_fields(),
        "private": (
            {"salt": seen.salt, "fields": seen.private} if seen.private is not None else None
        ),
        "withheld": seen.withheld,
        "mismatch": seen.mismatch,
    }


def rules_json(body: Body, on: datetime.date, rules: rules_selectors.Rules) -> dict[str, Any]:
    """The parameters in force, as `newcourse rules show --format json` prints them."""
    return {
        "body": body.slug,
        "date": on.isoformat(),
        "version": rules.rulebook_version,
        "standing_orders_version": rules.standing_orders_version,
        "parameters": {
            name: rulebook.json_value(rulebook.CATALOGUE[name].kind, value)
            for name, value in sorted(rules.values.items())
        },
    }


def rules_version_brief(version: RulesVersion, in_force: RulesVersion | None) -> dict[str, Any]:
    """A version of a body's rules; `in_force` is the one in force today (None: none is)."""
    return {
        "number": version.number,
        "effective_on": version.effective_on,
        "adopted_at": version.adopted_at,
        "source": version.source,
        "rule_change": version.change_id,
        "text_sha256": text_sha256(version.text),
        "in_force": in_force is not None and in_force.pk == version.pk,
    }


def rules_version_json(version: RulesVersion, in_force: RulesVersion | None) -> dict[str, Any]:
    """A version whole: its text, the parameters it sets, and its numbered lines with the
    clause each belongs to, as people cite them."""
    document = rules_selectors.document_of(version)
    return {
        **rules_version_brief(version, in_force),
        "text": version.text,
        "parameters": version.parameters,
        "lines": [
            {"number": line.number, "text": line.text, "clause": document.blocks[line.block].clause}
            for line in rules_selectors.numbered_lines(version)
        ],
    }


def rule_change_brief(change: RuleChange) -> dict[str, Any]:
    return {
        "id": change.pk,
        "body": change.body.slug,
        "title": change.title,
        # What the timetable implies now, as the pages show it; the scheduler records it soon.
        "status": str(rules_selectors.status_implied(change)),
        "proposed_at": change.proposed_at,
        "voting_opens_at": change.voting_opens_at,
        "voting_closes_at": change.voting_closes_at,
        "takes_effect_on": change.takes_effect_on,
    }


def rule_change_json(
    change: RuleChange, elector: RuleChangeElector | None, adopted: RulesVersion | None
) -> dict[str, Any]:
    """A rule change whole. Its proposer is named: an officer proposing in public, as the
    record shows them; the voters never are, only whether the caller is one and has voted."""
    proposer = change.proposed_by
    return {
        **rule_change_brief(change),
        "reason": change.reason,
        "text": change.text,
        "text_sha256": text_sha256(change.text),
        "amends": change.amends.number if change.amends_id else None,
        "rulebook_version": change.rulebook_version,
        "proposed_by": f"member:{proposer.number}",
        "proposer": proposer.person.full_name,
        "electorate_size": change.electorate_size,
        "result": change.result,
        "decided_at": change.decided_at,
        "adopted_version": adopted.number if adopted else None,
        "you": {
            "elector": elector is not None,
            "has_voted": bool(elector and elector.has_voted),
        },
    }
