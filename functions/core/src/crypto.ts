/**
 * Crypto helpers shared by signature checks, secret storage and customer hashing. WebCrypto runs in Workers and
 * Node alike, and `crypto.subtle.verify` compares MACs in constant time.
 * @module
 */
import { hmac as nobleHmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { fromBase64, toBase64Url } from "./ids.ts";

const encoder = new TextEncoder();

/**
 * The DOM's WebCrypto typings (the web app type-checks this file with them) want ArrayBuffer-backed views; ours always
 * are, never SharedArrayBuffer views. Types only: the bytes pass through unchanged.
 */
const buffered = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

export type HmacHash = "SHA-1" | "SHA-256" | "SHA-512";

function importHmacKey(key: Uint8Array, hash: HmacHash, usage: "sign" | "verify") {
  return crypto.subtle.importKey("raw", buffered(key), { name: "HMAC", hash }, false, [usage]);
}

/** HMAC of `message` under `key`. */
export async function hmac(hash: HmacHash, key: Uint8Array | string, message: Uint8Array | string) {
  const keyBytes = typeof key === "string" ? encoder.encode(key) : key;
  const data = typeof message === "string" ? encoder.encode(message) : message;
  const cryptoKey = await importHmacKey(keyBytes, hash, "sign");
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, buffered(data)));
}

/**
 * Checks a received MAC against `message` in constant time. Returns false (never throws) for a MAC of the wrong
 * length or undecodable encoding.
 */
export async function verifyHmac(
  hash: HmacHash,
  key: Uint8Array | string,
  message: Uint8Array | string,
  received: Uint8Array,
): Promise<boolean> {
  const keyBytes = typeof key === "string" ? encoder.encode(key) : key;
  const data = typeof message === "string" ? encoder.encode(message) : message;
  const cryptoKey = await importHmacKey(keyBytes, hash, "verify");
  return crypto.subtle.verify("HMAC", cryptoKey, buffered(received), buffered(data));
}

/** Decodes base64 without throwing: `undefined` for invalid input. */
export function tryFromBase64(text: string): Uint8Array | undefined {
  try {
    return fromBase64(text);
  } catch {
    return undefined;
  }
}

/** Hex SHA-256 of a string or bytes (token hashes, body fingerprints). */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const data = typeof input === "string" ? encoder.encode(input) : input;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffered(data)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Encrypts secrets at rest with AES-256-GCM under the Worker's `SECRETS_KEY` (base64, 32 bytes).
 * Output: `v1.<iv>.<ciphertext>` in base64url; the version lets the key scheme change later.
 */
export async function encryptSecret(plaintext: string, secretsKey: string): Promise<string> {
  const key = await importAesKey(secretsKey);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(plaintext));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** Reverses `encryptSecret`. Throws when the key is wrong or the ciphertext was tampered with. */
export async function decryptSecret(sealed: string, secretsKey: string): Promise<string> {
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("unsupported secret format");
  const key = await importAesKey(secretsKey);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: buffered(fromBase64(iv)) },
    key,
    buffered(fromBase64(data)),
  );
  return new TextDecoder().decode(plain);
}

/** Imported AES keys by SECRETS_KEY: importing on every webhook would cost more than the encryption. */
const aesKeys = new Map<string, Promise<CryptoKey>>();

function importAesKey(secretsKey: string): Promise<CryptoKey> {
  let key = aesKeys.get(secretsKey);
  if (!key) {
    const raw = fromBase64(secretsKey);
    if (raw.length !== 32) throw new Error("SECRETS_KEY must be 32 bytes of base64");
    key = crypto.subtle.importKey("raw", buffered(raw), "AES-GCM", false, ["encrypt", "decrypt"]);
    aesKeys.set(secretsKey, key);
  }
  return key;
}

/**
 * Keyed HMAC states per workspace. Customer hashes are computed with @noble/hashes rather than WebCrypto: a backfill
 * hashes two identifiers per row, and a synchronous HMAC from a pre-keyed state costs a few microseconds where each
 * `crypto.subtle.sign` call costs ~60 µs of promise and binding overhead. The bytes are the same HMAC-SHA256.
 */
const customerKeys = new Map<string, ReturnType<typeof nobleHmac.create>>();

/**
 * Keyed hash of a customer identifier, scoped to one workspace, so the same email hashes differently in two
 * workspaces and a leaked table cannot be joined across tenants or reversed with a dictionary without the key.
 */
export function customerKeyHash(secretsKey: string, workspaceId: string, identifier: string): string {
  const cacheKey = `${secretsKey}:${workspaceId}`;
  let keyed = customerKeys.get(cacheKey);
  if (!keyed) {
    if (customerKeys.size > 1000) customerKeys.clear();
    keyed = nobleHmac.create(sha256, encoder.encode(cacheKey));
    customerKeys.set(cacheKey, keyed);
  }
  return toBase64Url(keyed.clone().update(encoder.encode(identifier.trim().toLowerCase())).digest());
}
