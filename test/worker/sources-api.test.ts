import { createExecutionContext, env } from "cloudflare:test";
import { createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
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
let source: { id: string; secret: string };

const api = (token: string, path: string, method = "GET", body?: unknown) =>
  call(path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

function deliver(secret: string, id: string, comment = "Checkout failed twice") {
  const payload = JSON.stringify({ type: "feedback.created", data: { id, comment, score: 3, scale: "nps" } });
  return call(`/webhooks/standard-webhooks/${source.id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": `msg_${id}`,
      "webhook-timestamp": String(Math.floor(NOW / 1000)),
      "webhook-signature": new Webhook(secret).sign(`msg_${id}`, new Date(NOW), payload),
    },
    body: payload,
  });
}

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "api");
  other = await makeWorkspace(env.DB, "intruder");
  const res = await api(ws.token, "/api/v1/sources", "POST", { provider: "standard-webhooks", name: "NPS" });
  source = (await res.json()) as { id: string; secret: string };
});

describe("source lifecycle", () => {
  it("returns the setup guide with the source, never the secret", async () => {
    const res = await api(ws.token, `/api/v1/sources/${source.id}`);
    const body = (await res.json()) as { setup: { steps: string[] }; secret?: string };
    expect(body.setup.steps.join(" ")).toContain(`/webhooks/standard-webhooks/${source.id}`);
    expect(body.secret).toBeUndefined();
  });

  it("rotates the secret: the old one stops working at once, the new one works", async () => {
    const res = await api(ws.token, `/api/v1/sources/${source.id}/rotate-secret`, "POST", {});
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect(secret).not.toBe(source.secret);
    expect((await deliver(source.secret, "r1")).status).toBe(401);
    expect((await deliver(secret, "r2")).status).toBe(202);
    source.secret = secret;
    const log = await db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, source.id));
    expect(log.map((l) => l.action)).toContain("source.secret_rotated");
  });

  it("pauses (423 for deliveries) and resumes", async () => {
    expect((await api(ws.token, `/api/v1/sources/${source.id}`, "PATCH", { status: "paused" })).status).toBe(200);
    const paused = await deliver(source.secret, "p1");
    expect(paused.status).toBe(423);
    expect(((await paused.json()) as { error: { code: string } }).error.code).toBe("source_paused");
    await api(ws.token, `/api/v1/sources/${source.id}`, "PATCH", { status: "active" });
    expect((await deliver(source.secret, "p2")).status).toBe(202);
  });

  it("refuses an empty patch and unknown fields' types", async () => {
    expect((await api(ws.token, `/api/v1/sources/${source.id}`, "PATCH", {})).status).toBe(400);
    expect((await api(ws.token, `/api/v1/sources/${source.id}`, "PATCH", { status: "sleeping" })).status).toBe(400);
  });
});

describe("delivery log and replay", () => {
  it("lists deliveries newest first with cursor pagination and without payload references", async () => {
    const first = await api(ws.token, `/api/v1/sources/${source.id}/deliveries?limit=2`);
    const page = (await first.json()) as { data: Array<Record<string, unknown>>; nextBefore: number | null };
    expect(page.data).toHaveLength(2);
    expect(page.data[0]).not.toHaveProperty("rawPayloadId");
    expect(page.data[0]).not.toHaveProperty("dedupeKey");
    const all = await api(ws.token, `/api/v1/sources/${source.id}/deliveries?status=rejected`);
    const rejected = (await all.json()) as { data: Array<{ status: string; httpStatus: number }> };
    expect(rejected.data.every((d) => d.status === "rejected")).toBe(true);
    expect(rejected.data.some((d) => d.httpStatus === 401)).toBe(true);
  });

  it("replays a processed delivery without counting it twice", async () => {
    const res = await deliver(source.secret, "replay-me", "Payment page froze");
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    expect(await processDelivery(db, env, deliveryId)).toBe(1);

    const replay = await api(ws.token, `/api/v1/deliveries/${deliveryId}/replay`, "POST");
    expect(replay.status).toBe(202);
    expect(await processDelivery(db, env, deliveryId)).toBe(0);
    expect(await processDelivery(db, env, deliveryId)).toBe(0);
    const items = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.externalId, "replay-me"));
    expect(items).toHaveLength(1);
    const delivery = await db.query.deliveries.findFirst({ where: eq(schema.deliveries.id, deliveryId) });
    expect(delivery).toMatchObject({ status: "processed", itemCount: 1 });
  });

  it("replays all dead letters of a source", async () => {
    const res = await deliver(source.secret, "dead-1");
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    await db.update(schema.deliveries).set({ status: "dead_lettered" }).where(eq(schema.deliveries.id, deliveryId));
    const replay = await api(ws.token, `/api/v1/sources/${source.id}/replay`, "POST", { status: "dead_lettered" });
    expect(await replay.json()).toEqual({ replayed: 1 });
    expect(await processDelivery(db, env, deliveryId)).toBe(1);
  });

  it("answers 409 for a rejected delivery, which has nothing to replay", async () => {
    const [rejected] = await db
      .select()
      .from(schema.deliveries)
      .where(eq(schema.deliveries.status, "rejected"))
      .limit(1);
    const res = await api(ws.token, `/api/v1/deliveries/${rejected!.id}/replay`, "POST");
    expect(res.status).toBe(409);
  });
});

describe("tenant isolation", () => {
  it("answers 404 with no data for every source route called with another workspace's token", async () => {
    const routes: Array<[string, string, unknown?]> = [
      ["GET", `/api/v1/sources/${source.id}`],
      ["PATCH", `/api/v1/sources/${source.id}`, { name: "mine now" }],
      ["POST", `/api/v1/sources/${source.id}/rotate-secret`, {}],
      ["GET", `/api/v1/sources/${source.id}/deliveries`],
      ["POST", `/api/v1/sources/${source.id}/replay`, {}],
      ["DELETE", `/api/v1/sources/${source.id}`],
    ];
    for (const [method, path, body] of routes) {
      const res = await api(other.token, path, method, body);
      const text = await res.text();
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(text).not.toContain(source.id);
    }
    const [delivery] = await db
      .select()
      .from(schema.deliveries)
      .where(eq(schema.deliveries.sourceId, source.id))
      .limit(1);
    expect((await api(other.token, `/api/v1/deliveries/${delivery!.id}/replay`, "POST")).status).toBe(404);
    const still = await db.query.sources.findFirst({ where: eq(schema.sources.id, source.id) });
    expect(still).toMatchObject({ name: "NPS", deletedAt: null });
  });

  it("deletes a source: its URL and API answer 404 from then on", async () => {
    expect((await api(ws.token, `/api/v1/sources/${source.id}`, "DELETE")).status).toBe(204);
    expect((await deliver(source.secret, "gone")).status).toBe(404);
    expect((await api(ws.token, `/api/v1/sources/${source.id}`)).status).toBe(404);
  });
});
