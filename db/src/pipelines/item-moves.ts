/**
 * Moving stored items between themes and touchpoints (re-clustering, a manual move, a split, a merge), or changing
 * what a theme taught their sentiment, while the daily rollups stay equal to the items: every move takes the item's
 * contribution out of its old rollup row and adds the new one, in the same transaction as the item update.
 * @module
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BatchStatement, Db } from "../client.ts";
import { insertFromJson, jsonList } from "../json-rows.ts";
import { ROLLUP_UPSERT } from "../queries/items.ts";
import { addContribution, contributionOf, type RollupRow } from "../rows.ts";
import { dailyRollups, feedbackItems } from "../schema/index.ts";

/** The columns of an item a move reads: what it contributes to the rollups, and what it can be moved by. */
export const MOVABLE_COLUMNS = {
  id: feedbackItems.id,
  sourceId: feedbackItems.sourceId,
  tags: feedbackItems.tags,
  channel: feedbackItems.channel,
  title: feedbackItems.title,
  text: feedbackItems.text,
  language: feedbackItems.language,
  customerId: feedbackItems.customerId,
  occurredAt: feedbackItems.occurredAt,
  themeId: feedbackItems.themeId,
  repeatOfItemId: feedbackItems.repeatOfItemId,
  touchpointId: feedbackItems.touchpointId,
  touchpointMethod: feedbackItems.touchpointMethod,
  touchpointConfidence: feedbackItems.touchpointConfidence,
  score: feedbackItems.score,
  scale: feedbackItems.scale,
  scaleMin: feedbackItems.scaleMin,
  scaleMax: feedbackItems.scaleMax,
  sentiment: feedbackItems.sentiment,
  sentimentLabel: feedbackItems.sentimentLabel,
  friction: feedbackItems.friction,
  escalations: feedbackItems.escalations,
  isTest: feedbackItems.isTest,
};

export type MovableItem = {
  [K in keyof typeof MOVABLE_COLUMNS]: (typeof MOVABLE_COLUMNS)[K]["_"]["notNull"] extends true
    ? (typeof MOVABLE_COLUMNS)[K]["_"]["data"]
    : (typeof MOVABLE_COLUMNS)[K]["_"]["data"] | null;
};

/** Where an item goes: any of its theme, repeat link and placement, and its sentiment and friction. */
export type ItemPlacement = Pick<
  MovableItem,
  | "themeId"
  | "repeatOfItemId"
  | "touchpointId"
  | "touchpointMethod"
  | "touchpointConfidence"
  | "sentiment"
  | "sentimentLabel"
  | "friction"
>;

const PLACEMENT_KEYS = [
  "themeId",
  "repeatOfItemId",
  "touchpointId",
  "touchpointMethod",
  "touchpointConfidence",
  "sentiment",
  "sentimentLabel",
  "friction",
] as const satisfies ReadonlyArray<keyof ItemPlacement>;

/** Items by id, scoped to the workspace; erased items are never moved. */
export function loadMovable(db: Db, workspaceId: string, itemIds: readonly string[]): Promise<MovableItem[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .select(MOVABLE_COLUMNS)
    .from(feedbackItems)
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        inArray(feedbackItems.id, jsonList(itemIds)),
        isNull(feedbackItems.erasedAt),
      ),
    );
}

/** Item updates per statement: one JSON parameter each, well under D1's 2 MB bound-value cap. */
const UPDATE_CHUNK = 2_000;

/**
 * The statements that move `moves` (each item with where it goes) and their rollup contributions. Items whose
 * placement does not change are left alone.
 */
export function moveStatements(
  workspaceId: string,
  moves: ReadonlyArray<{ item: MovableItem; to: ItemPlacement }>,
): BatchStatement[] {
  const rollups = new Map<string, RollupRow>();
  const updates: unknown[][] = [];
  for (const { item, to } of moves) {
    if (PLACEMENT_KEYS.every((key) => item[key] === to[key])) continue;
    addContribution(rollups, workspaceId, contributionOf(item, item.sourceId), -1);
    addContribution(rollups, workspaceId, contributionOf({ ...item, ...to }, item.sourceId), 1);
    updates.push([item.id, ...PLACEMENT_KEYS.map((key) => to[key])]);
  }
  const statements: BatchStatement[] = [];
  // The unary `+` keeps SQLite from driving the join from the workspace index (a scan of every item per JSON row):
  // each incoming row then finds its item by primary key.
  for (let i = 0; i < updates.length; i += UPDATE_CHUNK) {
    statements.push(sql`UPDATE feedback_items SET theme_id = json_extract(incoming.value, '$[1]'),
      repeat_of_item_id = json_extract(incoming.value, '$[2]'),
      touchpoint_id = json_extract(incoming.value, '$[3]'),
      touchpoint_method = json_extract(incoming.value, '$[4]'),
      touchpoint_confidence = json_extract(incoming.value, '$[5]'),
      sentiment = json_extract(incoming.value, '$[6]'),
      sentiment_label = json_extract(incoming.value, '$[7]'),
      friction = json_extract(incoming.value, '$[8]')
      FROM json_each(${JSON.stringify(updates.slice(i, i + UPDATE_CHUNK))}) AS incoming
      WHERE +feedback_items.workspace_id = ${workspaceId} AND feedback_items.id = json_extract(incoming.value, '$[0]')`);
  }
  // Moves that cancel out (an item leaving and re-entering the same rollup row) are dropped.
  const changes = [...rollups.values()].filter(
    (r) =>
      r.itemCount !== 0 ||
      r.repeatCount !== 0 ||
      r.negativeCount !== 0 ||
      Math.abs(r.frictionSum ?? 0) > 1e-9 ||
      Math.abs(r.sentimentSum ?? 0) > 1e-9,
  );
  statements.push(...insertFromJson(dailyRollups, changes, ROLLUP_UPSERT));
  return statements;
}

/** Where an item is now, as a starting point for a move that changes part of it. */
export function placementOf(item: MovableItem): ItemPlacement {
  return Object.fromEntries(PLACEMENT_KEYS.map((key) => [key, item[key]])) as ItemPlacement;
}
