import datetime

import pytest

from newcourse.elections import services
from newcourse.elections.models import Candidate
from newcourse.organisation import services as organisation_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, NotEligible, NotPermitted, OutsideWindow


def test_nomination_becomes_standing_after_second_and_acceptance(election, electorate, now):
    candidate = services.candidate_nominate(
        nominator=electorate[1], election=election, candidate=electorate[0], now=now
    )
    assert not candidate.is_standing
    services.candidate_second(seconder=electorate[2], candidate=candidate, now=now)
    services.candidate_accept(member=electorate[0], candidate=candidate, statement="Hi", now=now)
    assert list(election.candidates.standing()) == [candidate]


def test_nominating_ineligible_member_is_refused(election, electorate, tree, make_member, now):
    outsider = make_member(tree["far"])
    with pytest.raises(NotEligible):
        services.candidate_nominate(
            nominator=electorate[1], election=election, candidate=outsider, now=now
        )
    assert Candidate.objects.count() == 0


def test_nominating_member_in_arrears_is_refused(election, electorate, now):
    organisation_services.member_set_standing(
        actor="system:test", member=electorate[0], standing="arrears"
    )
    with pytest.raises(NotEligible):
        services.candidate_nominate(
            nominator=electorate[1], election=election, candidate=electorate[0], now=now
        )


@pytest.mark.parametrize("rulebook_parameters", [{"stand.good_standing_months": "12"}])
def test_nomination_needs_months_of_good_standing(office, electorate, now, election):
    recent = electorate[0]
    recent.joined_on = now.date() - datetime.timedelta(days=100)
    recent.save()
    with pytest.raises(NotEligible, match="12 months"):
        services.candidate_nominate(
            nominator=electorate[1], election=election, candidate=recent, now=now
        )


def test_second_seconder_is_refused(election, electorate, now):
    candidate = services.candidate_nominate(
        nominator=electorate[1], election=election, candidate=electorate[0], now=now
    )
    services.candidate_second(seconder=electorate[2], candidate=candidate, now=now)
    with pytest.raises(AlreadyDone):
        services.candidate_second(seconder=electorate[3], candidate=candidate, now=now)
    candidate.refresh_from_db()
    assert candidate.seconded_by == electorate[2]


def test_nominator_cannot_second_own_nomination(election, electorate, now):
    candidate = services.candidate_nominate(
        nominator=electorate[1], election=election, candidate=electorate[0], now=now
    )
    with pytest.raises(NotPermitted):
        services.candidate_second(seconder=electorate[1], candidate=candidate, now=now)


def test_only_the_candidate_accepts(election, electorate, now):
    candidate = services.candidate_nominate(
        nominator=electorate[1], election=election, candidate=electorate[0], now=now
    )
    with pytest.raises(NotPermitted):
        services.candidate_accept(member=electorate[1], candidate=candidate, now=now)


def test_double_nomination_is_refused(election, electorate, now):
    services.candidate_nominate(
        nominator=electorate[1], election=election, candidate=electorate[0], now=now
    )
    with pytest.raises(AlreadyDone):
        services.candidate_nominate(
            nominator=electorate[2], election=election, candidate=electorate[0], now=now
        )


def test_nomination_after_close_is_refused(election, electorate, now):
    with pytest.raises(OutsideWindow):
        services.candidate_nominate(
            nominator=electorate[1],
            election=election,
            candidate=electorate[0],
            now=now + datetime.timedelta(days=2),
        )


def test_withdrawn_candidate_leaves_the_ballot(election, standing, electorate, now):
    services.candidate_withdraw(member=electorate[0], candidate=standing[0], now=now)
    assert standing[0] not in set(election.candidates.standing())


def test_withdrawal_after_voting_opens_is_refused(voting, standing, electorate):
    _, later = voting
    with pytest.raises(OutsideWindow):
        services.candidate_withdraw(member=electorate[0], candidate=standing[0], now=later)


def test_nomination_entries_name_members_by_number_only(election, electorate, now):
    candidate = services.candidate_nominate(
        nominator=electorate[1], election=election, candidate=electorate[0], now=now
    )
    services.candidate_second(seconder=electorate[2], candidate=candidate, now=now)
    services.candidate_accept(member=electorate[0], candidate=candidate, now=now)
    services.candidate_withdraw(member=electorate[0], candidate=candidate, now=now)
    entries = RecordEntry.objects.filter(action__startswith="nomination.").order_by("seq")
    public = " ".join(str(e.payload) for e in entries)
    assert [name for name in ("Voter 0", "Voter 1", "Voter 2") if name in public] == []
    assert entries[0].payload["candidate"] == f"member:{electorate[0].number}"
    assert entries[0].private_part.fields == {"candidate": "Voter 0", "nominated_by": "Voter 1"}
    assert {e.private_part.member for e in entries} == {electorate[0]}


def test_a_candidacy_past_what_the_count_takes_is_refused_at_acceptance(
    election, electorate, now, monkeypatch
):
    """The count refuses more candidates than its method takes; the candidacy that would
    overfill the ballot paper is refused when it is accepted, not the count at the close."""
    monkeypatch.setattr("newcourse.counting._count.MAX_CANDIDATES_RANKED", 1)
    monkeypatch.setattr("newcourse.counting._count.MAX_CANDIDATES_MARKED", 1)
    first, second = (
        services.candidate_nominate(
            nominator=electorate[2], election=election, candidate=electorate[i], now=now
        )
        for i in (0, 1)
    )
    services.candidate_accept(member=electorate[0], candidate=first, now=now)
    with pytest.raises(AlreadyDone, match="counts at most 1 candidates"):
        services.candidate_accept(member=electorate[1], candidate=second, now=now)
    second.refresh_from_db()
    assert second.accepted_at is None
