import { createExecutionContext, env } from "cloudflare:test";
import { createDb } from "@firebreak/db";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

let ws: TestWorkspace;
let other: TestWorkspace;

const get = (token: string, query = "") =>
  call(`/api/v1/feedback${query}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "feedback");
  other = await makeWorkspace(env.DB, "feedback-other");
  const created = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "standard-webhooks", name: "NPS" }),
  });
  const source = (await created.json()) as { id: string; secret: string };
  const events = [
    { id: "a", score: 0, comment: "Charged twice, mail me at ole@example.dk", at: "2026-11-18T10:00:00Z" },
    { id: "b", score: 10, comment: "Lovely, fast delivery", at: "2026-11-19T10:00:00Z" },
    { id: "c", score: 6, comment: "Checkout kept timing out", at: "2026-11-20T09:00:00Z" },
  ];
  for (const e of events) {
    const payload = JSON.stringify({
      type: "feedback.created",
      timestamp: e.at,
      data: {
        id: e.id,
        score: e.score,
        scale: "nps",
        comment: e.comment,
        touchpoint: "checkout-payment",
        customer: { id: "c1" },
      },
    });
    const res = await call(`/webhooks/standard-webhooks/${source.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": `m-${e.id}`,
        "webhook-timestamp": String(Math.floor(NOW / 1000)),
        "webhook-signature": new Webhook(source.secret).sign(`m-${e.id}`, new Date(NOW), payload),
      },
      body: payload,
    });
    await processDelivery(db, env, ((await res.json()) as { deliveryId: string }).deliveryId);
  }
});

describe("GET /api/v1/feedback", () => {
  it("returns normalized, redacted items newest first", async () => {
    const res = await get(ws.token);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Array<Record<string, unknown>> };
    expect(data.map((d) => d.externalId)).toEqual(["c", "b", "a"]);
    expect(data[2]).toMatchObject({
      source: "standard-webhooks",
      score: 0,
      scale: { type: "nps", min: 0, max: 10 },
      occurredAt: "2026-11-18T10:00:00.000Z",
      customer: { email: null },
      needsEnrichment: false,
      analysis: { touchpointId: ws.touchpointIds.checkout, redactions: { email: 1 } },
    });
    expect(JSON.stringify(data)).not.toContain("ole@example.dk");
  });

  it("paginates with an opaque cursor and filters", async () => {
    const first = (await (await get(ws.token, "?limit=2")).json()) as { data: unknown[]; nextCursor: string };
    expect(first.data).toHaveLength(2);
    const second = (await (await get(ws.token, `?limit=2&cursor=${first.nextCursor}`)).json()) as {
      data: Array<{ externalId: string }>;
      nextCursor: string | null;
    };
    expect(second.data.map((d) => d.externalId)).toEqual(["a"]);
    expect(second.nextCursor).toBeNull();
    const positive = (await (await get(ws.token, "?sentiment=positive")).json()) as {
      data: Array<{ externalId: string }>;
    };
    expect(positive.data.map((d) => d.externalId)).toEqual(["b"]);
    const ranged = (await (await get(ws.token, "?from=2026-11-19T00:00:00Z&to=2026-11-19T23:59:59Z")).json()) as {
      data: unknown[];
    };
    expect(ranged.data).toHaveLength(1);
  });

  it("answers 400 for a forged cursor or bad filters, and shows another workspace nothing", async () => {
    expect((await get(ws.token, "?cursor=not-a-cursor")).status).toBe(400);
    expect((await get(ws.token, "?limit=5000")).status).toBe(400);
    expect((await get(ws.token, "?from=yesterday")).status).toBe(400);
    const theirs = (await (await get(other.token)).json()) as { data: unknown[] };
    expect(theirs.data).toEqual([]);
  });
});
