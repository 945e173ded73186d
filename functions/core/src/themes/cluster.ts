/**
 * Recurring issues from free text: documents are turned into TF-IDF vectors over stemmed terms, near-duplicates are
 * collapsed, the vectors are partitioned (`partition.ts`) and each cluster is labelled with its most distinctive
 * phrases, in the words customers used.
 * @module
 */
import { denseRows } from "../nlp/dense.ts";
import { denseSpace } from "../nlp/dense-space.ts";
import { collapseNearDuplicates } from "./near-duplicates.ts";
import { type Partition, type PartitionOptions, partition, sparseSpace, type WeightedVector } from "./partition.ts";
import { collectSurfaces, isFunctionWord, termCounts } from "./terms.ts";
import { learnIdf, type SparseVector, type TermWeights, vectorize } from "./vectors.ts";

export interface ThemeDocument {
  id: string;
  /** Redacted text. */
  text: string;
  language: string;
}

export interface Cluster {
  id: string;
  label: string;
  /** Distinctive phrases, most distinctive first. */
  phrases: string[];
  memberIds: string[];
  /** Unit-length centroid over stemmed terms, for assigning new items at ingest. */
  centroid: Record<string, number>;
  /** The languages of the members, with counts. */
  languages: Record<string, number>;
}

export interface Clustering {
  clusters: Cluster[];
  /** Document id → cluster id; documents left unclustered are absent. */
  assignments: Map<string, string>;
  /** The IDF the centroids were built with: new items must be vectorized with the same weights. */
  weights: TermWeights;
}

export type ClusterOptions = Partial<PartitionOptions> & {
  /** Phrases kept per cluster. */
  phrases?: number;
  /**
   * An embedder's vectors, one per document in the same order. The partition and the centroids then use them
   * (defaults: `DENSE_CLUSTER_OPTIONS`); near-duplicates and labels still come from the text.
   */
  vectors?: readonly SparseVector[];
};

/** Tuned on the tuning half of the planted-theme corpus (`npm run eval`); the held-out half reports the result. */
export const DEFAULT_CLUSTER_OPTIONS: PartitionOptions = {
  threshold: 0.22,
  mergeThreshold: 0.3,
  minSize: 5,
  centroidTerms: 40,
  candidateTerms: 8,
  refinePasses: 2,
};

/**
 * For dense embeddings (`ClusterOptions.vectors`): every dimension is shared, so candidates and centroids use all of
 * them. Cosines between unrelated texts run far higher than with TF-IDF, so the thresholds are higher too; an
 * embedder calibrated for its model overrides them (`Embedder.thresholds`).
 */
export const DENSE_CLUSTER_OPTIONS: PartitionOptions = {
  threshold: 0.66,
  mergeThreshold: 0.85,
  minSize: 5,
  centroidTerms: Number.POSITIVE_INFINITY,
  candidateTerms: Number.POSITIVE_INFINITY,
  refinePasses: 2,
};

/** Clusters documents into recurring issues. Deterministic for a given input order. */
export function clusterDocuments(docs: readonly ThemeDocument[], options: ClusterOptions = {}): Clustering {
  if (options.vectors && options.vectors.length !== docs.length)
    throw new Error(`clusterDocuments: ${options.vectors.length} vectors for ${docs.length} documents`);
  const settings = { ...(options.vectors ? DENSE_CLUSTER_OPTIONS : DEFAULT_CLUSTER_OPTIONS), ...options };
  const counts = docs.map((d) => termCounts(d.text, d.language));
  const weights = learnIdf(counts.map((c) => c.keys()));
  const vectors = counts.map((c) => vectorize(c, weights));
  const groups = collapseNearDuplicates(vectors);
  const partitionOptions = { ...settings, minSize: Math.max(settings.minSize, Math.ceil(docs.length * 0.001)) };
  const parts = partitionGroups(
    groups.map((g) => ({
      vector: (options.vectors ?? vectors)[g.representative] as SparseVector,
      weight: g.members.length,
    })),
    partitionOptions,
  );

  const members: number[][] = parts.centroids.map(() => []);
  groups.forEach((group, g) => {
    const c = parts.assignment[g] as number;
    if (c >= 0) (members[c] as number[]).push(...group.members);
  });
  const labels = labelClusters(docs, counts, members, options.phrases ?? 5);
  const assignments = new Map<string, string>();
  const clusters = members.map((indices, c): Cluster => {
    const id = `c${c + 1}`;
    const languages: Record<string, number> = {};
    for (const i of indices) {
      const doc = docs[i] as ThemeDocument;
      assignments.set(doc.id, id);
      languages[doc.language] = (languages[doc.language] ?? 0) + 1;
    }
    const phrases = labels[c] as string[];
    return {
      id,
      label: themeLabel(phrases),
      phrases,
      memberIds: indices.map((i) => (docs[i] as ThemeDocument).id),
      centroid: parts.centroids[c] as Record<string, number>,
      languages,
    };
  });
  return { clusters, assignments, weights };
}

/** Embeddings are partitioned as dense rows (one tight loop per sum), TF-IDF vectors in the sparse space. */
function partitionGroups(items: readonly WeightedVector[], options: PartitionOptions): Partition {
  const dense = denseRows(items.map((item) => item.vector));
  if (!dense || options.centroidTerms < dense.dimensions || options.candidateTerms < dense.dimensions)
    return partition(items, options, sparseSpace(options));
  return partition(
    items.map((item, i) => ({ vector: dense.rows[i] as ArrayLike<number>, weight: item.weight })),
    options,
    denseSpace(dense.dimensions),
  );
}

/** Up to two phrases that do not repeat each other's words: "arrived late · tracking". */
export function themeLabel(phrases: readonly string[]): string {
  const [first, ...rest] = phrases;
  if (!first) return "Unlabelled issue";
  const used = new Set(first.split(" "));
  const second = rest.find((p) => p.split(" ").every((w) => !used.has(w)));
  const label = second ? `${first} · ${second}` : first;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

// Surface forms are collected from a sample of each cluster: enough to find the common wording, bounded in cost.
const LABEL_SAMPLE = 300;

/**
 * Keyword suggestions for pinning a theme: per language, the phrases that set its `members` apart from `others`
 * (a sample of the workspace's other items), as customers wrote them.
 */
export function suggestKeywords(
  members: readonly ThemeDocument[],
  others: readonly ThemeDocument[],
  perLanguage = 4,
): Record<string, string[]> {
  const keywords: Record<string, string[]> = {};
  for (const language of new Set(members.map((d) => d.language))) {
    const docs = [...members, ...others].filter((d) => d.language === language);
    const inTheme = members.filter((d) => d.language === language).length;
    const counts = docs.map((d) => termCounts(d.text, d.language));
    const indices = docs.map((_, i) => i);
    const [phrases] = labelClusters(docs, counts, [indices.slice(0, inTheme), indices.slice(inTheme)], perLanguage);
    if (phrases && phrases.length > 0) keywords[language] = phrases;
  }
  return keywords;
}

/**
 * Class-based TF-IDF: a term is distinctive for a cluster when many of its members use it and few other clusters
 * do. Bigrams read better than single stems, so they get a small bonus.
 */
function labelClusters(
  docs: readonly ThemeDocument[],
  counts: ReadonlyArray<ReadonlyMap<string, number>>,
  members: readonly number[][],
  limit: number,
): string[][] {
  const docFreq = members.map((indices) => {
    const df = new Map<string, number>();
    for (const i of indices)
      for (const term of (counts[i] as ReadonlyMap<string, number>).keys()) df.set(term, (df.get(term) ?? 0) + 1);
    return df;
  });
  const clustersWith = new Map<string, number>();
  for (const df of docFreq)
    for (const [term, n] of df) if (n >= 2) clustersWith.set(term, (clustersWith.get(term) ?? 0) + 1);
  const k = members.length;
  return members.map((indices, c) => {
    const df = docFreq[c] as Map<string, number>;
    const scored: Array<[string, number]> = [];
    for (const [term, n] of df) {
      const share = n / indices.length;
      if (share < 0.05 || n < 2) continue;
      const bigram = term.includes(" ");
      scored.push([term, share * Math.log(1 + k / (clustersWith.get(term) ?? 1)) * (bigram ? 2 : 1)]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    // A theme that spans languages is named in its most common one, so its label reads as one phrase.
    const language = majorityLanguage(indices.map((i) => (docs[i] as ThemeDocument).language));
    const surfaces = new Map<string, Map<string, number>>();
    for (const i of indices.filter((i) => (docs[i] as ThemeDocument).language === language).slice(0, LABEL_SAMPLE))
      collectSurfaces((docs[i] as ThemeDocument).text, language, surfaces);
    const phrases: string[] = [];
    const covered = new Set<string>();
    for (const [term] of scored) {
      if (phrases.length >= limit) break;
      // "late" adds nothing after "arrived late".
      if (term.split(" ").every((part) => covered.has(part))) continue;
      const forms = surfaces.get(term);
      if (!forms || isFunctionWord(term)) continue;
      phrases.push([...forms].sort((a, b) => b[1] - a[1])[0]?.[0] as string);
      for (const part of term.split(" ")) covered.add(part);
    }
    return phrases;
  });
}

function majorityLanguage(languages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const language of languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "en";
}
