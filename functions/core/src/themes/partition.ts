/**
 * The clustering algorithm behind themes, on any sparse unit vectors (TF-IDF terms locally, embedding dimensions
 * with Workers AI), so both backends share it:
 * 1. a single "leader" pass: each vector joins the most similar cluster above `threshold`, or starts one;
 * 2. refinement passes that move vectors to a centroid they now fit better (the leader pass depends on order);
 * 3. merging clusters whose centroids are close (union-find), since paraphrases often start apart;
 * 4. dissolving clusters below `minSize`, whose members join a large cluster if one fits, or stay unclustered.
 * Candidate clusters come from an inverted index on each vector's heaviest terms, so cost grows with the corpus, not
 * with corpus × clusters.
 * @module
 */
import { getOrCreate } from "../collections.ts";
import { type SparseVector, topTerms } from "./vectors.ts";

export interface PartitionOptions {
  /** Minimum cosine to a centroid for a vector to join its cluster. */
  threshold: number;
  /** Minimum cosine between two centroids for their clusters to merge. */
  mergeThreshold: number;
  /** Clusters with less weight are dissolved. */
  minSize: number;
  /** Terms kept per centroid when comparing centroids. */
  centroidTerms: number;
  /** How many of a vector's heaviest terms look up candidate clusters; `Infinity` compares with every cluster. */
  candidateTerms: number;
  refinePasses: number;
}

export interface WeightedVector {
  vector: SparseVector;
  /** How many items this vector stands for (near-duplicates are collapsed into one). */
  weight: number;
}

export interface Partition {
  /** Cluster index per input vector, or -1 when unclustered. Clusters are numbered by weight, heaviest first. */
  assignment: Int32Array;
  /** Unit-length centroid of each cluster, truncated to `centroidTerms` terms. */
  centroids: Array<Record<string, number>>;
  weights: number[];
}

class ClusterSum {
  readonly sum = new Map<string, number>();
  private squares = 0;
  weight = 0;

  add(vector: SparseVector, weight: number) {
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i] as string;
      const old = this.sum.get(term) ?? 0;
      const next = old + weight * (vector.weights[i] as number);
      this.sum.set(term, next);
      this.squares += next * next - old * old;
    }
    this.weight += weight;
  }

  similarity(vector: SparseVector): number {
    if (this.squares <= 0) return 0;
    let dot = 0;
    for (let i = 0; i < vector.terms.length; i++)
      dot += (vector.weights[i] as number) * (this.sum.get(vector.terms[i] as string) ?? 0);
    return dot / Math.sqrt(this.squares);
  }
}

/** An inverted index from term to the clusters whose centroid holds it. */
class Postings {
  private readonly byTerm = new Map<string, number[]>();

  add(term: string, cluster: number) {
    const list = this.byTerm.get(term);
    if (!list) this.byTerm.set(term, [cluster]);
    else if (list[list.length - 1] !== cluster) list.push(cluster);
  }

  candidates(vector: SparseVector, limit: number, into: Set<number>): Set<number> {
    into.clear();
    const n = Math.min(vector.terms.length, limit);
    for (let i = 0; i < n; i++) for (const c of this.byTerm.get(vector.terms[i] as string) ?? []) into.add(c);
    return into;
  }
}

/** Partitions `items` into clusters; deterministic for a given input order. */
export function partition(items: readonly WeightedVector[], options: PartitionOptions): Partition {
  const assignment = new Int32Array(items.length).fill(-1);
  const scratch = new Set<number>();

  // 1. Leader pass.
  let clusters: ClusterSum[] = [];
  const postings = new Postings();
  items.forEach(({ vector, weight }, i) => {
    if (vector.terms.length === 0) return;
    let best = -1;
    let bestSim = options.threshold;
    for (const c of postings.candidates(vector, options.candidateTerms, scratch)) {
      const sim = (clusters[c] as ClusterSum).similarity(vector);
      if (sim >= bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    if (best < 0) {
      best = clusters.length;
      clusters.push(new ClusterSum());
    }
    const cluster = clusters[best] as ClusterSum;
    for (const term of vector.terms) if (!cluster.sum.has(term)) postings.add(term, best);
    cluster.add(vector, weight);
    assignment[i] = best;
  });

  // 2. Refinement against frozen, truncated centroids.
  for (let pass = 0; pass < options.refinePasses; pass++) {
    const centroids = clusters.map((c) => new Map(Object.entries(topTerms(c.sum, options.centroidTerms))));
    const index = indexCentroids(centroids);
    const next = centroids.map(() => new ClusterSum());
    items.forEach(({ vector, weight }, i) => {
      const current = assignment[i] as number;
      if (current < 0) return;
      let best = current;
      let bestSim = cosine(vector, centroids[current] as Map<string, number>);
      for (const c of index.candidates(vector, options.candidateTerms, scratch)) {
        const sim = cosine(vector, centroids[c] as Map<string, number>);
        if (sim > bestSim + 1e-9) {
          bestSim = sim;
          best = c;
        }
      }
      assignment[i] = best;
      (next[best] as ClusterSum).add(vector, weight);
    });
    clusters = next;
  }

  // 3. Merge close clusters, closest pair first, recomputing the merged centroid each time (average linkage, so a
  // chain of slightly-similar clusters does not snowball into one).
  const merged = mergeClusters(clusters, options);
  const rootOf = new Map<number, number>();
  merged.forEach((group, root) => {
    for (const c of group) rootOf.set(c, root);
  });
  const sums = new Map<number, ClusterSum>();
  items.forEach(({ vector, weight }, i) => {
    const c = assignment[i] as number;
    if (c < 0) return;
    const root = rootOf.get(c) ?? c;
    assignment[i] = root;
    getOrCreate(sums, root, () => new ClusterSum()).add(vector, weight);
  });

  // 4. Dissolve small clusters into large ones where they fit.
  const large = [...sums].filter(([, c]) => c.weight >= options.minSize).sort((a, b) => b[1].weight - a[1].weight);
  const rank = new Map(large.map(([root], r) => [root, r]));
  const finalCentroids = large.map(([, c]) => new Map(Object.entries(topTerms(c.sum, options.centroidTerms))));
  const finalIndex = indexCentroids(finalCentroids);
  const weights = large.map(() => 0);
  items.forEach(({ vector, weight }, i) => {
    const root = assignment[i] as number;
    if (root < 0) return;
    let r = rank.get(root) ?? -1;
    if (r < 0) {
      // A leftover joins a theme only when it is as close as two themes must be to merge: one shared concept word
      // ("ship") must not make "Do you ship to Iceland?" part of the late-delivery theme.
      let bestSim = options.mergeThreshold;
      for (const c of finalIndex.candidates(vector, options.candidateTerms, scratch)) {
        const sim = cosine(vector, finalCentroids[c] as Map<string, number>);
        if (sim >= bestSim) {
          bestSim = sim;
          r = c;
        }
      }
    }
    assignment[i] = r;
    if (r >= 0) weights[r] = (weights[r] as number) + weight;
  });
  return { assignment, centroids: finalCentroids.map((c) => Object.fromEntries(c)), weights };
}

/** Groups of cluster indices to merge, keyed by the index that survives. */
function mergeClusters(clusters: readonly ClusterSum[], options: PartitionOptions): Map<number, number[]> {
  // Singletons join in the dissolve step; merging only among real clusters keeps this quadratic step small.
  const live = clusters.flatMap((c, i) => (c.weight >= 2 ? [i] : []));
  const sums = new Map(live.map((i) => [i, new Map((clusters[i] as ClusterSum).sum)]));
  const weights = new Map(live.map((i) => [i, (clusters[i] as ClusterSum).weight]));
  const groups = new Map(live.map((i) => [i, [i]]));
  const centroidOf = (i: number) =>
    new Map(Object.entries(topTerms(sums.get(i) as Map<string, number>, options.centroidTerms)));
  const centroids = new Map(live.map((i) => [i, centroidOf(i)]));
  const index = new Postings();
  for (const [i, centroid] of centroids) for (const term of centroid.keys()) index.add(term, i);
  const scratch = new Set<number>();
  // Best partner per cluster, recomputed only for clusters whose partner was merged away.
  const best = new Map<number, { other: number; sim: number }>();
  const findBest = (a: number) => {
    const ca = centroids.get(a) as Map<string, number>;
    const asVector = mapToVector(ca);
    let top = { other: -1, sim: options.mergeThreshold };
    for (const b of index.candidates(asVector, options.candidateTerms, scratch)) {
      if (b === a || !centroids.has(b)) continue;
      const sim = cosine(asVector, centroids.get(b) as Map<string, number>);
      if (sim >= top.sim) top = { other: b, sim };
    }
    best.set(a, top);
  };
  for (const a of live) findBest(a);
  for (;;) {
    let pick: { a: number; b: number; sim: number } | undefined;
    for (const [a, { other, sim }] of best) if (other >= 0 && (!pick || sim > pick.sim)) pick = { a, b: other, sim };
    if (!pick) break;
    const keep = Math.min(pick.a, pick.b);
    const gone = Math.max(pick.a, pick.b);
    const into = sums.get(keep) as Map<string, number>;
    for (const [term, w] of sums.get(gone) as Map<string, number>) into.set(term, (into.get(term) ?? 0) + w);
    weights.set(keep, (weights.get(keep) as number) + (weights.get(gone) as number));
    (groups.get(keep) as number[]).push(...(groups.get(gone) as number[]));
    for (const m of [sums, weights, groups, centroids, best]) m.delete(gone);
    centroids.set(keep, centroidOf(keep));
    for (const term of (centroids.get(keep) as Map<string, number>).keys()) index.add(term, keep);
    for (const [a, entry] of best) if (a === keep || entry.other === keep || entry.other === gone) findBest(a);
    // Clusters whose best partner was elsewhere may now prefer the grown cluster.
    const grown = mapToVector(centroids.get(keep) as Map<string, number>);
    for (const a of index.candidates(grown, options.candidateTerms, scratch)) {
      const entry = best.get(a);
      if (a === keep || !entry) continue;
      const sim = cosine(grown, centroids.get(a) as Map<string, number>);
      if (sim >= options.mergeThreshold && sim > entry.sim) best.set(a, { other: keep, sim });
    }
  }
  return groups;
}

function indexCentroids(centroids: ReadonlyArray<ReadonlyMap<string, number>>): Postings {
  const postings = new Postings();
  centroids.forEach((centroid, c) => {
    for (const term of centroid.keys()) postings.add(term, c);
  });
  return postings;
}

function cosine(vector: SparseVector, centroid: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (let i = 0; i < vector.terms.length; i++)
    sum += (vector.weights[i] as number) * (centroid.get(vector.terms[i] as string) ?? 0);
  return sum;
}

function mapToVector(centroid: ReadonlyMap<string, number>): SparseVector {
  const pairs = [...centroid].sort((a, b) => b[1] - a[1]);
  return { terms: pairs.map((p) => p[0]), weights: pairs.map((p) => p[1]) };
}
