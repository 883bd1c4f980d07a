"""An officer's reach over memberships: a branch cannot switch off the officers of the bodies
above it. Changing the membership of someone who holds office in a higher body (suspending,
expelling, readmitting, lapsing, changing their standing, transferring them) needs an officer
who keeps the register of that body or of one above it; the page, the roster import and the
service all obey the one rule in `services.refuse_beyond_reach`."""

import datetime

import pytest
from django.urls import reverse

from newcourse.offices import services as office_services
from newcourse.organisation import roster, services
from newcourse.organisation.errors import BeyondReach
from newcourse.organisation.models import Member, MembershipEvent
from newcourse.organisation.officers import Power
from newcourse.record.models import RecordEntry


@pytest.fixture
def glasgow(tree, make_member):
    """North plays Glasgow: a branch whose members include the International's general
    secretary; North has its own secretary; the International has one too."""
    general_secretary = make_member(tree["north"], name="General Secretary")
    office = office_services.office_create(
        actor="system:test", body=tree["international"], title="General Secretary"
    )
    office_services.term_record_founding(
        actor="system:test", office=office, members=[general_secretary]
    )
    branch_secretary = make_member(tree["north"], name="Branch Secretary")
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Branch Secretary"
    )
    office_services.term_record_founding(
        actor="system:test", office=office, members=[branch_secretary]
    )
    membership_secretary = make_member(tree["south"], name="Membership Secretary")
    office = office_services.office_create(
        actor="system:test",
        body=tree["international"],
        title="Membership Secretary",
        powers=[Power.REGISTER],
    )
    office_services.term_record_founding(
        actor="system:test", office=office, members=[membership_secretary]
    )
    return {
        "general_secretary": general_secretary,
        "branch_secretary": branch_secretary,
        "international_secretary": membership_secretary,
    }


def snapshot(member):
    """The membership, its history and the size of the record, as they are now."""
    member.refresh_from_db()
    return (
        member.status,
        member.standing,
        member.body_id,
        member.version,
        MembershipEvent.objects.filter(member=member).count(),
        RecordEntry.objects.count(),
    )


def unchanged(member, before):
    return snapshot(member) == before


def test_a_branch_secretary_cannot_suspend_the_internationals_general_secretary(glasgow):
    general_secretary = glasgow["general_secretary"]
    before = snapshot(general_secretary)
    with pytest.raises(BeyondReach, match="beyond your office's reach"):
        services.member_change_status(
            sanction="case:1",
            actor=glasgow["branch_secretary"].person,
            member=general_secretary,
            status="suspended",
            reason="Disagreement",
        )
    assert unchanged(general_secretary, before)


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("member_change_status", {"status": "expelled", "reason": "Because", "sanction": "case:1"}),
        ("member_change_status", {"status": "lapsed"}),
        ("member_set_standing", {"standing": "arrears"}),
    ],
)
def test_no_change_of_a_higher_officers_membership_from_a_branch(glasgow, change, value):
    general_secretary = glasgow["general_secretary"]
    before = snapshot(general_secretary)
    with pytest.raises(BeyondReach):
        getattr(services, change)(
            actor=glasgow["branch_secretary"].person, member=general_secretary, **value
        )
    assert unchanged(general_secretary, before)


def test_a_branch_secretary_cannot_transfer_a_higher_officer(tree, glasgow):
    general_secretary = glasgow["general_secretary"]
    before = snapshot(general_secretary)
    with pytest.raises(BeyondReach):
        services.member_transfer(
            actor=glasgow["branch_secretary"].person,
            member=general_secretary,
            to_body=tree["south"],
        )
    assert unchanged(general_secretary, before)


def test_the_internationals_secretary_can_suspend_and_readmit(glasgow):
    general_secretary = glasgow["general_secretary"]
    secretary = glasgow["international_secretary"].person
    services.member_change_status(
        sanction="case:1",
        actor=secretary,
        member=general_secretary,
        status="suspended",
        reason="Due process",
    )
    general_secretary.refresh_from_db()
    assert general_secretary.status == "suspended"
    services.member_change_status(actor=secretary, member=general_secretary, status="active")
    general_secretary.refresh_from_db()
    assert general_secretary.status == "active"


def test_readmitting_a_suspended_higher_officer_is_not_the_branchs_to_do(glasgow):
    """Readmission restarts "in good standing since" and gives the office back: a branch
    may not do it for an officer of a body above it, even while their membership (and so
    their office) is suspended."""
    general_secretary = glasgow["general_secretary"]
    services.member_change_status(
        sanction="case:1",
        actor=glasgow["international_secretary"].person,
        member=general_secretary,
        status="suspended",
        reason="Due process",
    )
    before = snapshot(general_secretary)
    with pytest.raises(BeyondReach):
        services.member_change_status(
            actor=glasgow["branch_secretary"].person, member=general_secretary, status="active"
        )
    assert unchanged(general_secretary, before)


def test_a_branch_secretary_still_keeps_the_register_of_plain_members(glasgow, make_member, tree):
    member = make_member(tree["north"])
    services.member_change_status(
        sanction="case:1",
        actor=glasgow["branch_secretary"].person,
        member=member,
        status="suspended",
    )
    member.refresh_from_db()
    assert member.status == "suspended"


def test_an_officer_of_the_branch_itself_is_within_the_branch_secretarys_reach(
    tree, glasgow, make_member
):
    treasurer = make_member(tree["north"])
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Treasurer", powers=[Power.BOOKS]
    )
    office_services.term_record_founding(actor="system:test", office=office, members=[treasurer])
    services.member_set_standing(
        actor=glasgow["branch_secretary"].person, member=treasurer, standing="arrears"
    )
    treasurer.refresh_from_db()
    assert treasurer.standing == "arrears"


def test_a_higher_office_without_the_register_does_not_reach_either(tree, glasgow, make_member):
    """The International's treasurer keeps the books, not the register: they cannot suspend
    the general secretary."""
    treasurer = make_member(tree["south"])
    office = office_services.office_create(
        actor="system:test", body=tree["international"], title="Treasurer", powers=["books"]
    )
    office_services.term_record_founding(actor="system:test", office=office, members=[treasurer])
    with pytest.raises(BeyondReach):
        services.member_change_status(
            sanction="case:1",
            actor=treasurer.person,
            member=glasgow["general_secretary"],
            status="suspended",
        )


def test_the_operators_command_line_is_not_held_back(glasgow):
    services.member_change_status(
        sanction="case:1",
        actor="operator:cli",
        member=glasgow["general_secretary"],
        status="suspended",
    )
    assert Member.objects.get(pk=glasgow["general_secretary"].pk).status == "suspended"


def test_a_roster_import_cannot_lapse_a_higher_officer(tree, glasgow):
    general_secretary = glasgow["general_secretary"]
    before = snapshot(general_secretary)
    text = (
        "number,email,full_name,branch,joined_on,status,standing\n"
        f"{general_secretary.number},{general_secretary.person.email},General Secretary,"
        f"north,{general_secretary.joined_on.isoformat()},lapsed,good\n"
    )
    with pytest.raises(roster.ImportRefused) as refused:
        roster.members_import(
            actor=glasgow["branch_secretary"].person, body=tree["north"], text=text
        )
    assert [p.line for p in refused.value.problems] == [2]
    assert "beyond your office's reach" in refused.value.problems[0].problem
    assert unchanged(general_secretary, before)


def test_the_member_page_refuses_the_lapse_and_says_why(client, tree, glasgow):
    general_secretary = glasgow["general_secretary"]
    before = snapshot(general_secretary)
    client.force_login(glasgow["branch_secretary"].person)
    url = reverse("member", args=["north", general_secretary.number])
    response = client.post(
        url,
        {
            "action": "status",
            "status-status": "lapsed",
            "status-effective_on": "2026-01-01",
            "status-reason": "",
            "status-version": str(general_secretary.version),
        },
    )
    assert response.status_code == 200
    assert "beyond your office&#x27;s reach" in response.content.decode()
    assert unchanged(general_secretary, before)


def test_the_member_page_offers_no_changes_beyond_reach(client, glasgow):
    general_secretary = glasgow["general_secretary"]
    url = reverse("member", args=["north", general_secretary.number])
    client.force_login(glasgow["branch_secretary"].person)
    page = client.get(url).content.decode()
    assert "beyond your office&#x27;s reach" in page
    assert 'name="action" value="status"' not in page
    client.force_login(glasgow["international_secretary"].person)
    page = client.get(url).content.decode()
    assert "beyond your office&#x27;s reach" not in page
    assert 'name="action" value="status"' in page


def test_an_officer_elect_is_beyond_the_branchs_reach_before_their_term_begins(
    tree, glasgow, make_member
):
    """Elected to the International's office while the outgoing officer still serves: the
    term begins in a month, and a branch suspending them meanwhile would keep them out of it."""
    officer_elect = make_member(tree["north"], name="Officer Elect")
    office = office_services.office_create(
        actor="system:test", body=tree["international"], title="Treasurer", powers=["books"]
    )
    office_services.term_record_founding(
        actor="system:test",
        office=office,
        members=[officer_elect],
        began_on=datetime.date.today() + datetime.timedelta(days=30),
    )
    before = snapshot(officer_elect)
    with pytest.raises(BeyondReach):
        services.member_change_status(
            sanction="case:1",
            actor=glasgow["branch_secretary"].person,
            member=officer_elect,
            status="suspended",
        )
    assert unchanged(officer_elect, before)


# No sanction without due process ---------------------------------------------------------

PANEL_ONLY = "Only a disputes panel&#x27;s decision suspends or expels a member"


@pytest.mark.parametrize("status", ["suspended", "expelled"])
def test_no_officer_suspends_or_expels_from_the_register_however_wide_their_reach(
    client, tree, glasgow, status
):
    """Rule 9.1: the International's membership secretary keeps the whole register, and still
    cannot sanction anyone there: only a panel's decision on a charge can."""
    member = glasgow["branch_secretary"]
    before = snapshot(member)
    client.force_login(glasgow["international_secretary"].person)
    response = client.post(
        reverse("member", args=["north", member.number]),
        {
            "action": "status",
            "status-status": status,
            "status-effective_on": "2026-01-01",
            "status-reason": "Criticised the executive",
            "status-version": str(member.version),
        },
    )
    assert response.status_code == 200
    assert PANEL_ONLY in response.content.decode()
    assert unchanged(member, before)


def test_a_roster_import_cannot_suspend(tree, glasgow):
    member = glasgow["branch_secretary"]
    before = snapshot(member)
    text = (
        "number,email,full_name,branch,joined_on,status,standing\n"
        f"{member.number},{member.person.email},Branch Secretary,"
        f"north,{member.joined_on.isoformat()},suspended,good\n"
    )
    with pytest.raises(roster.ImportRefused) as refused:
        roster.members_import(
            actor=glasgow["international_secretary"].person, body=tree["north"], text=text
        )
    assert [p.line for p in refused.value.problems] == [2]
    assert "only a disputes panel's decision" in refused.value.problems[0].problem
    assert unchanged(member, before)
