import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.crypto import (
    ORDER,
    CryptoError,
    Scalar,
    base_mul,
    decrypt_to_point,
    discrete_log,
    encrypt,
)
from newcourse.crypto._elgamal import DiscreteLogTable

SECRET = Scalar(987654321987654321)
KEY = base_mul(SECRET)


@settings(max_examples=40, deadline=None)
@given(m=st.integers(0, 2000), r=st.integers(1, ORDER - 1))
def test_elgamal_decrypt_of_encrypt_is_identity(m: int, r: int) -> None:
    ciphertext = encrypt(KEY, m, Scalar(r))
    assert discrete_log(decrypt_to_point(SECRET, ciphertext), 2000) == m


@settings(max_examples=20, deadline=None)
@given(a=st.integers(0, 50), b=st.integers(0, 50), w=st.integers(1, 9))
def test_elgamal_sum_of_weighted_ciphertexts_decrypts_to_weighted_sum(
    a: int, b: int, w: int
) -> None:
    total = encrypt(KEY, a, Scalar(11)) + encrypt(KEY, b, Scalar(13)).scaled(w)
    assert discrete_log(decrypt_to_point(SECRET, total), 1000) == a + w * b


def test_elgamal_discrete_log_finds_every_value_up_to_bound() -> None:
    table = DiscreteLogTable(300)
    assert [table.find(base_mul(Scalar(m))) for m in range(301)] == list(range(301))


def test_elgamal_discrete_log_beyond_bound_fails() -> None:
    with pytest.raises(CryptoError, match="no discrete logarithm"):
        discrete_log(base_mul(Scalar(101)), 100)
