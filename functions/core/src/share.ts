/**
 * Read-only share links for stakeholders without an account: the token format (shown once, only its SHA-256
 * stored), the optional password's PBKDF2 hash, the proof a browser keeps after unlocking, the per-link lock-out
 * after failed passwords, expiry choices, a link's status, and the embed allow-list of origins.
 * @module
 */
import { z } from "zod";
import { hmac, sha256Hex } from "./crypto.ts";
import { fromBase64, randomToken, toBase64Url } from "./ids.ts";
import { constantTimeEqual } from "./providers/signature.ts";

/** Every share token starts with it, so a leaked link is recognisable as Firebreak's (and unlike an API token). */
export const SHARE_TOKEN_PREFIX = "fbs_";

/** 32 random bytes (256 bits) from `crypto.getRandomValues`, base64url: 43 characters after the prefix. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^fbs_[A-Za-z0-9_-]{43}$/;

export const SHARE_KINDS = ["journey", "session"] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/**
 * A fresh share token and its hash, what the link is looked up by.
 * @example const { token, hash } = await generateShareToken(); // token "fbs_Xq3…" (47 characters)
 */
export async function generateShareToken(): Promise<{ token: string; hash: string }> {
  const token = `${SHARE_TOKEN_PREFIX}${randomToken(TOKEN_BYTES)}`;
  return { token, hash: await sha256Hex(token) };
}

/** Whether a path segment can be a share token at all; anything else is a 404 without touching D1. */
export function isShareToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** Hex SHA-256 of a token: the only form in which a token reaches the database. */
export function shareTokenHash(token: string): Promise<string> {
  return sha256Hex(token);
}

/** Expiry choices in days; 30 is the default, a year the longest a link may stay open. */
export const SHARE_EXPIRY_DAYS = [1, 7, 30, 90, 365] as const;
export const DEFAULT_SHARE_EXPIRY_DAYS = 30;
export const MAX_SHARE_EXPIRY_DAYS = 365;

export type ShareLinkStatus = "active" | "revoked" | "expired";

/** A link's status at `now`: revoked wins over expired, since it was a person's decision. */
export function shareLinkStatus(link: { revokedAt: number | null; expiresAt: number }, now: number): ShareLinkStatus {
  if (link.revokedAt !== null) return "revoked";
  if (link.expiresAt <= now) return "expired";
  return "active";
}

/**
 * PBKDF2-SHA-256 iterations: Cloudflare Workers refuse more than 100,000, and each guess then costs ~30 ms of
 * CPU on top of the lock-out below.
 */
export const PASSWORD_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const HASH_SCHEME = "pbkdf2-sha256";

export const ZSharePassword = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(200, "Keep the password under 200 characters.");

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/**
 * The stored form of a link's password: `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64url), with a random
 * 128-bit salt, so the scheme and cost travel with the hash and can be raised later.
 * @example await hashSharePassword("correct horse") // "pbkdf2-sha256$100000$q0s…$8fK…"
 */
export async function hashSharePassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${HASH_SCHEME}$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

/**
 * Checks a password against its stored hash in constant time. A malformed stored value, or one whose iteration
 * count Workers would refuse, is never a match (and never throws).
 */
export async function verifySharePassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterationText, saltText, hashText, ...rest] = stored.split("$");
  const iterations = Number(iterationText);
  if (scheme !== HASH_SCHEME || rest.length > 0 || !saltText || !hashText) return false;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PASSWORD_ITERATIONS) return false;
  let salt: Uint8Array;
  try {
    salt = fromBase64(saltText);
  } catch {
    return false;
  }
  const derived = toBase64Url(await derive(password, salt, iterations));
  return constantTimeEqual(derived, hashText);
}

/**
 * What a browser keeps (in an HttpOnly cookie scoped to the link) once it gave the right password: an HMAC of the
 * link and its password hash under a server secret. It cannot be forged without the secret, and it stops working
 * when the link's password changes; revocation and expiry are read from D1 on every view anyway.
 */
export async function shareUnlockProof(secret: string, linkId: string, passwordHash: string): Promise<string> {
  return toBase64Url(await hmac("SHA-256", secret, `share-unlock:${linkId}:${passwordHash}`));
}

/** Checks a cookie's proof in constant time. */
export async function verifyShareUnlockProof(
  secret: string,
  linkId: string,
  passwordHash: string,
  proof: string,
): Promise<boolean> {
  return constantTimeEqual(await shareUnlockProof(secret, linkId, passwordHash), proof);
}

/** Wrong passwords in a row before a link stops checking them for a while. */
export const MAX_FAILED_PASSWORDS = 5;
/** How long a link refuses passwords after too many wrong ones: at most 20 guesses an hour per link. */
export const PASSWORD_LOCKOUT_MS = 15 * 60_000;

/** How long until the link checks passwords again; 0 when it is not locked. */
export function lockedForMs(link: { lockedUntil: number | null }, now: number): number {
  return link.lockedUntil !== null && link.lockedUntil > now ? link.lockedUntil - now : 0;
}

/** At most this many origins may embed one link; an allow-list is a short list of known sites. */
export const MAX_EMBED_ORIGINS = 10;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type OriginsResult = { ok: true; origins: string[] } | { ok: false; message: string };

/**
 * Normalises one origin as a browser writes it (`https://example.com`, lower case, no default port, no path):
 * https only, except plain http on loopback for local testing. No wildcards, paths, queries or credentials.
 */
export function normalizeOrigin(text: string): string | null {
  const trimmed = text.trim().replace(/\/$/, "");
  if (trimmed.includes("*")) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    return null;
  }
  // URL accepts hosts such as `example.com;script-src`: only plain DNS names and IP literals go into a CSP header.
  if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname)) return null;
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) return null;
  return url.origin;
}

/**
 * Parses the embed allow-list as typed (one origin per line, or separated by commas or spaces): each normalised,
 * duplicates dropped; the first bad one is named in the message. An empty text is an empty list: not embeddable.
 * @example parseEmbedOrigins("https://Intranet.example.com/\nhttps://wiki.example.com") // ok, two origins
 */
export function parseEmbedOrigins(text: string): OriginsResult {
  const parts = text.split(/[\s,]+/).filter((part) => part.length > 0);
  const origins: string[] = [];
  for (const part of parts) {
    const origin = normalizeOrigin(part);
    if (!origin) {
      return {
        ok: false,
        message: `"${part.slice(0, 80)}" is not an origin: write it as https://intranet.example.com (no path or wildcard).`,
      };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  if (origins.length > MAX_EMBED_ORIGINS) {
    return { ok: false, message: `List at most ${MAX_EMBED_ORIGINS} sites that may embed the link.` };
  }
  return { ok: true, origins };
}

/**
 * The CSP `frame-ancestors` sources for a link's embed view: its allow-list, or `'none'` when it has none, so a
 * link without one can never be framed.
 */
export function frameAncestors(origins: readonly string[]): string {
  const valid = origins.map(normalizeOrigin).filter((origin): origin is string => origin !== null);
  return valid.length > 0 ? valid.join(" ") : "'none'";
}
