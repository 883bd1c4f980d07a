"""Proposing, signing, withdrawing and dissolving a tendency, as the rules and issue 15 say."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newcourse.organisation import services as organisation_services
from newcourse.organisation.models import Body, Member, Standing
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, Conflict, InvalidInput, NotEligible, NotPermitted
from newcourse.tendencies import selectors, services
from newcourse.tendencies.models import Tendency, TendencySignature, TendencyStatus


def _state(tendency: Tendency) -> tuple:
    tendency.refresh_from_db()
    return (
        tendency.status,
        tendency.name,
        tendency.platform,
        sorted(tendency.signatures.live().values_list("member_id", flat=True)),
        RecordEntry.objects.count(),
    )


def test_threshold_is_the_share_of_members_rounded_up_or_the_minimum(
    section: Body, members: list[Member], make_member: Callable[..., Member], tree
) -> None:
    # 20 members in good standing within the section: 10% is 2, below the minimum of 3.
    assert selectors.threshold_for(section).needed == 3
    for n in range(21):
        make_member(tree["region"], name=f"Extra {n}")

    # 41 members: 10% is 4.1, rounded up to 5.
    threshold = selectors.threshold_for(section)

    assert (threshold.needed, threshold.members) == (5, 41)


def test_members_not_in_good_standing_are_not_counted_in_the_threshold(
    section: Body, members: list[Member], tree, make_member: Callable[..., Member]
) -> None:
    for n in range(21):
        make_member(tree["region"], name=f"Extra {n}")
    for member in members[:5]:
        organisation_services.member_set_standing(
            actor="system:test", member=member, standing=Standing.ARREARS
        )

    assert selectors.threshold_for(section).members == 36


def test_proposer_signs_first_and_is_first_contact(propose, members: list[Member]) -> None:
    tendency = propose()

    assert (
        tendency.status,
        list(tendency.signatures.live().values_list("member_id", flat=True)),
        list(tendency.contacts.values_list("pk", flat=True)),
    ) == (TendencyStatus.COLLECTING, [members[0].pk], [members[0].pk])


def test_tendency_is_declared_when_signatures_reach_the_threshold(
    propose, members: list[Member]
) -> None:
    tendency = propose()
    services.tendency_sign(member=members[1], tendency=tendency)
    tendency.refresh_from_db()
    assert tendency.status == TendencyStatus.COLLECTING

    count = services.tendency_sign(member=members[2], tendency=tendency)

    tendency.refresh_from_db()
    assert (count, tendency.status, tendency.declared_at is not None) == (
        3,
        TendencyStatus.DECLARED,
        True,
    )


def test_signing_twice_is_refused_and_changes_nothing(propose, members: list[Member]) -> None:
    tendency = propose()
    before = _state(tendency)

    with pytest.raises(AlreadyDone):
        services.tendency_sign(member=members[0], tendency=tendency)

    assert _state(tendency) == before


def test_signing_in_arrears_is_refused(propose, members: list[Member]) -> None:
    tendency = propose()
    organisation_services.member_set_standing(
        actor="system:test", member=members[1], standing=Standing.ARREARS
    )
    before = _state(tendency)

    with pytest.raises(NotEligible):
        services.tendency_sign(member=members[1], tendency=tendency)

    assert _state(tendency) == before


def test_signing_for_a_body_one_does_not_belong_to_is_refused(
    propose, tree, make_member: Callable[..., Member]
) -> None:
    tendency = propose()
    outsider = make_member(tree["far"])
    before = _state(tendency)

    with pytest.raises(NotEligible):
        services.tendency_sign(member=outsider, tendency=tendency)

    assert _state(tendency) == before


def test_proposing_in_a_body_one_does_not_belong_to_is_refused(tree, members: list[Member]) -> None:
    with pytest.raises(NotEligible):
        services.tendency_propose(
            member=members[0], body=tree["other_section"], name="Elsewhere", platform="Text."
        )

    assert Tendency.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "platform"),
    [("", "A platform."), ("A name", "  "), ("x" * 121, "A platform.")],
)
def test_proposing_without_name_or_platform_is_refused(
    section: Body, members: list[Member], name: str, platform: str
) -> None:
    with pytest.raises(InvalidInput):
        services.tendency_propose(member=members[0], body=section, name=name, platform=platform)

    assert Tendency.objects.count() == 0


def test_a_second_tendency_of_the_same_name_is_refused(propose, members: list[Member]) -> None:
    propose()

    with pytest.raises(Conflict):
        propose(member=members[1], name="rank and file")

    assert Tendency.objects.count() == 1


def test_withdrawing_then_signing_again(propose, members: list[Member]) -> None:
    tendency = propose()
    services.tendency_sign(member=members[1], tendency=tendency)

    left = services.tendency_withdraw_signature(
        member=members[1], tendency=tendency, reason="Changed my mind"
    )
    again = services.tendency_sign(member=members[1], tendency=tendency)

    withdrawn = TendencySignature.objects.get(member=members[1], withdrawn_at__isnull=False)
    assert (left, again, withdrawn.withdrawal_reason) == (1, 2, "Changed my mind")


def test_withdrawing_without_a_signature_is_refused(propose, members: list[Member]) -> None:
    tendency = propose()
    before = _state(tendency)

    with pytest.raises(NotPermitted):
        services.tendency_withdraw_signature(member=members[5], tendency=tendency)

    assert _state(tendency) == before


def test_declared_tendency_stays_declared_below_the_threshold(
    propose, members: list[Member]
) -> None:
    tendency = propose()
    for member in members[1:3]:
        services.tendency_sign(member=member, tendency=tendency)

    services.tendency_withdraw_signature(member=members[2], tendency=tendency)

    tendency.refresh_from_db()
    assert (tendency.status, selectors.signature_count(tendency)) == (TendencyStatus.DECLARED, 2)


def test_a_contact_who_withdraws_hands_over_to_the_longest_standing_signatory(
    propose, members: list[Member]
) -> None:
    tendency = propose()
    services.tendency_sign(member=members[1], tendency=tendency)
    services.tendency_sign(member=members[2], tendency=tendency)

    services.tendency_withdraw_signature(member=members[0], tendency=tendency)

    assert list(tendency.contacts.values_list("pk", flat=True)) == [members[1].pk]


def _declared(propose, members: list[Member], signers: int = 5) -> Tendency:
    tendency = propose()
    for member in members[1:signers]:
        services.tendency_sign(member=member, tendency=tendency)
    return tendency


def test_dissolution_takes_more_than_half_of_the_live_signatories(
    propose, members: list[Member]
) -> None:
    tendency = _declared(propose, members, signers=5)
    results = [
        services.tendency_dissolve(member=member, tendency=tendency) for member in members[:3]
    ]

    tendency.refresh_from_db()
    # 2 of 5 is not more than half; 3 of 5 is.
    assert (results, tendency.status) == ([False, False, True], TendencyStatus.DISSOLVED)


def test_half_of_the_signatories_do_not_dissolve(propose, members: list[Member]) -> None:
    tendency = _declared(propose, members, signers=4)
    for member in members[:2]:
        services.tendency_dissolve(member=member, tendency=tendency)

    tendency.refresh_from_db()
    assert tendency.status == TendencyStatus.DECLARED


def test_a_request_to_dissolve_goes_with_a_withdrawn_signature(
    propose, members: list[Member]
) -> None:
    tendency = _declared(propose, members, signers=5)
    services.tendency_dissolve(member=members[0], tendency=tendency)
    services.tendency_dissolve(member=members[1], tendency=tendency)
    services.tendency_withdraw_signature(member=members[1], tendency=tendency)

    assert selectors.dissolution_count(tendency) == 1


def test_asking_twice_to_dissolve_is_refused(propose, members: list[Member]) -> None:
    tendency = _declared(propose, members, signers=5)
    services.tendency_dissolve(member=members[0], tendency=tendency)
    before = _state(tendency)

    with pytest.raises(AlreadyDone):
        services.tendency_dissolve(member=members[0], tendency=tendency)

    assert _state(tendency) == before


def test_a_member_who_did_not_sign_cannot_dissolve(propose, members: list[Member]) -> None:
    tendency = _declared(propose, members, signers=3)
    before = _state(tendency)

    with pytest.raises(NotPermitted):
        services.tendency_dissolve(member=members[10], tendency=tendency)

    assert _state(tendency) == before


def test_signing_a_dissolved_tendency_is_refused_and_its_name_is_free_again(
    propose, members: list[Member]
) -> None:
    tendency = propose()
    services.tendency_dissolve(member=members[0], tendency=tendency)

    with pytest.raises(Conflict):
        services.tendency_sign(member=members[1], tendency=tendency)
    again = propose(member=members[1])

    assert again.status == TendencyStatus.COLLECTING


def test_record_entries_carry_counts_never_names(propose, members: list[Member]) -> None:
    tendency = _declared(propose, members, signers=3)
    services.tendency_withdraw_signature(member=members[2], tendency=tendency)
    services.tendency_dissolve(member=members[0], tendency=tendency)

    entries = list(RecordEntry.objects.filter(subject=f"tendency:{tendency.pk}").order_by("seq"))

    assert [(e.action, e.payload.get("signatories")) for e in entries] == [
        ("tendency.proposed", 1),
        ("tendency.signed", 2),
        ("tendency.signed", 3),
        ("tendency.declared", 3),
        ("tendency.signature_withdrawn", 2),
        ("tendency.dissolution_asked", 2),
    ]
    declared = entries[3].payload
    assert (declared["platform"], declared["threshold"], declared["share"]) == (
        tendency.platform,
        3,
        "10%",
    )
    written = str([e.payload for e in entries])
    assert [m.person.full_name for m in members[:3] if m.person.full_name in written] == []
    assert [m.number for m in members[:3] if m.number in written] == []
