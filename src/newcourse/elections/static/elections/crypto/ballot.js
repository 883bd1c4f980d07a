// Ballot encryption in the browser: protocol newcourse-ballot/1, mirroring
// newcourse/crypto/_election.py and _ballot.py byte for byte (docs/verifiable-ballots.md §3, §6).
//
//   const opened = encryptBallot(electionJson, credentialSecretHex, [[0, 1, 0, 0, 0]]);
//   // or, from the code the voter was given: credentialFromCode(electionId, "ABCDE-FGHJK-…")
//   // cast opened.ballot, show ballotTracker(opened.ballot) to the voter;
//   // or, to audit (Benaloh), publish the whole `opened` and never cast it.
//
// `electionJson` is the election's public JSON: {manifest, election_key, commitments,
// credentials, ceremony, fingerprint}, the shapes of the record's files. The fingerprint is
// recomputed when the credential list is given and must then match the one given.

import {
  BASE,
  InvalidEncoding,
  baseMul,
  bytesToHex,
  decodeHex,
  mod,
  mul,
  pointFromHex,
  pointToHex,
  randomScalar,
  scalarFromHex,
  scalarToHex,
  smallMul,
} from "./group.js";
import { challenge, digest } from "./hashing.js";
import { proveKnowledge, proveRange, verifyKnowledge, verifyRange } from "./proofs.js";

export * from "./group.js";
export * from "./hashing.js";
export * from "./proofs.js";

export const PROTOCOL = "newcourse-ballot/1";
export const CHOICE_TAG = "ballot-choice";
export const SUM_TAG = "ballot-sum";
export const SIGNATURE_TAG = "ballot-signature";

export class InvalidBallot extends Error {
  constructor(message) {
    super(message);
    this.name = "InvalidBallot";
  }
}

/** A credential code as typed that is not one (a character outside the alphabet, or not 20
 * of them); the message says what is wrong, for the voter. */
export class InvalidCredentialCode extends InvalidEncoding {
  constructor(message) {
    super(message);
    this.name = "InvalidCredentialCode";
  }
}

export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 20;
export const CODE_TAG = "credential-code";

/** The 20 symbols of a credential code as typed: a–z upper-cased (ASCII only: "ß" and "ſ"
 * are refused, not turned into letters), spaces and "-" dropped, anything else refused. */
export function normaliseCredentialCode(code) {
  if (typeof code !== "string") throw new InvalidCredentialCode("a credential code must be text");
  const symbols = [];
  let position = 0;
  for (const character of code) {
    position += 1;
    if (character === " " || character === "-") continue;
    const upper = character >= "a" && character <= "z" ? character.toUpperCase() : character;
    if (!CODE_ALPHABET.includes(upper)) {
      throw new InvalidCredentialCode(
        `credential code: character ${position}, ${JSON.stringify(character)}, is not allowed; ` +
          "codes use only the letters A-Z except I and O, and the digits 2-9",
      );
    }
    symbols.push(upper);
  }
  if (symbols.length !== CODE_LENGTH) {
    throw new InvalidCredentialCode(
      `a credential code has ${CODE_LENGTH} letters and digits; this one has ${symbols.length}`,
    );
  }
  return symbols.join("");
}

/** The credential secret (a bigint scalar) for a voter's code in this election:
 * challenge("credential-code", electionId, normalised code). Pass it to encryptBallot. */
export function credentialFromCode(electionId, code) {
  const secret = challenge(CODE_TAG, text(electionId, "election id"), normaliseCredentialCode(code));
  if (secret === 0n) throw new InvalidCredentialCode("this credential code gives the zero scalar");
  return secret;
}

function count(value, what) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidEncoding(`${what} must be a non-negative integer`);
  }
  return value;
}

function text(value, what) {
  if (typeof value !== "string") throw new InvalidEncoding(`${what} must be a string`);
  return value;
}

/** [election_id, title, [[title, [options…], min, max, per_option]…], opens, closes, n, t,
 * client_code]: the manifest's hash fields. */
export function manifestFields(manifest) {
  return [
    text(manifest.election_id, "election_id"),
    text(manifest.title, "title"),
    manifest.questions.map((q) => [
      text(q.title, "question title"),
      q.options.map((o) => text(o, "option")),
      count(q.min_marks, "min_marks"),
      count(q.max_marks, "max_marks"),
      count(q.max_per_option, "max_per_option"),
    ]),
    text(manifest.opens, "opens"),
    text(manifest.closes, "closes"),
    count(manifest.tellers, "tellers"),
    count(manifest.threshold, "threshold"),
    text(manifest.client_code, "client_code"),
  ];
}

/** digest("fingerprint", PROTOCOL, M, K, [[C_i0…]…], [[key, weight]…], T). */
export function computeFingerprint(manifest, key, commitments, credentials, ceremony) {
  return digest(
    "fingerprint",
    PROTOCOL,
    manifestFields(manifest),
    key,
    commitments,
    credentials.map((c) => [c.key, c.weight]),
    ceremony,
  );
}

/** Decode and check an election's public JSON; returns what encryption needs:
 * {manifest, key, fingerprint (bytes), credentials ([{key, weight}] or null)}. */
export function electionFromJson(data) {
  const manifest = data.manifest;
  if (!manifest || !Array.isArray(manifest.questions) || manifest.questions.length === 0) {
    throw new InvalidEncoding("the election needs a manifest with questions");
  }
  for (const q of manifest.questions) {
    if (!Array.isArray(q.options) || q.options.length === 0) {
      throw new InvalidEncoding("a question needs at least one option");
    }
    if (!(q.min_marks <= q.max_marks && q.max_per_option >= 1)) {
      throw new InvalidEncoding("a question's marks are inconsistent");
    }
  }
  const key = pointFromHex(data.election_key);
  const given = data.fingerprint === undefined ? null : decodeHex(data.fingerprint, "fingerprint");
  let credentials = null;
  let fingerprint = given;
  if (data.credentials !== undefined) {
    credentials = data.credentials.map((c) => ({
      key: pointFromHex(c.key),
      weight: count(c.weight, "weight"),
    }));
    const commitments = data.commitments.map((row) => row.map((p) => pointFromHex(p)));
    fingerprint = computeFingerprint(
      manifest,
      key,
      commitments,
      credentials,
      decodeHex(data.ceremony, "ceremony digest"),
    );
    if (given !== null && bytesToHex(given) !== bytesToHex(fingerprint)) {
      throw new InvalidBallot("the election's fingerprint does not match its parameters");
    }
  }
  if (fingerprint === null) throw new InvalidEncoding("the election has no fingerprint");
  key.precompute(6, true); // K is multiplied ~3 times per option: a small table pays
  return { manifest, key, fingerprint, credentials };
}

function prepared(election) {
  return election.fingerprint instanceof Uint8Array ? election : electionFromJson(election);
}

/** Exponential ElGamal: (α, β) = (r·B, r·K + m·B); for m = 0, β = r·K. */
export function encrypt(key, m, r) {
  if (!Number.isSafeInteger(m) || m < 0) throw new RangeError("marks are non-negative integers");
  const shared = mul(key, r);
  return { alpha: baseMul(r), beta: m === 0 ? shared : shared.add(smallMul(m)) };
}

function sumCiphertexts(choices) {
  let { alpha, beta } = choices[0];
  for (const c of choices.slice(1)) {
    alpha = alpha.add(c.alpha);
    beta = beta.add(c.beta);
  }
  return { alpha, beta };
}

function answerFields(answer) {
  return [
    answer.choices.map((c) => [c.alpha, c.beta]),
    answer.proofs.map((proof) => proof.map((p) => [p.challenge, p.response])),
    answer.sum_proof.map((p) => [p.challenge, p.response]),
  ];
}

function proofJson(proof) {
  return proof.map((p) => ({ challenge: scalarToHex(p.challenge), response: scalarToHex(p.response) }));
}

function ballotJson(fingerprint, credential, answers, signature) {
  return {
    election: bytesToHex(fingerprint),
    credential: pointToHex(credential),
    answers: answers.map((a) => ({
      choices: a.choices.map((c) => ({ alpha: pointToHex(c.alpha), beta: pointToHex(c.beta) })),
      proofs: a.proofs.map(proofJson),
      sum_proof: proofJson(a.sum_proof),
    })),
    signature: {
      challenge: scalarToHex(signature.challenge),
      response: scalarToHex(signature.response),
    },
  };
}

/** Encrypt, prove and sign a ballot. `choices` are the marks, one list per question, one mark
 * per option. Returns {ballot, marks, randomness}, the JSON of Python's AuditedBallot: cast
 * `.ballot`, or publish the whole object to audit it (and then never cast it).
 * `options.randomness` replaces crypto.getRandomValues with a scalar source (test vectors). */
export function encryptBallot(election, credentialSecret, choices, { randomness } = {}) {
  const e = prepared(election);
  const rng = randomness ?? randomScalar;
  const secret = typeof credentialSecret === "bigint" ? credentialSecret : scalarFromHex(credentialSecret);
  if (secret === 0n) throw new RangeError("the credential secret cannot be zero");
  const questions = e.manifest.questions;
  if (!Array.isArray(choices) || choices.length !== questions.length) {
    throw new RangeError("one list of marks per question");
  }
  const credential = baseMul(secret);
  const answers = [];
  const openings = [];
  questions.forEach((question, q) => {
    const row = choices[q];
    if (!Array.isArray(row) || row.length !== question.options.length) {
      throw new RangeError(`question ${q}: one mark per option`);
    }
    for (const m of row) {
      if (!Number.isSafeInteger(m) || m < 0 || m > question.max_per_option) {
        throw new RangeError(`question ${q}: each mark must be in 0..${question.max_per_option}`);
      }
    }
    const total = row.reduce((a, b) => a + b, 0);
    if (total < question.min_marks || total > question.max_marks) {
      throw new RangeError(`question ${q}: total marks outside [min_marks, max_marks]`);
    }
    const rs = row.map(() => rng());
    const ciphertexts = row.map((m, o) => encrypt(e.key, m, rs[o]));
    const proofs = row.map((m, o) =>
      proveRange(CHOICE_TAG, [e.fingerprint, credential, q, o], e.key, ciphertexts[o], m, rs[o], 0,
        question.max_per_option, rng),
    );
    const sumProof = proveRange(SUM_TAG, [e.fingerprint, credential, q], e.key,
      sumCiphertexts(ciphertexts), total, mod(rs.reduce((a, b) => a + b, 0n)),
      question.min_marks, question.max_marks, rng);
    answers.push({ choices: ciphertexts, proofs, sum_proof: sumProof });
    openings.push(rs);
  });
  const content = digest("ballot-content", e.fingerprint, credential, answers.map(answerFields));
  const signature = proveKnowledge(SIGNATURE_TAG, [e.fingerprint, content], BASE, credential, secret, rng);
  return {
    ballot: ballotJson(e.fingerprint, credential, answers, signature),
    marks: choices.map((row) => [...row]),
    randomness: openings.map((row) => row.map(scalarToHex)),
  };
}

function proofFromJson(data) {
  if (!Array.isArray(data)) throw new InvalidEncoding("malformed ballot: expected a list");
  return data.map((p) => ({
    challenge: scalarFromHex(p.challenge),
    response: scalarFromHex(p.response),
  }));
}

/** Strictly decode a ballot's JSON (InvalidEncoding on anything malformed). */
export function ballotFromJson(data) {
  if (!data || !Array.isArray(data.answers)) throw new InvalidEncoding("malformed ballot");
  return {
    election: decodeHex(data.election, "election fingerprint"),
    credential: pointFromHex(data.credential),
    answers: data.answers.map((a) => {
      if (!Array.isArray(a.choices) || !Array.isArray(a.proofs)) {
        throw new InvalidEncoding("malformed ballot: expected a list");
      }
      return {
        choices: a.choices.map((c) => ({ alpha: pointFromHex(c.alpha), beta: pointFromHex(c.beta) })),
        proofs: a.proofs.map(proofFromJson),
        sum_proof: proofFromJson(a.sum_proof),
      };
    }),
    signature: {
      challenge: scalarFromHex(data.signature.challenge),
      response: scalarFromHex(data.signature.response),
    },
  };
}

/** digest("ballot-content", fingerprint, credential, [answer…]) of a decoded ballot. */
export function contentDigest(ballot) {
  return digest("ballot-content", ballot.election, ballot.credential, ballot.answers.map(answerFields));
}

/** The tracker shown to the voter: digest("tracker", fp, P, content, c_sig, s_sig), as hex.
 * Takes the ballot's JSON (or a decoded ballot). */
export function ballotTracker(ballot) {
  const b = ballot.election instanceof Uint8Array ? ballot : ballotFromJson(ballot);
  return bytesToHex(
    digest("tracker", b.election, b.credential, contentDigest(b), b.signature.challenge,
      b.signature.response),
  );
}

/** What Python's check_ballot checks (the server and the verifier are the authority; this is
 * for self-tests and for a voter's second device). Returns the decoded ballot or throws. */
export function checkBallot(election, ballotData) {
  const e = prepared(election);
  const b = ballotFromJson(ballotData);
  const fp = e.fingerprint;
  if (bytesToHex(b.election) !== bytesToHex(fp)) {
    throw new InvalidBallot("ballot is for another election (fingerprint differs)");
  }
  if (e.credentials !== null && !e.credentials.some((c) => c.key.equals(b.credential))) {
    throw new InvalidBallot("credential is not on the published list");
  }
  const questions = e.manifest.questions;
  if (b.answers.length !== questions.length) throw new InvalidBallot("wrong number of answers");
  questions.forEach((question, q) => {
    const answer = b.answers[q];
    const n = question.options.length;
    if (answer.choices.length !== n || answer.proofs.length !== n) {
      throw new InvalidBallot(`question ${q}: wrong number of options`);
    }
    answer.choices.forEach((choice, o) => {
      if (!verifyRange(CHOICE_TAG, [fp, b.credential, q, o], e.key, choice, 0,
        question.max_per_option, answer.proofs[o])) {
        throw new InvalidBallot(`question ${q} option ${o}: range proof does not verify`);
      }
    });
    if (!verifyRange(SUM_TAG, [fp, b.credential, q], e.key, sumCiphertexts(answer.choices),
      question.min_marks, question.max_marks, answer.sum_proof)) {
      throw new InvalidBallot(`question ${q}: sum proof does not verify`);
    }
  });
  if (!verifyKnowledge(SIGNATURE_TAG, [fp, contentDigest(b)], BASE, b.credential, b.signature)) {
    throw new InvalidBallot("credential signature does not verify");
  }
  return b;
}

/** Benaloh audit: the ballot is valid and its revealed randomness re-encrypts its revealed
 * marks to exactly its ciphertexts. Throws InvalidBallot otherwise. */
export function checkAudit(election, audited) {
  const e = prepared(election);
  const b = checkBallot(e, audited.ballot);
  if (audited.marks.length !== b.answers.length || audited.randomness.length !== b.answers.length) {
    throw new InvalidBallot("audited ballot: opening has the wrong shape");
  }
  b.answers.forEach((answer, q) => {
    const marks = audited.marks[q];
    const rs = audited.randomness[q];
    if (marks.length !== answer.choices.length || rs.length !== answer.choices.length) {
      throw new InvalidBallot(`audited ballot: question ${q} opening has the wrong shape`);
    }
    answer.choices.forEach((choice, o) => {
      const again = encrypt(e.key, marks[o], scalarFromHex(rs[o]));
      if (!again.alpha.equals(choice.alpha) || !again.beta.equals(choice.beta)) {
        throw new InvalidBallot(`audited ballot: question ${q} option ${o} does not open`);
      }
    });
  });
}

/** The board's genesis hash: digest("board-genesis", fingerprint), as hex. */
export function boardGenesis(fingerprint) {
  return bytesToHex(digest("board-genesis", fingerprint));
}

/** digest("board-entry", fp, seq, prev, [] or [supersedes], tracker), as hex. */
export function boardEntryHash(fingerprint, seq, prev, supersedes, tracker) {
  return bytesToHex(
    digest("board-entry", fingerprint, seq, prev, supersedes === null ? [] : [supersedes], tracker),
  );
}
