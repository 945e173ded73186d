/** @module Time-sortable, prefixed identifiers (`dlv_01J…`), so ids index well and say what they are. */

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function encodeBase32(value: number, length: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * A new id: prefix, 10 characters of millisecond time, 16 random characters (80 bits from `crypto.getRandomValues`).
 * @example newId("dlv") // "dlv_01jd3k5x7q8m2n4p6r8s0t2v4w"
 */
export function newId(prefix: string, now: number = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(16));
  let tail = "";
  for (const byte of random) tail += ALPHABET[byte & 31];
  return `${prefix}_${encodeBase32(now, 10)}${tail}`;
}

/** A high-entropy secret token: `bytes` random bytes, base64url-encoded (default 32 bytes = 256 bits). */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes standard or url-safe base64, padded or not. Throws on invalid input. */
export function fromBase64(text: string): Uint8Array {
  const normalized = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(normalized + "=".repeat((4 - (normalized.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
