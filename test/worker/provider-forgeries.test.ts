/**
 * Every provider refuses forgeries, and an accepted replay changes nothing. For each webhook provider (the fixtures
 * of provider-cases.ts, Standard Webhooks, Front's application webhooks and Google Business Profile's Pub/Sub push):
 * a delivery without its signature or credential is a 401; where the scheme signs a timestamp, a delivery signed
 * outside the tolerance is a 401 and so is the same request replayed days later; where it signs none, what protects
 * it is the idempotency store, so that replay is a 200 duplicate stored once. Every 401 is in the one error shape.
 * Then, after the accepted delivery is processed, sending it again and replaying it through the API
 * (`POST /api/v1/deliveries/:id/replay`, processed once more) leave the items, rollups and customers as they were.
 * Tampered bodies are refused in providers-http.test.ts for the fixtures there; here for the extra schemes.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { createDb, type replay } from "@firebreak/db";
import { sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import * as google from "../../functions/core/src/providers/google-business-profile/fixtures.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import type { SignedRequest } from "../helpers/sign.ts";
import { CASES, caseName, connectSource, MORE_CASES, type ProviderCase, signCase } from "./provider-cases.ts";

const MINUTE = 60_000;
const DAYS_LATER = NOW + 3 * 24 * 60 * MINUTE;
const SERVICE_ACCOUNT = "pubsub-push@kaffebar-reviews.iam.gserviceaccount.com";

let googleKey: CryptoKey;
let strangerKey: CryptoKey;
let googleJwk: JWK;
const jwks = { keys: async () => [googleJwk as JsonWebKey] };
const app = createApp({ now: () => NOW, jwks });
const later = createApp({ now: () => DAYS_LATER, jwks });
const db = createDb(env.DB);
/** The queue hand-off is captured, so only this test processes the deliveries, when it chooses to. */
const testEnv = { ...env, DELIVERIES: { sendBatch: async () => {} } satisfies replay.DeliveryQueue } as unknown as Env;

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "forgeries");
  const pair = await generateKeyPair("RS256", { extractable: true });
  googleKey = pair.privateKey;
  strangerKey = (await generateKeyPair("RS256", { extractable: true })).privateKey;
  googleJwk = { ...(await exportJWK(pair.publicKey)), kid: "google-test-key", alg: "RS256", use: "sig" };
});

/** Schemes whose signature covers a timestamp the adapter holds to a tolerance (providers.md, the adapters). */
const SIGNS_TIMESTAMP = new Set(["zendesk", "hubspot", "standard-webhooks", "generic-json", "front (app webhook)"]);

function send(target: ReturnType<typeof createApp>, path: string, signed: SignedRequest) {
  return target.request(
    `${path}${signed.query ?? ""}`,
    { method: "POST", headers: signed.headers, body: signed.body },
    testEnv,
    createExecutionContext(),
  );
}

/** A 401 in the one error shape, its requestId the response's `x-request-id`. */
async function expectUnauthorized(res: Response, what: string) {
  const text = await res.text();
  expect(res.status, `${what}: ${text}`).toBe(401);
  const body = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
  expect(body.error).toEqual({
    code: expect.any(String),
    message: expect.any(String),
    requestId: res.headers.get("x-request-id"),
  });
  expect(body.error.requestId).toBeTruthy();
}

/** The request without what authenticates it: signature headers, credentials, the URL token, Qualtrics' field. */
function unsigned(c: ProviderCase, signed: SignedRequest): SignedRequest {
  const headers = Object.fromEntries(
    Object.entries(signed.headers).filter(([name]) => !/signature|authorization/i.test(name)),
  );
  let body = signed.body;
  if (c.provider === "qualtrics") {
    const form = new URLSearchParams(body);
    form.delete("HMAC");
    body = form.toString();
  }
  return { headers, body };
}

/** What the workspace holds that a replay could change: the source's items and rollups, every customer's counts. */
async function snapshot(sourceId: string) {
  return {
    items: await db.all(sql`SELECT * FROM feedback_items WHERE source_id = ${sourceId} ORDER BY id`),
    rollups: await db.all(
      sql`SELECT * FROM daily_rollups WHERE source_id = ${sourceId} ORDER BY day, touchpoint_id, theme_id, channel, language`,
    ),
    customers: await db.all(sql`SELECT * FROM customers WHERE workspace_id = ${ws.workspaceId} ORDER BY id`),
    revisions: await db.all(
      sql`SELECT count(*) AS n FROM item_revisions WHERE item_id IN (SELECT id FROM feedback_items WHERE source_id = ${sourceId})`,
    ),
  };
}

/** Processes the accepted delivery, then sends it again and replays it through the API: nothing may change. */
async function replayChangesNothing(path: string, signed: SignedRequest, deliveryId: string, sourceId: string) {
  expect(await processDelivery(db, testEnv, deliveryId)).toBeGreaterThan(0);
  const before = await snapshot(sourceId);
  expect(before.items.length).toBeGreaterThan(0);

  const again = await send(app, path, signed);
  expect(again.status).toBe(200);
  expect(await again.json()).toEqual({ status: "duplicate", deliveryId });
  expect(await snapshot(sourceId)).toEqual(before);

  const replayed = await app.request(
    `/api/v1/deliveries/${deliveryId}/replay`,
    { method: "POST", headers: { authorization: `Bearer ${ws.token}` } },
    testEnv,
    createExecutionContext(),
  );
  expect(replayed.status, await replayed.clone().text()).toBe(202);
  await processDelivery(db, testEnv, deliveryId);
  expect(await snapshot(sourceId)).toEqual(before);
}

const ALL = [
  ...CASES.map((c) => ({ ...c, label: caseName(c), extra: false })),
  ...MORE_CASES.map((c) => ({ ...c, label: caseName(c), extra: true })),
];

describe.each(ALL)("$label", (c) => {
  const stamped = SIGNS_TIMESTAMP.has(c.label);

  it(`refuses it unsigned${stamped ? ", signed 10 minutes stale and replayed days later" : ""}; a replay changes nothing`, async () => {
    const source = await connectSource(app, ws, c);
    const path = `/webhooks/${c.provider}/${source.id}`;
    const signed = await signCase(c, source.secret, path);

    await expectUnauthorized(await send(app, path, unsigned(c, signed)), "unsigned");
    // providers-http.test.ts refuses CASES tampered; the extra schemes are refused tampered here.
    if (c.extra) {
      const tampered = { ...signed, body: signed.body.replace(/}$/, " }") };
      expect(tampered.body).not.toBe(signed.body);
      await expectUnauthorized(await send(app, path, tampered), "tampered");
    }
    if (stamped) {
      const stale = await signCase(c, source.secret, path, { now: NOW - 10 * MINUTE });
      await expectUnauthorized(await send(app, path, stale), "stale");
      const ahead = await signCase(c, source.secret, path, { now: NOW + 10 * MINUTE });
      await expectUnauthorized(await send(app, path, ahead), "from the future");
    }

    const accepted = await send(app, path, signed);
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    const { deliveryId } = (await accepted.json()) as { deliveryId: string };

    // The same bytes captured and sent three days later.
    const replayedLater = await send(later, path, signed);
    if (stamped) await expectUnauthorized(replayedLater, "replayed days later");
    else expect(replayedLater.status, "no signed timestamp: the idempotency store answers").toBe(200);

    await replayChangesNothing(path, signed, deliveryId, source.id);
  });

  if (!stamped) {
    it("signs no timestamp, so a replay is caught by the idempotency store: a 200 duplicate, stored once", async () => {
      const source = await connectSource(app, ws, { ...c, name: `${c.label} dedupe` });
      const path = `/webhooks/${c.provider}/${source.id}`;
      const signed = await signCase(c, source.secret, path);
      const first = await send(app, path, signed);
      expect(first.status).toBe(202);
      const { deliveryId } = (await first.json()) as { deliveryId: string };
      for (const target of [app, later]) {
        const res = await send(target, path, signed);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: "duplicate", deliveryId });
      }
      const receipts = await db.all<{ status: string; n: number }>(
        sql`SELECT status, count(*) AS n FROM deliveries WHERE source_id = ${source.id} GROUP BY status ORDER BY status`,
      );
      expect(receipts).toEqual([
        { status: "duplicate", n: 2 },
        { status: "queued", n: 1 },
      ]);
    });
  }
});

describe("google-business-profile (Pub/Sub push with a Google-signed OIDC token)", () => {
  const AUDIENCE_PATH = "/webhooks/google-business-profile";

  /** A push token as Google mints it: RS256, an hour's lifetime from `issuedAt`. */
  async function token(issuedAt = NOW, key = googleKey, audience = "") {
    const iat = Math.floor(issuedAt / 1000);
    return new SignJWT({
      iss: "https://accounts.google.com",
      aud: audience,
      email: SERVICE_ACCOUNT,
      email_verified: true,
      iat,
      exp: iat + 3600,
    })
      .setProtectedHeader({ alg: "RS256", kid: "google-test-key", typ: "JWT" })
      .sign(key);
  }

  // Google's token covers who sends and when, not the body: the body is trusted because only the push subscription
  // (TLS to our URL, Google's key, our audience and service account) can present the token, and its expiry bounds
  // replays, with the Pub/Sub message id deduping within it.
  it("refuses it unsigned, with a stranger's key, expired, and replayed after expiry; a replay changes nothing", async () => {
    const source = await connectSource(app, ws, {
      provider: "google-business-profile",
      fixture: google.newReview,
      settings: { audience: "placeholder", serviceAccountEmail: SERVICE_ACCOUNT },
    });
    const audience = `https://ingest.firebreak.example${AUDIENCE_PATH}/${source.id}`;
    const patched = await app.request(
      `/api/v1/sources/${source.id}`,
      {
        method: "PATCH",
        headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
        body: JSON.stringify({ settings: { audience, serviceAccountEmail: SERVICE_ACCOUNT } }),
      },
      testEnv,
      createExecutionContext(),
    );
    expect(patched.status, await patched.clone().text()).toBe(200);
    const path = `${AUDIENCE_PATH}/${source.id}`;
    const push = (authorization?: string): SignedRequest => ({
      body: google.newReview,
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    });

    await expectUnauthorized(await send(app, path, push()), "unsigned");
    await expectUnauthorized(
      await send(app, path, push(`Bearer ${await token(NOW, strangerKey, audience)}`)),
      "signed by a stranger",
    );
    await expectUnauthorized(
      await send(app, path, push(`Bearer ${await token(NOW - 2 * 60 * MINUTE, googleKey, audience)}`)),
      "expired",
    );
    await expectUnauthorized(
      await send(app, path, push(`Bearer ${await token(NOW, googleKey, "https://elsewhere.example/")}`)),
      "for another audience",
    );

    const signed = push(`Bearer ${await token(NOW, googleKey, audience)}`);
    const accepted = await send(app, path, signed);
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    const { deliveryId } = (await accepted.json()) as { deliveryId: string };
    await expectUnauthorized(await send(later, path, signed), "replayed after the token expired");
    await replayChangesNothing(path, signed, deliveryId, source.id);
  });
});
