/**
 * Re-clustering without churn: a fresh clustering of the last 90 days is matched to the themes that exist, so a
 * theme keeps its id (and any name a person gave it) as long as its items still hang together. Pinned themes are
 * classifiers and never take part in clustering; merged and archived themes are never matched again.
 * @module
 */
import type { Clustering } from "./cluster.ts";
import { topTerms } from "./vectors.ts";

export interface ExistingTheme {
  id: string;
  status: "candidate" | "active" | "merged" | "archived";
  pinned: boolean;
}

export interface ReconciledTheme {
  id: string;
  /** A new theme rather than one that already existed. */
  created: boolean;
  label: string;
  phrases: string[];
  centroid: Record<string, number>;
  languages: Record<string, number>;
  memberIds: string[];
}

/**
 * A new cluster keeps an existing theme's id when at least this share of its items carried that theme, or it holds
 * at least this share of that theme's items in the window. Several clusters may keep one id: a theme a person merged
 * stays merged even if the text splits it again (splits are a person's call, made by pinning).
 */
export const KEEP_ID_SHARE = 0.5;

/**
 * Matches `clustering` to `existing` themes using each item's current theme (`current`, item id → theme id).
 * `newId` names clusters that match nothing.
 */
export function reconcileThemes(
  clustering: Clustering,
  current: ReadonlyMap<string, string | null>,
  existing: readonly ExistingTheme[],
  newId: () => string,
): ReconciledTheme[] {
  const matchable = new Set(
    existing.filter((t) => !t.pinned && (t.status === "active" || t.status === "candidate")).map((t) => t.id),
  );
  const windowSize = new Map<string, number>();
  for (const themeId of current.values())
    if (themeId && matchable.has(themeId)) windowSize.set(themeId, (windowSize.get(themeId) ?? 0) + 1);

  const byId = new Map<string, ReconciledTheme>();
  for (const cluster of clustering.clusters) {
    const overlap = new Map<string, number>();
    for (const id of cluster.memberIds) {
      const themeId = current.get(id);
      if (themeId && matchable.has(themeId)) overlap.set(themeId, (overlap.get(themeId) ?? 0) + 1);
    }
    let keep: string | undefined;
    let keepShare = 0;
    for (const [themeId, n] of overlap) {
      const share = Math.max(n / cluster.memberIds.length, n / (windowSize.get(themeId) as number));
      if (share >= KEEP_ID_SHARE && share > keepShare) {
        keep = themeId;
        keepShare = share;
      }
    }
    const already = keep ? byId.get(keep) : undefined;
    if (already) {
      // A second cluster under the same theme: its items join, the centroids blend by size, and the bigger
      // cluster's wording stands (clusters come largest first).
      already.centroid = blend(already.centroid, already.memberIds.length, cluster.centroid, cluster.memberIds.length);
      already.memberIds.push(...cluster.memberIds);
      for (const [language, n] of Object.entries(cluster.languages))
        already.languages[language] = (already.languages[language] ?? 0) + n;
      continue;
    }
    const id = keep ?? newId();
    byId.set(id, {
      id,
      created: keep === undefined,
      label: cluster.label,
      phrases: cluster.phrases,
      centroid: cluster.centroid,
      languages: { ...cluster.languages },
      memberIds: [...cluster.memberIds],
    });
  }
  return [...byId.values()];
}

function blend(a: Record<string, number>, aWeight: number, b: Record<string, number>, bWeight: number) {
  const sum = new Map<string, number>();
  for (const [term, w] of Object.entries(a)) sum.set(term, w * aWeight);
  for (const [term, w] of Object.entries(b)) sum.set(term, (sum.get(term) ?? 0) + w * bWeight);
  return topTerms(sum, Math.max(Object.keys(a).length, Object.keys(b).length));
}
