/**
 * The source pipelines both Workers share (connect, rotate, pause, replay, health) against a real D1, and a test
 * event travelling the real webhook path.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { decryptSecret, getProvider, isTestEventId, newId, TEST_EVENT_TEXT } from "@firebreak/core";
import { createDb, deliveries, feedback, placement, replay, schema, sourceChanges, sources } from "@firebreak/db";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getTouchpointDetail } from "../../db/src/queries/map.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const db = createDb(env.DB);
const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const by = { actor: "user:web", now: NOW };
const RANGE = { from: "2026-11-01", to: "2026-11-20" };

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "changes");
  other = await makeWorkspace(env.DB, "changes-other");
});

/** A queue producer that records what it was sent. */
function recordingQueue() {
  const sent: string[] = [];
  return {
    sent,
    sendBatch: async (messages: Iterable<{ body: replay.DeliveryMessage }>) => {
      for (const m of messages) sent.push(m.body.deliveryId);
    },
  };
}

async function auditActions(targetId: string) {
  const rows = await db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, targetId));
  return rows.map((r) => `${r.actor} ${r.action}`);
}

async function insertDelivery(sourceId: string, workspaceId: string, status: deliveries.DeliveryRow["status"]) {
  const id = newId("dlv");
  await db.insert(schema.deliveries).values({
    id,
    workspaceId,
    sourceId,
    provider: "standard-webhooks",
    dedupeKey: id,
    status,
    httpStatus: status === "rejected" ? 401 : 202,
    receivedAt: NOW - 60_000,
  });
  return id;
}

describe("connect", () => {
  it("issues a secret where Firebreak does, stores it encrypted and audits the creation", async () => {
    const result = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "standard-webhooks", name: "Survey tool", defaultTouchpointId: ws.touchpointIds.delivery },
      env.SECRETS_KEY,
      by,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.secret).toMatch(/^whsec_/);
    const row = await sources.get(db, ws.workspaceId, result.source.id);
    expect(row?.secretCiphertext).not.toContain(result.secret);
    expect(await decryptSecret(row?.secretCiphertext ?? "", env.SECRETS_KEY)).toBe(result.secret);
    expect(row?.secretHint).toBe(result.secret.slice(-4));
    expect(row?.defaultTouchpointId).toBe(ws.touchpointIds.delivery);
    expect(await auditActions(result.source.id)).toEqual(["user:web source.created"]);
  });

  it("requires the pasted secret where the provider issues it, and refuses unknown providers", async () => {
    const zendesk = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "zendesk", name: "Z" },
      env.SECRETS_KEY,
      by,
    );
    expect(zendesk).toMatchObject({ ok: false, problem: "bad_request", message: expect.stringContaining("paste") });
    const pasted = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "zendesk", name: "Z", secret: "zendesk-signing-secret" },
      env.SECRETS_KEY,
      by,
    );
    expect(pasted).toMatchObject({ ok: true, secret: "zendesk-signing-secret" });
    const unknown = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "nope", name: "N" },
      env.SECRETS_KEY,
      by,
    );
    expect(unknown).toMatchObject({ ok: false, problem: "bad_request" });
  });

  it("creates file-only sources for CSV/JSONL uploads", async () => {
    const result = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "csv", name: "Export" },
      env.SECRETS_KEY,
      by,
    );
    expect(result).toMatchObject({ ok: true, source: { provider: "csv" } });
  });
});

describe("rotate and pause", () => {
  it("rotates to a new secret, bumps the version and audits; other workspaces cannot", async () => {
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "typeform", name: "T" },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    const rotated = await sourceChanges.rotateSecret(
      db,
      ws.workspaceId,
      created.source.id,
      undefined,
      env.SECRETS_KEY,
      by,
    );
    if (!rotated.ok) throw new Error(rotated.message);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.source.version).toBe(created.source.version + 1);
    expect(rotated.source.secretRotatedAt).toBe(NOW);
    expect(await decryptSecret(rotated.source.secretCiphertext, env.SECRETS_KEY)).toBe(rotated.secret);
    const foreign = await sourceChanges.rotateSecret(
      db,
      other.workspaceId,
      created.source.id,
      undefined,
      env.SECRETS_KEY,
      by,
    );
    expect(foreign).toMatchObject({ ok: false, problem: "not_found" });
    expect(await auditActions(created.source.id)).toContain("user:web source.secret_rotated");
  });

  it("pauses and resumes with an audit entry each, and audits other changes as source.updated", async () => {
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "typeform", name: "P" },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    const paused = await sourceChanges.change(db, ws.workspaceId, created.source.id, { status: "paused" }, by);
    expect(paused.ok && paused.source.status).toBe("paused");
    await sourceChanges.change(db, ws.workspaceId, created.source.id, { status: "active" }, by);
    await sourceChanges.change(db, ws.workspaceId, created.source.id, { name: "Renamed" }, by);
    expect(
      await sourceChanges.change(db, other.workspaceId, created.source.id, { status: "paused" }, by),
    ).toMatchObject({ ok: false, problem: "not_found" });
    expect(await auditActions(created.source.id)).toEqual([
      "user:web source.created",
      "user:web source.paused",
      "user:web source.resumed",
      "user:web source.updated",
    ]);
  });
});

describe("replay", () => {
  it("puts a dead letter back on the queue, refuses rejected receipts and other workspaces", async () => {
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "typeform", name: "R" },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    const dead = await insertDelivery(created.source.id, ws.workspaceId, "dead_lettered");
    const refused = await insertDelivery(created.source.id, ws.workspaceId, "rejected");
    const queue = recordingQueue();

    expect(await replay.replayDelivery(db, queue, other.workspaceId, dead, by)).toEqual({
      ok: false,
      problem: "not_found",
    });
    expect(await replay.replayDelivery(db, queue, ws.workspaceId, refused, by)).toEqual({
      ok: false,
      problem: "not_replayable",
      status: "rejected",
    });
    expect(await replay.replayDelivery(db, queue, ws.workspaceId, dead, by)).toEqual({ ok: true, replayed: 1 });
    expect(queue.sent).toEqual([dead]);
    expect((await deliveries.get(db, ws.workspaceId, dead))?.status).toBe("queued");
    expect(await auditActions(dead)).toEqual(["user:web delivery.replayed"]);
  });

  it("replays all of a source's dead letters and nothing else", async () => {
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "typeform", name: "All" },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    const dead = [
      await insertDelivery(created.source.id, ws.workspaceId, "dead_lettered"),
      await insertDelivery(created.source.id, ws.workspaceId, "dead_lettered"),
    ];
    const processed = await insertDelivery(created.source.id, ws.workspaceId, "processed");
    const queue = recordingQueue();
    const sent = await replay.replaySource(db, queue, ws.workspaceId, created.source.id, "dead_lettered", by);
    expect(sent).toBe(2);
    expect(queue.sent.sort()).toEqual([...dead].sort());
    expect((await deliveries.get(db, ws.workspaceId, processed))?.status).toBe("processed");
    expect(await replay.replaySource(db, queue, ws.workspaceId, created.source.id, "dead_lettered", by)).toBe(0);
  });

  it("loses nothing when the queue send fails: the delivery stays queued for the sweep", async () => {
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "typeform", name: "F" },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    const dead = await insertDelivery(created.source.id, ws.workspaceId, "dead_lettered");
    const broken = { sendBatch: async () => Promise.reject(new Error("queue down")) };
    expect(await replay.replayDelivery(db, broken, ws.workspaceId, dead, by)).toEqual({ ok: true, replayed: 0 });
    expect((await deliveries.get(db, ws.workspaceId, dead))?.status).toBe("queued");
  });
});

describe("health", () => {
  it("counts a source's deliveries and failures since a time, per workspace", async () => {
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "typeform", name: "H" },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    for (const status of ["processed", "rejected", "dead_lettered", "failed", "duplicate"] as const) {
      await insertDelivery(created.source.id, ws.workspaceId, status);
    }
    const health = await deliveries.healthSince(db, ws.workspaceId, NOW - 86_400_000);
    expect(health.get(created.source.id)).toEqual({ total: 5, failures: 3 });
    expect((await deliveries.healthSince(db, ws.workspaceId, NOW)).get(created.source.id)).toBeUndefined();
    expect((await deliveries.healthSince(db, other.workspaceId, 0)).get(created.source.id)).toBeUndefined();
  });
});

describe("changing a source's settings", () => {
  it("renames, sets the default touchpoint and settings, audits which fields changed, and refuses others' touchpoints", async () => {
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "hubspot", name: "Tickets", secret: "hubspot-client-secret" },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    const patch = {
      name: "HubSpot tickets",
      defaultTouchpointId: ws.touchpointIds.checkout,
      settings: { canonicalUrl: "https://feedback.example.com/hubspot" },
    };
    const changed = await sourceChanges.change(db, ws.workspaceId, created.source.id, patch, by);
    expect(changed).toMatchObject({ ok: true, source: { ...patch, version: created.source.version + 1 } });
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, created.source.id), eq(schema.auditLog.action, "source.updated")));
    expect(entry?.details).toEqual({ fields: ["name", "defaultTouchpointId", "settings"] });

    const foreign = await sourceChanges.change(
      db,
      ws.workspaceId,
      created.source.id,
      { defaultTouchpointId: other.touchpointIds.delivery },
      by,
    );
    expect(foreign).toMatchObject({
      ok: false,
      problem: "bad_request",
      message: expect.stringContaining("touchpoint"),
    });
    // Saving the same values again changes nothing worth an audit entry.
    await sourceChanges.change(db, ws.workspaceId, created.source.id, patch, by);
    expect((await auditActions(created.source.id)).filter((a) => a.endsWith("source.updated"))).toHaveLength(1);
    expect((await sources.get(db, ws.workspaceId, created.source.id))?.defaultTouchpointId).toBe(
      ws.touchpointIds.checkout,
    );
  });

  it("refuses a generic JSON mapping that cannot map, and keeps the stored one", async () => {
    const mapping = { externalId: "/id", text: "/comment" };
    const created = await sourceChanges.connect(
      db,
      ws.workspaceId,
      { provider: "generic-json", name: "JSON", fieldMapping: mapping },
      env.SECRETS_KEY,
      by,
    );
    if (!created.ok) throw new Error(created.message);
    const refused = await sourceChanges.change(
      db,
      ws.workspaceId,
      created.source.id,
      { fieldMapping: { text: "/comment" } },
      by,
    );
    expect(refused).toMatchObject({
      ok: false,
      problem: "bad_request",
      message: expect.stringContaining("externalId"),
    });
    expect((await sources.get(db, ws.workspaceId, created.source.id))?.fieldMapping).toEqual(mapping);
  });
});

/** What a source of each provider is connected with, so its test event is signed and mapped as the source expects. */
const CONNECT: Record<string, Partial<sourceChanges.ConnectInput>> = {
  zendesk: { secret: "zendesk-signing-secret" },
  surveymonkey: { secret: "surveymonkey-app-secret", settings: { apiKey: "sm-client-id" } },
  qualtrics: { secret: "qualtrics-shared-key" },
  hubspot: { secret: "hubspot-client-secret" },
  front: { secret: "front-api-secret" },
  intercom: { secret: "intercom-client-secret" },
  "generic-json": {
    fieldMapping: { externalId: "/data/id", text: "/data/comment", score: "/data/stars", scale: "stars5" },
  },
};

/** Sends `provider`'s test event through the real webhook endpoint and processes it; returns the source. */
async function sendTestEvent(provider: string, extra: Partial<sourceChanges.ConnectInput> = {}) {
  const created = await sourceChanges.connect(
    db,
    ws.workspaceId,
    { provider, name: provider, ...CONNECT[provider], ...extra },
    env.SECRETS_KEY,
    by,
  );
  if (!created.ok) throw new Error(created.message);
  const event = await getProvider(provider)?.testEvent?.({
    secret: created.secret,
    now: NOW,
    webhookUrl: `http://localhost/webhooks/${provider}/${created.source.id}`,
    settings: created.source.settings,
    fieldMapping: created.source.fieldMapping,
    nonce: newId("t"),
  });
  if (!event) throw new Error("no test event");
  const res = await app.request(
    event.url,
    { method: "POST", headers: event.headers, body: event.body },
    env,
    createExecutionContext(),
  );
  expect(res.status, await res.clone().text()).toBe(202);
  const { deliveryId } = (await res.json()) as { deliveryId: string };
  expect(await processDelivery(db, env, deliveryId)).toBe(1);
  const [delivery] = await db.select().from(schema.deliveries).where(eq(schema.deliveries.id, deliveryId));
  return { source: created.source, delivery };
}

describe("test events through the webhook path", () => {
  const providers = ["standard-webhooks", "typeform", "zendesk", ...Object.keys(CONNECT).slice(1)];
  for (const provider of providers) {
    it(`${provider}: accepted (202), processed into one test item carrying the test text, logged as a test`, async () => {
      const { source, delivery } = await sendTestEvent(provider);
      const [item] = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.sourceId, source.id));
      expect(item?.text).toContain(TEST_EVENT_TEXT);
      expect(item?.isTest).toBe(true);
      expect(item?.needsEnrichment).toBe(false);
      expect(isTestEventId(delivery?.providerEventId)).toBe(true);
    });
  }

  it("stores the test item on the default touchpoint, but adds nothing to its rollups, friction or inbox", async () => {
    // The touchpoint page: its counters, friction, spike, verbatims, recurring issues and repeat chains.
    const detail = () => getTouchpointDetail(db, ws.workspaceId, ws.touchpointIds.delivery, RANGE);
    const before = await detail();
    const { source } = await sendTestEvent("standard-webhooks", { defaultTouchpointId: ws.touchpointIds.delivery });
    const [item] = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.sourceId, source.id));
    expect(item).toMatchObject({ isTest: true, touchpointId: ws.touchpointIds.delivery, touchpointMethod: "default" });
    expect(item?.themeId).toBeNull();
    const rollups = await db.select().from(schema.dailyRollups).where(eq(schema.dailyRollups.sourceId, source.id));
    expect(rollups).toEqual([]);
    expect(await detail()).toEqual(before);
    expect(await feedback.latestTests(db, ws.workspaceId, source.id)).toMatchObject([
      { id: item?.id, touchpointMethod: "default" },
    ]);

    // Without a default touchpoint the test item is unassigned, and still not in the inbox.
    const unplaced = await sendTestEvent("typeform");
    const [unassigned] = await db
      .select()
      .from(schema.feedbackItems)
      .where(eq(schema.feedbackItems.sourceId, unplaced.source.id));
    expect(unassigned).toMatchObject({ isTest: true, touchpointId: null });
    const inbox = await placement.unassigned(db, ws.workspaceId);
    expect(inbox.items.map((i) => i.id)).not.toContain(unassigned?.id);
  });
});
