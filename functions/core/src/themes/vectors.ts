/**
 * Sparse TF-IDF vectors over stemmed terms. A vector is a small sorted list of (term, weight) pairs with unit
 * length; centroids are plain term → weight records, so they can be stored as JSON and compared at ingest.
 * @module
 */

/** A unit-length sparse vector: `terms[i]` has weight `weights[i]`, heaviest first. */
export interface SparseVector {
  terms: string[];
  weights: number[];
}

/** Inverse document frequencies learned from a corpus, with the value unseen terms get. */
export interface TermWeights {
  idf: ReadonlyMap<string, number>;
  unseenIdf: number;
}

/** Smoothed IDF over `documents` (each a set of terms); terms seen in fewer than `minDocs` documents are left out. */
export function learnIdf(documents: Iterable<Iterable<string>>, minDocs = 2): TermWeights {
  const df = new Map<string, number>();
  let n = 0;
  for (const terms of documents) {
    n++;
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const [term, count] of df) if (count >= minDocs) idf.set(term, Math.log((n + 1) / (count + 1)) + 1);
  // An unseen (or once-seen) term is as rare as a term can be: it adds to the norm but matches nothing.
  return { idf, unseenIdf: Math.log(n + 1) + 1 };
}

/** CX concepts (`@refund`) outweigh any single word: they stand for every way customers say the same thing. */
export const CONCEPT_BOOST = 4;

/**
 * Sublinear TF-IDF of a term-count map, L2-normalized. Only terms known to `weights` are kept in the vector (others
 * cannot match any centroid) but every term counts towards the norm, so a long, rambling text scores lower.
 */
export function vectorize(counts: ReadonlyMap<string, number>, weights: TermWeights): SparseVector {
  const pairs: Array<[string, number]> = [];
  let norm = 0;
  for (const [term, tf] of counts) {
    const known = weights.idf.get(term);
    const w = (1 + Math.log(tf)) * (known ?? weights.unseenIdf) * (term.charCodeAt(0) === 64 ? CONCEPT_BOOST : 1);
    norm += w * w;
    if (known !== undefined) pairs.push([term, w]);
  }
  norm = Math.sqrt(norm) || 1;
  pairs.sort((a, b) => b[1] - a[1]);
  return { terms: pairs.map((p) => p[0]), weights: pairs.map((p) => p[1] / norm) };
}

/** The `limit` heaviest terms of a summed vector, re-normalized to unit length: a compact, storable centroid. */
export function topTerms(sum: ReadonlyMap<string, number>, limit: number): Record<string, number> {
  const top = [...sum].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
  const out: Record<string, number> = {};
  for (const [term, w] of top) out[term] = Math.round((w / norm) * 1e4) / 1e4;
  return out;
}
