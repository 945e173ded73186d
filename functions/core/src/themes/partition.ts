/**
 * The clustering algorithm behind themes, written once for any vector space (sparse TF-IDF terms locally, dense
 * embedding rows with Workers AI; see `VectorSpace`):
 * 1. a single "leader" pass: each vector joins the most similar cluster above `threshold`, or starts one;
 * 2. refinement passes that move vectors to a centroid they now fit better (the leader pass depends on order);
 * 3. merging clusters whose centroids are close, closest pair first, recomputing the merged centroid each time
 *    (average linkage, so a chain of slightly similar clusters does not snowball into one);
 * 4. dissolving clusters below `minSize`, whose members join a large cluster if one is as close as a merge needs,
 *    or stay unclustered.
 * The sparse space finds candidate clusters through an inverted index on each vector's heaviest terms, so its cost
 * grows with the corpus, not with corpus × clusters.
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

export interface WeightedVector<V = SparseVector> {
  vector: V;
  /** How many items this vector stands for (near-duplicates are collapsed into one). */
  weight: number;
}

export interface Partition {
  /** Cluster index per input vector, or -1 when unclustered. Clusters are numbered by weight, heaviest first. */
  assignment: Int32Array;
  /** Unit-length centroid of each cluster (truncated to `centroidTerms` terms in the sparse space). */
  centroids: Array<Record<string, number>>;
  weights: number[];
}

/** A running weighted sum of vectors: a cluster while it is being built. */
export interface ClusterSum<V> {
  weight: number;
  add(vector: V, weight: number): void;
  absorb(other: ClusterSum<V>): void;
  /** Cosine between `vector` and this sum's direction. */
  similarity(vector: V): number;
}

/** Finds the clusters worth comparing with a vector or a centroid. */
export interface CandidateIndex<V, C> {
  /** Called before `vector` joins `cluster` (whose sum it is about to enter). */
  addVector(cluster: number, vector: V, sum: ClusterSum<V>): void;
  addCentroid(cluster: number, centroid: C): void;
  vectorCandidates(vector: V, into: Set<number>): Set<number>;
  centroidCandidates(centroid: C, into: Set<number>): Set<number>;
}

/** How `partition` reads one kind of vector. `C` is a frozen, unit-length centroid. */
export interface VectorSpace<V, C> {
  isEmpty(vector: V): boolean;
  newSum(): ClusterSum<V>;
  copySum(sum: ClusterSum<V>): ClusterSum<V>;
  centroid(sum: ClusterSum<V>): C;
  cosine(vector: V, centroid: C): number;
  centroidCosine(a: C, b: C): number;
  newIndex(): CandidateIndex<V, C>;
  toRecord(centroid: C): Record<string, number>;
}

/** Partitions `items` into clusters; deterministic for a given input order. */
export function partition<V, C>(
  items: readonly WeightedVector<V>[],
  options: PartitionOptions,
  space: VectorSpace<V, C>,
): Partition {
  const assignment = new Int32Array(items.length).fill(-1);
  const scratch = new Set<number>();

  // 1. Leader pass.
  let clusters: ClusterSum<V>[] = [];
  const index = space.newIndex();
  items.forEach(({ vector, weight }, i) => {
    if (space.isEmpty(vector)) return;
    let best = -1;
    let bestSim = options.threshold;
    for (const c of index.vectorCandidates(vector, scratch)) {
      const sim = (clusters[c] as ClusterSum<V>).similarity(vector);
      if (sim >= bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    if (best < 0) {
      best = clusters.length;
      clusters.push(space.newSum());
    }
    const cluster = clusters[best] as ClusterSum<V>;
    index.addVector(best, vector, cluster);
    cluster.add(vector, weight);
    assignment[i] = best;
  });

  // 2. Refinement against frozen centroids.
  for (let pass = 0; pass < options.refinePasses; pass++) {
    const centroids = clusters.map((c) => (c.weight > 0 ? space.centroid(c) : undefined));
    const centroidIndex = indexCentroids(space, centroids);
    const next = clusters.map(() => space.newSum());
    items.forEach(({ vector, weight }, i) => {
      const current = assignment[i] as number;
      if (current < 0) return;
      let best = current;
      let bestSim = space.cosine(vector, centroids[current] as C);
      for (const c of centroidIndex.vectorCandidates(vector, scratch)) {
        const centroid = centroids[c];
        if (centroid === undefined) continue;
        const sim = space.cosine(vector, centroid);
        if (sim > bestSim + 1e-9) {
          bestSim = sim;
          best = c;
        }
      }
      assignment[i] = best;
      (next[best] as ClusterSum<V>).add(vector, weight);
    });
    clusters = next;
  }

  // 3. Merge close clusters.
  const merged = mergeClusters(space, clusters, options);
  const rootOf = new Map<number, number>();
  merged.forEach((group, root) => {
    for (const c of group) rootOf.set(c, root);
  });
  const sums = new Map<number, ClusterSum<V>>();
  items.forEach(({ vector, weight }, i) => {
    const c = assignment[i] as number;
    if (c < 0) return;
    const root = rootOf.get(c) ?? c;
    assignment[i] = root;
    getOrCreate(sums, root, () => space.newSum()).add(vector, weight);
  });

  // 4. Dissolve small clusters into large ones where they fit.
  const large = [...sums].filter(([, c]) => c.weight >= options.minSize).sort((a, b) => b[1].weight - a[1].weight);
  const rank = new Map(large.map(([root], r) => [root, r]));
  const finalCentroids = large.map(([, c]) => space.centroid(c));
  const finalIndex = indexCentroids(space, finalCentroids);
  const weights = large.map(() => 0);
  items.forEach(({ vector, weight }, i) => {
    const root = assignment[i] as number;
    if (root < 0) return;
    let r = rank.get(root) ?? -1;
    if (r < 0) {
      // A leftover joins a theme only when it is as close as two themes must be to merge: one shared concept word
      // ("ship") must not make "Do you ship to Iceland?" part of the late-delivery theme.
      let bestSim = options.mergeThreshold;
      for (const c of finalIndex.vectorCandidates(vector, scratch)) {
        const sim = space.cosine(vector, finalCentroids[c] as C);
        if (sim >= bestSim) {
          bestSim = sim;
          r = c;
        }
      }
    }
    assignment[i] = r;
    if (r >= 0) weights[r] = (weights[r] as number) + weight;
  });
  return { assignment, centroids: finalCentroids.map((c) => space.toRecord(c)), weights };
}

/** Groups of cluster indices to merge, keyed by the index that survives. */
function mergeClusters<V, C>(
  space: VectorSpace<V, C>,
  clusters: readonly ClusterSum<V>[],
  options: PartitionOptions,
): Map<number, number[]> {
  // Singletons join in the dissolve step; merging only among real clusters keeps this quadratic step small.
  const live = clusters.flatMap((c, i) => (c.weight >= 2 ? [i] : []));
  const sums = new Map(live.map((i) => [i, space.copySum(clusters[i] as ClusterSum<V>)]));
  const groups = new Map(live.map((i) => [i, [i]]));
  const centroids = new Map(live.map((i) => [i, space.centroid(sums.get(i) as ClusterSum<V>)]));
  const index = space.newIndex();
  for (const [i, centroid] of centroids) index.addCentroid(i, centroid);
  const scratch = new Set<number>();
  // Best partner per cluster, recomputed only for clusters whose partner was merged away.
  const best = new Map<number, { other: number; sim: number }>();
  const findBest = (a: number) => {
    const ca = centroids.get(a) as C;
    let top = { other: -1, sim: options.mergeThreshold };
    for (const b of index.centroidCandidates(ca, scratch)) {
      const cb = centroids.get(b);
      if (b === a || cb === undefined) continue;
      const sim = space.centroidCosine(ca, cb);
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
    const into = sums.get(keep) as ClusterSum<V>;
    into.absorb(sums.get(gone) as ClusterSum<V>);
    (groups.get(keep) as number[]).push(...(groups.get(gone) as number[]));
    for (const m of [sums, groups, centroids, best]) m.delete(gone);
    const grown = space.centroid(into);
    centroids.set(keep, grown);
    index.addCentroid(keep, grown);
    for (const [a, entry] of best) if (a === keep || entry.other === keep || entry.other === gone) findBest(a);
    // Clusters whose best partner was elsewhere may now prefer the grown cluster.
    for (const a of index.centroidCandidates(grown, scratch)) {
      const entry = best.get(a);
      const ca = centroids.get(a);
      if (a === keep || !entry || ca === undefined) continue;
      const sim = space.centroidCosine(grown, ca);
      if (sim >= options.mergeThreshold && sim > entry.sim) best.set(a, { other: keep, sim });
    }
  }
  return groups;
}

function indexCentroids<V, C>(space: VectorSpace<V, C>, centroids: ReadonlyArray<C | undefined>) {
  const index = space.newIndex();
  centroids.forEach((centroid, c) => {
    if (centroid !== undefined) index.addCentroid(c, centroid);
  });
  return index;
}

// ── the sparse space: TF-IDF over stemmed terms ─────────────────────────────────────────────────────────────────

class SparseSum implements ClusterSum<SparseVector> {
  readonly sum = new Map<string, number>();
  private squares = 0;
  weight = 0;

  add(vector: SparseVector, weight: number) {
    for (let i = 0; i < vector.terms.length; i++)
      this.bump(vector.terms[i] as string, weight * (vector.weights[i] as number));
    this.weight += weight;
  }

  absorb(other: ClusterSum<SparseVector>) {
    for (const [term, w] of (other as SparseSum).sum) this.bump(term, w);
    this.weight += other.weight;
  }

  similarity(vector: SparseVector): number {
    if (this.squares <= 0) return 0;
    let dot = 0;
    for (let i = 0; i < vector.terms.length; i++)
      dot += (vector.weights[i] as number) * (this.sum.get(vector.terms[i] as string) ?? 0);
    return dot / Math.sqrt(this.squares);
  }

  private bump(term: string, by: number) {
    const old = this.sum.get(term) ?? 0;
    const next = old + by;
    this.sum.set(term, next);
    this.squares += next * next - old * old;
  }
}

/** An inverted index from term to the clusters whose sum or centroid holds it. */
class Postings implements CandidateIndex<SparseVector, Map<string, number>> {
  private readonly byTerm = new Map<string, number[]>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  addVector(cluster: number, vector: SparseVector, sum: ClusterSum<SparseVector>) {
    for (const term of vector.terms) if (!(sum as SparseSum).sum.has(term)) this.add(term, cluster);
  }

  addCentroid(cluster: number, centroid: Map<string, number>) {
    for (const term of centroid.keys()) this.add(term, cluster);
  }

  vectorCandidates(vector: SparseVector, into: Set<number>): Set<number> {
    into.clear();
    const n = Math.min(vector.terms.length, this.limit);
    for (let i = 0; i < n; i++) for (const c of this.byTerm.get(vector.terms[i] as string) ?? []) into.add(c);
    return into;
  }

  centroidCandidates(centroid: Map<string, number>, into: Set<number>): Set<number> {
    return this.vectorCandidates(heaviestFirst(centroid), into);
  }

  private add(term: string, cluster: number) {
    const list = this.byTerm.get(term);
    if (!list) this.byTerm.set(term, [cluster]);
    else if (list[list.length - 1] !== cluster) list.push(cluster);
  }
}

function heaviestFirst(centroid: ReadonlyMap<string, number>): SparseVector {
  const pairs = [...centroid].sort((a, b) => b[1] - a[1]);
  return { terms: pairs.map((p) => p[0]), weights: pairs.map((p) => p[1]) };
}

function sparseCosine(vector: SparseVector, centroid: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (let i = 0; i < vector.terms.length; i++)
    sum += (vector.weights[i] as number) * (centroid.get(vector.terms[i] as string) ?? 0);
  return sum;
}

/** TF-IDF vectors: centroids keep their `centroidTerms` heaviest terms; candidates come from `Postings`. */
export function sparseSpace(
  options: Pick<PartitionOptions, "centroidTerms" | "candidateTerms">,
): VectorSpace<SparseVector, Map<string, number>> {
  return {
    isEmpty: (vector) => vector.terms.length === 0,
    newSum: () => new SparseSum(),
    copySum: (sum) => {
      const copy = new SparseSum();
      copy.absorb(sum);
      return copy;
    },
    centroid: (sum) => new Map(Object.entries(topTerms((sum as SparseSum).sum, options.centroidTerms))),
    cosine: sparseCosine,
    centroidCosine: (a, b) => sparseCosine(heaviestFirst(a), b),
    newIndex: () => new Postings(options.candidateTerms),
    toRecord: (centroid) => Object.fromEntries(centroid),
  };
}
