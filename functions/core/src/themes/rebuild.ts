/**
 * The scheduled re-clustering of one workspace, as a pure function of its last 90 days of items: pinned themes
 * classify first, the rest is clustered and matched to the existing themes (stable ids), stragglers are assigned to
 * the nearest theme, repeat-contact chains are re-linked (same customer, same theme, within the repeat window), and
 * the touchpoint fallback is re-learned from the items rules, hints and people placed.
 * @module
 */
import { REPEAT_WINDOW_MS } from "../analysis/analyze.ts";
import {
  type Placement,
  type PlacementContext,
  placeOnTouchpoint,
  preparePlacement,
  type TouchpointProfile,
  type TouchpointRef,
  type TouchpointRule,
} from "../analysis/touchpoint.ts";
import { getOrCreate } from "../collections.ts";
import { ASSIGN_THRESHOLD, assignTheme, nearestTheme, type ThemeModel, type ThemeProfile } from "./assign.ts";
import { type ClusterOptions, clusterDocuments } from "./cluster.ts";
import { type ExistingTheme, type ReconciledTheme, reconcileThemes } from "./reconcile.ts";
import { termCounts } from "./terms.ts";
import { type SparseVector, type TermWeights, topTerms, vectorize } from "./vectors.ts";

export interface WindowItem {
  id: string;
  /** Redacted title and text together. */
  text: string;
  language: string;
  themeId: string | null;
  customerId: string | null;
  occurredAt: number;
  touchpointId: string | null;
  touchpointMethod: string;
  /** The item's stored sentiment label; themes learn from it whether they are complaint themes. */
  sentimentLabel?: "negative" | "neutral" | "positive";
  /** What placement rules read, for re-placing items no rule or person placed. */
  sourceId?: string;
  tags?: readonly string[];
  channel?: string;
}

export interface StoredTheme extends ExistingTheme {
  keywords: Readonly<Record<string, readonly string[]>>;
}

export interface RebuildInput {
  /** The window's items, any order. */
  items: readonly WindowItem[];
  themes: readonly StoredTheme[];
  newThemeId: () => string;
  /** Cluster at most this many (the most recent); older items in the window are assigned to the result. */
  maxClustered?: number;
  cluster?: ClusterOptions;
  /**
   * An embedder's vectors by item id, and the cosine an item needs to join a theme in that space. When given, the
   * items that have a vector are what is clustered (most recent first, up to `maxClustered`) and what stragglers are
   * matched with; an item without one keeps its theme if that theme survives. Labels and touchpoint profiles stay
   * lexical.
   */
  embeddings?: { vectors: ReadonlyMap<string, SparseVector>; assignThreshold: number };
  /**
   * The workspace's touchpoints and rules: with them, items left unassigned, or placed by the fallback or a source
   * default, are placed again by today's rules and the freshly learned profiles (a rule made today applies to the
   * window, and the unassigned inbox shrinks as the fallback learns).
   */
  placement?: { touchpoints: readonly TouchpointRef[]; rules: readonly TouchpointRule[] };
}

export interface RebuildResult {
  /** Clustered themes: existing ids kept where the items still hang together, new ones created. */
  themes: ReconciledTheme[];
  /** Items per pinned theme in the window. */
  pinnedCounts: Map<string, number>;
  /** Item id → theme id (or null) for every window item. */
  itemThemes: Map<string, string | null>;
  /** Item id → the earlier item of its repeat-contact chain (or null). */
  repeatOf: Map<string, string | null>;
  profiles: TouchpointProfile[];
  /** Item id → its new placement, for items placed again that moved (see `RebuildInput.placement`). */
  placements: Map<string, Placement>;
  /** Theme id → negative share of its opinionated items in the window (see `withThemePrior`). */
  negativeShares: Map<string, number>;
  /** What ingest assigns new items with until the next rebuild. */
  model: { idf: Record<string, number>; unseenIdf: number; threshold: number; themes: ThemeProfile[] };
}

/** Recent enough to represent the window, small enough for a scheduled Worker's CPU budget. */
export const MAX_CLUSTERED = 25_000;
const PROFILE_TERMS = 80;
/** Placements that are evidence of where text belongs: a person's or a rule's, not the learned guess itself. */
const TEACHING_METHODS: Readonly<Record<string, number>> = { manual: 2, rule: 1, hint: 1 };

export function rebuildThemes(input: RebuildInput): RebuildResult {
  const items = [...input.items].sort((a, b) => b.occurredAt - a.occurredAt || (a.id < b.id ? -1 : 1));
  const pinnedThemes: ThemeProfile[] = input.themes
    .filter((t) => t.pinned && t.status === "active")
    .map((t) => ({ id: t.id, centroid: {}, pinned: true, keywords: t.keywords }));
  const itemThemes = new Map<string, string | null>();
  const pinnedCounts = new Map<string, number>();

  // 1. Pinned themes are classifiers: what their keywords claim is theirs, whatever the clustering would say.
  const unpinned: WindowItem[] = [];
  const keywordOnly: ThemeModel = {
    weights: { idf: new Map(), unseenIdf: 1 },
    threshold: Infinity,
    themes: pinnedThemes,
  };
  for (const item of items) {
    const hit = pinnedThemes.length > 0 ? assignTheme(item.text, item.language, keywordOnly) : null;
    if (hit) {
      itemThemes.set(item.id, hit.themeId);
      pinnedCounts.set(hit.themeId, (pinnedCounts.get(hit.themeId) ?? 0) + 1);
    } else unpinned.push(item);
  }

  // 2. Cluster the rest (the most recent first) and keep the ids of themes whose items still hang together.
  const embedded = input.embeddings;
  const clusterable = embedded ? unpinned.filter((i) => embedded.vectors.has(i.id)) : unpinned;
  const clustered = clusterable.slice(0, input.maxClustered ?? MAX_CLUSTERED);
  const clustering = clusterDocuments(
    clustered,
    embedded
      ? { ...input.cluster, vectors: clustered.map((i) => embedded.vectors.get(i.id) as SparseVector) }
      : input.cluster,
  );
  const current = new Map(clustered.map((i) => [i.id, i.themeId]));
  const themes = reconcileThemes(clustering, current, input.themes, input.newThemeId);
  for (const theme of themes) for (const id of theme.memberIds) itemThemes.set(id, theme.id);

  // 3. Stragglers (noise, and items past the clustering cap) join the nearest theme if one is close.
  const threshold = embedded ? embedded.assignThreshold : ASSIGN_THRESHOLD;
  const model: ThemeModel = {
    weights: clustering.weights,
    threshold,
    themes: [...pinnedThemes, ...themes.map((t) => ({ id: t.id, centroid: t.centroid, pinned: false, keywords: {} }))],
  };
  const vectors = new Map<string, SparseVector>();
  const vectorOf = (item: WindowItem) =>
    getOrCreate(vectors, item.id, () => vectorize(termCounts(item.text, item.language), clustering.weights));
  const surviving = new Set(themes.map((t) => t.id));
  for (const item of unpinned) {
    if (itemThemes.has(item.id)) continue;
    if (!embedded) {
      itemThemes.set(item.id, nearestTheme(vectorOf(item), model)?.themeId ?? null);
      continue;
    }
    const vector = embedded.vectors.get(item.id);
    if (vector) itemThemes.set(item.id, nearestTheme(vector, model)?.themeId ?? null);
    else itemThemes.set(item.id, item.themeId && surviving.has(item.themeId) ? item.themeId : null);
  }

  const profiles = learnProfiles(items, vectorOf);
  const negativeShares = negativeSharesOf(items, itemThemes);
  const placements = input.placement
    ? placeAgain(
        items,
        preparePlacement(input.placement.touchpoints, input.placement.rules, profiles, clustering.weights),
      )
    : new Map<string, Placement>();
  return {
    placements,
    themes,
    pinnedCounts,
    itemThemes,
    repeatOf: linkRepeatContacts(items, itemThemes),
    profiles,
    negativeShares,
    model: {
      // Embedded centroids are over dimensions, not terms: only the profiles need term weights then.
      idf: storableIdf(
        clustering.weights,
        embedded
          ? profiles.map((p) => p.terms)
          : [...model.themes.map((t) => t.centroid), ...profiles.map((p) => p.terms)],
      ),
      unseenIdf: clustering.weights.unseenIdf,
      threshold,
      themes: model.themes.map((t) => ({ ...t, negativeShare: negativeShares.get(t.id) ?? 0 })),
    },
  };
}

/** Methods that a rule made since, or what the fallback learned since, may overrule. */
const REPLACEABLE = new Set(["unassigned", "fallback", "default"]);

function placeAgain(items: readonly WindowItem[], context: PlacementContext): Map<string, Placement> {
  const moved = new Map<string, Placement>();
  for (const item of items) {
    if (!REPLACEABLE.has(item.touchpointMethod)) continue;
    // Items already on a touchpoint placement skips (an archived journey's) stay: archiving hides, never moves, feedback.
    if (item.touchpointId !== null && !context.index.byId.has(item.touchpointId)) continue;
    const placement = placeOnTouchpoint(
      {
        sourceId: item.sourceId,
        tags: item.tags ?? [],
        channel: item.channel ?? "",
        text: item.text,
        language: item.language,
      },
      // A source default stays the default unless a rule now says otherwise.
      item.touchpointMethod === "default" ? item.touchpointId : null,
      context,
    );
    if (placement.touchpointId !== item.touchpointId || placement.method !== item.touchpointMethod)
      moved.set(item.id, placement);
  }
  return moved;
}

/** Per theme, negative items over opinionated (negative or positive) ones, rounded to 3 decimals. */
function negativeSharesOf(items: readonly WindowItem[], itemThemes: ReadonlyMap<string, string | null>) {
  const counts = new Map<string, { negative: number; opinionated: number }>();
  for (const item of items) {
    const themeId = itemThemes.get(item.id);
    if (!themeId || !item.sentimentLabel || item.sentimentLabel === "neutral") continue;
    const entry = getOrCreate(counts, themeId, () => ({ negative: 0, opinionated: 0 }));
    entry.opinionated++;
    if (item.sentimentLabel === "negative") entry.negative++;
  }
  return new Map([...counts].map(([id, c]) => [id, Math.round((c.negative / c.opinionated) * 1000) / 1000]));
}

/** Each item's previous contact from the same customer on the same theme within the repeat window. */
export function linkRepeatContacts(
  items: readonly WindowItem[],
  itemThemes: ReadonlyMap<string, string | null>,
): Map<string, string | null> {
  const repeatOf = new Map<string, string | null>();
  const last = new Map<string, { at: number; id: string }>();
  const chronological = [...items].sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1));
  for (const item of chronological) {
    const themeId = itemThemes.get(item.id) ?? null;
    if (!item.customerId || !themeId) {
      repeatOf.set(item.id, null);
      continue;
    }
    const key = `${item.customerId}|${themeId}`;
    const previous = last.get(key);
    repeatOf.set(item.id, previous && item.occurredAt - previous.at <= REPEAT_WINDOW_MS ? previous.id : null);
    last.set(key, { at: item.occurredAt, id: item.id });
  }
  return repeatOf;
}

/** Touchpoint × language term profiles from the items that rules, hints and people placed. */
function learnProfiles(
  items: readonly WindowItem[],
  vectorOf: (item: WindowItem) => SparseVector,
): TouchpointProfile[] {
  const sums = new Map<string, { touchpointId: string; language: string; sum: Map<string, number>; n: number }>();
  for (const item of items) {
    const weight = TEACHING_METHODS[item.touchpointMethod];
    if (!weight || !item.touchpointId) continue;
    const key = `${item.touchpointId}|${item.language}`;
    const { touchpointId, language } = item;
    const entry = getOrCreate(sums, key, () => ({ touchpointId, language, sum: new Map<string, number>(), n: 0 }));
    const vector = vectorOf(item);
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i] as string;
      entry.sum.set(term, (entry.sum.get(term) ?? 0) + weight * (vector.weights[i] as number));
    }
    entry.n++;
  }
  return [...sums.values()].map(({ touchpointId, language, sum, n }) => ({
    touchpointId,
    language,
    terms: topTerms(sum, PROFILE_TERMS),
    sampleCount: n,
  }));
}

/** Only the IDF of terms some centroid or profile uses travels to ingest: the rest could never match. */
function storableIdf(weights: TermWeights, vectors: ReadonlyArray<Readonly<Record<string, number>>>) {
  const idf: Record<string, number> = {};
  for (const vector of vectors) {
    for (const term of Object.keys(vector)) {
      const value = weights.idf.get(term);
      if (value !== undefined) idf[term] = Math.round(value * 1e4) / 1e4;
    }
  }
  return idf;
}
