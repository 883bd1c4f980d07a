import pytest

from newcourse.crypto import (
    InvalidShuffle,
    Scalar,
    ShuffleContext,
    _batch,
    base_mul,
    encrypt,
    seeded_scalars,
    shuffle,
    shuffle_check,
)

KEY = base_mul(Scalar(31337))
CONTEXT = ShuffleContext("2026-batch", b"\x09" * 32, 1)


def test_batch_worker_processes_give_the_result_of_one_process() -> None:
    rng = seeded_scalars(b"batch-in")
    ballots = tuple((encrypt(KEY, i % 7, rng()), encrypt(KEY, i % 3, rng())) for i in range(160))

    alone = shuffle(KEY, ballots, seeded_scalars(b"batch"), CONTEXT, jobs=1)
    split = shuffle(KEY, ballots, seeded_scalars(b"batch"), CONTEXT, jobs=2)

    assert split == alone
    shuffled, proof = split
    shuffle_check(KEY, ballots, shuffled, proof, CONTEXT, jobs=2)
    swapped = (shuffled[1], shuffled[0], *shuffled[2:])
    with pytest.raises(InvalidShuffle, match="does not verify"):
        shuffle_check(KEY, ballots, swapped, proof, CONTEXT, jobs=2)


def test_batch_slices_cover_every_row_once() -> None:
    for count, jobs in [(1, 1), (63, 2), (128, 2), (1000, 3), (10_000, 2)]:
        covered = [i for s in _batch._slices(count, jobs) for i in range(count)[s]]

        assert covered == list(range(count))


def test_batch_column_sums_add_weighted_columns() -> None:
    p, q = base_mul(Scalar(2)).encoded, base_mul(Scalar(5)).encoded
    weights = [Scalar(3).to_bytes(), Scalar(4).to_bytes()]

    sums = _batch.column_sums([[p, q], [q, p]], weights)

    assert sums == [base_mul(Scalar(26)).encoded, base_mul(Scalar(23)).encoded]
    assert _batch.column_sums([], []) == []


def test_batch_workers_start_no_process_for_a_small_list() -> None:
    with _batch.workers(4, 127) as where:
        assert where is _batch.HERE
    with _batch.workers(4, 128) as where:
        assert where.jobs == 2
        assert where.pool is not None
