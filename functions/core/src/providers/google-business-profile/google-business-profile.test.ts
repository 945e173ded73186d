import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { RawDelivery, VerifyContext } from "../types.ts";
import {
  encodeData,
  LOCATION_NAME,
  newQuestion,
  newReview,
  pushBody,
  REVIEW_NAME,
  shortKeysNoTime,
  updatedReviewSnakeCase,
} from "./fixtures.ts";
import { googleBusinessProfile } from "./index.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const AUDIENCE = "https://ingest.firebreak.example/webhooks/google-business-profile/src_1";
const SERVICE_ACCOUNT = "pubsub-push@kaffebar-reviews.iam.gserviceaccount.com";
const SETTINGS = { audience: AUDIENCE, serviceAccountEmail: SERVICE_ACCOUNT };
const PARSE_CONTEXT = { receivedAt: NOW, settings: SETTINGS };

let googleKey: CryptoKey;
let otherKey: CryptoKey;
let publicJwk: JWK;

beforeAll(async () => {
  const google = await generateKeyPair("RS256", { extractable: true });
  const other = await generateKeyPair("RS256", { extractable: true });
  googleKey = google.privateKey;
  otherKey = other.privateKey;
  publicJwk = { ...(await exportJWK(google.publicKey)), kid: "google-test-key", alg: "RS256", use: "sig" };
});

function delivery(headers: Record<string, string>, text = newReview): RawDelivery {
  return { method: "POST", url: AUDIENCE, headers, body: new TextEncoder().encode(text), text };
}

function context(settings: Record<string, unknown> = SETTINGS, now = NOW): VerifyContext {
  return { secret: "unused", now, settings, jwks: { keys: async () => [publicJwk as JsonWebKey] } };
}

interface TokenOptions {
  claims?: Record<string, unknown>;
  key?: CryptoKey;
  issuedAt?: number;
  lifetimeSeconds?: number;
  kid?: string;
}

/** A Pub/Sub push token as Google mints it: RS256, one hour, issuer/audience/email claims. */
async function googleToken({ claims = {}, key, issuedAt = NOW, lifetimeSeconds = 3600, kid }: TokenOptions = {}) {
  const iat = Math.floor(issuedAt / 1000);
  return new SignJWT({
    iss: "https://accounts.google.com",
    aud: AUDIENCE,
    email: SERVICE_ACCOUNT,
    email_verified: true,
    azp: "1122334455",
    sub: "1122334455",
    iat,
    exp: iat + lifetimeSeconds,
    ...claims,
  })
    .setProtectedHeader({ alg: "RS256", kid: kid ?? "google-test-key", typ: "JWT" })
    .sign(key ?? googleKey);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

function base64Url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

describe("google-business-profile happy", () => {
  it("normalizes a NEW_REVIEW into a review awaiting enrichment", () => {
    const result = googleBusinessProfile.parse(delivery({}), PARSE_CONTEXT);
    expect(result).toEqual({
      kind: "events",
      eventId: "7310918372637129",
      items: [
        {
          externalId: REVIEW_NAME,
          kind: "review",
          channel: "social",
          text: "",
          score: undefined,
          scale: "stars5",
          tags: [],
          touchpointHint: "9988776655",
          occurredAt: Date.parse("2026-11-20T09:58:01.123Z"),
          revisionAt: Date.parse("2026-11-20T09:58:01.123Z"),
          eventId: "7310918372637129",
          needsEnrichment: true,
        },
      ],
    });
  });

  it("accepts snake_case keys in the envelope and in the notification, with numeric ids as strings", () => {
    const result = googleBusinessProfile.parse(delivery({}, updatedReviewSnakeCase), PARSE_CONTEXT);
    expect(result).toMatchObject({
      kind: "events",
      eventId: "9001",
      items: [
        {
          externalId: "accounts/22/locations/Bäckerei-München/reviews/r-42",
          occurredAt: Date.parse("2026-11-21T07:00:00Z"),
          needsEnrichment: true,
        },
      ],
    });
  });

  it("accepts the short review/location keys and falls back to the receipt time", () => {
    const result = googleBusinessProfile.parse(delivery({}, shortKeysNoTime), PARSE_CONTEXT);
    expect(result).toMatchObject({
      kind: "events",
      eventId: "m-3",
      items: [{ externalId: `${LOCATION_NAME}/reviews/🍰-1`, occurredAt: NOW }],
    });
  });

  it("is deterministic for the same delivery and context", () => {
    const once = googleBusinessProfile.parse(delivery({}), PARSE_CONTEXT);
    expect(googleBusinessProfile.parse(delivery({}), PARSE_CONTEXT)).toEqual(once);
  });

  it("describes the push subscription setup, with the settings it needs", () => {
    const guide = googleBusinessProfile.setup(AUDIENCE);
    expect(guide.steps.join(" ")).toContain(AUDIENCE);
    expect(guide.steps.join(" ")).toMatch(/secret .* unused/);
    expect(Object.keys(guide.settings ?? {})).toEqual(["audience", "serviceAccountEmail"]);
    expect(googleBusinessProfile.generateSecret?.()).toMatch(/^[\w-]{43}$/);
  });
});

describe("google-business-profile error", () => {
  const parse = (text: string) => googleBusinessProfile.parse(delivery({}, text), PARSE_CONTEXT);

  it.each([
    ["malformed JSON", "{not json"],
    ["over-deep JSON", `${"[".repeat(65)}${"]".repeat(65)}`],
    ["data that is not base64", pushBody({}, { data: "%%%" })],
    ["data that is not JSON", pushBody({}, { data: encodeData("not json at all") })],
    ["data that is not UTF-8", pushBody({}, { data: btoa("\xff\xfe") })],
  ])("refuses %s with 400", (_name, text) => {
    expect(parse(text)).toMatchObject({ kind: "invalid", status: 400 });
  });

  it.each([
    ["a body without message", JSON.stringify({ subscription: "s" }), /not a Pub\/Sub push/],
    ["a message without id", pushBody({}, { messageId: undefined, message_id: undefined }), /messageId/],
    ["a message without data", pushBody({}, { data: undefined }), /data is empty/],
    ["a non-review notification", newQuestion, /unsupported notification type "NEW_QUESTION"/],
    ["a notification without type", pushBody({ reviewName: REVIEW_NAME }), /type "missing"/],
    ["a review notification without review name", pushBody({ type: "NEW_REVIEW", locationName: "l" }), /no review/],
    ["a notification that is an array", pushBody([1, 2]), /not a Business Profile notification/],
  ])("refuses %s with 422 and a reason", (_name, text, reason) => {
    const result = parse(text);
    expect(result).toMatchObject({ kind: "invalid", status: 422 });
    if (result.kind === "invalid") expect(result.reason).toMatch(reason);
  });

  it.each([
    ["no audience", { serviceAccountEmail: SERVICE_ACCOUNT }, /audience/],
    ["a blank audience", { audience: " ", serviceAccountEmail: SERVICE_ACCOUNT }, /audience/],
    ["no service account", { audience: AUDIENCE }, /service account email/],
  ])("tells the admin what to configure when the source has %s", async (_name, settings, reason) => {
    const result = await googleBusinessProfile.verify(delivery(bearer(await googleToken())), context(settings));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("refuses, without throwing, when Google's keys cannot be loaded", async () => {
    const failing: VerifyContext = {
      ...context(),
      jwks: {
        keys: async () => {
          throw new Error("JWKS answered 503");
        },
      },
    };
    const headers = bearer(await googleToken());
    expect(await googleBusinessProfile.verify(delivery(headers), failing)).toEqual({
      ok: false,
      reason: "Google's signing keys could not be loaded",
    });
    expect(await googleBusinessProfile.verify(delivery(headers), { ...context(), jwks: undefined })).toMatchObject({
      ok: false,
    });
  });
});

describe("google-business-profile security", () => {
  const verify = async (headers: Record<string, string>, ctx = context()) =>
    googleBusinessProfile.verify(delivery(headers), ctx);

  it("accepts a valid Google push token", async () => {
    expect(await verify(bearer(await googleToken()))).toEqual({ ok: true });
  });

  it("accepts the bare issuer spelling and a token 50 s past expiry (clock tolerance)", async () => {
    expect(await verify(bearer(await googleToken({ claims: { iss: "accounts.google.com" } })))).toEqual({ ok: true });
    const justExpired = await googleToken({ issuedAt: NOW - 3650_000 });
    expect(await verify(bearer(justExpired))).toEqual({ ok: true });
  });

  it("compares the service account email case-insensitively", async () => {
    const ctx = context({ audience: AUDIENCE, serviceAccountEmail: SERVICE_ACCOUNT.toUpperCase() });
    expect(await verify(bearer(await googleToken()), ctx)).toEqual({ ok: true });
  });

  it.each<[string, () => Promise<Record<string, string>>, RegExp]>([
    ["a wrong audience", async () => bearer(await googleToken({ claims: { aud: "https://evil.example" } })), /aud/],
    ["a wrong issuer", async () => bearer(await googleToken({ claims: { iss: "https://evil.example" } })), /Google/],
    [
      "another service account",
      async () => bearer(await googleToken({ claims: { email: "attacker@evil.iam.gserviceaccount.com" } })),
      /another service account/,
    ],
    [
      "an unverified email",
      async () => bearer(await googleToken({ claims: { email_verified: false } })),
      /not verified/,
    ],
    ["a missing email", async () => bearer(await googleToken({ claims: { email: undefined } })), /email/],
    ["an expired token", async () => bearer(await googleToken({ issuedAt: NOW - 3700_000 })), /expired/],
    ["a key Google does not publish", async () => bearer(await googleToken({ key: otherKey })), /signature/],
    [
      "an unknown key id",
      async () => bearer(await googleToken({ key: otherKey, kid: "attacker" })),
      /not signed by a current Google key/,
    ],
    [
      "an alg=none token",
      async () => bearer(`${base64Url({ alg: "none", typ: "JWT" })}.${base64Url({ aud: AUDIENCE })}.`),
      /RS256|malformed/,
    ],
    [
      "an HS256 token",
      async () => {
        const token = await new SignJWT({ iss: "https://accounts.google.com", aud: AUDIENCE, email: SERVICE_ACCOUNT })
          .setProtectedHeader({ alg: "HS256" })
          .setIssuedAt(NOW / 1000)
          .setExpirationTime(NOW / 1000 + 3600)
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
        return bearer(token);
      },
      /RS256/,
    ],
    [
      "a tampered payload",
      async () => {
        const [header, , signature] = (await googleToken()).split(".");
        const forged = base64Url({ iss: "https://accounts.google.com", aud: AUDIENCE, email: SERVICE_ACCOUNT });
        return bearer(`${header}.${forged}.${signature}`);
      },
      /signature/,
    ],
    ["no Authorization header", async () => ({ "content-type": "application/json" }), /missing/],
    ["a Basic Authorization header", async () => ({ authorization: "Basic Zm9vOmJhcg==" }), /missing/],
    ["a garbage token", async () => bearer("not.a.jwt"), /malformed/],
  ])("rejects %s", async (_name, headers, reason) => {
    const result = await verify(await headers());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      expect(result.reason).not.toContain("eyJ");
    }
  });

  it("rejects a token issued in the future beyond the tolerance", async () => {
    const result = await verify(bearer(await googleToken({ claims: { nbf: NOW / 1000 + 600 } })));
    expect(result).toMatchObject({ ok: false, reason: "token is not valid yet" });
  });
});
