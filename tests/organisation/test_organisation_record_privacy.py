"""Membership entries in the open record: public parts for everyone, names and reasons only
for the member and the officers of the member's body and the bodies above it.

The attack (from a security review): any member read every admission with name and number
in every branch, and the reasons for expulsions, suspensions and lapses, through the
International's record. Here a member of another branch reads that record every way it can
be read, and finds none of it.
"""

import datetime
import json

import pytest
from django.urls import reverse

from newcourse import ledger
from newcourse.organisation import roster, services
from newcourse.organisation.models import MemberStatus, Standing
from newcourse.record.models import RecordEntry, RecordPrivatePart

DAY = datetime.date(2026, 3, 1)
NAME = "Aline Personne"
EXPELLED_NAME = "Bruno Exclu"
REASONS = [
    "Unpaid dues since March",
    "Fell behind with dues",
    "Moved to the south of town",
    "No contact for a year",
    "Public attacks on the branch",
]
SECRETS = [NAME, EXPELLED_NAME, *REASONS]


@pytest.fixture
def history(tree, make_member):
    """North's Aline: suspended, readmitted, in arrears, transferred to South, lapsed; and
    North's Bruno, expelled. Every change with a reason."""
    actor = "system:test"
    aline = make_member(tree["north"], name=NAME)
    for status, reason in [(MemberStatus.SUSPENDED, REASONS[0]), (MemberStatus.ACTIVE, "")]:
        aline = services.member_change_status(
            sanction="case:1",
            actor=actor,
            member=aline,
            status=status,
            reason=reason,
            effective_on=DAY,
        )
    aline = services.member_set_standing(
        actor=actor, member=aline, standing=Standing.ARREARS, reason=REASONS[1]
    )
    aline = services.member_transfer(
        actor=actor, member=aline, to_body=tree["south"], reason=REASONS[2]
    )
    aline = services.member_change_status(
        actor=actor, member=aline, status=MemberStatus.LAPSED, reason=REASONS[3]
    )
    bruno = make_member(tree["north"], name=EXPELLED_NAME)
    bruno = services.member_change_status(
        sanction="case:1",
        actor=actor,
        member=bruno,
        status=MemberStatus.EXPELLED,
        reason=REASONS[4],
    )
    return aline, bruno


def everything_readable(client, slug):
    """Every way the record is read: the body page, each page of the record, both downloads."""
    pages = [
        client.get(reverse("body", args=[slug])),
        client.get(reverse("body_record", args=[slug])),
    ]
    for number in range(2, pages[1].context["page"].paginator.num_pages + 1):
        pages.append(client.get(reverse("body_record", args=[slug]), {"page": number}))
    downloads = [
        client.get(reverse("record_download")),
        client.get(reverse("body_record_openings", args=[slug])),
    ]
    for response in pages + downloads:
        assert response.status_code == 200
    texts = [p.content.decode() for p in pages]
    texts += [b"".join(d.streaming_content).decode() for d in downloads]
    return "\n".join(texts)


def test_membership_entries_carry_no_name_or_reason(history):
    members = RecordEntry.objects.filter(action__startswith="member.")
    public = json.dumps([[e.subject, e.payload] for e in members], ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in public
    assert all(ledger.PRIVATE_KEY in e.payload for e in members)


def test_public_part_says_which_member_of_which_body_did_what_when(history, tree):
    aline, _ = history
    entry = RecordEntry.objects.get(action="member.suspended")
    assert (entry.subject, entry.body_slug, entry.payload["on"]) == (
        f"member:{aline.number}",
        "north",
        DAY.isoformat(),
    )
    transfers = RecordEntry.objects.filter(action="member.transferred")
    assert [(t.body_slug, t.payload["from"], t.payload["to"]) for t in transfers] == [
        ("north", "north", "south"),
        ("south", "north", "south"),
    ]


def test_private_parts_hold_the_name_and_reasons(history):
    aline, _ = history
    parts = RecordPrivatePart.objects.filter(member=aline).order_by("entry_id")
    assert [p.fields for p in parts] == [
        {"name": NAME, "reason": ""},
        {"reason": REASONS[0]},
        {"reason": ""},
        {"standing": Standing.ARREARS, "reason": REASONS[1]},
        {"reason": REASONS[2]},
        {"reason": REASONS[2]},
        {"reason": REASONS[3]},
    ]


def test_member_of_another_branch_reads_no_name_or_reason(history, tree, make_member, client):
    reader = make_member(tree["far"], name="Far Reader")
    client.force_login(reader.person)
    seen = everything_readable(client, "international")
    for secret in SECRETS:
        assert secret not in seen
    assert "Personal details withheld" in seen
    assert f"member:{history[0].number}" in seen


def test_ordinary_member_of_the_same_branch_reads_no_other_members_details(
    history, tree, make_member, client
):
    neighbour = make_member(tree["north"], name="Neighbour")
    client.force_login(neighbour.person)
    seen = everything_readable(client, "north")
    for secret in SECRETS:
        assert secret not in seen


def test_public_download_verifies_and_holds_commitments_only(history, make_member, tree, client):
    client.force_login(make_member(tree["far"]).person)
    body = b"".join(client.get(reverse("record_download")).streaming_content)
    lines = body.decode().splitlines()
    entries = [ledger.Entry.from_json_line(line) for line in lines[1:-1]]
    assert ledger.verify_chain(entries).count == RecordEntry.objects.count()
    for secret in SECRETS:
        assert secret not in body.decode()


def test_branch_officer_reads_the_names_and_reasons(history, tree, officer_of, client):
    officer = officer_of(tree["north"])
    client.force_login(officer.person)
    seen = everything_readable(client, "north")
    for secret in [NAME, EXPELLED_NAME, REASONS[0], REASONS[1], REASONS[2], REASONS[4]]:
        assert secret in seen
    # The lapse was recorded in South, after Aline had left North.
    assert REASONS[3] not in seen


def test_officer_of_a_body_above_reads_them_all(history, tree, officer_of, client):
    officer = officer_of(tree["region"], branch=tree["south"])
    client.force_login(officer.person)
    seen = everything_readable(client, "region")
    for secret in SECRETS:
        assert secret in seen


def test_member_reads_their_own_details_and_no_one_elses(history, client):
    aline, _ = history
    # A lapsed member sees no body's pages: readmitted, Aline reads the record again.
    aline = services.member_change_status(
        actor="system:test", member=aline, status=MemberStatus.ACTIVE
    )
    client.force_login(aline.person)
    seen = everything_readable(client, "international")
    for secret in [NAME, *REASONS[:4]]:
        assert secret in seen
    assert EXPELLED_NAME not in seen and REASONS[4] not in seen


def test_opened_details_in_the_download_check_against_the_public_record(
    history, tree, officer_of, client
):
    client.force_login(officer_of(tree["north"]).person)
    public = b"".join(client.get(reverse("record_download")).streaming_content).decode()
    entries = {
        e.seq: e for e in (ledger.Entry.from_json_line(x) for x in public.splitlines()[1:-1])
    }
    openings = b"".join(
        client.get(reverse("body_record_openings", args=["north"])).streaming_content
    )
    opened = [json.loads(line) for line in openings.decode().splitlines()]
    assert opened
    for opening in opened:
        entry = entries[opening["seq"]]
        assert entry.hash == opening["hash"]
        ledger.verify_opening(entry, salt=opening["salt"], fields=opening["fields"])


def test_roster_import_keeps_names_private(tree):
    roster.members_import(
        actor="system:test",
        body=tree["north"],
        text="email,full_name\nimported@example.org,Imported Person\n",
    )
    entry = RecordEntry.objects.get(action="member.admitted")
    assert "Imported Person" not in json.dumps(entry.payload)
    assert entry.private_part.fields["name"] == "Imported Person"
    assert entry.private_part.member.person.email == "imported@example.org"


def test_whole_record_download_is_for_members_only(history, client, django_user_model):
    outsider = django_user_model.objects.create_user(email="nobody@example.org", full_name="No")
    client.force_login(outsider)
    assert client.get(reverse("record_download")).status_code == 404
    client.logout()
    assert client.get(reverse("record_download")).status_code == 302
