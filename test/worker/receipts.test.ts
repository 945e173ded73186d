// The webhook hot path: sources cached in the isolate, receipts written together. What must hold is that another
// isolate's change to a source (simulated here by writing D1 directly, so this isolate's cache is not told) takes
// effect at once, and that concurrent receipts are each stored exactly once.
import { createExecutionContext, env } from "cloudflare:test";
import { encryptSecret } from "@firebreak/core";
import { createDb, schema, sources } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

let ws: TestWorkspace;
let source: { id: string; secret: string };

function deliver(secret: string, eventId: string, comment = "Still no refund after two weeks") {
  const payload = JSON.stringify({ type: "feedback.created", data: { id: eventId, comment, score: 2, scale: "nps" } });
  return call(`/webhooks/standard-webhooks/${source.id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": `msg_${eventId}`,
      "webhook-timestamp": String(Math.floor(NOW / 1000)),
      "webhook-signature": new Webhook(secret).sign(`msg_${eventId}`, new Date(NOW), payload),
    },
    body: payload,
  });
}

const logOf = () => db.select().from(schema.deliveries).where(eq(schema.deliveries.sourceId, source.id));

beforeEach(async () => {
  ws = await makeWorkspace(env.DB, `rcpt${Math.random().toString(36).slice(2, 8)}`);
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({ provider: "standard-webhooks", name: "NPS" }),
  });
  source = (await res.json()) as { id: string; secret: string };
  // The first delivery puts the source in this isolate's cache.
  expect((await deliver(source.secret, "warm")).status).toBe(202);
});

describe("a source changed by another isolate", () => {
  it("a rotated secret stops working at once, though this isolate cached the old one", async () => {
    const fresh = `whsec_${btoa("another isolate rotated this secret!")}`;
    await sources.rotateSecret(db, ws.workspaceId, source.id, await encryptSecret(fresh, env.SECRETS_KEY), "this", NOW);

    const old = await deliver(source.secret, "after-rotation-old");
    expect(old.status).toBe(401);
    expect((await deliver(fresh, "after-rotation-new")).status).toBe(202);
    const log = await logOf();
    // A refusal is logged under its own id (refusals hold no dedupe key), with the reason.
    expect(log.filter((d) => d.status === "rejected").map((d) => d.reason)).toEqual([
      expect.stringContaining("Signature check failed"),
    ]);
    expect(log.find((d) => d.dedupeKey === "msg_after-rotation-new")?.status).toBe("queued");
  });

  it("a pause takes effect at once, and nothing is stored", async () => {
    await sources.update(db, ws.workspaceId, source.id, { status: "paused" });
    const res = await deliver(source.secret, "while-paused");
    expect(res.status).toBe(423);
    expect((await logOf()).some((d) => d.dedupeKey === "msg_while-paused")).toBe(false);
    const orphans = await db
      .select()
      .from(schema.rawPayloads)
      .where(eq(schema.rawPayloads.workspaceId, ws.workspaceId));
    expect(orphans).toHaveLength(1); // the warm-up delivery's payload only
  });

  it("a deleted source answers 404", async () => {
    await sources.remove(db, ws.workspaceId, source.id, NOW);
    expect((await deliver(source.secret, "after-delete")).status).toBe(404);
  });
});

describe("concurrent receipts", () => {
  it("are each stored exactly once, with repeats of one event logged as duplicates of the first", async () => {
    const distinct = Array.from({ length: 40 }, (_, i) => `burst-${i}`);
    const repeats = Array.from({ length: 10 }, () => "burst-repeated");
    const responses = await Promise.all([...distinct, ...repeats].map((id) => deliver(source.secret, id)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(41);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);

    const log = await logOf();
    const queued = log.filter((d) => d.status === "queued" && d.dedupeKey.startsWith("msg_burst-"));
    expect(new Set(queued.map((d) => d.dedupeKey)).size).toBe(41);
    expect(queued).toHaveLength(41);
    const original = queued.find((d) => d.dedupeKey === "msg_burst-repeated");
    const duplicates = log.filter((d) => d.status === "duplicate");
    expect(duplicates).toHaveLength(9);
    expect(duplicates.every((d) => d.duplicateOf === original?.id)).toBe(true);
    // Every receipt kept its payload, for replay.
    const payloads = await db
      .select({ id: schema.rawPayloads.id })
      .from(schema.rawPayloads)
      .where(eq(schema.rawPayloads.workspaceId, ws.workspaceId));
    expect(payloads).toHaveLength(log.length);
  });
});

describe("replay all", () => {
  it("puts hundreds of dead letters back on the queue in one call", async () => {
    const dead = Array.from({ length: 150 }, (_, i) => `dead-${i}`);
    for (const id of dead) expect((await deliver(source.secret, id)).status).toBe(202);
    await db
      .update(schema.deliveries)
      .set({ status: "dead_lettered" })
      .where(and(eq(schema.deliveries.sourceId, source.id), eq(schema.deliveries.status, "queued")));
    const res = await call(`/api/v1/sources/${source.id}/replay`, {
      method: "POST",
      headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "dead_lettered" }),
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { replayed: number }).replayed).toBe(151);
  });
});
