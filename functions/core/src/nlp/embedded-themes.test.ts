import { describe, expect, it } from "vitest";
import { analyzeItem, createAnalysisContext, type WorkspaceAnalysisData } from "../analysis/analyze.ts";
import type { NormalizedFeedback } from "../model.ts";
import { SHARED_WORD_ISSUES as PLANTED } from "../themes/fixtures.ts";
import { rebuildThemes, type WindowItem } from "../themes/rebuild.ts";
import type { SparseVector } from "../themes/vectors.ts";
import { blendSentiment } from "./blend.ts";
import { FakeAI } from "./fake-ai.ts";
import { refineWithAi } from "./refine.ts";
import { BGE_M3, BGE_M3_THRESHOLDS, DISTILBERT_SST2, workersAiBackend } from "./workers-ai.ts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-20T10:00:00Z");

const ONE_OFFS = ["Lovely staff in the Aarhus shop", "Do you ship to Iceland?", "Nice colours this season"];

function windowItems(): { items: WindowItem[]; gold: Map<string, string> } {
  const gold = new Map<string, string>();
  const texts = [
    ...Object.entries(PLANTED).flatMap(([theme, list]) => list.map((text) => ({ theme, text }))),
    ...ONE_OFFS.map((text) => ({ theme: "none", text })),
  ];
  const items = texts.map(({ theme, text }, i): WindowItem => {
    const id = `itm_${String(i).padStart(3, "0")}`;
    gold.set(id, theme);
    return {
      id,
      text,
      language: "en",
      themeId: null,
      customerId: null,
      occurredAt: NOW - i * DAY,
      touchpointId: null,
      touchpointMethod: "default",
    };
  });
  return { items, gold };
}

async function embedAll(items: readonly WindowItem[], fake = new FakeAI()) {
  const { embedder } = workersAiBackend(fake);
  const vectors = await embedder.embed(items.map((i) => i.text));
  return new Map(items.map((item, i) => [item.id, vectors[i] as SparseVector]));
}

let counter = 0;
const newThemeId = () => `thm_${++counter}`;

describe("re-clustering on embeddings (FakeAI)", () => {
  it("finds the planted issues through rebuildThemes and keeps dense centroids", async () => {
    const { items, gold } = windowItems();
    const vectors = await embedAll(items);
    const result = rebuildThemes({
      items,
      themes: [],
      newThemeId,
      embeddings: { vectors, assignThreshold: BGE_M3_THRESHOLDS.assign },
      cluster: { threshold: BGE_M3_THRESHOLDS.join, mergeThreshold: BGE_M3_THRESHOLDS.merge },
    });

    // Each planted issue lands, almost whole, on one theme of its own.
    const themeOf = new Map<string, string>();
    for (const issue of Object.keys(PLANTED)) {
      const counts = new Map<string, number>();
      for (const [id, g] of gold)
        if (g === issue) {
          const theme = result.itemThemes.get(id) ?? "none";
          counts.set(theme, (counts.get(theme) ?? 0) + 1);
        }
      const [theme, n] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
      expect(theme).not.toBe("none");
      expect(n).toBeGreaterThanOrEqual(8);
      themeOf.set(issue, theme);
    }
    expect(new Set(themeOf.values()).size).toBe(3);

    // Labels still come from the text; centroids are over embedding dimensions, rounded to 4 decimals.
    const late = result.themes.find((t) => t.id === themeOf.get("late"));
    expect(late?.label.toLowerCase()).toContain("parcel");
    const dims = Object.keys(late?.centroid ?? {});
    expect(dims.length).toBeGreaterThan(100);
    expect(dims.every((d) => /^\d+$/.test(d))).toBe(true);
    expect(Object.values(late?.centroid ?? {}).every((w) => Math.round(w * 1e4) / 1e4 === w)).toBe(true);
    expect(result.model.threshold).toBe(BGE_M3_THRESHOLDS.assign);
    // No centroid term needs an IDF: only touchpoint profiles (none here) would.
    expect(result.model.idf).toEqual({});
  });

  it("lets an item without an embedding keep its theme when that theme survives, else unthemes it", async () => {
    const { items } = windowItems();
    const vectors = await embedAll(items);
    const first = rebuildThemes({
      items,
      themes: [],
      newThemeId,
      embeddings: { vectors, assignThreshold: BGE_M3_THRESHOLDS.assign },
    });
    const stored = first.themes.map((t) => ({ id: t.id, status: "active" as const, pinned: false, keywords: {} }));
    const themed = items.map((item) => ({ ...item, themeId: first.itemThemes.get(item.id) ?? null }));
    const kept = themed.find((i) => i.themeId !== null) as WindowItem;
    const orphan = { ...themed[themed.length - 1], id: "itm_orphan", themeId: "thm_gone" } as WindowItem;
    vectors.delete(kept.id);

    const second = rebuildThemes({
      items: [...themed, orphan],
      themes: stored,
      newThemeId,
      embeddings: { vectors, assignThreshold: BGE_M3_THRESHOLDS.assign },
    });
    expect(second.itemThemes.get(kept.id)).toBe(kept.themeId);
    expect(second.itemThemes.get("itm_orphan")).toBeNull();
    // Stable ids: the same items keep the same themes.
    expect(new Set(second.themes.map((t) => t.id))).toEqual(new Set(first.themes.map((t) => t.id)));
  });

  it("still lets pinned keywords claim their items first", async () => {
    const { items } = windowItems();
    const vectors = await embedAll(items);
    const result = rebuildThemes({
      items,
      themes: [{ id: "thm_pinned", status: "active", pinned: true, keywords: { en: ["charged twice"] } }],
      newThemeId,
      embeddings: { vectors, assignThreshold: BGE_M3_THRESHOLDS.assign },
    });
    expect(result.pinnedCounts.get("thm_pinned")).toBe(PLANTED.charged?.length);
    expect(result.itemThemes.get("itm_020")).toBe("thm_pinned");
  });
});

function feedback(text: string, extra: Partial<NormalizedFeedback> = {}): NormalizedFeedback {
  return { externalId: text, kind: "survey", channel: "web", text, scale: "none", tags: [], occurredAt: NOW, ...extra };
}

async function embeddedWorkspace(modelId = BGE_M3): Promise<WorkspaceAnalysisData> {
  const { items } = windowItems();
  const result = rebuildThemes({
    items,
    themes: [],
    newThemeId,
    embeddings: { vectors: await embedAll(items), assignThreshold: BGE_M3_THRESHOLDS.assign },
  });
  const pinned = { id: "thm_pinned", centroid: {}, pinned: true, keywords: { en: ["invoice"] } };
  return {
    languages: ["en", "da"],
    touchpoints: [],
    themeModel: { ...result.model, themes: [...result.model.themes, pinned], backend: "workers-ai", modelId },
    aiEnabled: true,
  };
}

describe("ingest with an embedding-based theme model", () => {
  it("never compares a TF-IDF vector with embedded centroids: locally only pinned keywords assign", async () => {
    const context = createAnalysisContext(await embeddedWorkspace());
    expect(context.embeddedThemes).toMatchObject({ backend: "workers-ai", modelId: BGE_M3 });
    expect(context.aiEnabled).toBe(true);
    expect(analyzeItem(feedback("My parcel arrived late again"), context).theme).toBeNull();
    expect(analyzeItem(feedback("The invoice is wrong"), context).theme).toMatchObject({
      themeId: "thm_pinned",
      method: "keyword",
    });
  });

  it("places items by their embedding and blends English sentiment into the local score", async () => {
    const context = createAnalysisContext(await embeddedWorkspace());
    const analyzed = [
      analyzeItem(feedback("The parcel arrived late once again"), context),
      analyzeItem(feedback("The invoice is wrong"), context),
      analyzeItem(feedback("Pakken kom for sent"), context),
      analyzeItem(feedback("Great and friendly staff, thanks"), context),
    ];
    const fake = new FakeAI();
    const refined = await refineWithAi(analyzed, workersAiBackend(fake), context.embeddedThemes);

    expect(refined.errors).toEqual([]);
    expect(refined.items[0]?.theme).toMatchObject({ method: "centroid" });
    expect(refined.items[0]?.theme?.similarity).toBeGreaterThanOrEqual(BGE_M3_THRESHOLDS.assign);
    // The keyword placement stands, and only unthemed items were embedded.
    expect(refined.items[1]?.theme?.themeId).toBe("thm_pinned");
    expect(fake.callsTo(BGE_M3).flatMap((c) => (c.input as { text: string[] }).text)).not.toContain(
      "The invoice is wrong",
    );
    // Danish keeps the local sentiment; English moves towards the model.
    expect(refined.items[2]?.sentiment).toEqual(analyzed[2]?.sentiment);
    expect(refined.items[3]?.sentiment.score).toBeGreaterThan(analyzed[3]?.sentiment.score as number);
    expect(refined.sentimentBlended).toBe(3);
    expect(fake.callsTo(DISTILBERT_SST2)).toHaveLength(3);
  });

  it("sends only redacted text to the model", async () => {
    const context = createAnalysisContext(await embeddedWorkspace());
    const analyzed = [analyzeItem(feedback("Parcel arrived late, write to jane.doe@example.com"), context)];
    const fake = new FakeAI();
    await refineWithAi(analyzed, workersAiBackend(fake), context.embeddedThemes);
    expect(JSON.stringify(fake.calls)).not.toContain("jane.doe@example.com");
    expect(fake.calls.length).toBeGreaterThan(0);
  });

  it("embeds nothing while the stored model came from another embedding model", async () => {
    const context = createAnalysisContext(await embeddedWorkspace("@cf/baai/bge-large-en-v1.5"));
    const analyzed = [analyzeItem(feedback("The parcel arrived late once again"), context)];
    const fake = new FakeAI();
    const refined = await refineWithAi(analyzed, workersAiBackend(fake), context.embeddedThemes);
    expect(fake.callsTo(BGE_M3)).toHaveLength(0);
    expect(refined.items[0]?.theme).toBeNull();
  });

  it.each(["throw", "hang", "garbage", "wrong-count"] as const)(
    "keeps every local result when the model fails (%s), and says what failed",
    async (failure) => {
      const context = createAnalysisContext(await embeddedWorkspace());
      const analyzed = [
        analyzeItem(feedback("The parcel arrived late once again"), context),
        analyzeItem(feedback("Terrible service"), context),
      ];
      const backend = workersAiBackend(new FakeAI({ failure }), { timeoutMs: 20 });
      const refined = await refineWithAi(analyzed, backend, context.embeddedThemes);
      expect(refined.items).toEqual(analyzed);
      expect(refined.items[0]).toBe(analyzed[0]);
      expect(refined.errors.length).toBe(2);
      expect(refined.errors.map((e) => e.model).sort()).toEqual([BGE_M3, DISTILBERT_SST2]);
    },
  );

  it("keeps embedding-based themes when only sentiment fails, and the other way round", async () => {
    const context = createAnalysisContext(await embeddedWorkspace());
    const analyzed = [analyzeItem(feedback("The parcel arrived late once again"), context)];
    const noSentiment = await refineWithAi(
      analyzed,
      workersAiBackend(new FakeAI({ failure: "throw", failModel: DISTILBERT_SST2 })),
      context.embeddedThemes,
    );
    expect(noSentiment.items[0]?.theme).not.toBeNull();
    expect(noSentiment.items[0]?.sentiment).toEqual(analyzed[0]?.sentiment);
    const noThemes = await refineWithAi(
      analyzed,
      workersAiBackend(new FakeAI({ failure: "throw", failModel: BGE_M3 })),
      context.embeddedThemes,
    );
    expect(noThemes.items[0]?.theme).toBeNull();
    expect(noThemes.sentimentBlended).toBe(1);
  });
});

describe("blendSentiment", () => {
  it("gives the model half the say when the lexicon found nothing", () => {
    expect(blendSentiment({ score: 0, label: "neutral", confidence: 0 }, -1)).toEqual({
      score: -0.5,
      label: "negative",
      confidence: 0.5,
    });
  });

  it("moves a confident local verdict by a quarter of the disagreement at most", () => {
    const blended = blendSentiment({ score: 0.6, label: "positive", confidence: 1 }, -1);
    expect(blended.score).toBeCloseTo(0.2);
    expect(blended.label).toBe("neutral");
    expect(blended.confidence).toBe(1);
  });

  it("leaves agreement where it was, only surer", () => {
    const blended = blendSentiment({ score: -0.6, label: "negative", confidence: 0.4 }, -0.6);
    expect(blended.score).toBeCloseTo(-0.6);
    expect(blended.confidence).toBeGreaterThan(0.4);
  });
});
