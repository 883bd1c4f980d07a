"""Offices in the open record: officers by member number, their names and the reason a term
ended kept as private parts."""

import pytest

from newcourse.offices import services
from newcourse.record.models import RecordEntry
from newcourse.refusals import InvalidInput


def test_founding_and_ended_terms_name_officers_by_number_only(tree, make_member):
    member = make_member(tree["north"], name="Founding Officer")
    office = services.office_create(actor="system:test", body=tree["north"], title="Secretary")
    (term,) = services.term_record_founding(actor="system:test", office=office, members=[member])
    services.term_end(actor="system:test", term=term, reason="resigned")
    founded = RecordEntry.objects.get(action="office.founded")
    ended = RecordEntry.objects.get(action="term.ended")
    public = str(founded.payload) + str(ended.payload)
    assert "Founding Officer" not in public and "resigned" not in public
    assert founded.payload["officers"] == [f"member:{member.number}"]
    assert ended.payload["officer"] == f"member:{member.number}"
    assert founded.private_part.fields == {"names": ["Founding Officer"]}
    assert ended.private_part.fields == {
        "name": "Founding Officer",
        "reason": "resigned",
    }
    assert ended.private_part.member == member


def test_a_term_ended_for_no_known_reason_is_refused(tree, make_member):
    member = make_member(tree["north"])
    office = services.office_create(actor="system:test", body=tree["north"], title="Secretary")
    (term,) = services.term_record_founding(actor="system:test", office=office, members=[member])
    with pytest.raises(InvalidInput, match="no reason for ending a term"):
        services.term_end(actor="system:test", term=term, reason="Resigned for family reasons")
    term.refresh_from_db()
    assert term.ended_on is None
