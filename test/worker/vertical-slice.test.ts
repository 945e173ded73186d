import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { frictionScore } from "@firebreak/core";
import type { replay } from "@firebreak/db";
import { createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { handleDeliveryBatch, processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);

function call(path: string, init: RequestInit = {}) {
  return app.request(path, init, env, createExecutionContext());
}

async function createSource(ws: TestWorkspace) {
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "standard-webhooks", name: "Checkout survey", journeyId: ws.journeyId }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; webhookUrl: string; secret: string; secretHint: string };
}

function signedDelivery(secret: string, body: object, { id = "msg_1", at = NOW } = {}) {
  const payload = JSON.stringify(body);
  const signature = new Webhook(secret).sign(id, new Date(at), payload);
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at / 1000)),
      "webhook-signature": signature,
    },
    body: payload,
  };
}

const complaint = {
  type: "feedback.created",
  timestamp: "2026-11-20T09:58:00Z",
  data: {
    id: "resp_1001",
    kind: "survey",
    score: 2,
    scale: "nps",
    comment: "Parcel arrived five days late and still no refund. Reach me at jane.doe@example.com or +45 20 12 34 56.",
    channel: "web",
    touchpoint: "delivery-tracking",
    customer: { id: "cus_42", email: "jane.doe@example.com" },
  },
};

async function drainQueue(deliveryIds: string[]) {
  const batch = createMessageBatch<replay.DeliveryMessage>(
    "firebreak-deliveries",
    deliveryIds.map((deliveryId, i) => ({ id: `m${i}`, timestamp: new Date(NOW), attempts: 1, body: { deliveryId } })),
  );
  const ctx = createExecutionContext();
  await handleDeliveryBatch(batch, env);
  return getQueueResult(batch, ctx);
}

describe("a signed Standard Webhooks delivery becomes friction on its touchpoint", () => {
  let ws: TestWorkspace;
  let source: Awaited<ReturnType<typeof createSource>>;

  beforeAll(async () => {
    ws = await makeWorkspace(env.DB);
    source = await createSource(ws);
    // A pinned theme classifies by its keywords from the first item on, before any re-clustering.
    await db.insert(schema.themes).values({
      id: "thm_parcel",
      workspaceId: ws.workspaceId,
      label: "Where is my parcel",
      pinned: true,
      keywords: { en: ["parcel"] },
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it("creates a source whose secret is shown once and stored encrypted", async () => {
    expect(source.secret).toMatch(/^whsec_/);
    expect(source.webhookUrl).toBe(`http://127.0.0.1:8787/webhooks/standard-webhooks/${source.id}`);
    const stored = await db.query.sources.findFirst({ where: eq(schema.sources.id, source.id) });
    expect(stored?.secretCiphertext).not.toContain(source.secret.slice(6, 20));
    const again = await call(`/api/v1/sources/${source.id}`, { headers: { authorization: `Bearer ${ws.token}` } });
    const body = (await again.json()) as Record<string, unknown>;
    expect(body.secret).toBeUndefined();
    expect(body.secretCiphertext).toBeUndefined();
    expect(body.secretHint).toBe(source.secret.slice(-4));
  });

  it("accepts, stores durably, analyses and rolls up the delivery", async () => {
    const res = await call(`/webhooks/standard-webhooks/${source.id}`, signedDelivery(source.secret, complaint));
    expect(res.status).toBe(202);
    const { deliveryId } = (await res.json()) as { deliveryId: string };

    const queued = await db.query.deliveries.findFirst({ where: eq(schema.deliveries.id, deliveryId) });
    expect(queued?.status).toBe("queued");
    expect(queued?.providerEventId).toBe("msg_1");

    const result = await drainQueue([deliveryId]);
    expect(result.explicitAcks).toEqual(["m0"]);

    const item = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.deliveryId, deliveryId) });
    expect(item).toMatchObject({
      workspaceId: ws.workspaceId,
      touchpointId: ws.touchpointIds.delivery,
      touchpointMethod: "hint",
      sentimentLabel: "negative",
      language: "en",
      score: 2,
      scale: "nps",
    });
    expect(item?.text).not.toContain("jane.doe@example.com");
    expect(item?.text).not.toContain("20 12 34 56");
    expect(item?.text).toContain("[email]");
    expect(item?.redactions).toMatchObject({ email: 1, phone: 1 });

    const rollups = await db
      .select()
      .from(schema.dailyRollups)
      .where(eq(schema.dailyRollups.touchpointId, ws.touchpointIds.delivery));
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ day: "2026-11-20", itemCount: 1, negativeCount: 1, detractorCount: 1 });
    const friction = frictionScore(rollups[0]!);
    expect(friction.score).toBeGreaterThan(50);

    const processed = await db.query.deliveries.findFirst({ where: eq(schema.deliveries.id, deliveryId) });
    expect(processed).toMatchObject({ status: "processed", itemCount: 1 });
  });

  it("treats a redelivery as a duplicate and changes nothing", async () => {
    const res = await call(`/webhooks/standard-webhooks/${source.id}`, signedDelivery(source.secret, complaint));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "duplicate" });
    const items = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.sourceId, source.id));
    expect(items).toHaveLength(1);
    const log = await db.select().from(schema.deliveries).where(eq(schema.deliveries.sourceId, source.id));
    expect(log.map((d) => d.status).sort()).toEqual(["duplicate", "processed"]);
  });

  it("marks a second contact from the same customer about the same issue as a repeat", async () => {
    const again = {
      ...complaint,
      data: { ...complaint.data, id: "resp_1002", comment: "Writing again: where is my parcel?" },
    };
    const res = await call(
      `/webhooks/standard-webhooks/${source.id}`,
      signedDelivery(source.secret, again, { id: "msg_2" }),
    );
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    await drainQueue([deliveryId]);
    const item = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.deliveryId, deliveryId) });
    expect(item?.themeId).toBe("thm_parcel");
    expect(item?.repeatOfItemId).toBeTruthy();
    const customers = await db.select().from(schema.customers).where(eq(schema.customers.workspaceId, ws.workspaceId));
    expect(customers).toHaveLength(1);
    expect(customers[0]?.itemCount).toBe(2);
  });

  it("counts a delivery once even when two consumers race for it", async () => {
    const racing = { ...complaint, data: { ...complaint.data, id: "resp_2001", touchpoint: "checkout-payment" } };
    const res = await call(
      `/webhooks/standard-webhooks/${source.id}`,
      signedDelivery(source.secret, racing, { id: "msg_3" }),
    );
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    const results = await Promise.all([processDelivery(db, env, deliveryId), processDelivery(db, env, deliveryId)]);
    expect(results.sort()).toEqual([0, 1]);
    const rollups = await db
      .select()
      .from(schema.dailyRollups)
      .where(eq(schema.dailyRollups.touchpointId, ws.touchpointIds.checkout));
    expect(rollups.reduce((n, r) => n + r.itemCount, 0)).toBe(1);
    expect(await processDelivery(db, env, deliveryId)).toBe(0);
  });

  it("lets a newer revision replace the item, keeps the old one as history, and moves the rollups", async () => {
    const updated = {
      type: "feedback.updated",
      timestamp: "2026-11-20T09:59:30Z",
      data: {
        ...complaint.data,
        score: 9,
        comment: "Update: the refund arrived and support was super helpful, thanks!",
      },
    };
    const res = await call(
      `/webhooks/standard-webhooks/${source.id}`,
      signedDelivery(source.secret, updated, { id: "msg_4" }),
    );
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    await drainQueue([deliveryId]);

    const items = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.externalId, "resp_1001"));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      score: 9,
      sentimentLabel: "positive",
      revisionAt: Date.parse("2026-11-20T09:59:30Z"),
    });
    const history = await db.select().from(schema.itemRevisions).where(eq(schema.itemRevisions.itemId, items[0]!.id));
    expect(history).toHaveLength(1);
    expect(history[0]?.text).toContain("still no refund");

    const rollups = await db
      .select()
      .from(schema.dailyRollups)
      .where(eq(schema.dailyRollups.touchpointId, ws.touchpointIds.delivery));
    const total = (key: "itemCount" | "negativeCount" | "detractorCount") => rollups.reduce((n, r) => n + r[key], 0);
    // Two items at the touchpoint (the original, now positive, and the repeat contact), one of them negative.
    expect(total("itemCount")).toBe(2);
    expect(total("negativeCount")).toBe(1);
    expect(total("detractorCount")).toBe(1);

    const stale = {
      ...updated,
      timestamp: "2026-11-20T09:58:30Z",
      data: { ...updated.data, score: 0, comment: "old" },
    };
    const late = await call(
      `/webhooks/standard-webhooks/${source.id}`,
      signedDelivery(source.secret, stale, { id: "msg_5" }),
    );
    await drainQueue([((await late.json()) as { deliveryId: string }).deliveryId]);
    const after = await db.query.feedbackItems.findFirst({ where: eq(schema.feedbackItems.id, items[0]!.id) });
    expect(after?.score).toBe(9);
  });
});
