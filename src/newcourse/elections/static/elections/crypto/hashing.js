// The one hashing rule, mirroring newcourse/crypto/_hashing.py (docs/verifiable-ballots.md §2):
//   input = E("newcourse/1") ‖ E(tag) ‖ E(f1) ‖ … ‖ E(fk),  E(x) = type ‖ u32be(len) ‖ payload
// JavaScript values map to field types as follows (there is no other way to say which is
// which, so the mapping is strict):
//   Uint8Array → bytes (0x01)    string → str (0x02)    number → int (0x03, u64be)
//   Point      → point (0x04)    bigint → scalar (0x05)  Array  → list (0x06)
// A u64 above 2^53 can be given as {int: bigint}.

import { sha512 } from "./vendor/noble-hashes/sha2.js";
import { Point, bytesToNumberLE, ORDER, pointToBytes, scalarToBytes } from "./group.js";

export const DOMAIN = "newcourse/1";

const utf8 = new TextEncoder();

function header(type, length) {
  const out = new Uint8Array(5);
  out[0] = type;
  new DataView(out.buffer).setUint32(1, length);
  return out;
}

function u64(value) {
  if (value < 0n || value >= 2n ** 64n) throw new RangeError("integer fields must be in [0, 2^64)");
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value);
  return out;
}

function concat(parts) {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function encodeInto(value, parts) {
  if (value instanceof Point) {
    parts.push(header(0x04, 32), pointToBytes(value));
  } else if (typeof value === "bigint") {
    parts.push(header(0x05, 32), scalarToBytes(value));
  } else if (value instanceof Uint8Array) {
    parts.push(header(0x01, value.length), value);
  } else if (typeof value === "string") {
    const raw = utf8.encode(value);
    parts.push(header(0x02, raw.length), raw);
  } else if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError("integer fields must be non-negative safe integers");
    }
    parts.push(header(0x03, 8), u64(BigInt(value)));
  } else if (value !== null && typeof value === "object" && typeof value.int === "bigint") {
    parts.push(header(0x03, 8), u64(value.int));
  } else if (Array.isArray(value)) {
    const count = new Uint8Array(4);
    new DataView(count.buffer).setUint32(0, value.length);
    const inner = [count];
    for (const item of value) encodeInto(item, inner);
    const payload = concat(inner);
    parts.push(header(0x06, payload.length), payload);
  } else {
    throw new TypeError(`not a hashable field: ${typeof value}`);
  }
}

/** E(value): the typed, length-prefixed encoding of one field. */
export function encodeField(value) {
  const parts = [];
  encodeInto(value, parts);
  return concat(parts);
}

/** The exact bytes hashed for (tag, fields). */
export function hashInput(tag, ...fields) {
  const parts = [];
  encodeInto(DOMAIN, parts);
  encodeInto(tag, parts);
  for (const field of fields) encodeInto(field, parts);
  return concat(parts);
}

/** SHA-512(hash_input(tag, fields)) read little-endian, mod ℓ: a scalar (bigint). */
export function challenge(tag, ...fields) {
  return bytesToNumberLE(sha512(hashInput(tag, ...fields))) % ORDER;
}

/** The first 32 bytes of SHA-512(hash_input(tag, fields)). */
export function digest(tag, ...fields) {
  return sha512(hashInput(tag, ...fields)).slice(0, 32);
}
