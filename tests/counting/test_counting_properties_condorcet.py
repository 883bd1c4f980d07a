"""Properties every count of Condorcet and single-round methods must keep, on random ballots."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newcourse.counting import Ballot, Election, Lot
from newcourse.counting._condorcet import count_ranked_pairs, count_schulze, pairwise_matrix
from newcourse.counting._plurality import count_approval, count_block_plurality, count_plurality

CONDORCET_COUNTS = (count_schulze, count_ranked_pairs)
NAMES = ("Ash", "Birch", "Cedar", "Damson", "Elm", "Fir")


@st.composite
def rankings(draw, n):
    """A ranking of some of n candidates, with equal preferences now and then."""
    order = draw(st.permutations(range(n)))
    length = draw(st.integers(min_value=0, max_value=n))
    groups: list[tuple[int, ...]] = []
    for candidate in order[:length]:
        if groups and draw(st.integers(0, 4)) == 0:
            groups[-1] = (*groups[-1], candidate)
        else:
            groups.append((candidate,))
    return tuple(groups)


@st.composite
def elections(draw, min_candidates=2, max_candidates=5):
    n = draw(st.integers(min_value=min_candidates, max_value=max_candidates))
    ballots = draw(
        st.lists(
            st.builds(Ballot, rankings(n), st.integers(min_value=1, max_value=6)),
            min_size=1,
            max_size=12,
        )
    )
    seats = draw(st.integers(min_value=1, max_value=n))
    return Election(candidates=NAMES[:n], seats=seats, ballots=tuple(ballots))


def _outcome(report):
    """Everything a count decided, by name, so different numberings can be compared."""
    names = report.candidates
    return (
        [names[c] for c in report.elected],
        report.details,
        [(sorted(names[c] for c in t.between), names[t.chosen]) for t in report.tie_breaks],
        tuple((names[c], v) for c, v in enumerate(report.stages[0].votes) if v is not None),
    )


def _naive_pairwise(election):
    """The pairwise matrix straight from its definition, pair by pair on every paper."""
    n = len(election.candidates)
    d = [[0] * n for _ in range(n)]
    for ballot in election.ballots:
        rank = [len(ballot.ranking)] * n  # unranked: all equal, below every ranked candidate
        for place, group in enumerate(ballot.ranking):
            for c in group:
                rank[c] = place
        for a in range(n):
            for b in range(n):
                if rank[a] < rank[b]:
                    d[a][b] += ballot.weight
    return d


@given(elections())
def test_pairwise_matrix_equals_its_definition(election):
    assert pairwise_matrix(election) == _naive_pairwise(election)


def _widest_path_by_search(d, a, b):
    """The strongest path from a to b, trying every simple path (fine for five candidates)."""
    n = len(d)

    def link(x, y):
        return d[x][y] if d[x][y] > d[y][x] else 0

    def best(x, visited, strength):
        if x == b:
            return strength
        return max(
            (
                best(y, visited | {y}, min(strength, link(x, y)))
                for y in range(n)
                if y not in visited
            ),
            default=0,
        )

    return best(a, {a}, float("inf"))


@given(elections())
def test_schulze_strongest_paths_equal_a_search_of_every_path(election):
    report = count_schulze(election, seed="s")

    d = _naive_pairwise(election)
    names = election.candidates
    expected = {
        names[a]: {names[b]: _widest_path_by_search(d, a, b) for b in range(len(d)) if b != a}
        for a in range(len(d))
    }
    assert report.details["strongest_paths"] == expected


@given(elections(), st.data())
def test_condorcet_winner_wins_schulze_and_ranked_pairs(election, data):
    n = len(election.candidates)
    winner = data.draw(st.integers(min_value=0, max_value=n - 1))
    rest = [c for c in data.draw(st.permutations(range(n))) if c != winner]
    # A bloc larger than all other papers together, ranking the winner first, makes the
    # winner beat every other candidate head to head.
    total = sum(b.weight for b in election.ballots)
    bloc = Ballot(((winner,), *((c,) for c in rest)), total + 1)
    constructed = Election(
        candidates=election.candidates, seats=1, ballots=(*election.ballots, bloc)
    )

    for count in CONDORCET_COUNTS:
        report = count(constructed, seed="s")
        assert report.elected == [winner]
        assert report.details["ranking"][0] == NAMES[winner]


@given(elections(), st.randoms(use_true_random=False))
def test_condorcet_result_does_not_depend_on_ballot_order(election, random):
    shuffled = list(election.ballots)
    random.shuffle(shuffled)
    reordered = Election(election.candidates, election.seats, tuple(shuffled))

    for count in CONDORCET_COUNTS:
        assert _outcome(count(reordered, seed="s")) == _outcome(count(election, seed="s"))


@given(elections(), st.data())
def test_condorcet_renumbering_candidates_renumbers_the_result(election, data):
    n = len(election.candidates)
    new_number = data.draw(st.permutations(range(n)))
    candidates = [""] * n
    for old, new in enumerate(new_number):
        candidates[new] = election.candidates[old]
    ballots = tuple(
        Ballot(tuple(tuple(new_number[c] for c in group) for group in b.ranking), b.weight)
        for b in election.ballots
    )
    renumbered = Election(tuple(candidates), election.seats, ballots)

    for count in CONDORCET_COUNTS:
        before, after = _outcome(count(election, seed="s")), _outcome(count(renumbered, seed="s"))
        # Candidates elected together from one tied group keep ballot-file order, which the
        # renumbering changes; the set elected and every figure must not change.
        assert sorted(before[0]) == sorted(after[0])
        assert _as_sets(before[1]) == _as_sets(after[1])
        assert before[2] == after[2]
        assert sorted(before[3]) == sorted(after[3])


def _as_sets(details):
    """Details with each tied group of a ranking as a set, order within it being immaterial."""
    ranking = details["ranking"]
    if ranking and isinstance(ranking[0], list):
        ranking = [frozenset(group) for group in ranking]
    return {**details, "ranking": ranking}


@given(elections())
def test_condorcet_renaming_candidates_renames_the_result(election):
    renamed = Election(tuple(f"{name} (Left)" for name in election.candidates), 1, election.ballots)
    original = Election(election.candidates, 1, election.ballots)

    for count in CONDORCET_COUNTS:
        before, after = count(original, seed="s"), count(renamed, seed="s")
        # The lot hashes names, so only counts that needed no draw must agree.
        assume(not before.tie_breaks and not after.tie_breaks)
        assert before.elected == after.elected
        assert [f"{name} (Left)" for name in _flat(before.details["ranking"])] == _flat(
            after.details["ranking"]
        )


def _flat(ranking):
    return [n for item in ranking for n in (item if isinstance(item, list) else [item])]


@given(elections(max_candidates=4))
@settings(max_examples=50)
def test_condorcet_splitting_weighted_papers_into_single_papers_changes_nothing(election):
    single = tuple(Ballot(b.ranking, 1) for b in election.ballots for _ in range(b.weight))
    split = Election(election.candidates, election.seats, single)

    for count in CONDORCET_COUNTS:
        assert _outcome(count(split, seed="s")) == _outcome(count(election, seed="s"))


def _reference_ranked_pairs(election, seed):
    """Zavist and Tideman's procedure done the long way: always draw the tie-breaking
    ranking, sort every contest by margin then by that ranking, lock by searching for cycles."""
    names = election.candidates
    n = len(names)
    lot, pool, drawn = Lot(seed), list(range(n)), []
    while len(pool) > 1:
        drawn.append(lot.choose(pool, names))
        pool.remove(drawn[-1])
    place = {c: i for i, c in enumerate(drawn + pool)}
    d = _naive_pairwise(election)
    contests = []
    for a in range(n):
        for b in range(a + 1, n):
            margin = d[a][b] - d[b][a]
            if margin > 0 or (margin == 0 and place[a] < place[b]):
                contests.append((a, b, margin))
            else:
                contests.append((b, a, -margin))
    contests.sort(key=lambda m: (-m[2], place[m[0]], -place[m[1]]))
    edges: set[tuple[int, int]] = set()

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            x = todo.pop()
            for a, b in edges:
                if a == x and b not in seen:
                    seen.add(b)
                    todo.append(b)
        return seen

    for winner, loser, _ in contests:
        if winner not in reachable(loser):
            edges.add((winner, loser))
    return [names[c] for c in sorted(range(n), key=lambda c: -len(reachable(c)))]


@given(elections())
def test_ranked_pairs_matches_the_procedure_done_the_long_way(election):
    report = count_ranked_pairs(election, seed="s")

    assert report.details["ranking"] == _reference_ranked_pairs(election, "s")


@given(elections())
def test_ranked_pairs_ranks_every_candidate_once(election):
    report = count_ranked_pairs(election, seed="s")

    assert sorted(report.details["ranking"]) == sorted(election.candidates)
    assert len(report.elected) == election.seats


@given(elections())
def test_schulze_fills_every_seat_with_distinct_candidates(election):
    report = count_schulze(election, seed="s")

    assert len(set(report.elected)) == election.seats
    assert sorted(_flat(report.details["ranking"])) == sorted(election.candidates)


@given(elections())
def test_plurality_conserves_every_paper(election):
    report = count_plurality(election, seed="s")

    stage = report.stages[0]
    assert sum(stage.votes) + stage.non_transferable == sum(b.weight for b in election.ballots)


@given(elections())
def test_block_plurality_gives_each_paper_at_most_seats_votes(election):
    report = count_block_plurality(election, seed="s")

    stage = report.stages[0]
    total = sum(b.weight for b in election.ballots)
    assert stage.non_transferable + sum(stage.votes) <= total * election.seats
    assert all(v <= total for v in stage.votes)


@given(elections())
def test_approval_counts_each_named_candidate_once_per_paper(election):
    report = count_approval(election, seed="s")

    expected = [
        sum(b.weight for b in election.ballots if any(c in g for g in b.ranking))
        for c in range(len(election.candidates))
    ]
    assert list(report.stages[0].votes) == expected
