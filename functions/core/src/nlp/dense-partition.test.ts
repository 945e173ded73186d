import { describe, expect, it } from "vitest";
import { DENSE_CLUSTER_OPTIONS } from "../themes/cluster.ts";
import { type PartitionOptions, partition } from "../themes/partition.ts";
import { denseRows, denseToSparse } from "./dense.ts";
import { partitionDense } from "./dense-partition.ts";

/** A seeded generator: dense "embeddings" of `topics` issues around a shared domain direction, with noise items. */
function embeddings(seed: number, count: number, dimensions: number, topics: number) {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const direction = () => Array.from({ length: dimensions }, gauss);
  const domain = direction();
  const centres = Array.from({ length: topics }, direction);
  return Array.from({ length: count }, () => {
    const topic = random() < 0.15 ? direction() : (centres[Math.floor(random() ** 2 * topics)] as number[]);
    const noise = direction();
    return denseToSparse(domain.map((d, i) => 0.6 * d + 0.8 * (topic[i] as number) + 0.5 * (noise[i] as number)));
  });
}

function both(vectors: ReturnType<typeof embeddings>, options: PartitionOptions, weightOf = (_i: number) => 1) {
  const dense = denseRows(vectors);
  if (!dense) throw new Error("not dense");
  const generic = partition(
    vectors.map((vector, i) => ({ vector, weight: weightOf(i) })),
    options,
  );
  const fast = partitionDense(
    dense.rows.map((row, i) => ({ row, weight: weightOf(i) })),
    dense.dimensions,
    options,
  );
  return { generic, fast };
}

describe("partitionDense", () => {
  it.each([
    [1, 0.66, 0.85],
    [2, 0.5, 0.7],
    [3, 0.7, 0.85],
  ])(
    "gives the generic partition's clusters, centroids and weights (seed %i, τ=%f, merge=%f)",
    (seed, threshold, mergeThreshold) => {
      const vectors = embeddings(seed, 240, 24, 6);
      const { generic, fast } = both(
        vectors,
        { ...DENSE_CLUSTER_OPTIONS, threshold, mergeThreshold, minSize: 4 },
        (i) => 1 + (i % 3),
      );
      expect(generic.centroids.length).toBeGreaterThan(1);
      expect([...fast.assignment]).toEqual([...generic.assignment]);
      expect(fast.weights).toEqual(generic.weights);
      expect(fast.centroids).toEqual(generic.centroids);
    },
  );

  it("leaves empty vectors unclustered, as the generic partition does", () => {
    const vectors = embeddings(4, 60, 16, 3);
    vectors[5] = { terms: [], weights: [] };
    const { generic, fast } = both(vectors, { ...DENSE_CLUSTER_OPTIONS, minSize: 3 });
    expect(fast.assignment[5]).toBe(-1);
    expect([...fast.assignment]).toEqual([...generic.assignment]);
  });

  it("clusters a thousand 1,024-dimension embeddings in seconds, not minutes", () => {
    const vectors = embeddings(5, 1000, 1024, 20);
    const dense = denseRows(vectors);
    if (!dense) throw new Error("not dense");
    const started = performance.now();
    const result = partitionDense(
      dense.rows.map((row) => ({ row, weight: 1 })),
      dense.dimensions,
      DENSE_CLUSTER_OPTIONS,
    );
    const ms = performance.now() - started;
    expect(result.centroids.length).toBeGreaterThan(5);
    expect(ms).toBeLessThan(5_000);
  });
});
