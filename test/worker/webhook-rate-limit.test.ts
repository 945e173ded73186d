import { createExecutionContext, env } from "cloudflare:test";
import { createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { WEBHOOK_RATE_LIMIT } from "../../functions/ingest/src/middleware/rate-limit.ts";
import { makeWorkspace, NOW } from "../helpers/fixtures.ts";
import { createStandardSource } from "./standard-webhooks.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

let flooded: { id: string; secret: string };
let calm: { id: string; secret: string };

/** A request the route refuses cheaply (415, before any D1 work): it still counts against the source's limit. */
const cheap = (sourceId: string) =>
  call(`/webhooks/standard-webhooks/${sourceId}`, { method: "POST", headers: { "content-type": "text/plain" } });

function signed(source: { id: string; secret: string }, id: string) {
  const payload = JSON.stringify({
    type: "feedback.created",
    timestamp: "2026-11-20T09:58:00Z",
    data: { id, comment: "Late again", score: 2, scale: "nps" },
  });
  return call(`/webhooks/standard-webhooks/${source.id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(NOW / 1000)),
      "webhook-signature": new Webhook(source.secret).sign(id, new Date(NOW), payload),
    },
    body: payload,
  });
}

const deliveriesOf = (sourceId: string) =>
  db.select({ id: schema.deliveries.id }).from(schema.deliveries).where(eq(schema.deliveries.sourceId, sourceId));

/** What is left of the limiter's current window: windows are aligned to the wall clock (`floor(now / period)`). */
const leftOfWindow = () => {
  const period = WEBHOOK_RATE_LIMIT.periodSeconds * 1000;
  return period - (Date.now() % period);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starting early in a window keeps the burst (about 1.3 s here) inside one, so exactly `limit` requests pass. */
async function startOfAWindow() {
  if (leftOfWindow() < 5_000) await sleep(leftOfWindow() + 20);
}

beforeAll(async () => {
  const ws = await makeWorkspace(env.DB, "flood");
  flooded = await createStandardSource(app, ws, "Flooded");
  calm = await createStandardSource(app, ws, "Calm");
});

describe("per-source webhook rate limit", () => {
  it("answers 429 with the error shape and Retry-After past the limit, storing nothing; other sources are unaffected", async () => {
    await startOfAWindow();
    const statuses: number[] = [];
    for (let i = 0; i < WEBHOOK_RATE_LIMIT.limit; i++) statuses.push((await cheap(flooded.id)).status);
    expect(statuses.filter((s) => s !== 415)).toEqual([]);

    const limited = await signed(flooded, "msg_over_the_limit");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe(String(WEBHOOK_RATE_LIMIT.periodSeconds));
    const body = (await limited.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toContain(`${WEBHOOK_RATE_LIMIT.periodSeconds} seconds`);
    expect(body.error.requestId).toBeTruthy();
    // Refused before verification and storage: not even a rejected receipt is written.
    expect(await deliveriesOf(flooded.id)).toEqual([]);
    // The provider's probe is limited too: a flood of GETs would otherwise read D1 each time.
    expect((await call(`/webhooks/standard-webhooks/${flooded.id}`)).status).toBe(429);

    const other = await signed(calm, "msg_calm_source");
    expect(other.status).toBe(202);
    expect(await deliveriesOf(calm.id)).toHaveLength(1);
  }, 30_000);

  it("accepts the source's deliveries again in the next window", async () => {
    await sleep(leftOfWindow() + 20);
    expect((await signed(flooded, "msg_after_the_wait")).status).toBe(202);
    expect(await deliveriesOf(flooded.id)).toHaveLength(1);
  }, 20_000);
});
