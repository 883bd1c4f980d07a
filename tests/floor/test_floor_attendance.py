"""Delegates check in at the door with their credential's code, by a steward or, where the
chair allows it, by themselves; a challenged credential does not check in; conference is
quorate when the rulebook's share of the credentialed delegates is present."""

from __future__ import annotations

import pytest
from tests.conferences.credentialing import challenge
from tests.floor.sitting import RULEBOOK, check_in, sitting_hall

from newcourse.floor import selectors, services
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted


def test_a_steward_checks_a_delegate_in_by_the_code_on_their_card(hall):
    delegate = hall.delegates[0]
    card = hall.credentials[delegate.pk].get_absolute_url()
    services.delegate_check_in(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        token=f"https://example.org{card}",
        now=hall.now,
    )
    assert list(selectors.present(hall.conference)) == [hall.credentials[delegate.pk]]
    entry = RecordEntry.objects.get(action="conference.checked_in")
    assert entry.payload["delegate"] == f"member:{delegate.number}"
    assert hall.credentials[delegate.pk].token not in str(entry.payload)


def test_a_wrong_code_is_refused(hall):
    with pytest.raises(InvalidInput, match="No credential"):
        services.delegate_check_in(
            person=hall.chair.person,
            member=hall.chair,
            conference=hall.conference,
            token="not-a-code",
            now=hall.now,
        )


def test_a_delegate_checks_themself_in_only_where_the_chair_allows_it(hall):
    delegate = hall.delegates[1]
    token = hall.credentials[delegate.pk].token

    def self_check_in():
        return services.delegate_check_in(
            person=delegate.person,
            member=delegate,
            conference=hall.conference,
            token=token,
            remote=True,
            now=hall.now,
        )

    with pytest.raises(NotPermitted, match="at the door"):
        self_check_in()
    services.floor_open(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        self_check_in=True,
        now=hall.now,
    )
    self_check_in()
    assert selectors.attendance(hall.conference, hall.now.date()).remote == 1


def test_a_delegate_checks_nobody_else_in(hall):
    one, other = hall.delegates[:2]
    services.floor_open(
        person=hall.chair.person,
        member=hall.chair,
        conference=hall.conference,
        self_check_in=True,
        now=hall.now,
    )
    with pytest.raises(NotPermitted, match="stewards"):
        services.delegate_check_in(
            person=one.person,
            member=one,
            conference=hall.conference,
            token=hall.credentials[other.pk].token,
            now=hall.now,
        )


def test_a_challenged_credential_does_not_check_in(hall):
    delegate = hall.delegates[2]
    challenge(hall.delegates[0], hall.credentials[delegate.pk], now=hall.now)
    with pytest.raises(NotEligible, match="Pending"):
        check_in(hall, delegate)


def test_checking_in_twice_is_refused_and_checking_out_then_in_again_brings_them_back(hall):
    delegate = hall.delegates[0]
    credential = hall.credentials[delegate.pk]
    check_in(hall, delegate)
    with pytest.raises(AlreadyDone, match="already checked in"):
        check_in(hall, delegate)
    services.delegate_check_out(
        person=delegate.person, member=delegate, credential=credential, now=hall.now
    )
    assert selectors.attendance(hall.conference, hall.now.date()).present == 0
    with pytest.raises(AlreadyDone, match="not checked in"):
        services.delegate_check_out(
            person=delegate.person, member=delegate, credential=credential, now=hall.now
        )
    check_in(hall, delegate)
    assert selectors.attendance(hall.conference, hall.now.date()).present == 1


def test_the_quorum_is_the_rulebooks_share_of_the_credentialed_rounded_up(hall):
    attendance = selectors.attendance(hall.conference, hall.now.date())
    assert (attendance.credentialed, attendance.present, attendance.needed) == (3, 0, 2)
    assert not attendance.quorate
    check_in(hall, *hall.delegates[:2])
    assert selectors.attendance(hall.conference, hall.now.date()).quorate


@pytest.mark.parametrize(
    "rulebook_parameters", [{**RULEBOOK, "conference.quorum_by": "members"}], indirect=True
)
def test_a_quorum_by_members_counts_the_cards_of_the_delegations_present(
    tree, make_member, secretary
):
    """North's card (10 members) and Far's (1): Far's delegate alone is 1 of 11, short of the
    half; one of North's three is enough, the card being whole with one delegate present."""
    hall = sitting_hall(tree, make_member, secretary, far=True)
    check_in(hall, hall.delegates[3])
    attendance = selectors.attendance(hall.conference, hall.now.date())
    assert (attendance.counted, attendance.of, attendance.needed, attendance.quorate) == (
        1,
        11,
        6,
        False,
    )
    check_in(hall, hall.delegates[0])
    attendance = selectors.attendance(hall.conference, hall.now.date())
    assert (attendance.present, attendance.counted, attendance.quorate) == (2, 11, True)


@pytest.fixture
def rulebook_parameters(request):
    return {**RULEBOOK, **getattr(request, "param", {})}
