// The tellers' side of the protocol, mirroring newcourse/crypto/_tellers.py and _tally.py
// (docs/verifiable-ballots.md §5, §8). The browser never runs a key ceremony or a count; these
// exist so the self-test can rebuild every test vector, and for a browser-side verifier later.

import { hmac } from "./vendor/noble-hashes/hmac.js";
import { sha256, sha512 } from "./vendor/noble-hashes/sha2.js";
import {
  BASE,
  InvalidEncoding,
  ORDER,
  baseMul,
  mod,
  mul,
  scalarFromBytes,
  scalarToBytes,
} from "./group.js";
import { digest, hashInput } from "./hashing.js";
import { proveEqualLogs, proveKnowledge, verifyEqualLogs, verifyKnowledge } from "./proofs.js";

export const KEY_TAG = "teller-key";
export const CONSTANT_TAG = "dkg-constant";
export const SHARE_TAG = "decryption-share";

/** Step 1: a teller's key pair and its proof, c = H("teller-key", id, n, t, i, B, X_i, a). */
export function tellerKeygen(electionId, index, tellers, threshold, rng) {
  const secret = rng();
  const key = baseMul(secret);
  const proof = proveKnowledge(KEY_TAG, [electionId, tellers, threshold, index], BASE, key, secret, rng);
  return { secret, teller: { index, key, proof } };
}

export function verifyTellerKey(electionId, tellers, threshold, teller) {
  return verifyKnowledge(KEY_TAG, [electionId, tellers, threshold, teller.index], BASE, teller.key,
    teller.proof);
}

/** Step 2: the dealer's coefficients a_0 … a_(t−1), drawn in order. */
export function dkgPolynomial(threshold, rng) {
  return Array.from({ length: threshold }, () => rng());
}

/** h_i = digest("dkg-commitment", election_id, i, [C_i0 … C_i(t−1)]). */
export function dkgCommitment(electionId, dealer, coefficients) {
  return digest("dkg-commitment", electionId, dealer, coefficients);
}

/** f(x) mod ℓ by Horner's rule. */
export function evaluate(polynomial, x) {
  let value = 0n;
  for (let k = polynomial.length - 1; k >= 0; k--) value = mod(value * BigInt(x) + polynomial[k]);
  return value;
}

/** Σ_k x^k·C_k. */
export function commitmentAt(coefficients, x) {
  let total = coefficients[coefficients.length - 1];
  for (let k = coefficients.length - 2; k >= 0; k--) {
    total = total.multiplyUnsafe(mod(BigInt(x))).add(coefficients[k]);
  }
  return total;
}

function shareKeys(electionId, dealer, recipient, ephemeral, key, shared) {
  const material = sha512(hashInput("dkg-share-key", electionId, dealer, recipient, ephemeral, key, shared));
  return [material.slice(0, 32), material.slice(32)];
}

function shareMac(macKey, electionId, dealer, recipient, ephemeral, ciphertext) {
  return hmac(sha256, macKey, hashInput("dkg-share-mac", electionId, dealer, recipient, ephemeral, ciphertext));
}

function xor(a, b) {
  return a.map((byte, i) => byte ^ b[i]);
}

/** f(j) sealed to teller j: E = e·B, ciphertext = LE32(share) ⊕ k_enc, tag = HMAC-SHA256. */
export function sealShare(electionId, dealer, recipient, share, rng) {
  const e = rng();
  const ephemeral = baseMul(e);
  const [encKey, macKey] = shareKeys(electionId, dealer, recipient.index, ephemeral, recipient.key,
    mul(recipient.key, e));
  const ciphertext = xor(scalarToBytes(share), encKey);
  const tag = shareMac(macKey, electionId, dealer, recipient.index, ephemeral, ciphertext);
  return { recipient: recipient.index, ephemeral, ciphertext, tag };
}

/** The share, or null if the tag fails or the plaintext is not a canonical scalar. */
export function openShare(electionId, dealer, recipient, sealed, secret) {
  const shared = mul(sealed.ephemeral, secret);
  const [encKey, macKey] = shareKeys(electionId, dealer, recipient.index, sealed.ephemeral,
    recipient.key, shared);
  const expected = shareMac(macKey, electionId, dealer, recipient.index, sealed.ephemeral,
    sealed.ciphertext);
  if (sealed.ciphertext.length !== 32 || expected.some((b, i) => b !== sealed.tag[i])) return null;
  try {
    return scalarFromBytes(xor(sealed.ciphertext, encKey));
  } catch (error) {
    if (error instanceof InvalidEncoding) return null;
    throw error;
  }
}

/** Step 3: commitments, the proof of a_0 (tag "dkg-constant"), and f(j) sealed to each j. */
export function dkgDeal(electionId, dealer, tellers, threshold, polynomial, rng) {
  const coefficients = polynomial.map((a) => baseMul(a));
  const proof = proveKnowledge(CONSTANT_TAG, [electionId, tellers.length, threshold, dealer], BASE,
    coefficients[0], polynomial[0], rng);
  const shares = tellers.map((t) => sealShare(electionId, dealer, t, evaluate(polynomial, t.index), rng));
  return { dealer, coefficients, proof, shares };
}

function inverse(value) {
  let [a, b, x, y] = [mod(value), ORDER, 1n, 0n];
  if (a === 0n) throw new RangeError("zero has no inverse modulo ℓ");
  while (b !== 0n) {
    const q = a / b;
    [a, b, x, y] = [b, a - q * b, y, x - q * y];
  }
  return mod(x);
}

/** λ_j = Π_{k≠j} k / (k − j) mod ℓ, for j in `indices`. */
export function lagrangeAtZero(indices) {
  const out = new Map();
  for (const j of indices) {
    let numerator = 1n;
    let denominator = 1n;
    for (const k of indices) {
      if (k !== j) {
        numerator *= BigInt(k);
        denominator *= BigInt(k - j);
      }
    }
    out.set(j, mod(mod(numerator) * inverse(denominator)));
  }
  return out;
}

/** Teller j's D = x_j·α with its proof, c = H("decryption-share", fp, j, q, o, B, K_j, α, D, a, b). */
export function decryptionShare(fingerprint, teller, q, o, secret, alpha, rng) {
  const share = mul(alpha, secret);
  const proof = proveEqualLogs(SHARE_TAG, [fingerprint, teller, q, o], BASE, baseMul(secret), alpha,
    share, secret, rng);
  return { share, proof };
}

export function verifyDecryptionShare(fingerprint, teller, q, o, key, alpha, share, proof) {
  return verifyEqualLogs(SHARE_TAG, [fingerprint, teller, q, o], BASE, key, alpha, share, proof);
}
