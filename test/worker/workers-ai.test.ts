import { env } from "cloudflare:test";
import { analyzeItem, BGE_M3, createAnalysisContext, DISTILBERT_SST2, workersAiBackend } from "@firebreak/core";
import { FakeAI } from "@firebreak/core/nlp/fake-ai";
import { SHARED_WORD_ISSUES } from "@firebreak/core/themes/fixtures";
import { createDb, reclusterWorkspace, schema, workspaces } from "@firebreak/db";
import { and, eq, inArray } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { workspaceEmbedder } from "../../functions/ingest/src/ai.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { forgetAnalysisContexts, processDeliveries } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { createStandardSource, postStandardDelivery } from "./standard-webhooks.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);

/** Two of the shared-word issues, eight items each. */
const ISSUES = {
  late: SHARED_WORD_ISSUES.late?.slice(0, 8) ?? [],
  charged: SHARED_WORD_ISSUES.charged?.slice(0, 8) ?? [],
};

let sequence = 0;

/** Accepts one signed delivery per text and returns the delivery ids, still queued. */
async function deliver(source: { id: string; secret: string }, texts: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const comment of texts) {
    const n = ++sequence;
    // A minute apart: re-clustering reads items in time order, and with one shared time their random ids would set
    // the order, and with it (on the fake's embeddings) how many themes form.
    const occurred_at = new Date(NOW - n * 60_000).toISOString();
    const data = {
      id: `resp_ai_${n}`,
      kind: "survey",
      comment,
      channel: "web",
      occurred_at,
      customer: { id: `cus_ai_${n}` },
    };
    ids.push(await postStandardDelivery(app, source, `msg_ai_${n}`, data));
  }
  return ids;
}

async function aiWorkspace(label: string) {
  const ws = await makeWorkspace(env.DB, label);
  await db.update(schema.workspaces).set({ aiEnabled: true }).where(eq(schema.workspaces.id, ws.workspaceId));
  return { ws, source: await createStandardSource(app, ws) };
}

const itemsOf = (deliveryIds: string[]) =>
  db.select().from(schema.feedbackItems).where(inArray(schema.feedbackItems.deliveryId, deliveryIds));

afterEach(() => {
  vi.restoreAllMocks();
  forgetAnalysisContexts();
});

describe("Workers AI for a workspace that enabled it (FakeAI bound as env.AI)", () => {
  let ws: TestWorkspace;
  let source: { id: string; secret: string };
  const fake = new FakeAI();

  beforeAll(async () => {
    ({ ws, source } = await aiWorkspace("ai-on"));
  });

  it("blends English sentiment into the stored analysis and sends the model only redacted text", async () => {
    const ids = await deliver(source, [
      ...ISSUES.late,
      ...ISSUES.charged,
      "Great and friendly staff, thanks. Write to me at jane.doe@example.com",
      "Pakken kom for sent igen, meget irriterende",
    ]);
    const outcome = await processDeliveries(db, { ...env, AI: fake }, ids);
    expect(outcome.failed.size).toBe(0);
    expect(outcome.inserted).toBe(ids.length);

    // No theme model yet, so nothing to compare embeddings with: only sentiment was asked, English only.
    expect(fake.callsTo(BGE_M3)).toHaveLength(0);
    expect(fake.callsTo(DISTILBERT_SST2)).toHaveLength(ids.length - 1);
    expect(JSON.stringify(fake.calls)).not.toContain("jane.doe@example.com");

    const stored = await itemsOf(ids);
    const praise = stored.find((i) => i.text.startsWith("Great and friendly"));
    const context = createAnalysisContext(
      (await workspaces.analysisContext(db, ws.workspaceId)) as NonNullable<
        Awaited<ReturnType<typeof workspaces.analysisContext>>
      >,
    );
    const local = analyzeItem(
      {
        externalId: "x",
        kind: "survey",
        channel: "web",
        text: "Great and friendly staff, thanks. Write to me at jane.doe@example.com",
        scale: "none",
        tags: [],
        occurredAt: NOW,
      },
      context,
    );
    expect(praise?.sentiment).toBeGreaterThan(local.sentiment.score);
  });

  it("re-clusters on the fake embeddings and records the model with the themes", async () => {
    const embedder = await workspaceEmbedder(db, { AI: fake }, ws.workspaceId);
    expect(embedder?.modelId).toBe(BGE_M3);
    const summary = await reclusterWorkspace(db, ws.workspaceId, { now: NOW, embedder });
    expect(summary).toMatchObject({ backend: "workers-ai", embedded: 18 });
    expect(summary.themes).toBeGreaterThanOrEqual(2);

    const model = await db.query.themeModels.findFirst({ where: eq(schema.themeModels.workspaceId, ws.workspaceId) });
    expect(model).toMatchObject({ backend: "workers-ai", modelId: BGE_M3 });
    const rows = await db
      .select()
      .from(schema.themes)
      .where(and(eq(schema.themes.workspaceId, ws.workspaceId), eq(schema.themes.status, "active")));
    const late = rows.find((t) => t.label.toLowerCase().includes("parcel"));
    expect(late).toBeDefined();
    // Centroids over embedding dimensions (every one a member touched: all 1,024 with bge-m3, fewer with the fake's
    // hashed trigrams), rounded to 4 decimals. With the fake, 50-85 over runs: which items join the cluster depends
    // on their random ids' order, so the bound only says "dimensions, many of them", not a count.
    const dims = Object.keys(late?.centroid ?? {});
    expect(dims.length).toBeGreaterThan(20);
    expect(Object.values(late?.centroid ?? {}).every((w) => Math.round(w * 1e4) / 1e4 === w)).toBe(true);
    expect(dims.every((d) => /^\d+$/.test(d))).toBe(true);
  });

  it("assigns new items to the embedding-based themes at ingest", async () => {
    const lateTheme = (
      await db
        .select()
        .from(schema.themes)
        .where(and(eq(schema.themes.workspaceId, ws.workspaceId), eq(schema.themes.status, "active")))
    ).find((t) => t.label.toLowerCase().includes("parcel"));
    const before = fake.callsTo(BGE_M3).length;
    const ids = await deliver(source, ["The parcel arrived late once more"]);
    const outcome = await processDeliveries(db, { ...env, AI: fake }, ids);
    expect(outcome.failed.size).toBe(0);
    expect(fake.callsTo(BGE_M3).length).toBe(before + 1);
    const [item] = await itemsOf(ids);
    expect(item?.themeId).toBe(lateTheme?.id);
  });

  it("skips centroid assignment without the binding: TF-IDF never meets the dense centroids", async () => {
    const ids = await deliver(source, ["The parcel arrived late once more, again"]);
    const outcome = await processDeliveries(db, env, ids);
    expect(outcome.failed.size).toBe(0);
    const [item] = await itemsOf(ids);
    expect(item?.themeId).toBeNull();
  });

  it.each(["throw", "garbage", "wrong-count"] as const)(
    "stores every item with its local analysis when the model fails (%s), and logs one line",
    async (failure) => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const texts = ["My parcel arrived late yet again", "Great and friendly staff, thanks"];
      const ids = await deliver(source, texts);
      const outcome = await processDeliveries(db, { ...env, AI: new FakeAI({ failure }) }, ids);
      expect(outcome.failed.size).toBe(0);
      expect(outcome.inserted).toBe(2);

      const stored = await itemsOf(ids);
      expect(stored).toHaveLength(2);
      const context = createAnalysisContext(
        (await workspaces.analysisContext(db, ws.workspaceId)) as NonNullable<
          Awaited<ReturnType<typeof workspaces.analysisContext>>
        >,
      );
      for (const text of texts) {
        const local = analyzeItem(
          { externalId: "x", kind: "survey", channel: "web", text, scale: "none", tags: [], occurredAt: NOW },
          context,
        );
        const item = stored.find((i) => i.text === text);
        expect(item?.sentiment).toBe(local.sentiment.score);
        expect(item?.themeId).toBeNull();
      }
      const deliveries = await db.select().from(schema.deliveries).where(inArray(schema.deliveries.id, ids));
      expect(deliveries.every((d) => d.status === "processed")).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain("workers-ai: kept the local analysis");
    },
  );

  it("re-clusters locally when the embedder fails", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const failing = workersAiBackend(new FakeAI({ failure: "throw" })).embedder;
    const summary = await reclusterWorkspace(db, ws.workspaceId, { now: NOW, embedder: failing });
    expect(summary).toMatchObject({ backend: "local", embedded: 0 });
    const model = await db.query.themeModels.findFirst({ where: eq(schema.themeModels.workspaceId, ws.workspaceId) });
    expect(model).toMatchObject({ backend: "local", modelId: "tfidf-stem-v1" });
  });
});

describe("Workers AI for a workspace that did not enable it", () => {
  it("never calls the model, even with the binding present", async () => {
    const ws = await makeWorkspace(env.DB, "ai-off");
    const source = await createStandardSource(app, ws);
    const fake = new FakeAI();
    const ids = await deliver(source, ["The parcel arrived late", "Charged twice for one order"]);
    const outcome = await processDeliveries(db, { ...env, AI: fake }, ids);
    expect(outcome.inserted).toBe(2);
    expect(fake.calls).toHaveLength(0);
    expect(await workspaceEmbedder(db, { AI: fake }, ws.workspaceId)).toBeUndefined();
  });
});
