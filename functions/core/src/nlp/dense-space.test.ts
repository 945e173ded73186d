import { describe, expect, it } from "vitest";
import { DENSE_CLUSTER_OPTIONS } from "../themes/cluster.ts";
import { type PartitionOptions, partition, sparseSpace } from "../themes/partition.ts";
import { denseRows, denseToSparse } from "./dense.ts";
import { denseSpace } from "./dense-space.ts";

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
    sparseSpace(options),
  );
  const fast = partition(
    dense.rows.map((vector, i) => ({ vector, weight: weightOf(i) })),
    options,
    denseSpace(dense.dimensions),
  );
  return { generic, fast };
}

describe("the dense vector space", () => {
  it.each([
    [1, 0.66, 0.85],
    [2, 0.5, 0.7],
    [3, 0.7, 0.85],
  ])(
    "partitions exactly as the sparse space does over dimension terms (seed %i, τ=%f, merge=%f)",
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

  it("leaves empty vectors unclustered, as the sparse space does", () => {
    const vectors = embeddings(4, 60, 16, 3);
    vectors[5] = { terms: [], weights: [] };
    const { generic, fast } = both(vectors, { ...DENSE_CLUSTER_OPTIONS, minSize: 3 });
    expect(fast.assignment[5]).toBe(-1);
    expect([...fast.assignment]).toEqual([...generic.assignment]);
  });
});
