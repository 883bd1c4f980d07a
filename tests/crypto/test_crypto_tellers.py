import itertools

import pytest

from newcourse.crypto import (
    Complaint,
    InvalidProof,
    KeyCeremony,
    Scalar,
    base_mul,
    complaint_holds,
    dkg_commitment,
    dkg_deal,
    dkg_polynomial,
    dkg_receive,
    lagrange_at_zero,
    seeded_scalars,
    teller_keygen,
    teller_share,
)
from newcourse.crypto._tellers import _seal


def _ceremony(n: int, t: int, bad_dealer: int | None = None):
    rng = seeded_scalars(b"ceremony-%d-%d" % (n, t))
    pairs = [
        teller_keygen(election_id="e", index=i, tellers=n, threshold=t, rng=rng)
        for i in range(1, n + 1)
    ]
    keys = tuple(k for _, k in pairs)
    deals = []
    for i in range(1, n + 1):
        deal = dkg_deal(
            election_id="e",
            dealer=i,
            tellers=keys,
            threshold=t,
            polynomial=dkg_polynomial(t, rng),
            rng=rng,
        )
        if i == bad_dealer:
            bad = _seal("e", i, keys[0], Scalar(7), rng)
            deal = type(deal)(deal.dealer, deal.coefficients, deal.proof, (bad, *deal.shares[1:]))
        deals.append(deal)
    received: dict[int, dict[int, Scalar]] = {}
    complaints = []
    for secret, key in pairs:
        received[key.index] = {}
        for deal in deals:
            outcome = dkg_receive(
                election_id="e",
                recipient=key.index,
                secret=secret,
                tellers=keys,
                deal=deal,
                rng=rng,
            )
            if isinstance(outcome, Complaint):
                complaints.append(outcome)
            else:
                received[key.index][deal.dealer] = outcome
    commitments = tuple(dkg_commitment("e", d.dealer, d.coefficients) for d in deals)
    ceremony = KeyCeremony("e", t, keys, commitments, tuple(deals), tuple(complaints))
    return ceremony, received


def test_tellers_any_t_of_n_shares_rebuild_the_election_secret() -> None:
    ceremony, received = _ceremony(5, 3)
    qualified, key, verification = ceremony.verify()
    shares = {j: teller_share(received[j], qualified) for j in received}
    assert all(base_mul(shares[j]) == verification[j] for j in shares)
    for subset in itertools.combinations(range(1, 6), 3):
        lambdas = lagrange_at_zero(subset)
        secret = Scalar.reduce(sum((lambdas[j] * shares[j]).value for j in subset))
        assert base_mul(secret) == key


def test_tellers_t_minus_one_shares_do_not_rebuild_the_secret() -> None:
    ceremony, received = _ceremony(5, 3)
    qualified, key, _ = ceremony.verify()
    shares = {j: teller_share(received[j], qualified) for j in received}
    for subset in itertools.combinations(range(1, 6), 2):
        lambdas = lagrange_at_zero(subset)
        secret = Scalar.reduce(sum((lambdas[j] * shares[j]).value for j in subset))
        assert base_mul(secret) != key


def test_tellers_bad_dealt_share_is_detected_and_complaint_disqualifies_dealer() -> None:
    ceremony, received = _ceremony(5, 3, bad_dealer=2)
    assert [(c.dealer, c.recipient) for c in ceremony.complaints] == [(2, 1)]
    assert complaint_holds("e", ceremony.tellers, ceremony.deals[1], ceremony.complaints[0])
    assert ceremony.verify()[0] == (1, 3, 4, 5)
    assert 2 not in received[1]


def test_tellers_false_complaint_does_not_disqualify_an_honest_dealer() -> None:
    ceremony, _ = _ceremony(3, 2)
    honest = ceremony.deals[0]
    forged = Complaint(1, 2, base_mul(Scalar(5)), ceremony.tellers[1].proof)
    assert complaint_holds("e", ceremony.tellers, honest, forged) is False
    with_false = KeyCeremony(
        ceremony.election_id, 2, ceremony.tellers, ceremony.commitments, ceremony.deals, (forged,)
    )
    assert with_false.verify()[0] == (1, 2, 3)


def test_tellers_revealed_commitments_must_match_the_committed_hash() -> None:
    ceremony, _ = _ceremony(3, 2)
    swapped = (ceremony.commitments[1], ceremony.commitments[0], ceremony.commitments[2])
    tampered = KeyCeremony("e", 2, ceremony.tellers, swapped, ceremony.deals, ())
    with pytest.raises(InvalidProof, match="dealer 1: revealed commitments differ"):
        tampered.verify()


def test_tellers_constant_term_proof_of_another_dealer_is_rejected() -> None:
    ceremony, _ = _ceremony(3, 2)
    first, second, third = ceremony.deals
    forged = type(third)(third.dealer, third.coefficients, second.proof, third.shares)
    tampered = KeyCeremony(
        "e", 2, ceremony.tellers, ceremony.commitments, (first, second, forged), ()
    )
    with pytest.raises(InvalidProof, match="dealer 3: proof of knowledge of a_0 fails"):
        tampered.verify()
