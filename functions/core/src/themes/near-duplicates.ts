/**
 * Near-duplicate collapsing: the same complaint pasted into a survey and a ticket, or a form letter sent by many
 * customers, is one voice for clustering (it must not form a cluster of its own) while every copy still counts.
 * MinHash over the vectors' terms with banded LSH finds candidates; a Jaccard check confirms them.
 * @module
 */
import { getOrCreate } from "../collections.ts";
import type { SparseVector } from "./vectors.ts";

export interface DuplicateGroup {
  /** Index of the vector that stands for the group. */
  representative: number;
  /** Indices of every vector in the group, the representative first. */
  members: number[];
}

const BANDS = 6;
const ROWS = 3;
const HASHES = BANDS * ROWS;
const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(0x9e3779b1, i + 1) >>> 0);

/** 32-bit FNV-1a of a string, mixed with a seed. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

function signature(terms: readonly string[]): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const term of terms) {
    for (let k = 0; k < HASHES; k++) {
      const h = hash(term, SEEDS[k] as number);
      if (h < (sig[k] as number)) sig[k] = h;
    }
  }
  return sig;
}

function jaccard(a: ReadonlySet<string>, b: readonly string[]): number {
  let shared = 0;
  for (const term of b) if (a.has(term)) shared++;
  return shared / (a.size + b.length - shared);
}

/**
 * Groups vectors whose term sets overlap by at least `minJaccard`; every vector is in exactly one group (most are
 * alone). Groups keep input order: a group's representative is its first member.
 */
export function collapseNearDuplicates(vectors: readonly SparseVector[], minJaccard = 0.8): DuplicateGroup[] {
  const groupOf = new Int32Array(vectors.length).fill(-1);
  const groups: DuplicateGroup[] = [];
  const buckets = new Map<string, number>();
  const termSets = new Map<number, Set<string>>();
  vectors.forEach((vector, i) => {
    // Too short to call two texts duplicates of each other: "thanks" and "thanks!" are not a form letter.
    if (vector.terms.length < 4) {
      groupOf[i] = groups.push({ representative: i, members: [i] }) - 1;
      return;
    }
    const sig = signature(vector.terms);
    const keys: string[] = [];
    for (let b = 0; b < BANDS; b++) keys.push(`${b}:${sig.subarray(b * ROWS, (b + 1) * ROWS).join(",")}`);
    for (const key of keys) {
      const candidate = buckets.get(key);
      if (candidate === undefined) continue;
      const rep = (groups[candidate] as DuplicateGroup).representative;
      const repTerms = getOrCreate(termSets, rep, () => new Set((vectors[rep] as SparseVector).terms));
      if (jaccard(repTerms, vector.terms) >= minJaccard) {
        groupOf[i] = candidate;
        (groups[candidate] as DuplicateGroup).members.push(i);
        return;
      }
    }
    const g = groups.push({ representative: i, members: [i] }) - 1;
    groupOf[i] = g;
    for (const key of keys) if (!buckets.has(key)) buckets.set(key, g);
  });
  return groups;
}
