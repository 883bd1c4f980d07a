"""Scottish STV, Meek STV (New Zealand) and ERS97 on small elections checked by hand."""

from __future__ import annotations

from newcourse.counting import Ballot, Election, count
from newcourse.counting._render import figure


def _e(names: str, seats: int, *ballots: tuple[int, str]) -> Election:
    cands = tuple(names)
    return Election(
        cands, seats, tuple(Ballot(tuple((cands.index(x),) for x in r), w) for w, r in ballots)
    )


def _rows(report, precision: int) -> list[list[str | None]]:  # type: ignore[no-untyped-def]
    return [[figure(v, precision) for v in s.votes] for s in report.stages]


# --------------------------------------------------------------------------- Scottish STV


def test_scottish_surplus_truncates_transfer_values_and_counts_the_loss() -> None:
    # 100 papers, 2 seats: quota floor(100/3)+1 = 34. A's surplus 26 over 60 papers:
    # transfer value 26/60 = 0.433333.. -> 0.43333; B gets 45 x 0.43333 = 19.49985,
    # C gets 15 x 0.43333 = 6.49995; 26 - 25.99980 = 0.00020 is lost to truncation.
    report = count(
        _e("ABCD", 2, (45, "AB"), (15, "AC"), (20, "C"), (12, "D"), (8, "B")), "scottish-stv"
    )
    assert figure(report.quota, 5) == "34.00000"
    assert _rows(report, 5)[1] == ["34.00000", "27.49985", "26.49995", "12.00000"]
    assert figure(report.stages[1].non_transferable, 5) == "0.00020"
    # Stage 3 excludes D (papers exhausted), stage 4 excludes C, and B, now the only
    # continuing candidate for the one vacancy left, is elected (rule 52).
    assert report.stages[2].action == "exclusion"
    assert report.stages[2].action_candidates == (3,)
    assert report.elected == [0, 1]


def test_scottish_exclusion_tie_broken_by_the_previous_stage() -> None:
    # Stage 2 excludes D, whose papers lift C to 12, level with B; at stage 1 C had fewer
    # (10 < 12), so C is excluded at stage 3.
    election = _e("ABCD", 1, (20, "A"), (12, "B"), (10, "C"), (2, "DC"))
    report = count(election, "scottish-stv")
    assert report.quota == 23 * 10**5
    assert report.stages[1].votes == (20 * 10**5, 12 * 10**5, 12 * 10**5, 0)
    assert report.stages[2].action_candidates == (2,)
    assert report.tie_breaks[0].rule == "previous-stage"
    assert report.tie_breaks[0].chosen == 2
    assert report.tie_breaks[0].stage == 3
    assert report.elected == [0]


def test_scottish_equal_at_every_stage_draws_lots_from_the_seed() -> None:
    election = _e("ABCD", 1, (4, "A"), (2, "B"), (2, "C"), (1, "D"))
    first = count(election, "scottish-stv", seed="alpha")
    again = count(election, "scottish-stv", seed="alpha")
    assert first.tie_breaks[0].rule == "lot"
    assert first.tie_breaks[0].between == (1, 2)
    assert first.excluded == again.excluded
    assert first.seed == "alpha"
    seen = {count(election, "scottish-stv", seed=s).excluded[1] for s in "abcdefghij"}
    assert seen == {1, 2}  # the seed, not the candidates' order, decides


def test_scottish_last_vacancies_filled_without_reaching_the_quota() -> None:
    report = count(_e("ABCD", 2, (40, "A"), (25, "B"), (20, "C"), (15, "D")), "scottish-stv")
    # A is elected (quota 34) and A's surplus of 6 is non-transferable; D and then C are
    # excluded, and B, the one continuing candidate for the one vacancy, is elected with 25.
    assert report.elected == [0, 1]
    last = report.stages[-1]
    assert 1 in last.elected
    assert last.votes[1] is not None and last.votes[1] < report.quota  # type: ignore[operator]


def test_scottish_weighted_ballots_equal_repeated_papers() -> None:
    weighted = _e("ABC", 1, (3, "AB"), (2, "BC"), (2, "CB"))
    repeated = _e("ABC", 1, *([(1, "AB")] * 3 + [(1, "BC")] * 2 + [(1, "CB")] * 2))
    a = count(weighted, "scottish-stv")
    b = count(repeated, "scottish-stv")
    assert _rows(a, 5) == _rows(b, 5)
    assert a.elected == b.elected


# --------------------------------------------------------------------------- Meek


def test_meek_keep_value_iteration_by_hand() -> None:
    # 2 seats, 100 votes: quota 100/3 + 0.000000001 = 33.333333334 (nine places).
    # A (60) is elected; A's keep value becomes 33.333333334/60 rounded up =
    # 0.555555556, so A keeps 60 x 0.555555556 = 33.333333360 and passes on
    # 60 x 0.444444444 = 26.666666640 to B, who reaches the quota.
    report = count(_e("ABC", 2, (60, "AB"), (30, "B"), (10, "C")), "meek")
    assert figure(report.quota, 9) == "33.333333334"
    assert _rows(report, 9) == [
        ["60.000000000", "30.000000000", "10.000000000"],
        ["33.333333360", "56.666666640", "10.000000000"],
    ]
    assert report.stages[1].action == "surplus"
    assert report.elected == [0, 1]


def test_meek_quota_falls_as_votes_exhaust() -> None:
    # A's papers name no one else, so A's surplus exhausts; Meek's quota is recalculated
    # without non-transferable votes and converges towards (100 - (40 - q)) / 3, q = 30.
    report = count(_e("ABCD", 2, (40, "A"), (20, "BA"), (25, "C"), (15, "DB")), "meek")
    assert report.quota is not None
    assert 30 * 10**9 < report.quota < 30 * 10**9 + 10**5
    assert report.excluded == [3]
    assert report.elected == [0, 1]
    for stage in report.stages:
        total = sum(v for v in stage.votes if v is not None) + stage.non_transferable
        assert total == 100 * 10**9


def test_meek_transfers_pass_through_elected_candidates() -> None:
    # D's papers (D>A>C) reach C through A when D is excluded: A keeps its keep value's
    # share of each and C gets the rest, where Gregory methods would skip A altogether.
    election = _e("ABCD", 2, (50, "A"), (20, "B"), (18, "C"), (12, "DAC"))
    report = count(election, "meek")
    assert report.excluded == [3]
    assert report.elected == [0, 2]
    last = report.stages[-1]
    assert last.votes[0] is not None and last.votes[0] > 25 * 10**9  # A kept part of D's papers
    assert last.votes[2] is not None and 25 * 10**9 < last.votes[2] < 30 * 10**9
    total = sum(v for v in last.votes if v is not None) + last.non_transferable
    assert total == 100 * 10**9


# --------------------------------------------------------------------------- ERS97


def test_ers97_quota_and_surplus_by_hand() -> None:
    # 100 votes, 2 seats: 100/3 = 33.33 (remainder ignored) + 0.01 = 33.34.
    # A's first-stage surplus 16.66 over 50 transferable papers: 0.3332 -> 0.33 each;
    # B gets 30 x 0.33 = 9.90, C 20 x 0.33 = 6.60; the non-transferable difference is 0.16.
    report = count(_e("ABCD", 2, (30, "AB"), (20, "AC"), (15, "B"), (20, "C"), (15, "DC")), "ers97")
    assert figure(report.quota, 2) == "33.34"
    assert _rows(report, 2) == [
        ["50.00", "15.00", "20.00", "15.00"],
        ["33.34", "24.90", "26.60", "15.00"],
        ["33.34", "24.90", "41.60", "0.00"],
    ]
    assert figure(report.stages[1].non_transferable, 2) == "0.16"
    assert report.elected == [0, 2]


def test_ers97_defers_a_surplus_and_excludes_several_together() -> None:
    # Quota 81/3 = 27.00 exactly. A's surplus (3.00) cannot lift F, E and D (6.00 together)
    # above C (20.00), so it is deferred (5.2.2) and F, E, D are excluded at once (5.2.5).
    election = _e("ABCDEF", 2, (30, "AE"), (25, "B"), (20, "C"), (3, "DB"), (2, "EC"), (1, "F"))
    report = count(election, "ers97")
    assert figure(report.quota, 2) == "27.00"
    assert [s.action for s in report.stages] == ["first", "exclusion"]
    assert sorted(report.stages[1].action_candidates) == [3, 4, 5]
    assert _rows(report, 2)[1] == ["30.00", "28.00", "22.00", "0.00", "0.00", "0.00"]
    assert report.elected == [0, 1]


def test_ers97_later_surplus_comes_from_the_last_batch_only() -> None:
    # C is elected on E's papers (stage 3); C's surplus (10.50) is taken from that last batch
    # (E>C papers, with no further preference) and not from C's own C>D papers, so D gets
    # nothing and the surplus is non-transferable. B then takes the last seat with more than
    # the total active vote / 2 (5.3.13 b).
    election = _e("ABCDE", 3, (40, "ABD"), (10, "BC"), (26, "CD"), (22, "D"), (12, "EC"))
    report = count(election, "ers97")
    assert figure(report.quota, 2) == "27.50"
    rows = _rows(report, 2)
    assert rows[1][:2] == ["27.50", "22.40"]  # 12.50 / 40 = 0.3125 -> 0.31; 40 x 0.31 = 12.40
    assert [s.action for s in report.stages] == ["first", "surplus", "exclusion", "surplus"]
    assert rows[3] == ["27.50", "22.40", "27.50", "22.00", None]
    assert figure(report.stages[3].non_transferable, 2) == "10.60"
    assert report.elected == [0, 2, 1]
