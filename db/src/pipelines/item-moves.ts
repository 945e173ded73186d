/**
 * Moving stored items between themes and touchpoints (re-clustering, a manual move, a split, a merge) while the
 * daily rollups stay equal to the items: every move takes the item's contribution out of its old rollup row and adds
 * it to the new one, in the same transaction as the item update.
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
};

export type MovableItem = {
  [K in keyof typeof MOVABLE_COLUMNS]: (typeof MOVABLE_COLUMNS)[K]["_"]["notNull"] extends true
    ? (typeof MOVABLE_COLUMNS)[K]["_"]["data"]
    : (typeof MOVABLE_COLUMNS)[K]["_"]["data"] | null;
};

/** Where an item goes: any of its theme, repeat link and placement. */
export type ItemPlacement = Pick<
  MovableItem,
  "themeId" | "repeatOfItemId" | "touchpointId" | "touchpointMethod" | "touchpointConfidence"
>;

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
    if (
      item.themeId === to.themeId &&
      item.repeatOfItemId === to.repeatOfItemId &&
      item.touchpointId === to.touchpointId &&
      item.touchpointMethod === to.touchpointMethod &&
      item.touchpointConfidence === to.touchpointConfidence
    )
      continue;
    addContribution(rollups, workspaceId, contributionOf(item, item.sourceId), -1);
    addContribution(rollups, workspaceId, contributionOf({ ...item, ...to }, item.sourceId), 1);
    updates.push([
      item.id,
      to.themeId,
      to.repeatOfItemId,
      to.touchpointId,
      to.touchpointMethod,
      to.touchpointConfidence,
    ]);
  }
  const statements: BatchStatement[] = [];
  // The unary `+` keeps SQLite from driving the join from the workspace index (a scan of every item per JSON row):
  // each incoming row then finds its item by primary key.
  for (let i = 0; i < updates.length; i += UPDATE_CHUNK) {
    statements.push(sql`UPDATE feedback_items SET theme_id = json_extract(incoming.value, '$[1]'),
      repeat_of_item_id = json_extract(incoming.value, '$[2]'),
      touchpoint_id = json_extract(incoming.value, '$[3]'),
      touchpoint_method = json_extract(incoming.value, '$[4]'),
      touchpoint_confidence = json_extract(incoming.value, '$[5]')
      FROM json_each(${JSON.stringify(updates.slice(i, i + UPDATE_CHUNK))}) AS incoming
      WHERE +feedback_items.workspace_id = ${workspaceId} AND feedback_items.id = json_extract(incoming.value, '$[0]')`);
  }
  // Moves that cancel out (an item leaving and re-entering the same rollup row) are dropped.
  const changes = [...rollups.values()].filter(
    (r) => r.itemCount !== 0 || r.repeatCount !== 0 || Math.abs(r.frictionSum ?? 0) > 1e-9,
  );
  statements.push(...insertFromJson(dailyRollups, changes, ROLLUP_UPSERT));
  return statements;
}

/** Where an item is now, as a starting point for a move that changes part of it. */
export function placementOf(item: MovableItem): ItemPlacement {
  return {
    themeId: item.themeId,
    repeatOfItemId: item.repeatOfItemId,
    touchpointId: item.touchpointId,
    touchpointMethod: item.touchpointMethod,
    touchpointConfidence: item.touchpointConfidence,
  };
}
