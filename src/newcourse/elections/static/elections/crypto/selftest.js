// Runs every vector of tests/data/crypto/vectors.json (newcourse-crypto-vectors/1) against
// this JavaScript and returns {format, total, passed, failed: [names], results: [{name, ok,
// error?}]}. Every randomised vector is rebuilt exactly from the seeded scalar source, drawing
// in the order docs/verifiable-ballots.md gives, so one wrong byte anywhere fails a vector.

import {
  InvalidCredentialCode,
  InvalidEncoding,
  ORDER,
  baseMul,
  ballotFromJson,
  ballotTracker,
  boardEntryHash,
  boardGenesis,
  bytesToHex,
  challenge,
  checkAudit,
  checkBallot,
  contentDigest,
  credentialFromCode,
  digest,
  electionFromJson,
  encrypt,
  encryptBallot,
  hashInput,
  hexToBytes,
  normaliseCredentialCode,
  pointFromHex,
  pointFromUniform,
  pointToHex,
  scalarFromHex,
  scalarToHex,
  seededScalars,
} from "./ballot.js";
import {
  commitmentAt,
  decryptionShare,
  dkgCommitment,
  dkgDeal,
  dkgPolynomial,
  evaluate,
  lagrangeAtZero,
  openShare,
  tellerKeygen,
  verifyDecryptionShare,
  verifyTellerKey,
} from "./tellers.js";

const utf8 = new TextEncoder();

function field(typed) {
  const { type, value } = typed;
  switch (type) {
    case "point":
      return pointFromHex(value, { allowIdentity: true });
    case "scalar":
      return scalarFromHex(value);
    case "bytes":
      return hexToBytes(value);
    case "str":
    case "int":
      return value;
    case "list":
      return value.map(field);
    default:
      throw new Error(`unknown field type ${type}`);
  }
}

function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${a.slice(0, 200)}, expected ${e.slice(0, 200)}`);
}

function rejects(fn, what) {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidEncoding) return;
    throw new Error(`${what}: threw ${error} instead of InvalidEncoding`);
  }
  throw new Error(`${what}: was accepted`);
}

function proofHex(p) {
  return { challenge: scalarToHex(p.challenge), response: scalarToHex(p.response) };
}

function hashingCases(v, check) {
  for (const c of v.hashing) {
    check(`hashing/${c.tag}`, () => {
      const fields = c.fields.map(field);
      equal(bytesToHex(hashInput(c.tag, ...fields)), c.input, "hash input");
      equal(scalarToHex(challenge(c.tag, ...fields)), c.challenge, "challenge");
      equal(bytesToHex(digest(c.tag, ...fields)), c.digest, "digest");
    });
  }
  check("seeded/scalars", () => {
    const draw = seededScalars(hexToBytes(v.seeded.seed));
    equal(v.seeded.scalars.map(() => scalarToHex(draw())), v.seeded.scalars, "seeded scalars");
  });
}

function groupCases(g, check) {
  check("group/order", () => equal(ORDER.toString(), g.order, "ℓ"));
  check("group/base_multiples", () => {
    equal(g.base_multiples.map((_, k) => pointToHex(baseMul(BigInt(k)))), g.base_multiples, "k·B");
    g.base_multiples.slice(1).forEach((hex) => equal(pointToHex(pointFromHex(hex)), hex, "decode"));
  });
  g.invalid_points.forEach((hex, i) => {
    check(`group/invalid_points/${i}`, () => rejects(() => pointFromHex(hex), hex));
  });
  check("group/identity", () => {
    rejects(() => pointFromHex(g.identity), "identity");
    equal(pointToHex(pointFromHex(g.identity, { allowIdentity: true })), g.identity, "identity");
    rejects(() => pointFromHex(g.base_multiples[1].toUpperCase()), "uppercase hex");
  });
  g.invalid_scalars.forEach((hex, i) => {
    check(`group/invalid_scalars/${i}`, () => rejects(() => scalarFromHex(hex), hex));
  });
  check("group/from_uniform", () => {
    equal(pointToHex(pointFromUniform(hexToBytes(g.from_uniform.input))), g.from_uniform.point,
      "RFC 9496 map");
  });
}

function elgamalCases(v, rng, check) {
  // The main vector stream: secret, r, then the tellers (see _vectors.build_vectors).
  const secret = rng();
  const r = rng();
  check("elgamal/key", () => {
    equal(scalarToHex(secret), v.elgamal.secret, "secret");
    equal(pointToHex(baseMul(secret)), v.elgamal.key, "key");
  });
  for (const c of v.elgamal.cases) {
    check(`elgamal/m=${c.m}`, () => {
      equal(scalarToHex(r), c.r, "r");
      const { alpha, beta } = encrypt(pointFromHex(v.elgamal.key), c.m, scalarFromHex(c.r));
      equal([pointToHex(alpha), pointToHex(beta)], [c.alpha, c.beta], "ciphertext");
    });
  }
  return secret;
}

function dkgCases(d, rng, check) {
  const made = [1, 2, 3].map((i) => tellerKeygen("vectors", i, 3, 2, rng));
  const tellers = made.map((m) => m.teller);
  check("dkg/teller_keys", () => {
    equal(made.map((m) => scalarToHex(m.secret)), d.teller_secrets, "teller secrets");
    equal(tellers.map((t) => ({ index: t.index, key: pointToHex(t.key), proof: proofHex(t.proof) })),
      d.teller_keys, "teller keys");
    const decoded = d.teller_keys.map((t) => ({
      index: t.index,
      key: pointFromHex(t.key),
      proof: { challenge: scalarFromHex(t.proof.challenge), response: scalarFromHex(t.proof.response) },
    }));
    if (!decoded.every((t) => verifyTellerKey("vectors", 3, 2, t))) throw new Error("key proof fails");
    const bad = { ...decoded[0], index: 2 };
    if (verifyTellerKey("vectors", 3, 2, bad)) throw new Error("a moved key proof verifies");
  });
  const polynomial = dkgPolynomial(2, rng);
  const deal = dkgDeal("vectors", 1, tellers, 2, polynomial, rng);
  check("dkg/polynomial", () => equal(polynomial.map(scalarToHex), d.polynomial, "polynomial"));
  check("dkg/commitment", () => {
    equal(bytesToHex(dkgCommitment("vectors", 1, deal.coefficients)), d.commitment, "h_1");
  });
  check("dkg/deal", () => {
    equal({
      dealer: deal.dealer,
      coefficients: deal.coefficients.map(pointToHex),
      proof: proofHex(deal.proof),
      shares: deal.shares.map((s) => ({
        recipient: s.recipient,
        ephemeral: pointToHex(s.ephemeral),
        ciphertext: bytesToHex(s.ciphertext),
        tag: bytesToHex(s.tag),
      })),
    }, d.deal, "deal");
  });
  check("dkg/open_shares", () => {
    d.deal.shares.forEach((s, i) => {
      const sealed = {
        ephemeral: pointFromHex(s.ephemeral),
        ciphertext: hexToBytes(s.ciphertext),
        tag: hexToBytes(s.tag),
      };
      const share = openShare("vectors", 1, tellers[i], sealed, made[i].secret);
      equal(share === null ? null : scalarToHex(share), scalarToHex(evaluate(polynomial, i + 1)), "share");
      const coefficients = d.deal.coefficients.map((c) => pointFromHex(c));
      if (!baseMul(share).equals(commitmentAt(coefficients, i + 1))) throw new Error("off commitments");
      const tampered = { ...sealed, tag: sealed.tag.map((b, k) => (k === 0 ? b ^ 1 : b)) };
      if (openShare("vectors", 1, tellers[i], tampered, made[i].secret) !== null) {
        throw new Error("a share with a bad tag opens");
      }
    });
  });
  check("dkg/lagrange_1_3", () => {
    const l = lagrangeAtZero([1, 3]);
    equal({ 1: scalarToHex(l.get(1)), 3: scalarToHex(l.get(3)) }, d.lagrange_1_3, "λ");
  });
}

function ballotCases(b, rng, secret, check) {
  const credentialSecrets = [rng(), rng(), rng()];
  const election = electionFromJson({
    manifest: b.manifest,
    election_key: b.election_key,
    commitments: b.commitments,
    credentials: b.credentials,
    ceremony: b.ceremony,
  });
  check("ballot/fingerprint", () => equal(bytesToHex(election.fingerprint), b.fingerprint, "fp"));
  check("ballot/credential_secret", () => {
    equal(scalarToHex(credentialSecrets[0]), b.credential_secret, "credential secret");
  });
  check("ballot/encrypt", () => {
    const opened = encryptBallot(election, b.credential_secret, b.marks, {
      randomness: seededScalars(hexToBytes(b.seed)),
    });
    equal(opened.ballot, b.ballot, "ballot");
    equal(opened.randomness, b.randomness, "randomness");
    equal(opened.marks, b.marks, "marks");
  });
  check("ballot/content_digest", () => {
    equal(bytesToHex(contentDigest(ballotFromJson(b.ballot))), b.content_digest, "content");
  });
  check("ballot/tracker", () => equal(ballotTracker(b.ballot), b.tracker, "tracker"));
  check("ballot/board", () => {
    const fp = hexToBytes(b.fingerprint);
    equal(boardGenesis(fp), b.board_genesis, "genesis");
    equal(boardEntryHash(fp, 0, hexToBytes(b.board_genesis), null, hexToBytes(b.tracker)),
      b.board_entry_0, "entry 0");
  });
  check("ballot/check", () => {
    checkBallot(election, b.ballot);
    checkAudit(election, { ballot: b.ballot, marks: b.marks, randomness: b.randomness });
  });
  check("ballot/check_refuses_tampering", () => {
    const tampered = structuredClone(b.ballot);
    const s = tampered.answers[1].proofs[0][2].response;
    tampered.answers[1].proofs[0][2].response = (s[0] === "0" ? "1" : "0") + s.slice(1);
    let refused = false;
    try {
      checkBallot(election, tampered);
    } catch {
      refused = true;
    }
    if (!refused) throw new Error("a tampered ballot was accepted");
    const other = { ballot: b.ballot, marks: [[1, 0, 0], [2, 1]], randomness: b.randomness };
    refused = false;
    try {
      checkAudit(election, other);
    } catch {
      refused = true;
    }
    if (!refused) throw new Error("an audit opening to other marks was accepted");
  });
  check("ballot/decryption_share", () => {
    const alpha = pointFromHex(b.ballot.answers[0].choices[0].alpha);
    const { share, proof } = decryptionShare(election.fingerprint, 1, 0, 0, secret, alpha, rng);
    const expected = b.decryption_share_of_first_choice;
    equal({ teller: 1, questions: [[{ share: pointToHex(share), ...proofHex(proof) }]] }, expected,
      "decryption share");
    const part = expected.questions[0][0];
    const decoded = { challenge: scalarFromHex(part.challenge), response: scalarFromHex(part.response) };
    if (!verifyDecryptionShare(election.fingerprint, 1, 0, 0, election.key, alpha,
      pointFromHex(part.share), decoded)) {
      throw new Error("decryption proof fails");
    }
  });
}

function credentialCodeCases(v, check) {
  check("credential_code/derive", () => {
    equal(normaliseCredentialCode(v.code), v.normalised, "normalised");
    equal(bytesToHex(hashInput(v.tag, v.election_id, v.normalised)), v.input, "hash input");
    const secret = credentialFromCode(v.election_id, v.code);
    equal(scalarToHex(secret), v.secret, "secret");
    equal(pointToHex(baseMul(secret)), v.key, "key");
    equal(scalarToHex(credentialFromCode(v.other_election.election_id, v.code)),
      v.other_election.secret, "secret in another election");
  });
  check("credential_code/same_code", () => {
    for (const typed of v.same_code) {
      equal(normaliseCredentialCode(typed), v.normalised, JSON.stringify(typed));
      equal(scalarToHex(credentialFromCode(v.election_id, typed)), v.secret, JSON.stringify(typed));
    }
  });
  check("credential_code/invalid", () => {
    for (const typed of v.invalid) {
      rejects(() => credentialFromCode(v.election_id, typed), JSON.stringify(typed));
      try {
        normaliseCredentialCode(typed);
      } catch (error) {
        if (error instanceof InvalidCredentialCode) continue;
      }
      throw new Error(`${JSON.stringify(typed)}: not refused as an InvalidCredentialCode`);
    }
  });
}

/** Run every vector; never throws (a failure is recorded against its vector). */
export function runVectors(vectors) {
  const results = [];
  const check = (name, fn) => {
    try {
      fn();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error && error.stack ? error.stack : error) });
    }
  };
  check("format", () => equal(vectors.format, "newcourse-crypto-vectors/1", "format"));
  hashingCases(vectors, check);
  groupCases(vectors.group, check);
  // One scalar stream feeds elgamal, dkg, the credentials and the decryption share, in that
  // order; a section that fails to draw would shift every later one, so each draws up front.
  const rng = seededScalars(utf8.encode("vectors"));
  let secret = 0n;
  try {
    secret = elgamalCases(vectors, rng, check);
    dkgCases(vectors.dkg, rng, check);
    ballotCases(vectors.ballot, rng, secret, check);
  } catch (error) {
    results.push({ name: "vector stream", ok: false, error: String(error) });
  }
  credentialCodeCases(vectors.credential_code, check);
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  return {
    format: vectors.format,
    total: results.length,
    passed: results.length - failed.length,
    failed,
    results,
  };
}
