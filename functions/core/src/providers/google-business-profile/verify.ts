/**
 * Pub/Sub push authentication: the `Authorization: Bearer` OIDC token Google signs for the push subscription's
 * service account. There is no shared secret; trust comes from Google's RS256 signature and the token's claims.
 * @module
 */
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import type { RawDelivery, VerifyContext, VerifyResult } from "../types.ts";

/** Google's OIDC signing keys; the Worker fetches and caches them through `VerifyContext.jwks`. */
export const GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v3/certs";
const GOOGLE_ISSUERS = ["accounts.google.com", "https://accounts.google.com"];
/** Skew allowed on `exp`/`nbf`: Google's clock and ours may disagree slightly, but not by minutes. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/** Verifies the push's OIDC token: RS256 by a Google key, issuer, audience, service account and expiry. */
export async function verifyGooglePush(
  delivery: RawDelivery,
  { now, settings, jwks }: VerifyContext,
): Promise<VerifyResult> {
  const audience = textSetting(settings, "audience");
  if (!audience) {
    return fail("no audience is configured for this source; set it to the push subscription's audience");
  }
  const serviceAccountEmail = textSetting(settings, "serviceAccountEmail");
  if (!serviceAccountEmail) {
    return fail("no service account email is configured for this source; set it to the push subscription's account");
  }
  const token = bearerToken(delivery.headers.authorization);
  if (!token) return fail("missing Authorization: Bearer token");
  const keySet = await loadGoogleKeys(jwks);
  if (!keySet) return fail("Google's signing keys could not be loaded");

  try {
    const { payload } = await jwtVerify(token, keySet, {
      algorithms: ["RS256"],
      issuer: GOOGLE_ISSUERS,
      audience,
      currentDate: new Date(now),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat", "email"],
    });
    if (typeof payload.email !== "string" || !sameEmail(payload.email, serviceAccountEmail)) {
      return fail("token was issued to another service account");
    }
    // Without a verified email, the `email` claim says nothing about who the caller is.
    if (payload.email_verified !== true) return fail("token email is not verified");
    return { ok: true };
  } catch (error) {
    return fail(describeTokenError(error));
  }
}

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}

function textSetting(settings: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = settings[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

async function loadGoogleKeys(jwks: VerifyContext["jwks"]) {
  if (!jwks) return undefined;
  try {
    const keys = await jwks.keys(GOOGLE_CERTS_URL);
    if (!Array.isArray(keys) || keys.length === 0) return undefined;
    return createLocalJWKSet({ keys } as JSONWebKeySet);
  } catch {
    return undefined;
  }
}

/** jose's error codes → short reasons; the token itself is never echoed. */
function describeTokenError(error: unknown): string {
  const { code, claim } = (error ?? {}) as { code?: string; claim?: string };
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "token has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (claim === "iss") return "token was not issued by Google";
      if (claim === "aud") return "token audience does not match the configured audience";
      if (claim === "nbf" || claim === "iat") return "token is not valid yet";
      return `token claim "${claim ?? "unknown"}" is missing or invalid`;
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "token is not signed with RS256";
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return "token is not signed by a current Google key";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "token signature is invalid";
    default:
      return "token is malformed";
  }
}
