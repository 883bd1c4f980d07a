"""GET /api/v1/bodies/{slug}/record/: the open record for programs, with the same rule as
the pages: personal details only for the member and their bodies' officers."""

import hashlib

import pytest

from newcourse import ledger
from newcourse.organisation import services
from newcourse.organisation.models import MemberStatus
from newcourse.record.models import RecordPrivatePart

REASON = "Spoke to the press about the branch"


@pytest.fixture
def expelled(tree, make_member):
    member = make_member(tree["north"], name="Named Person")
    return services.member_change_status(
        sanction="case:1",
        actor="system:test",
        member=member,
        status=MemberStatus.EXPELLED,
        reason=REASON,
    )


def entry_of(data, action):
    (entry,) = [e for e in data["entries"] if e["action"] == action]
    return entry


def test_member_of_another_branch_gets_public_entries_only(as_member, expelled, tree, make_member):
    reader = make_member(tree["far"])
    response = as_member(reader).get("/api/v1/bodies/international/record/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Named Person" not in text and REASON not in text
    entry = entry_of(response.json(), "member.expelled")
    assert (entry["subject"], entry["body"]) == (f"member:{expelled.number}", "north")
    assert (entry["private"], entry["withheld"], entry["mismatch"]) == (None, True, False)


def test_public_fields_hash_as_the_chain_does(as_member, expelled, tree, make_member):
    data = as_member(make_member(tree["far"])).get("/api/v1/bodies/international/record/").json()
    for entry in data["entries"]:
        public = {key: entry[key] for key in ledger.Entry.__dataclass_fields__}
        assert ledger.entry_hash(public) == entry["hash"]


def test_branch_officer_gets_the_details_and_can_check_them(as_member, expelled, tree, officer_of):
    officer = officer_of(tree["north"])
    data = as_member(officer).get("/api/v1/bodies/north/record/").json()
    entry = entry_of(data, "member.expelled")
    assert entry["private"]["fields"] == {"reason": REASON}
    opening = ledger.canonical_bytes(entry["private"])
    assert hashlib.sha256(opening).hexdigest() == entry["payload"][ledger.PRIVATE_KEY]


def test_the_member_gets_their_own_details(as_member, expelled, tree):
    services.member_change_status(actor="system:test", member=expelled, status=MemberStatus.ACTIVE)
    data = as_member(expelled).get("/api/v1/bodies/north/record/").json()
    assert entry_of(data, "member.expelled")["private"]["fields"] == {"reason": REASON}
    assert entry_of(data, "member.admitted")["private"]["fields"]["name"] == "Named Person"


def test_tampered_details_are_flagged_not_shown(as_member, expelled, tree, officer_of):
    RecordPrivatePart.objects.filter(member=expelled, fields__reason=REASON).update(
        fields={"reason": "Something milder"}
    )
    data = as_member(officer_of(tree["north"])).get("/api/v1/bodies/north/record/").json()
    entry = entry_of(data, "member.expelled")
    assert (entry["private"], entry["mismatch"]) == (None, True)


def test_record_of_a_body_not_open_to_the_reader_is_not_found(as_member, tree, make_member):
    response = as_member(make_member(tree["far"])).get("/api/v1/bodies/north/record/")
    assert response.status_code == 404


@pytest.mark.parametrize("page", ["0", "x", "99", "²", "١", "9" * 40])
def test_record_page_out_of_range_is_refused(as_member, tree, make_member, page):
    response = as_member(make_member(tree["north"])).get(
        "/api/v1/bodies/north/record/", {"page": page}
    )
    assert response.status_code == (404 if page == "99" else 400)
