// Sigma protocols made non-interactive by Fiat–Shamir, mirroring newcourse/crypto/_proofs.py
// (docs/verifiable-ballots.md §4). A proof is {challenge, response} (bigints); a range proof is
// a list of them, one per value lo..hi. `rng` is a function returning a non-zero scalar.
//
// Provers use constant-time multiplication for everything (the simulated branches too, so
// timing does not tell which value is the real one); verifiers use the faster public one.

import { BASE, mod, mul, mulPublic, smallMul } from "./group.js";
import { challenge } from "./hashing.js";

/** Schnorr proof of x with P = x·G: c = H(tag, context…, G, P, a). */
export function proveKnowledge(tag, context, generator, pub, secret, rng) {
  const w = rng();
  const a = mul(generator, w);
  const c = challenge(tag, ...context, generator, pub, a);
  return { challenge: c, response: mod(w + c * secret) };
}

export function verifyKnowledge(tag, context, generator, pub, proof) {
  const a = mulPublic(generator, proof.response).subtract(mulPublic(pub, proof.challenge));
  return challenge(tag, ...context, generator, pub, a) === proof.challenge;
}

/** Chaum–Pedersen proof that log_G P = log_H Q: c = H(tag, context…, G, P, H, Q, a, b). */
export function proveEqualLogs(tag, context, g, p, h, q, secret, rng) {
  const w = rng();
  const a = mul(g, w);
  const b = mul(h, w);
  const c = challenge(tag, ...context, g, p, h, q, a, b);
  return { challenge: c, response: mod(w + c * secret) };
}

export function verifyEqualLogs(tag, context, g, p, h, q, proof) {
  const a = mulPublic(g, proof.response).subtract(mulPublic(p, proof.challenge));
  const b = mulPublic(h, proof.response).subtract(mulPublic(q, proof.challenge));
  return challenge(tag, ...context, g, p, h, q, a, b) === proof.challenge;
}

function shifted(beta, j) {
  return j === 0 ? beta : beta.subtract(smallMul(j));
}

/** Disjunctive Chaum–Pedersen proof that (α, β) encrypts some j in lo..hi under `key`.
 * Draw order: w, then (c_j, s_j) for each j ≠ value in increasing order.
 * c = H(tag, context…, K, α, β, lo, hi, [a_lo, b_lo, …, a_hi, b_hi]). */
export function proveRange(tag, context, key, ciphertext, value, randomness, lo, hi, rng) {
  if (!(lo <= value && value <= hi)) {
    throw new RangeError("the value is outside the range it is proven to be in");
  }
  const { alpha, beta } = ciphertext;
  const commitments = [];
  const parts = [];
  const w = rng();
  let fakeTotal = 0n;
  for (let j = lo; j <= hi; j++) {
    if (j === value) {
      commitments.push(mul(BASE, w), mul(key, w));
      parts.push(null);
      continue;
    }
    const c = rng();
    const s = rng();
    parts.push({ challenge: c, response: s });
    fakeTotal += c;
    commitments.push(
      mul(BASE, s).subtract(mul(alpha, c)),
      mul(key, s).subtract(mul(shifted(beta, j), c)),
    );
  }
  const c = challenge(tag, ...context, key, alpha, beta, lo, hi, commitments);
  const real = mod(c - fakeTotal);
  parts[value - lo] = { challenge: real, response: mod(w + real * randomness) };
  return parts;
}

export function verifyRange(tag, context, key, ciphertext, lo, hi, proof) {
  if (proof.length !== hi - lo + 1) return false;
  const { alpha, beta } = ciphertext;
  const commitments = [];
  let total = 0n;
  for (let j = lo; j <= hi; j++) {
    const { challenge: c, response: s } = proof[j - lo];
    commitments.push(
      mulPublic(BASE, s).subtract(mulPublic(alpha, c)),
      mulPublic(key, s).subtract(mulPublic(shifted(beta, j), c)),
    );
    total += c;
  }
  return challenge(tag, ...context, key, alpha, beta, lo, hi, commitments) === mod(total);
}
