"""What is published once an election is counted: the anonymised ballots and the report.

Shared by the API and `newcourse election export`. The ballots carry no voter and no time;
their receipts let each voter find their own ballot, as cast, in the published box.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from newcourse import counting
from newcourse.elections.models import Election, ElectionStatus
from newcourse.elections.services.timetable import candidate_label, counting_election
from newcourse.refusals import NotPermitted, OutsideWindow

BALLOTS_FORMAT = "newcourse-ballots/1"


def check_counted(election: Election) -> None:
    if election.counted_at is None or election.result is None:
        raise OutsideWindow(
            _(
                "The ballots and the count are published once voting has closed and the count "
                "is done."
            )
        )


def counted_result(election: Election) -> dict[str, Any]:
    """The count report as stored (the counting engine's JSON), once counted."""
    check_counted(election)
    assert election.result is not None  # noqa: S101 - check_counted said so
    return election.result


def declared_result(election: Election) -> dict[str, Any]:
    """The count report as stored, once the result is declared."""
    if election.status != ElectionStatus.DECLARED:
        raise OutsideWindow(_("The result has not been declared yet."))
    return counted_result(election)


def check_plain_ballots(election: Election) -> None:
    """A verifiable election's ballots stay encrypted: they are published in its record, and
    only their sum was ever decrypted."""
    if election.encrypted:
        raise NotPermitted(
            _(
                "This election's ballots are encrypted and were counted by its tellers: download "
                "its election record and check it with `newcourse verify`."
            )
        )


def ballots_blt(election: Election) -> str:
    """The counted ballot box as a BLT file, candidates in ballot-paper order."""
    check_plain_ballots(election)
    check_counted(election)
    if election.is_recall:
        raise NotPermitted(
            _(
                "A recall vote is a yes or a no, not a ranking of candidates: its ballots are "
                "published as JSON only."
            )
        )
    ballots, _candidates = counting_election(election)
    out = io.StringIO()
    counting.write_blt(ballots, out)
    return out.getvalue()


def ballots_as_cast(election: Election) -> dict[str, Any]:
    """Every ballot with its receipt, candidates by name, sorted by receipt."""
    check_plain_ballots(election)
    check_counted(election)
    names: dict[str, str] = {}
    if not election.is_recall:
        _ballots, candidates = counting_election(election)
        names = {str(c.pk): candidate_label(c, candidates) for c in candidates}
    rows = sorted(election.ballots.values_list("receipt", "choices", "weight"))
    return {
        "format": BALLOTS_FORMAT,
        "election": election.pk,
        "ballots": [
            {
                "receipt": receipt,
                "ranking": [names.get(str(choice), str(choice)) for choice in choices],
                "weight": weight,
            }
            for receipt, choices, weight in rows
        ],
    }
