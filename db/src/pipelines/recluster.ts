/**
 * Re-clustering one workspace (the cron, the demo seed and `POST /api/v1/themes/recluster`): reads the last 90 days
 * of items, runs the pure `rebuildThemes`, then writes what changed in one transaction: themes (ids kept, labels a
 * person gave kept), the theme model ingest assigns with, the learned touchpoint profiles, each item whose theme or
 * repeat-contact link changed, and the matching rollup moves, so the map never needs a rebuild.
 * @module
 */
import {
  AiBackendError,
  DENSE_CLUSTER_OPTIONS,
  type Embedder,
  itemFriction,
  newId,
  type RebuildInput,
  type RebuildResult,
  rebuildThemes,
  type SimilarityThresholds,
  type WindowItem,
  withThemePrior,
} from "@firebreak/core";
import type { SparseVector } from "@firebreak/core/themes/vectors";
import { and, asc, eq, gt, gte, isNull, or, sql } from "drizzle-orm";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import { insertFromJson } from "../json-rows.ts";
import * as workspaces from "../queries/workspaces.ts";
import { feedbackItems, themeModels, themes, touchpointProfiles } from "../schema/index.ts";
import { MOVABLE_COLUMNS, type MovableItem, moveStatements, placementOf } from "./item-moves.ts";

export const RECLUSTER_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
const PAGE = 2_000;

/** A window item as stored, with its title folded into the text the clustering reads. */
type LoadedItem = MovableItem & WindowItem;

/**
 * Most recent items embedded per re-clustering: 20 bge-m3 calls, and a dense partition of ~3.5 s on a slow core.
 * Older items in the window keep their theme while it survives.
 */
export const MAX_EMBEDDED = 2_000;

export interface ReclusterSummary {
  items: number;
  themes: number;
  created: number;
  changedItems: number;
  pinned: number;
  ms: number;
  /** The vectors the themes were built on: `local` TF-IDF, or the embedder's when it answered. */
  backend: string;
  /** Items embedded (0 on the local path). */
  embedded: number;
}

export interface ReclusterOptions {
  now?: number;
  makeId?: (prefix: string) => string;
  /**
   * Cluster on this embedder's vectors instead of TF-IDF (the most recent `maxEmbedded` items). If it fails, the
   * workspace is re-clustered locally, as if none were given.
   */
  embedder?: Embedder;
  maxEmbedded?: number;
}

/** Re-clusters `workspaceId` over the window ending at `now`. */
export async function reclusterWorkspace(
  db: Db,
  workspaceId: string,
  {
    now = Date.now(),
    makeId = (prefix: string) => newId(prefix, now),
    embedder,
    maxEmbedded = MAX_EMBEDDED,
  }: ReclusterOptions = {},
): Promise<ReclusterSummary> {
  const started = Date.now();
  const since = now - RECLUSTER_WINDOW_DAYS * DAY_MS;
  const [items, stored, context] = await Promise.all([
    loadWindow(db, workspaceId, since),
    db
      .select({ id: themes.id, status: themes.status, pinned: themes.pinned, keywords: themes.keywords })
      .from(themes)
      .where(eq(themes.workspaceId, workspaceId)),
    workspaces.analysisContext(db, workspaceId),
  ]);
  const embedding = embedder && (await embedWindow(workspaceId, items, embedder, maxEmbedded));
  const result = rebuildThemes({
    items,
    themes: stored,
    newThemeId: () => makeId("thm"),
    placement: context && { touchpoints: context.touchpoints, rules: context.rules ?? [] },
    ...embedding?.input,
  });
  const statements = [
    ...themeStatements(db, workspaceId, result, stored, items, now),
    ...itemStatements(workspaceId, result, items),
  ];
  const ms = Date.now() - started;
  statements.push(
    ...insertFromJson(
      themeModels,
      [
        {
          workspaceId,
          idf: result.model.idf,
          unseenIdf: result.model.unseenIdf,
          threshold: result.model.threshold,
          itemCount: items.length,
          builtAt: now,
          buildMs: ms,
          // Without an embedding, the column defaults say local TF-IDF.
          ...(embedding && { backend: embedding.backend, modelId: embedding.modelId }),
        },
      ],
      sql.raw(
        "ON CONFLICT (workspace_id) DO UPDATE SET idf = excluded.idf, unseen_idf = excluded.unseen_idf, " +
          "threshold = excluded.threshold, item_count = excluded.item_count, built_at = excluded.built_at, " +
          "build_ms = excluded.build_ms, backend = excluded.backend, model_id = excluded.model_id",
      ),
    ),
    db.delete(touchpointProfiles).where(eq(touchpointProfiles.workspaceId, workspaceId)),
    ...insertFromJson(
      touchpointProfiles,
      result.profiles.map((p) => ({ workspaceId, ...p, terms: { ...p.terms }, updatedAt: now })),
    ),
  );
  await runBatch(db, statements);
  return {
    items: items.length,
    themes: result.themes.length,
    created: result.themes.filter((t) => t.created).length,
    changedItems: plannedMoves(result, items).length,
    pinned: result.pinnedCounts.size,
    ms: Date.now() - started,
    backend: embedding?.backend ?? "local",
    embedded: embedding?.input.embeddings.vectors.size ?? 0,
  };
}

/**
 * Embeds the window's most recent items (redacted text, as stored) for `rebuildThemes`, or returns `undefined` when
 * the embedder fails: the caller then re-clusters locally, and one log line says why.
 */
async function embedWindow(workspaceId: string, items: readonly WindowItem[], embedder: Embedder, max: number) {
  const recent = [...items]
    .sort((a, b) => b.occurredAt - a.occurredAt || (a.id < b.id ? -1 : 1))
    .slice(0, max)
    .filter((item) => item.text.trim().length > 0);
  let vectors: SparseVector[];
  try {
    vectors = await embedder.embed(recent.map((item) => item.text));
  } catch (error) {
    if (!(error instanceof AiBackendError)) throw error;
    console.warn(
      JSON.stringify({
        level: "warn",
        message: "re-clustering locally: embedder failed",
        workspaceId,
        error: error.message,
      }),
    );
    return undefined;
  }
  const thresholds: SimilarityThresholds = embedder.thresholds ?? {
    join: DENSE_CLUSTER_OPTIONS.threshold,
    merge: DENSE_CLUSTER_OPTIONS.mergeThreshold,
    assign: DENSE_CLUSTER_OPTIONS.threshold,
  };
  const input = {
    embeddings: {
      vectors: new Map(recent.map((item, i) => [item.id, vectors[i] as SparseVector])),
      assignThreshold: thresholds.assign,
    },
    cluster: { threshold: thresholds.join, mergeThreshold: thresholds.merge },
  } satisfies Partial<RebuildInput>;
  return { backend: embedder.backend, modelId: embedder.modelId, input };
}

/** The window's items, in pages (keyset on time and id) so no single D1 response grows with the workspace. */
async function loadWindow(db: Db, workspaceId: string, since: number): Promise<LoadedItem[]> {
  const out: LoadedItem[] = [];
  let after: { at: number; id: string } | undefined;
  for (;;) {
    const rows = await db
      .select(MOVABLE_COLUMNS)
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.workspaceId, workspaceId),
          isNull(feedbackItems.erasedAt),
          // Test items stay out of themes, repeat chains and placement learning.
          eq(feedbackItems.isTest, false),
          after
            ? or(
                gt(feedbackItems.occurredAt, after.at),
                and(eq(feedbackItems.occurredAt, after.at), gt(feedbackItems.id, after.id)),
              )
            : gte(feedbackItems.occurredAt, since),
        ),
      )
      .orderBy(asc(feedbackItems.occurredAt), asc(feedbackItems.id))
      .limit(PAGE);
    for (const row of rows) out.push({ ...row, text: row.title ? `${row.title}. ${row.text}` : row.text });
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return out;
    after = { at: last.occurredAt, id: last.id };
  }
}

/**
 * Where each window item goes: its new theme and repeat link, its new touchpoint when today's rules or profiles
 * place it again, and, for an unrated item its text left neutral, the sentiment its theme now implies
 * (`withThemePrior`). Items that do not change are left out.
 */
function plannedMoves(result: RebuildResult, items: readonly LoadedItem[]) {
  return items.flatMap((item) => {
    const themeId = result.itemThemes.get(item.id) ?? null;
    const current = placementOf(item);
    const to = { ...current, themeId, repeatOfItemId: result.repeatOf.get(item.id) ?? null };
    const placement = result.placements.get(item.id);
    if (placement) {
      to.touchpointId = placement.touchpointId;
      to.touchpointMethod = placement.method;
      to.touchpointConfidence = placement.confidence;
    }
    if (item.score === null && themeId) {
      const prior = withThemePrior(
        { score: item.sentiment, label: item.sentimentLabel, confidence: 0 },
        result.negativeShares.get(themeId),
      );
      if (prior.label !== item.sentimentLabel) {
        to.sentiment = prior.score;
        to.sentimentLabel = prior.label;
        to.friction = itemFriction(prior.score, false, item.escalations.length > 0);
      }
    }
    const changed = (Object.keys(to) as Array<keyof typeof to>).some((key) => to[key] !== current[key]);
    return changed ? [{ item, to }] : [];
  });
}

/** Item updates and the rollup moves that keep the counters equal to the items. */
function itemStatements(workspaceId: string, result: RebuildResult, items: readonly LoadedItem[]): BatchStatement[] {
  return moveStatements(workspaceId, plannedMoves(result, items));
}

/** Theme rows: clustered themes upserted (labels a person set are kept), pinned counts refreshed, orphans archived. */
function themeStatements(
  db: Db,
  workspaceId: string,
  result: RebuildResult,
  stored: ReadonlyArray<{ id: string; status: string; pinned: boolean }>,
  items: readonly LoadedItem[],
  now: number,
): BatchStatement[] {
  const occurred = new Map(items.map((i) => [i.id, i.occurredAt]));
  const seen = (ids: readonly string[]) => {
    const times = ids.map((id) => occurred.get(id) ?? now);
    return { firstSeenAt: Math.min(...times), lastSeenAt: Math.max(...times) };
  };
  const rows = result.themes.map((t) => ({
    id: t.id,
    workspaceId,
    label: t.label,
    status: "active" as const,
    phrases: t.phrases,
    languages: t.languages,
    negativeShare: result.negativeShares.get(t.id) ?? 0,
    centroid: t.centroid,
    itemCount: t.memberIds.length,
    ...seen(t.memberIds),
    createdAt: now,
    updatedAt: now,
  }));
  const statements: BatchStatement[] = insertFromJson(
    themes,
    rows,
    sql.raw(
      "ON CONFLICT (id) DO UPDATE SET label = CASE WHEN themes.label_locked THEN themes.label ELSE excluded.label END, " +
        "status = 'active', phrases = excluded.phrases, languages = excluded.languages, centroid = excluded.centroid, " +
        "negative_share = excluded.negative_share, " +
        "item_count = excluded.item_count, first_seen_at = min(coalesce(themes.first_seen_at, excluded.first_seen_at), " +
        "excluded.first_seen_at), last_seen_at = excluded.last_seen_at, updated_at = excluded.updated_at",
    ),
  );
  for (const [id, count] of result.pinnedCounts) {
    statements.push(
      db
        .update(themes)
        .set({ itemCount: count, negativeShare: result.negativeShares.get(id) ?? 0, updatedAt: now })
        .where(and(eq(themes.workspaceId, workspaceId), eq(themes.id, id))),
    );
  }
  // Automatic themes that kept no items in the window are archived; a theme a person named stays, empty.
  const kept = new Set([...result.themes.map((t) => t.id), ...result.pinnedCounts.keys()]);
  for (const theme of stored) {
    if (kept.has(theme.id) || theme.pinned || theme.status !== "active") continue;
    statements.push(
      db
        .update(themes)
        .set({
          status: sql`CASE WHEN ${themes.labelLocked} THEN 'active' ELSE 'archived' END`,
          itemCount: 0,
          centroid: {},
          updatedAt: now,
        })
        .where(and(eq(themes.workspaceId, workspaceId), eq(themes.id, theme.id))),
    );
  }
  return statements;
}
