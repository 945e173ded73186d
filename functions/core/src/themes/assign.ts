/**
 * Theme assignment at ingest: pinned themes first (a user-curated classifier: keywords per language), then the
 * nearest centroid of the last re-clustering when it is close enough. Items that fit nothing wait, unthemed, for the
 * next re-clustering, which may find them a new theme.
 * @module
 */
import { countTerms, stems } from "./terms.ts";
import { type SparseVector, type TermWeights, vectorize } from "./vectors.ts";

export interface ThemeProfile {
  id: string;
  /** Unit-length centroid over stemmed terms. */
  centroid: Readonly<Record<string, number>>;
  pinned: boolean;
  /** Keyword phrases per language (`*` = any language); only pinned themes classify by keywords. */
  keywords: Readonly<Record<string, readonly string[]>>;
  /** Negative share of the theme's opinionated items at the last re-clustering (a complaint theme is high). */
  negativeShare?: number;
}

/** What the last re-clustering of a workspace left behind for ingest to use. */
export interface ThemeModel {
  weights: TermWeights;
  themes: readonly ThemeProfile[];
  /** Minimum cosine to a centroid. */
  threshold: number;
}

export interface ThemeAssignment {
  themeId: string;
  /** Cosine to the centroid, or 1 for a keyword match. */
  similarity: number;
  method: "keyword" | "centroid";
}

/** Cosine needed at ingest: a little stricter than clustering's join threshold, since no refinement follows. */
export const ASSIGN_THRESHOLD = 0.14;

interface CompiledKeywords {
  themeId: string;
  /** Per language: each keyword as its stemmed terms. */
  byLanguage: Map<string, string[][]>;
}

const compiled = new WeakMap<readonly ThemeProfile[], CompiledKeywords[]>();

function compileKeywords(themes: readonly ThemeProfile[]): CompiledKeywords[] {
  let out = compiled.get(themes);
  if (out) return out;
  out = themes
    .filter((t) => t.pinned)
    .map((t) => ({
      themeId: t.id,
      byLanguage: new Map(
        Object.entries(t.keywords).map(([language, phrases]) => [
          language,
          phrases.map((p) => stems(p, language === "*" ? "en" : language)).filter((s) => s.length > 0),
        ]),
      ),
    }));
  compiled.set(themes, out);
  return out;
}

/** How many of a pinned theme's keywords (in the item's language, or any-language ones) the item contains. */
function keywordHits(keywords: CompiledKeywords, language: string, itemStems: ReadonlySet<string>): number {
  let hits = 0;
  for (const lang of [language, "*"]) {
    for (const phrase of keywords.byLanguage.get(lang) ?? []) if (phrase.every((s) => itemStems.has(s))) hits++;
  }
  return hits;
}

/** Assigns one redacted text to a theme, or `null` when none fits. */
export function assignTheme(text: string, language: string, model: ThemeModel): ThemeAssignment | null {
  const words = stems(text, language);
  const pinned = compileKeywords(model.themes);
  if (pinned.length > 0) {
    const itemStems = new Set(words);
    let best: { themeId: string; hits: number } | undefined;
    for (const keywords of pinned) {
      const hits = keywordHits(keywords, language, itemStems);
      if (hits > 0 && (!best || hits > best.hits)) best = { themeId: keywords.themeId, hits };
    }
    if (best) return { themeId: best.themeId, similarity: 1, method: "keyword" };
  }
  return nearestTheme(vectorize(countTerms(words, language), model.weights), model);
}

const centroidIndexes = new WeakMap<readonly ThemeProfile[], Map<string, Array<[theme: number, weight: number]>>>();

// An inverted index over the centroids: an item only touches the themes that share a term with it.
function centroidIndex(themes: readonly ThemeProfile[]) {
  let index = centroidIndexes.get(themes);
  if (index) return index;
  index = new Map();
  themes.forEach((theme, t) => {
    for (const [term, weight] of Object.entries(theme.centroid)) {
      const list = (index as Map<string, Array<[number, number]>>).get(term);
      if (list) list.push([t, weight]);
      else (index as Map<string, Array<[number, number]>>).set(term, [[t, weight]]);
    }
  });
  centroidIndexes.set(themes, index);
  return index;
}

/** The theme whose centroid is closest to `vector`, if it clears the model's threshold. */
export function nearestTheme(vector: SparseVector, model: ThemeModel): ThemeAssignment | null {
  const index = centroidIndex(model.themes);
  const scores = new Float64Array(model.themes.length);
  for (let i = 0; i < vector.terms.length; i++) {
    const weight = vector.weights[i] as number;
    for (const [t, w] of index.get(vector.terms[i] as string) ?? []) scores[t] = (scores[t] as number) + weight * w;
  }
  let best = -1;
  for (let t = 0; t < scores.length; t++)
    if ((scores[t] as number) >= (best < 0 ? model.threshold : (scores[best] as number))) best = t;
  if (best < 0) return null;
  return {
    themeId: (model.themes[best] as ThemeProfile).id,
    similarity: Math.round((scores[best] as number) * 1000) / 1000,
    method: "centroid",
  };
}

const shares = new WeakMap<readonly ThemeProfile[], Map<string, number>>();

/** The negative share a theme had at the last re-clustering, if known. */
export function themeNegativeShare(model: ThemeModel, themeId: string): number | undefined {
  let byId = shares.get(model.themes);
  if (!byId) {
    byId = new Map(model.themes.flatMap((t) => (t.negativeShare === undefined ? [] : [[t.id, t.negativeShare]])));
    shares.set(model.themes, byId);
  }
  return byId.get(themeId);
}
