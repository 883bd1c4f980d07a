"""The tellers' threshold key generation: Pedersen's DKG with Feldman commitments.

Steps for n tellers with threshold t (each a pure function; `_teller_cli` runs them on files):
 1. keygen  — each teller i makes a long-term key X_i = x_i·B and proves knowledge of x_i.
 2. commit  — each dealer i draws f_i(z) = a_i0 + … + a_i(t−1) z^(t−1), computes Feldman
              commitments C_ik = a_ik·B and publishes only h_i = digest of them, so no dealer
              can choose its polynomial after seeing the others' (no key biasing).
 3. deal    — after all h_i are out, dealer i reveals C_i·, proves knowledge of a_i0, and sends
              f_i(j) to each teller j, encrypted to X_j (hashed DH + HMAC, see `_seal`).
 4. receive — teller j opens each share and checks f_i(j)·B = Σ_k j^k·C_ik; if not, it
              publishes a complaint carrying the DH value and a proof it is right, so anyone
              can open the share and see the dealer cheated.
Dealers with a valid complaint are disqualified; QUAL is the rest. The election key is
K = Σ_{i∈QUAL} C_i0; teller j's share is x_j = Σ_{i∈QUAL} f_i(j), its public verification
key K_j = Σ_{i∈QUAL} Σ_k j^k·C_ik. Any t shares decrypt; t−1 learn nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ._errors import InvalidEncoding, InvalidProof
from ._group import BASE, IDENTITY, Point, RandomScalars, Scalar, base_mul, decode_digest
from ._hashing import digest, hash_input
from ._proofs import Proof, prove_equal_logs, prove_knowledge, verify_equal_logs, verify_knowledge

KEY_TAG = "teller-key"
CONSTANT_TAG = "dkg-constant"
COMPLAINT_TAG = "dkg-complaint"


@dataclass(frozen=True, slots=True)
class TellerKey:
    """A teller's long-term public key, with a proof that the teller knows its secret."""

    index: int
    key: Point
    proof: Proof


@dataclass(frozen=True, slots=True)
class SealedShare:
    """f_i(j) encrypted to teller j: E = e·B, ciphertext = share ⊕ k_enc, tag = HMAC(k_mac)."""

    recipient: int
    ephemeral: Point
    ciphertext: bytes
    tag: bytes


@dataclass(frozen=True, slots=True)
class Deal:
    """What dealer i reveals in step 3."""

    dealer: int
    coefficients: tuple[Point, ...]
    proof: Proof
    shares: tuple[SealedShare, ...]


@dataclass(frozen=True, slots=True)
class Complaint:
    """Teller `recipient` says dealer `dealer` sent a bad share; `shared` = x_j·E with a
    Chaum–Pedersen proof, so anyone can open the share and confirm."""

    dealer: int
    recipient: int
    shared: Point
    proof: Proof


def _ctx(election_id: str, tellers: int, threshold: int) -> list[Any]:
    return [election_id, tellers, threshold]


def teller_keygen(
    *, election_id: str, index: int, tellers: int, threshold: int, rng: RandomScalars
) -> tuple[Scalar, TellerKey]:
    """Step 1: a long-term key pair and its proof of knowledge (bound to index and election)."""
    secret = rng()
    public = base_mul(secret)
    proof = prove_knowledge(
        KEY_TAG, [*_ctx(election_id, tellers, threshold), index], BASE, public, secret, rng
    )
    return secret, TellerKey(index, public, proof)


def verify_teller_key(election_id: str, tellers: int, threshold: int, key: TellerKey) -> bool:
    """Check a teller's proof of knowledge of its long-term key."""
    return verify_knowledge(
        KEY_TAG, [*_ctx(election_id, tellers, threshold), key.index], BASE, key.key, key.proof
    )


def verify_deal_proof(election_id: str, tellers: int, threshold: int, deal: Deal) -> bool:
    """Check a dealer's proof of knowledge of its constant term a_i0 (step 3), which every
    teller checks before accepting a deal and the server before relaying one."""
    return verify_knowledge(
        CONSTANT_TAG,
        [*_ctx(election_id, tellers, threshold), deal.dealer],
        BASE,
        deal.coefficients[0],
        deal.proof,
    )


def dkg_polynomial(threshold: int, rng: RandomScalars) -> tuple[Scalar, ...]:
    """Step 2: the dealer's secret coefficients a_0 … a_(t−1)."""
    return tuple(rng() for _ in range(threshold))


def dkg_commitment(election_id: str, dealer: int, coefficients: Sequence[Point]) -> bytes:
    """Step 2: h_i = digest("dkg-commitment", election_id, i, [C_i0 … C_i(t−1)])."""
    return digest("dkg-commitment", election_id, dealer, list(coefficients))


def evaluate(polynomial: Sequence[Scalar], x: int) -> Scalar:
    """f(x) mod ℓ by Horner's rule."""
    value = 0
    for coefficient in reversed(polynomial):
        value = value * x + coefficient.value
    return Scalar.reduce(value)


def commitment_at(coefficients: Sequence[Point], x: int) -> Point:
    """Σ_k x^k·C_k: the public image f(x)·B of the committed polynomial."""
    factor = Scalar.reduce(x)
    total = coefficients[-1]
    for coefficient in reversed(coefficients[:-1]):
        total = total * factor + coefficient
    return total


def _keys(
    election_id: str, dealer: int, recipient: int, ephemeral: Point, key: Point, shared: Point
) -> tuple[bytes, bytes]:
    material = hashlib.sha512(
        hash_input("dkg-share-key", election_id, dealer, recipient, ephemeral, key, shared)
    ).digest()
    return material[:32], material[32:]


def _mac(
    mac_key: bytes,
    election_id: str,
    dealer: int,
    recipient: int,
    ephemeral: Point,
    ciphertext: bytes,
) -> bytes:
    return hmac.new(
        mac_key,
        hash_input("dkg-share-mac", election_id, dealer, recipient, ephemeral, ciphertext),
        "sha256",
    ).digest()


def _seal(
    election_id: str, dealer: int, recipient: TellerKey, share: Scalar, rng: RandomScalars
) -> SealedShare:
    """Hashed ElGamal: (k_enc ‖ k_mac) = SHA-512(hash_input("dkg-share-key", id, i, j, E, X_j,
    e·X_j)); ciphertext = share ⊕ k_enc (32 bytes, a one-time pad: E is fresh);
    tag = HMAC-SHA256(k_mac, hash_input("dkg-share-mac", id, i, j, E, ciphertext))."""
    e = rng()
    ephemeral = base_mul(e)
    enc_key, mac_key = _keys(
        election_id, dealer, recipient.index, ephemeral, recipient.key, recipient.key * e
    )
    ciphertext = bytes(a ^ b for a, b in zip(share.to_bytes(), enc_key, strict=True))
    tag = _mac(mac_key, election_id, dealer, recipient.index, ephemeral, ciphertext)
    return SealedShare(recipient.index, ephemeral, ciphertext, tag)


def _open(
    election_id: str, dealer: int, recipient: TellerKey, sealed: SealedShare, shared: Point
) -> Scalar | None:
    """The share, or None if the tag fails or the plaintext is not a canonical scalar."""
    enc_key, mac_key = _keys(
        election_id, dealer, recipient.index, sealed.ephemeral, recipient.key, shared
    )
    expected = _mac(
        mac_key, election_id, dealer, recipient.index, sealed.ephemeral, sealed.ciphertext
    )
    if len(sealed.ciphertext) != 32 or not hmac.compare_digest(expected, sealed.tag):
        return None
    plain = bytes(a ^ b for a, b in zip(sealed.ciphertext, enc_key, strict=True))
    try:
        return Scalar.from_bytes(plain)
    except InvalidEncoding:
        return None


def dkg_deal(
    *,
    election_id: str,
    dealer: int,
    tellers: Sequence[TellerKey],
    threshold: int,
    polynomial: Sequence[Scalar],
    rng: RandomScalars,
) -> Deal:
    """Step 3: reveal the commitments, prove knowledge of a_0, seal f(j) for every teller j."""
    coefficients = tuple(base_mul(a) for a in polynomial)
    proof = prove_knowledge(
        CONSTANT_TAG,
        [*_ctx(election_id, len(tellers), threshold), dealer],
        BASE,
        coefficients[0],
        polynomial[0],
        rng,
    )
    shares = tuple(
        _seal(election_id, dealer, t, evaluate(polynomial, t.index), rng) for t in tellers
    )
    return Deal(dealer, coefficients, proof, shares)


def dkg_receive(
    *,
    election_id: str,
    recipient: int,
    secret: Scalar,
    tellers: Sequence[TellerKey],
    deal: Deal,
    rng: RandomScalars,
) -> Scalar | Complaint:
    """Step 4: open the share meant for `recipient` and check it against the commitments.
    Returns the share, or a `Complaint` to publish."""
    me = next(t for t in tellers if t.index == recipient)
    sealed = next(s for s in deal.shares if s.recipient == recipient)
    shared = sealed.ephemeral * secret
    share = _open(election_id, deal.dealer, me, sealed, shared)
    if share is not None and base_mul(share) == commitment_at(deal.coefficients, recipient):
        return share
    proof = prove_equal_logs(
        COMPLAINT_TAG,
        [election_id, deal.dealer, recipient],
        BASE,
        me.key,
        sealed.ephemeral,
        shared,
        secret,
        rng,
    )
    return Complaint(deal.dealer, recipient, shared, proof)


def complaint_holds(
    election_id: str, tellers: Sequence[TellerKey], deal: Deal, complaint: Complaint
) -> bool:
    """True if the complaint proves dealer misconduct: its DH value is proven right and the
    share it opens is unreadable or off the dealer's commitments. A false complaint is
    ignored (it cannot disqualify an honest dealer)."""
    recipient = next((t for t in tellers if t.index == complaint.recipient), None)
    sealed = next((s for s in deal.shares if s.recipient == complaint.recipient), None)
    if recipient is None or sealed is None:
        return False
    if not verify_equal_logs(
        COMPLAINT_TAG,
        [election_id, deal.dealer, complaint.recipient],
        BASE,
        recipient.key,
        sealed.ephemeral,
        complaint.shared,
        complaint.proof,
    ):
        return False
    share = _open(election_id, deal.dealer, recipient, sealed, complaint.shared)
    return share is None or base_mul(share) != commitment_at(deal.coefficients, complaint.recipient)


@dataclass(frozen=True, slots=True)
class KeyCeremony:
    """The public transcript of the key generation, as published in the record."""

    election_id: str
    threshold: int
    tellers: tuple[TellerKey, ...]
    commitments: tuple[bytes, ...]
    deals: tuple[Deal, ...]
    complaints: tuple[Complaint, ...]

    def verify(self) -> tuple[tuple[int, ...], Point, dict[int, Point]]:
        """Check the whole transcript; return (QUAL, election key, verification keys K_j).
        Raises InvalidProof naming the first problem."""
        n, t = len(self.tellers), self.threshold
        if [k.index for k in self.tellers] != list(range(1, n + 1)):
            raise InvalidProof("tellers must be numbered 1..n in order")
        if not 1 <= t <= n:
            raise InvalidProof("threshold out of range")
        for key in self.tellers:
            if not verify_teller_key(self.election_id, n, t, key):
                raise InvalidProof(f"teller {key.index}: proof of key knowledge fails")
        if len(self.commitments) != n or len(self.deals) != n:
            raise InvalidProof("need one commitment and one deal from every teller")
        if [d.dealer for d in self.deals] != list(range(1, n + 1)):
            raise InvalidProof("deals must come from dealers 1..n in order")
        for deal, committed in zip(self.deals, self.commitments, strict=True):
            i = deal.dealer
            if len(deal.coefficients) != t:
                raise InvalidProof(f"dealer {i}: wrong number of coefficient commitments")
            if dkg_commitment(self.election_id, i, deal.coefficients) != committed:
                raise InvalidProof(f"dealer {i}: revealed commitments differ from its hash")
            if not verify_knowledge(
                CONSTANT_TAG,
                [*_ctx(self.election_id, n, t), i],
                BASE,
                deal.coefficients[0],
                deal.proof,
            ):
                raise InvalidProof(f"dealer {i}: proof of knowledge of a_0 fails")
            if [s.recipient for s in deal.shares] != list(range(1, n + 1)):
                raise InvalidProof(f"dealer {i}: must seal one share for each teller")
        disqualified = {
            c.dealer
            for c in self.complaints
            if 1 <= c.dealer <= n
            and complaint_holds(self.election_id, self.tellers, self.deals[c.dealer - 1], c)
        }
        qualified = tuple(d.dealer for d in self.deals if d.dealer not in disqualified)
        if len(qualified) < t:
            raise InvalidProof(f"only {len(qualified)} qualified dealers, fewer than t = {t}")
        combined = [IDENTITY] * t
        for i in qualified:
            combined = [
                a + b for a, b in zip(combined, self.deals[i - 1].coefficients, strict=True)
            ]
        keys = {j: commitment_at(combined, j) for j in range(1, n + 1)}
        return qualified, combined[0], keys

    def digest(self) -> bytes:
        """D("key-ceremony", election_id, t, [[i, X_i, c, s]…], [h_i…],
        [[i, [C_i0…], c, s, [[j, E, ciphertext, tag]…]]…], [[i, j, S, c, s]…]):
        the whole public transcript, bound into the fingerprint so no byte of it can change."""
        return digest(
            "key-ceremony",
            self.election_id,
            self.threshold,
            [[k.index, k.key, k.proof.challenge, k.proof.response] for k in self.tellers],
            list(self.commitments),
            [
                [
                    d.dealer,
                    list(d.coefficients),
                    d.proof.challenge,
                    d.proof.response,
                    [[s.recipient, s.ephemeral, s.ciphertext, s.tag] for s in d.shares],
                ]
                for d in self.deals
            ],
            [
                [c.dealer, c.recipient, c.shared, c.proof.challenge, c.proof.response]
                for c in self.complaints
            ],
        )

    def qualified_commitments(self, qualified: Sequence[int]) -> tuple[tuple[Point, ...], ...]:
        """The Feldman commitments of the qualified dealers: what the fingerprint fixes."""
        return tuple(self.deals[i - 1].coefficients for i in qualified)


def teller_share(secret_shares: dict[int, Scalar], qualified: Sequence[int]) -> Scalar:
    """x_j = Σ_{i∈QUAL} f_i(j) from the shares this teller received and verified."""
    missing = [i for i in qualified if i not in secret_shares]
    if missing:
        raise InvalidProof(f"no verified share from qualified dealer(s) {missing}")
    return Scalar.reduce(sum(secret_shares[i].value for i in qualified))


def hex_bytes(text: object, what: str) -> bytes:
    """32 bytes from 64 lowercase hex characters."""
    return decode_digest(text, what)
