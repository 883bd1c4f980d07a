"""The credential authority hands in the voters' public credentials of a verifiable election
(checked and kept by `verifiable.services.credentials_upload`), before voting opens."""

from __future__ import annotations

from typing import Any

from newcourse.verifiable import services as verifiable_services

from .. import access
from ..eligibility import electorate_of
from ..models import Election


def credentials_upload(*, election: Election, person: Any, document: Any) -> dict[str, Any]:
    """Take the public credentials file the authority generated on their own machine: only
    from the election's credential authority, and only for members who would be electors if
    voting opened now (the electorate is fixed when it opens)."""
    access.credential_authority_acting(election=election, person=person)
    electors = {
        number: (pk, 1)
        for pk, number in electorate_of(election.office).values_list("pk", "number").iterator()
    }
    return verifiable_services.credentials_upload(
        election=election, actor=person, document=document, electors=electors
    )
