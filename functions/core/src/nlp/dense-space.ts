/**
 * The dense vector space for `partition` (themes/partition.ts): embedding rows on typed arrays. Every dimension is
 * shared by every vector, so candidates are simply all clusters, and a sum or a dot product is one tight loop —
 * where the sparse space's `Map` per term would cost about a minute per thousand 1,024-dimension vectors.
 * @module
 */
import type { CandidateIndex, ClusterSum, VectorSpace } from "../themes/partition.ts";

/** A frozen centroid: unit length, rounded to 4 decimals like every stored centroid, and the dimensions it has. */
export interface DenseCentroid {
  unit: Float64Array;
  sum: Float64Array;
}

class DenseSum implements ClusterSum<ArrayLike<number>> {
  readonly sum: Float64Array;
  private squares = 0;
  weight = 0;

  constructor(dimensions: number) {
    this.sum = new Float64Array(dimensions);
  }

  add(row: ArrayLike<number>, weight: number) {
    this.addScaled(row, weight);
    this.weight += weight;
  }

  absorb(other: ClusterSum<ArrayLike<number>>) {
    this.addScaled((other as DenseSum).sum, 1);
    this.weight += other.weight;
  }

  similarity(row: ArrayLike<number>): number {
    if (this.squares <= 0) return 0;
    return dot(row, this.sum) / Math.sqrt(this.squares);
  }

  private addScaled(row: ArrayLike<number>, by: number) {
    const sum = this.sum;
    let squares = this.squares;
    for (let i = 0; i < sum.length; i++) {
      const old = sum[i] as number;
      const next = old + by * (row[i] as number);
      sum[i] = next;
      squares += next * next - old * old;
    }
    this.squares = squares;
  }
}

/** Every cluster registered so far is a candidate. */
class AllClusters implements CandidateIndex<ArrayLike<number>, DenseCentroid> {
  private readonly clusters = new Set<number>();

  addVector(cluster: number) {
    this.clusters.add(cluster);
  }

  addCentroid(cluster: number) {
    this.clusters.add(cluster);
  }

  vectorCandidates(_row: ArrayLike<number>, into: Set<number>): Set<number> {
    into.clear();
    for (const c of this.clusters) into.add(c);
    return into;
  }

  centroidCandidates(_centroid: DenseCentroid, into: Set<number>): Set<number> {
    return this.vectorCandidates([], into);
  }
}

/** Dense rows of `dimensions` numbers, unit length (all zeros for an empty text, which stays unclustered). */
export function denseSpace(dimensions: number): VectorSpace<ArrayLike<number>, DenseCentroid> {
  return {
    isEmpty: (row) => {
      for (let i = 0; i < row.length; i++) if (row[i] !== 0) return false;
      return true;
    },
    newSum: () => new DenseSum(dimensions),
    copySum: (sum) => {
      const copy = new DenseSum(dimensions);
      copy.absorb(sum);
      return copy;
    },
    centroid: (sum) => ({ unit: unitRounded((sum as DenseSum).sum), sum: Float64Array.from((sum as DenseSum).sum) }),
    cosine: (row, centroid) => dot(row, centroid.unit),
    centroidCosine: (a, b) => dot(a.unit, b.unit),
    newIndex: () => new AllClusters(),
    toRecord: ({ unit, sum }) => {
      const record: Record<string, number> = {};
      for (let i = 0; i < unit.length; i++) if (sum[i] !== 0) record[String(i)] = unit[i] as number;
      return record;
    },
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < b.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** Unit length, rounded to 4 decimals like every stored centroid. */
function unitRounded(sum: Float64Array): Float64Array {
  let norm = 0;
  for (let i = 0; i < sum.length; i++) norm += (sum[i] as number) * (sum[i] as number);
  norm = Math.sqrt(norm) || 1;
  const out = new Float64Array(sum.length);
  for (let i = 0; i < sum.length; i++) out[i] = Math.round(((sum[i] as number) / norm) * 1e4) / 1e4;
  return out;
}
