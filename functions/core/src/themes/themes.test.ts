import { describe, expect, it } from "vitest";
import { ASSIGN_THRESHOLD, assignTheme, type ThemeModel } from "./assign.ts";
import { type Clustering, clusterDocuments, suggestKeywords, type ThemeDocument, themeLabel } from "./cluster.ts";
import { DANISH_REFUND, LATE, REFUND } from "./fixtures.ts";
import { collapseNearDuplicates } from "./near-duplicates.ts";
import { linkRepeatContacts, rebuildThemes, type WindowItem } from "./rebuild.ts";
import { reconcileThemes } from "./reconcile.ts";
import { stems, termCounts } from "./terms.ts";
import { learnIdf, vectorize } from "./vectors.ts";

const DAY = 86_400_000;
function corpus(): ThemeDocument[] {
  const docs: ThemeDocument[] = [];
  for (let round = 0; round < 3; round++) {
    for (const text of [...LATE, ...REFUND])
      docs.push({ id: `en${docs.length}`, text: `${text} (${round})`, language: "en" });
    for (const text of DANISH_REFUND) docs.push({ id: `da${docs.length}`, text, language: "da" });
  }
  return docs;
}

describe("terms", () => {
  it("stems content words, drops stopwords, greetings and redaction tokens", () => {
    expect(stems("Hi team, my parcels were arriving LATE [email]", "en")).toEqual(["parcel", "arriv", "late"]);
    expect(stems("Hej, pakkerne kom for sent", "da")).not.toContain("hej");
  });

  it("adds language-neutral CX concepts, so the same issue meets across languages", () => {
    expect(termCounts("Still no refund", "en").has("@refund")).toBe(true);
    expect(termCounts("Ingen tilbagebetaling endnu", "da").has("@refund")).toBe(true);
    expect(termCounts("Wo bleibt meine Rückerstattung?", "de").has("@refund")).toBe(true);
    expect(termCounts("¿Dónde está mi reembolso?", "es").has("@refund")).toBe(true);
    expect(termCounts("Lovely colours", "en").has("@refund")).toBe(false);
  });
});

describe("clusterDocuments", () => {
  it("finds the planted issues, labels them in customers' words, and is deterministic", () => {
    const docs = corpus();
    const first = clusterDocuments(docs);
    const second = clusterDocuments(docs);
    expect(second.clusters.map((c) => c.memberIds)).toEqual(first.clusters.map((c) => c.memberIds));
    const byLabel = first.clusters.map((c) => c.label.toLowerCase());
    expect(byLabel.some((l) => /parcel|late/.test(l))).toBe(true);
    expect(byLabel.some((l) => /refund|return/.test(l))).toBe(true);
    // Late deliveries and refunds never share a cluster.
    for (const cluster of first.clusters) {
      const texts = cluster.memberIds.map((id) => docs.find((d) => d.id === id)?.text ?? "");
      const late = texts.filter((t) => LATE.some((l) => t.startsWith(l))).length;
      const refund = texts.filter((t) => REFUND.some((l) => t.startsWith(l))).length;
      expect(Math.min(late, refund)).toBe(0);
    }
  });

  it("joins Danish refund complaints to the English refund theme through the concept vocabulary", () => {
    const docs = corpus();
    const { assignments } = clusterDocuments(docs);
    const englishRefund = assignments.get(docs.find((d) => d.text.startsWith(REFUND[0] as string))?.id ?? "");
    const danish = docs.filter((d) => d.language === "da").map((d) => assignments.get(d.id));
    expect(englishRefund).toBeDefined();
    expect(danish.filter((c) => c === englishRefund).length).toBeGreaterThanOrEqual(danish.length / 2);
  });

  it("leaves one-off remarks unclustered rather than inventing themes for them", () => {
    const docs = [
      ...corpus(),
      { id: "x1", text: "Thanks!", language: "en" },
      { id: "x2", text: "Which colours does the sofa come in?", language: "en" },
    ];
    const { assignments } = clusterDocuments(docs);
    expect(assignments.has("x1")).toBe(false);
    expect(assignments.has("x2")).toBe(false);
  });

  it("labels with up to two phrases that do not repeat each other", () => {
    expect(themeLabel(["arrived late", "late", "tracking"])).toBe("Arrived late · tracking");
    expect(themeLabel([])).toBe("Unlabelled issue");
  });
});

describe("near-duplicates", () => {
  it("collapses copies that differ in a word or two, and keeps short texts apart", () => {
    const weights = learnIdf([
      ...Array.from({ length: 4 }, () =>
        termCounts("the parcel arrived five days late and the box was crushed", "en").keys(),
      ),
      termCounts("thanks", "en").keys(),
      termCounts("thanks", "en").keys(),
    ]);
    const vectors = [
      "The parcel arrived five days late and the box was crushed",
      "the parcel arrived five days late and the box was crushed!!",
      "Thanks",
      "Thanks",
    ].map((t) => vectorize(termCounts(t, "en"), weights));
    const groups = collapseNearDuplicates(vectors);
    expect(groups.map((g) => g.members)).toEqual([[0, 1], [2], [3]]);
  });
});

describe("assignTheme", () => {
  const docs = corpus();
  const clustering = clusterDocuments(docs);
  const refund = clustering.clusters.find((c) =>
    c.memberIds.includes(docs.find((d) => d.text.includes("refund"))?.id ?? ""),
  );
  const model: ThemeModel = {
    weights: clustering.weights,
    threshold: ASSIGN_THRESHOLD,
    themes: [
      ...clustering.clusters.map((c) => ({ id: c.id, centroid: c.centroid, pinned: false, keywords: {} })),
      {
        id: "pinned_damage",
        centroid: {},
        pinned: true,
        keywords: { en: ["broken glass", "smashed"], "*": ["kaputt"] },
      },
    ],
  };

  it("assigns a new paraphrase to the nearest theme, and nothing when nothing is close", () => {
    expect(assignTheme("Still waiting for the refund of my return", "en", model)?.themeId).toBe(refund?.id);
    expect(assignTheme("Do you sell gift wrapping?", "en", model)).toBeNull();
  });

  it("lets pinned keywords win, in the item's language or any language", () => {
    expect(assignTheme("The vase arrived with broken glass and a late refund", "en", model)).toEqual({
      themeId: "pinned_damage",
      similarity: 1,
      method: "keyword",
    });
    expect(assignTheme("Die Lampe kam kaputt an", "de", model)?.themeId).toBe("pinned_damage");
  });

  it("suggests keywords per language that set a theme's items apart", () => {
    const members = docs.filter((d) => /refund|refusion|tilbagebetaling|pengene/i.test(d.text));
    const others = docs.filter((d) => !members.includes(d));
    const keywords = suggestKeywords(members, others);
    expect(keywords.en?.join(" ")).toMatch(/refund/);
    expect(Object.keys(keywords).sort()).toEqual(["da", "en"]);
  });
});

describe("re-clustering", () => {
  const items: WindowItem[] = corpus().map((d, i) => ({
    ...d,
    themeId: null,
    customerId: i % 8 === 0 ? "cus_a" : null,
    occurredAt: Date.UTC(2026, 10, 1) + i * DAY,
    touchpointId: /parcel/i.test(d.text) ? "tp_delivery" : null,
    touchpointMethod: /parcel/i.test(d.text) ? "hint" : "unassigned",
  }));

  it("keeps theme ids when the items still hang together, and creates new ones for new clusters", () => {
    let n = 0;
    const newId = () => `thm_${++n}`;
    const first = rebuildThemes({ items, themes: [], newThemeId: newId });
    expect(first.themes.every((t) => t.created)).toBe(true);
    const stored = first.themes.map((t) => ({ id: t.id, status: "active" as const, pinned: false, keywords: {} }));
    const again = rebuildThemes({
      items: items.map((i) => ({ ...i, themeId: first.itemThemes.get(i.id) ?? null })),
      themes: stored,
      newThemeId: newId,
    });
    expect(again.themes.map((t) => t.id).sort()).toEqual(first.themes.map((t) => t.id).sort());
    expect(again.themes.some((t) => t.created)).toBe(false);
  });

  it("lets pinned themes classify before clustering, and learns touchpoint profiles from placed items", () => {
    const result = rebuildThemes({
      items,
      themes: [{ id: "thm_pinned", status: "active", pinned: true, keywords: { en: ["refund"], da: ["refusion"] } }],
      newThemeId: () => "thm_new",
    });
    expect(result.pinnedCounts.get("thm_pinned")).toBeGreaterThanOrEqual(12);
    expect(result.profiles.find((p) => p.touchpointId === "tp_delivery")?.sampleCount).toBe(15);
    expect(Object.keys(result.model.idf).length).toBeGreaterThan(0);
  });

  it("learns which themes are complaint themes from their items' sentiment", () => {
    const labelled = items.map((item, i) => ({
      ...item,
      sentimentLabel: (/refund|refusion|tilbagebetaling|pengene/i.test(item.text)
        ? "negative"
        : i % 2
          ? "positive"
          : "neutral") as WindowItem["sentimentLabel"],
    }));
    let n = 0;
    const result = rebuildThemes({ items: labelled, themes: [], newThemeId: () => `thm_${++n}` });
    const refundTheme = result.itemThemes.get(labelled.find((i) => i.text.includes("refund"))?.id ?? "");
    expect(result.negativeShares.get(refundTheme ?? "")).toBe(1);
    expect(result.model.themes.find((t) => t.id === refundTheme)?.negativeShare).toBe(1);
  });

  it("places unassigned items again by today's rules and the freshly learned profiles", () => {
    const result = rebuildThemes({
      items,
      themes: [],
      newThemeId: () => "thm_new",
      placement: {
        touchpoints: [
          { id: "tp_delivery", key: "delivery" },
          { id: "tp_returns", key: "returns" },
        ],
        rules: [
          { id: "r1", touchpointId: "tp_returns", priority: 1, kind: "keyword", language: null, match: ["refund"] },
        ],
      },
    });
    const refund = items.find((i) => i.text.startsWith("Still no refund"));
    expect(result.placements.get(refund?.id ?? "")).toMatchObject({ touchpointId: "tp_returns", method: "rule" });
    // Hinted items are a person's or sender's decision: never placed again.
    const hinted = items.find((i) => i.touchpointMethod === "hint");
    expect(result.placements.has(hinted?.id ?? "")).toBe(false);
  });

  it("matches several clusters to one theme a person merged, instead of splitting it again", () => {
    const clustering: Clustering = {
      clusters: [
        { id: "c1", label: "a", phrases: [], memberIds: ["1", "2", "3"], centroid: { a: 1 }, languages: { en: 3 } },
        { id: "c2", label: "b", phrases: [], memberIds: ["4", "5"], centroid: { b: 1 }, languages: { en: 2 } },
        { id: "c3", label: "c", phrases: [], memberIds: ["6", "7"], centroid: { c: 1 }, languages: { en: 2 } },
      ],
      assignments: new Map(),
      weights: { idf: new Map(), unseenIdf: 1 },
    };
    const current = new Map<string, string | null>([
      ["1", "merged_survivor"],
      ["2", "merged_survivor"],
      ["4", "merged_survivor"],
      ["5", "merged_survivor"],
      ["6", "archived_one"],
    ]);
    const result = reconcileThemes(
      clustering,
      current,
      [
        { id: "merged_survivor", status: "active", pinned: false },
        { id: "archived_one", status: "archived", pinned: false },
      ],
      () => "fresh",
    );
    expect(result.map((t) => [t.id, t.memberIds.length, t.created])).toEqual([
      ["merged_survivor", 5, false],
      ["fresh", 2, true],
    ]);
  });

  it("links repeat contacts: same customer, same theme, within 14 days", () => {
    const at = (days: number) => Date.UTC(2026, 10, 1) + days * DAY;
    const base = { text: "", language: "en", touchpointId: null, touchpointMethod: "unassigned", themeId: null };
    const window: WindowItem[] = [
      { ...base, id: "a", customerId: "c1", occurredAt: at(0) },
      { ...base, id: "b", customerId: "c1", occurredAt: at(10) },
      { ...base, id: "c", customerId: "c1", occurredAt: at(30) },
      { ...base, id: "d", customerId: "c1", occurredAt: at(31) },
      { ...base, id: "e", customerId: null, occurredAt: at(1) },
    ];
    const themes = new Map<string, string | null>([
      ["a", "t1"],
      ["b", "t1"],
      ["c", "t1"],
      ["d", "t2"],
      ["e", "t1"],
    ]);
    expect(Object.fromEntries(linkRepeatContacts(window, themes))).toEqual({
      a: null,
      b: "a",
      c: null,
      d: null,
      e: null,
    });
  });
});
