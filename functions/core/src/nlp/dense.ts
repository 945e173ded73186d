/**
 * Dense embeddings as the `SparseVector`s the theme code works on: dimension `i` is the term `"i"`, so partitioning,
 * centroids and `nearestTheme` need nothing new, and a stored centroid is a plain `{"0": w0, "1": w1, …}` record.
 * @module
 */
import type { SparseVector } from "../themes/vectors.ts";

const dimensionNames = new Map<number, string[]>();

/** `["0", "1", …, String(n - 1)]`, shared by every vector of that size so a thousand vectors hold one copy. */
export function dimensionTerms(n: number): string[] {
  let names = dimensionNames.get(n);
  if (!names) {
    names = Array.from({ length: n }, (_, i) => String(i));
    dimensionNames.set(n, names);
  }
  return names;
}

/**
 * A dense vector, scaled to unit length, as a `SparseVector`. Dimensions stay in index order (every vector shares
 * them, so "heaviest first" would buy nothing); exact zeros are left out. A zero vector becomes the empty vector.
 */
export function denseToSparse(values: ArrayLike<number>): SparseVector {
  let norm = 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    norm += v * v;
    if (v === 0) zeros++;
  }
  if (norm === 0) return { terms: [], weights: [] };
  norm = Math.sqrt(norm);
  if (zeros === 0) return { terms: dimensionTerms(values.length), weights: Array.from(values, (v) => v / norm) };
  const terms: string[] = [];
  const weights: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === 0) continue;
    terms.push(String(i));
    weights.push(v / norm);
  }
  return { terms, weights };
}

/**
 * The vectors as dense rows when every term is a dimension index (`denseToSparse`'s output), else `undefined`.
 * Rows of full vectors are their own `weights` arrays, not copies.
 */
export function denseRows(
  vectors: readonly SparseVector[],
): { rows: ArrayLike<number>[]; dimensions: number } | undefined {
  let dimensions = 0;
  for (const vector of vectors) {
    for (const term of vector.terms) {
      const index = dimensionIndex(term);
      if (index < 0) return undefined;
      if (index >= dimensions) dimensions = index + 1;
    }
  }
  const full = dimensionTerms(dimensions);
  const rows = vectors.map((vector): ArrayLike<number> => {
    if (vector.terms === full || (vector.terms.length === dimensions && vector.terms.every((t, i) => full[i] === t)))
      return vector.weights;
    const row = new Float64Array(dimensions);
    for (let i = 0; i < vector.terms.length; i++) row[Number(vector.terms[i])] = vector.weights[i] as number;
    return row;
  });
  return { rows, dimensions };
}

function dimensionIndex(term: string): number {
  if (term.length === 0 || term.length > 6) return -1;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 48 || c > 57 || (i === 0 && c === 48 && term.length > 1)) return -1;
  }
  return Number(term);
}
