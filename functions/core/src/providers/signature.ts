/**
 * Signature checks shared by the provider adapters: an HMAC in hex or base64 (optionally prefixed, e.g. `sha256=`),
 * and constant-time comparison of shared tokens.
 * @module
 */
import { type HmacHash, tryFromBase64, verifyHmac } from "../crypto.ts";

const encoder = new TextEncoder();

export interface EncodedHmac {
  hash: HmacHash;
  key: Uint8Array | string;
  message: Uint8Array | string;
  /** The signature as received (header or body field). */
  signature: string | undefined;
  encoding: "hex" | "base64";
  /** A prefix the provider puts before the digest (`sha256=`, `sha1=`), required when given. */
  prefix?: string;
}

/** Verifies an encoded HMAC in constant time. Missing, mis-prefixed or undecodable signatures are simply false. */
export async function verifyEncodedHmac({ hash, key, message, signature, encoding, prefix = "" }: EncodedHmac) {
  if (!signature) return false;
  const trimmed = signature.trim();
  if (!trimmed.toLowerCase().startsWith(prefix.toLowerCase())) return false;
  const encoded = trimmed.slice(prefix.length);
  const mac = encoding === "hex" ? fromHex(encoded) : tryFromBase64(encoded);
  if (!mac) return false;
  return verifyHmac(hash, key, message, mac);
}

/** Concatenates byte strings (e.g. a timestamp and the raw body) without decoding the body. */
export function concatBytes(...parts: Array<Uint8Array | string>): Uint8Array {
  const chunks = parts.map((p) => (typeof p === "string" ? encoder.encode(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function fromHex(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(text)) return undefined;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * Compares two secrets without leaking where they differ: both are hashed first, so the comparison runs over equal
 * lengths, and the loop never exits early.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  const left = new Uint8Array(x);
  const right = new Uint8Array(y);
  let diff = 0;
  for (let i = 0; i < left.length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
