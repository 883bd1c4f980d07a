"""Once the date for delegates has passed, the scheduler gives each delegate seated in a
delegation a credential, once; the credentials committee verifies it, or rejects it with a
reason, until the conference closes; another delegate or an officer of the conference's body
may challenge it with a reason, which puts a verified credential back to the committee. Every
act is on the open record, naming delegates by their member number only."""

from __future__ import annotations

import pytest
from tests.conferences.credentialing import (
    RULEBOOK,
    after_delegates,
    at,
    challenge,
    credentials_committee,
    issued,
    review,
    seat,
)
from tests.conferences.steps import DAY, committee, fixed

from newcourse.conferences import selectors, services
from newcourse.conferences.access import access_credential_for_person
from newcourse.conferences.models import Challenge, Credential
from newcourse.offices import services as office_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import (
    AccessDenied,
    AlreadyDone,
    InvalidInput,
    NotEligible,
    NotPermitted,
    OutsideWindow,
)


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    """Four members of North, who send two delegates."""
    return [make_member(tree["north"], name=f"North {n}") for n in range(1, 5)]


@pytest.fixture
def conference(tree, secretary, north):
    """The International's congress, its entitlement fixed; North's first two members seated
    in its delegation, the secretary in Far's."""
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], north[:2])
    seat(conference, tree["far"], [secretary])
    return conference


@pytest.fixture
def chair(tree, make_member, secretary, conference):
    """The chair of the credentials committee, a member of South."""
    member = make_member(tree["south"], name="Credentials Chair")
    credentials_committee(secretary, conference, [member])
    return member


@pytest.fixture
def credentials(conference):
    return issued(conference)


# Issued by the scheduler


def test_no_credential_is_issued_before_the_date_for_delegates_has_passed(conference):
    assert services.conferences_tick(now=at(conference.delegates_by)) == []
    assert Credential.objects.count() == 0


def test_after_the_date_each_seated_delegate_gets_one_credential_once(conference):
    first = issued(conference)
    again = issued(conference)
    assert sorted(first) == ["North 1", "North 2", "Officer Person"]
    assert {c.pk for c in first.values()} == {c.pk for c in again.values()}
    assert {c.status for c in first.values()} == {"pending"}
    assert RecordEntry.objects.filter(action="conference.credential_issued").count() == 3


def test_the_record_names_the_delegate_by_number_and_never_holds_the_token(conference, north):
    credential = issued(conference)["North 1"]
    entry = RecordEntry.objects.get(
        action="conference.credential_issued", payload__credential=credential.pk
    )
    assert entry.payload == {
        "credential": credential.pk,
        "unit": "north",
        "delegate": f"member:{north[0].number}",
    }


def test_each_card_has_its_own_unguessable_token(credentials):
    tokens = [c.token for c in credentials.values()]
    assert len(set(tokens)) == 3
    assert min(len(token) for token in tokens) == 32


def test_a_delegate_seated_later_gets_their_credential_at_a_later_tick(conference, north):
    issued(conference)
    term = seat_later(conference, north[2])
    assert issued(conference)["North 3"].term == term


def seat_later(conference, member):
    """North's second delegate gives up the seat and `member` takes it, by a term that
    begins today (as an election declared late would seat them)."""
    terms = conference.delegations.get(unit__slug="north").office.terms
    gone = terms.get(member__person__full_name="North 2")
    office_services.term_end(actor="system:test", term=gone, reason="resigned")
    return terms.create(member=member, began_on=gone.began_on, due_on=gone.due_on)


def test_no_credential_is_issued_once_the_conference_has_closed(conference):
    assert services.conferences_tick(now=at(conference.closes_on + DAY)) == []
    assert Credential.objects.count() == 0


# Reviewed by the credentials committee


def test_the_committee_verifies_a_credential_on_the_record(credentials, chair, north):
    credential = review(chair, credentials["North 1"])
    assert (credential.status, credential.reviewed_by, credential.reason) == (
        "verified",
        chair,
        "",
    )
    entry = RecordEntry.objects.get(action="conference.credential_reviewed")
    assert {k: v for k, v in entry.payload.items() if k != "private"} == {
        "credential": credential.pk,
        "delegate": f"member:{north[0].number}",
        "status": "verified",
        "reviewed_by": f"member:{chair.number}",
    }


def test_the_committee_rejects_a_credential_with_its_reason_kept_off_the_public_record(
    credentials, chair
):
    credential = review(
        chair, credentials["North 1"], verified=False, reason="Not a member in good standing"
    )
    assert (credential.status, credential.reason) == ("rejected", "Not a member in good standing")
    entry = RecordEntry.objects.get(action="conference.credential_reviewed")
    assert "good standing" not in str(entry.payload)


def test_a_rejection_without_a_reason_is_refused(credentials, chair):
    with pytest.raises(InvalidInput, match="reason"):
        review(chair, credentials["North 1"], verified=False, reason="  ")
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"


def test_a_reason_longer_than_500_characters_is_refused(credentials, chair):
    with pytest.raises(InvalidInput, match="500"):
        review(chair, credentials["North 1"], verified=False, reason="x" * 501)


def test_only_the_credentials_committee_reviews(credentials, secretary, conference, tree):
    standing_orders = committee(secretary, conference, [secretary])
    assert standing_orders.role == "standing-orders"
    with pytest.raises(NotPermitted, match="credentials committee"):
        review(secretary, credentials["North 1"])
    assert not RecordEntry.objects.filter(action="conference.credential_reviewed").exists()


def test_a_review_is_made_in_your_own_name(credentials, chair, north):
    with pytest.raises(NotPermitted, match="own name"):
        services.credential_review(
            person=chair.person,
            member=north[3],
            credential=credentials["North 1"],
            verified=True,
            now=after_delegates(credentials["North 1"].conference),
        )


def test_no_review_once_the_conference_has_closed(credentials, chair, conference):
    with pytest.raises(OutsideWindow):
        review(chair, credentials["North 1"], now=at(conference.closes_on + DAY))


def test_a_credential_is_not_reviewed_twice_to_the_same_status(credentials, chair):
    review(chair, credentials["North 1"])
    with pytest.raises(AlreadyDone, match="already verified"):
        review(chair, credentials["North 1"])


def test_the_committee_may_verify_a_credential_it_rejected(credentials, chair):
    review(chair, credentials["North 1"], verified=False, reason="No minutes of the election")
    credential = review(chair, credentials["North 1"])
    assert (credential.status, credential.reason) == ("verified", "")


def test_a_delegate_who_gave_up_the_seat_is_not_reviewed(credentials, chair):
    credential = credentials["North 2"]
    office_services.term_end(actor="system:test", term=credential.term, reason="resigned")
    with pytest.raises(NotEligible, match="no longer holds the seat"):
        review(chair, credential)


# Challenged


def test_another_delegates_challenge_puts_a_verified_credential_back_to_pending(
    credentials, chair, north
):
    review(chair, credentials["North 1"])
    raised = challenge(north[1], credentials["North 1"])
    credential = Credential.objects.get(pk=credentials["North 1"].pk)
    assert (credential.status, credential.reviewed_by, raised.raised_by) == (
        "pending",
        None,
        north[1],
    )
    entry = RecordEntry.objects.get(action="conference.credential_challenged")
    assert (entry.payload["raised_by"], entry.payload["status"]) == (
        f"member:{north[1].number}",
        "pending",
    )
    assert "quorate" not in str(entry.payload)


def test_a_challenge_to_a_pending_credential_is_kept_and_it_stays_pending(credentials, north):
    challenge(north[1], credentials["North 1"])
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"
    assert Challenge.objects.count() == 1


def test_an_officer_of_the_conference_body_may_challenge(credentials, tree, officer_of):
    officer = officer_of(tree["international"], branch=tree["south"], title="President")
    assert challenge(officer, credentials["North 1"]).raised_by == officer


def test_a_member_who_is_neither_delegate_nor_officer_may_not_challenge(credentials, north):
    with pytest.raises(NotPermitted, match="delegates"):
        challenge(north[3], credentials["North 1"])
    assert Challenge.objects.count() == 0


def test_a_challenge_without_a_reason_is_refused(credentials, north):
    with pytest.raises(InvalidInput, match="reason"):
        challenge(north[1], credentials["North 1"], reason="")


def test_a_delegate_does_not_challenge_their_own_credential(credentials, north):
    with pytest.raises(NotPermitted, match="own credential"):
        challenge(north[0], credentials["North 1"])


def test_a_rejected_credential_is_not_challenged(credentials, chair, north):
    review(chair, credentials["North 1"], verified=False, reason="Not elected")
    with pytest.raises(AlreadyDone):
        challenge(north[1], credentials["North 1"])


def test_no_challenge_once_the_conference_has_closed(credentials, conference, north):
    with pytest.raises(OutsideWindow):
        challenge(north[1], credentials["North 1"], now=at(conference.closes_on + DAY))


def test_a_challenge_is_raised_in_your_own_name(credentials, north):
    with pytest.raises(NotPermitted, match="own name"):
        services.credential_challenge(
            person=north[1].person,
            member=north[2],
            credential=credentials["North 1"],
            reason="Not elected",
            now=after_delegates(credentials["North 1"].conference),
        )


# The report and the card


def test_the_report_counts_each_sending_body_and_lists_its_delegates(
    credentials, chair, north, conference
):
    review(chair, credentials["North 1"])
    review(chair, credentials["North 2"], verified=False, reason="Not elected")
    challenge(north[0], credentials["Officer Person"], reason="Far held no meeting")
    report = {row.unit.slug: row for row in selectors.credentials_report(conference)}
    north_row, far_row = report["north"], report["far"]
    counts = (
        north_row.entitled,
        north_row.elected,
        north_row.issued,
        north_row.verified,
        north_row.rejected,
        north_row.pending,
    )
    assert counts == (2, 2, 2, 1, 1, 0)
    assert [(e.name, e.credential.status, e.credential.reason) for e in north_row.entries] == [
        ("North 1", "verified", ""),
        ("North 2", "rejected", "Not elected"),
    ]
    (entry,) = far_row.entries
    assert [(c.raised_by, c.reason) for c in entry.challenges] == [
        (north[0], "Far held no meeting")
    ]
    assert sorted(report) == ["far", "north"]


def test_the_report_marks_a_delegate_who_gave_up_the_seat(credentials, conference):
    office_services.term_end(
        actor="system:test", term=credentials["North 2"].term, reason="resigned"
    )
    north_row = next(
        row for row in selectors.credentials_report(conference) if row.unit.slug == "north"
    )
    assert [(e.name, e.seated) for e in north_row.entries] == [
        ("North 1", True),
        ("North 2", False),
    ]
    assert north_row.elected == 1


def test_the_card_is_seen_by_its_delegate_and_the_committee_only(credentials, chair, north):
    token = credentials["North 1"].token
    assert access_credential_for_person(person=north[0].person, token=token).pk == (
        credentials["North 1"].pk
    )
    assert access_credential_for_person(person=chair.person, token=token).pk == (
        credentials["North 1"].pk
    )
    for person in (north[1].person, north[3].person):
        with pytest.raises(AccessDenied):
            access_credential_for_person(person=person, token=token)
    with pytest.raises(AccessDenied):
        access_credential_for_person(person=north[0].person, token="not-a-token")


def test_a_committee_member_who_is_a_delegate_does_not_review_their_own(
    conference, secretary, north
):
    credentials_committee(secretary, conference, [north[0]])
    mine = issued(conference)["North 1"]
    with pytest.raises(NotPermitted):
        review(north[0], mine)
    assert review(north[0], issued(conference)["North 2"]).status == "verified"
