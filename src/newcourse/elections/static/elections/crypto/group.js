// The group: ristretto255 (RFC 9496) through the vendored @noble/curves, mirroring
// newcourse/crypto/_group.py. Points are noble ristretto255 points; scalars are bigints in
// [0, ℓ). Decoding outside input always checks length, lowercase hex, canonical encoding,
// the identity (refused unless asked for) and scalars >= ℓ.

import { ristretto255, ristretto255_hasher } from "./vendor/noble-curves/ed25519.js";
import { sha512 } from "./vendor/noble-hashes/sha2.js";

export const Point = ristretto255.Point;

/** ℓ, the prime order of ristretto255. */
export const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

/** B, the standard generator; and the identity. */
export const BASE = Point.BASE;
export const IDENTITY = Point.ZERO;

export class InvalidEncoding extends Error {
  constructor(message) {
    super(message);
    this.name = "InvalidEncoding";
  }
}

// Encoding a point costs an inverse square root; points are immutable, so cache it.
const encodings = new WeakMap();

/** The canonical 32-byte encoding of a point. */
export function pointToBytes(point) {
  let bytes = encodings.get(point);
  if (bytes === undefined) {
    bytes = point.toBytes();
    encodings.set(point, bytes);
  }
  return bytes;
}

export function pointToHex(point) {
  return bytesToHex(pointToBytes(point));
}

/** Decode a canonical encoding; refuse anything else, and the identity unless allowed. */
export function pointFromBytes(bytes, { allowIdentity = false } = {}) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new InvalidEncoding("point must be 32 bytes");
  }
  let point;
  try {
    point = Point.fromBytes(bytes);
  } catch {
    throw new InvalidEncoding("not a canonical ristretto255 encoding");
  }
  if (!allowIdentity && bytes.every((b) => b === 0)) {
    throw new InvalidEncoding("identity element not allowed here");
  }
  encodings.set(point, Uint8Array.from(bytes));
  return point;
}

export function pointFromHex(text, options) {
  return pointFromBytes(decodeHex(text, "point"), options);
}

/** The element for 64 uniform bytes (RFC 9496 element derivation). */
export function pointFromUniform(bytes64) {
  return ristretto255_hasher.deriveToCurve(bytes64);
}

export function mod(value) {
  const r = value % ORDER;
  return r < 0n ? r + ORDER : r;
}

/** 32 little-endian bytes, refusing values >= ℓ. */
export function scalarFromBytes(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new InvalidEncoding("scalar must be 32 bytes");
  }
  const value = bytesToNumberLE(bytes);
  if (value >= ORDER) throw new InvalidEncoding("non-canonical scalar (>= ℓ)");
  return value;
}

export function scalarFromHex(text) {
  return scalarFromBytes(decodeHex(text, "scalar"));
}

export function scalarToBytes(value) {
  if (typeof value !== "bigint" || value < 0n || value >= ORDER) {
    throw new InvalidEncoding("scalar out of range [0, ℓ)");
  }
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function scalarToHex(value) {
  return bytesToHex(scalarToBytes(value));
}

/** s·P for a secret scalar (constant time); 0 gives the identity, which noble refuses. */
export function mul(point, scalar) {
  return scalar === 0n ? IDENTITY : point.multiply(scalar);
}

/** s·P for a public scalar (verification): faster, not constant time. */
export function mulPublic(point, scalar) {
  return point.multiplyUnsafe(scalar);
}

/** s·B. */
export function baseMul(scalar) {
  return mul(BASE, scalar);
}

const smallMultiples = new Map();

/** m·B for a small non-negative integer (marks), cached. */
export function smallMul(m) {
  let point = smallMultiples.get(m);
  if (point === undefined) {
    point = m === 0 ? IDENTITY : BASE.multiplyUnsafe(mod(BigInt(m)));
    smallMultiples.set(m, point);
  }
  return point;
}

/** A uniformly random non-zero scalar: 64 bytes from crypto.getRandomValues, mod ℓ. */
export function randomScalar() {
  const bytes = new Uint8Array(64);
  for (;;) {
    crypto.getRandomValues(bytes);
    const value = bytesToNumberLE(bytes) % ORDER;
    if (value !== 0n) return value;
  }
}

/** The deterministic source of the test vectors (never for real ballots): the i-th scalar is
 * SHA-512(seed ‖ u64be(i)) read little-endian mod ℓ, skipping zero. */
export function seededScalars(seed) {
  let counter = 0n;
  return () => {
    for (;;) {
      const input = new Uint8Array(seed.length + 8);
      input.set(seed);
      new DataView(input.buffer).setBigUint64(seed.length, counter);
      counter += 1n;
      const value = bytesToNumberLE(sha512(input)) % ORDER;
      if (value !== 0n) return value;
    }
  };
}

export function bytesToNumberLE(bytes) {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

export function bytesToHex(bytes) {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Lowercase hex of any even length (for raw bytes: seeds, hash inputs). */
export function hexToBytes(text) {
  if (typeof text !== "string" || text.length % 2 !== 0 || !/^[0-9a-f]*$/.test(text)) {
    throw new InvalidEncoding("expected lowercase hex");
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Exactly 64 lowercase hex characters to 32 bytes (uppercase refused: one text form). */
export function decodeHex(text, what) {
  if (typeof text !== "string" || text.length !== 64 || !/^[0-9a-f]*$/.test(text)) {
    throw new InvalidEncoding(`${what} must be 64 lowercase hex characters`);
  }
  return hexToBytes(text);
}
