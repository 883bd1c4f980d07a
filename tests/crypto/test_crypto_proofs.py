import pytest

from newcourse.crypto import (
    BASE,
    Scalar,
    base_mul,
    encrypt,
    prove_equal_logs,
    prove_knowledge,
    prove_range,
    seeded_scalars,
    verify_equal_logs,
    verify_knowledge,
    verify_range,
)
from newcourse.crypto._proofs import Proof

KEY = base_mul(Scalar(4242))
CONTEXT = [b"\x01" * 32, "context"]


@pytest.mark.parametrize("value", [0, 1, 2, 3])
def test_proofs_range_proof_verifies_for_every_value_in_range(value: int) -> None:
    rng = seeded_scalars(b"range")
    r = rng()
    ciphertext = encrypt(KEY, value, r)
    proof = prove_range("t", CONTEXT, KEY, ciphertext, value, r, 0, 3, rng)
    assert verify_range("t", CONTEXT, KEY, ciphertext, 0, 3, proof) is True


def test_proofs_range_proof_fails_for_value_outside_range() -> None:
    rng = seeded_scalars(b"range-out")
    r = rng()
    ciphertext = encrypt(KEY, 2, r)
    with pytest.raises(ValueError, match="outside"):
        prove_range("t", CONTEXT, KEY, ciphertext, 2, r, 0, 1, rng)
    # A proof made for the value 1 does not verify for the ciphertext of 2.
    other = encrypt(KEY, 1, r)
    proof = prove_range("t", CONTEXT, KEY, other, 1, r, 0, 1, rng)
    assert verify_range("t", CONTEXT, KEY, ciphertext, 0, 1, proof) is False


def test_proofs_range_proof_is_bound_to_context_and_tag() -> None:
    rng = seeded_scalars(b"range-bound")
    r = rng()
    ciphertext = encrypt(KEY, 1, r)
    proof = prove_range("t", CONTEXT, KEY, ciphertext, 1, r, 0, 1, rng)
    assert verify_range("t", [*CONTEXT[:1], "other"], KEY, ciphertext, 0, 1, proof) is False
    assert verify_range("u", CONTEXT, KEY, ciphertext, 0, 1, proof) is False
    assert verify_range("t", CONTEXT, KEY, ciphertext, 0, 2, proof) is False


def test_proofs_schnorr_verifies_and_rejects_other_public_key() -> None:
    rng = seeded_scalars(b"schnorr")
    x = rng()
    proof = prove_knowledge("k", CONTEXT, BASE, base_mul(x), x, rng)
    assert verify_knowledge("k", CONTEXT, BASE, base_mul(x), proof) is True
    assert verify_knowledge("k", CONTEXT, BASE, base_mul(x + Scalar(1)), proof) is False


def test_proofs_schnorr_with_altered_response_fails() -> None:
    rng = seeded_scalars(b"schnorr2")
    x = rng()
    proof = prove_knowledge("k", CONTEXT, BASE, base_mul(x), x, rng)
    altered = Proof(proof.challenge, proof.response + Scalar(1))
    assert verify_knowledge("k", CONTEXT, BASE, base_mul(x), altered) is False


def test_proofs_chaum_pedersen_rejects_unequal_logs() -> None:
    rng = seeded_scalars(b"cp")
    x, h = rng(), base_mul(rng())
    proof = prove_equal_logs("d", CONTEXT, BASE, base_mul(x), h, h * x, x, rng)
    assert verify_equal_logs("d", CONTEXT, BASE, base_mul(x), h, h * x, proof) is True
    assert verify_equal_logs("d", CONTEXT, BASE, base_mul(x), h, h * (x + x), proof) is False
