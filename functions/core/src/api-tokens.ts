/**
 * Public REST API tokens: the format, the scope ladder and a token's status. The value is shown once and only its
 * SHA-256 is stored, so everything here works from the value (generation) or the stored row (scopes, status).
 * @module
 */
import { sha256Hex } from "./crypto.ts";
import { randomToken } from "./ids.ts";

/** Every token starts with it, so a leaked token is recognisable (secret scanners, logs) as Firebreak's. */
export const API_TOKEN_PREFIX = "fbk_";

/** 32 random bytes (256 bits) from `crypto.getRandomValues`, base64url: 43 characters after the prefix. */
const TOKEN_BYTES = 32;

/** How much of a token is kept in clear to tell tokens apart in lists: the prefix and 8 characters (48 bits). */
export const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;

/** Ordered: each scope includes the ones before it (admin ⊃ write ⊃ read). */
export const API_TOKEN_SCOPES = ["read", "write", "admin"] as const;

export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export interface NewApiToken {
  /** The value, to show once and never store. */
  token: string;
  /** What is stored in clear: enough to recognise the token, far too little to use it. */
  prefix: string;
  /** Hex SHA-256 of the value, what the API looks tokens up by. */
  hash: string;
}

/**
 * A fresh token, its display prefix and its hash.
 * @example const { token, prefix, hash } = await generateApiToken(); // token "fbk_Xq3…", prefix "fbk_Xq3…" (12)
 */
export async function generateApiToken(): Promise<NewApiToken> {
  const token = `${API_TOKEN_PREFIX}${randomToken(TOKEN_BYTES)}`;
  return { token, prefix: token.slice(0, DISPLAY_PREFIX_LENGTH), hash: await sha256Hex(token) };
}

const rank = (scope: ApiTokenScope) => API_TOKEN_SCOPES.indexOf(scope);

/** The most a token may do: the highest of its scopes (`read` for an empty list, which allows nothing anyway). */
export function highestScope(scopes: readonly ApiTokenScope[]): ApiTokenScope {
  return scopes.reduce<ApiTokenScope>((best, scope) => (rank(scope) > rank(best) ? scope : best), "read");
}

/** Whether a token with `scopes` may call a route that needs `needed`: any scope at or above it suffices. */
export function scopeAllows(scopes: readonly ApiTokenScope[], needed: ApiTokenScope): boolean {
  return scopes.some((scope) => rank(scope) >= rank(needed));
}

export type ApiTokenStatus = "active" | "revoked" | "expired";

/** A token's status at `now`: revoked wins over expired, since it was a person's decision. */
export function apiTokenStatus(
  token: { revokedAt: number | null; expiresAt: number | null },
  now: number,
): ApiTokenStatus {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && token.expiresAt <= now) return "expired";
  return "active";
}
