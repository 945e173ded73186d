/**
 * `partition` (themes/partition.ts) for dense embeddings, on typed arrays. The generic version looks every
 * dimension up in a `Map`, which for 1,024-dimension vectors that all share every dimension costs about a minute per
 * thousand items; this is the same four steps (leader pass, refinement, average-linkage merge, dissolve) with the
 * same thresholds, tie-breaking, rounding and output, at array speed. `dense-partition.test.ts` checks that both
 * give the same partition, so a change to the algorithm must be made in both.
 * @module
 */
import type { Partition, PartitionOptions } from "../themes/partition.ts";

export interface DenseWeightedRow {
  /** Unit length, or all zeros for an empty text (left unclustered). */
  row: ArrayLike<number>;
  weight: number;
}

class DenseSum {
  readonly sum: Float64Array;
  private squares = 0;
  weight = 0;

  constructor(dimensions: number) {
    this.sum = new Float64Array(dimensions);
  }

  add(row: ArrayLike<number>, weight: number) {
    const sum = this.sum;
    let squares = this.squares;
    for (let i = 0; i < sum.length; i++) {
      const old = sum[i] as number;
      const next = old + weight * (row[i] as number);
      sum[i] = next;
      squares += next * next - old * old;
    }
    this.squares = squares;
    this.weight += weight;
  }

  similarity(row: ArrayLike<number>): number {
    if (this.squares <= 0) return 0;
    return dot(row, this.sum) / Math.sqrt(this.squares);
  }
}

/**
 * Partitions dense rows exactly as `partition` partitions the same vectors given as dimension terms, for options
 * whose `centroidTerms` and `candidateTerms` cover every dimension. Deterministic for a given input order.
 */
export function partitionDense(
  items: readonly DenseWeightedRow[],
  dimensions: number,
  options: PartitionOptions,
): Partition {
  const assignment = new Int32Array(items.length).fill(-1);
  const present = items.map(({ row }) => isNonZero(row));

  // 1. Leader pass.
  let clusters: DenseSum[] = [];
  items.forEach(({ row, weight }, i) => {
    if (!present[i]) return;
    let best = -1;
    let bestSim = options.threshold;
    for (let c = 0; c < clusters.length; c++) {
      const sim = (clusters[c] as DenseSum).similarity(row);
      if (sim >= bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    if (best < 0) {
      best = clusters.length;
      clusters.push(new DenseSum(dimensions));
    }
    (clusters[best] as DenseSum).add(row, weight);
    assignment[i] = best;
  });

  // 2. Refinement against frozen centroids.
  for (let pass = 0; pass < options.refinePasses; pass++) {
    const centroids = clusters.map((c) => (c.weight > 0 ? unitRounded(c.sum) : undefined));
    const next = clusters.map(() => new DenseSum(dimensions));
    items.forEach(({ row, weight }, i) => {
      const current = assignment[i] as number;
      if (current < 0) return;
      let best = current;
      let bestSim = dot(row, centroids[current] as Float64Array);
      for (let c = 0; c < centroids.length; c++) {
        const centroid = centroids[c];
        if (!centroid) continue;
        const sim = dot(row, centroid);
        if (sim > bestSim + 1e-9) {
          bestSim = sim;
          best = c;
        }
      }
      assignment[i] = best;
      (next[best] as DenseSum).add(row, weight);
    });
    clusters = next;
  }

  // 3. Merge close clusters, closest pair first (average linkage).
  const merged = mergeClusters(clusters, options);
  const rootOf = new Map<number, number>();
  merged.forEach((group, root) => {
    for (const c of group) rootOf.set(c, root);
  });
  const sums = new Map<number, DenseSum>();
  items.forEach(({ row, weight }, i) => {
    const c = assignment[i] as number;
    if (c < 0) return;
    const root = rootOf.get(c) ?? c;
    assignment[i] = root;
    let sum = sums.get(root);
    if (!sum) {
      sum = new DenseSum(dimensions);
      sums.set(root, sum);
    }
    sum.add(row, weight);
  });

  // 4. Dissolve small clusters into large ones where they fit.
  const large = [...sums].filter(([, c]) => c.weight >= options.minSize).sort((a, b) => b[1].weight - a[1].weight);
  const rank = new Map(large.map(([root], r) => [root, r]));
  const finalCentroids = large.map(([, c]) => unitRounded(c.sum));
  const weights = large.map(() => 0);
  items.forEach(({ row, weight }, i) => {
    const root = assignment[i] as number;
    if (root < 0) return;
    let r = rank.get(root) ?? -1;
    if (r < 0) {
      // A leftover joins a theme only when it is as close as two themes must be to merge.
      let bestSim = options.mergeThreshold;
      for (let c = 0; c < finalCentroids.length; c++) {
        const sim = dot(row, finalCentroids[c] as Float64Array);
        if (sim >= bestSim) {
          bestSim = sim;
          r = c;
        }
      }
    }
    assignment[i] = r;
    if (r >= 0) weights[r] = (weights[r] as number) + weight;
  });
  return {
    assignment,
    centroids: large.map(([, c], r) => toRecord(finalCentroids[r] as Float64Array, c.sum)),
    weights,
  };
}

/** Groups of cluster indices to merge, keyed by the index that survives (`partition`'s `mergeClusters`). */
function mergeClusters(clusters: readonly DenseSum[], options: PartitionOptions): Map<number, number[]> {
  const live = clusters.flatMap((c, i) => (c.weight >= 2 ? [i] : []));
  const sums = new Map(live.map((i) => [i, Float64Array.from((clusters[i] as DenseSum).sum)]));
  const groups = new Map(live.map((i) => [i, [i]]));
  const centroids = new Map(live.map((i) => [i, unitRounded(sums.get(i) as Float64Array)]));
  const best = new Map<number, { other: number; sim: number }>();
  const findBest = (a: number) => {
    const ca = centroids.get(a) as Float64Array;
    let top = { other: -1, sim: options.mergeThreshold };
    for (const [b, cb] of centroids) {
      if (b === a) continue;
      const sim = dot(ca, cb);
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
    const into = sums.get(keep) as Float64Array;
    const from = sums.get(gone) as Float64Array;
    for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + (from[i] as number);
    (groups.get(keep) as number[]).push(...(groups.get(gone) as number[]));
    for (const m of [sums, groups, centroids, best]) m.delete(gone);
    const grown = unitRounded(into);
    centroids.set(keep, grown);
    for (const [a, entry] of best) if (a === keep || entry.other === keep || entry.other === gone) findBest(a);
    // Clusters whose best partner was elsewhere may now prefer the grown cluster.
    for (const [a, entry] of best) {
      if (a === keep) continue;
      const sim = dot(grown, centroids.get(a) as Float64Array);
      if (sim >= options.mergeThreshold && sim > entry.sim) best.set(a, { other: keep, sim });
    }
  }
  return groups;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < b.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function isNonZero(row: ArrayLike<number>): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== 0) return true;
  return false;
}

/** `topTerms` over every dimension: unit length, rounded to 4 decimals like every stored centroid. */
function unitRounded(sum: Float64Array): Float64Array {
  let norm = 0;
  for (let i = 0; i < sum.length; i++) norm += (sum[i] as number) * (sum[i] as number);
  norm = Math.sqrt(norm) || 1;
  const out = new Float64Array(sum.length);
  for (let i = 0; i < sum.length; i++) out[i] = Math.round(((sum[i] as number) / norm) * 1e4) / 1e4;
  return out;
}

/** A centroid as stored: dimension index → weight, for every dimension some member had. */
function toRecord(centroid: Float64Array, sum: Float64Array): Record<string, number> {
  const record: Record<string, number> = {};
  for (let i = 0; i < centroid.length; i++) if (sum[i] !== 0) record[String(i)] = centroid[i] as number;
  return record;
}
