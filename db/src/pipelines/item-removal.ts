/**
 * Removing stored items for good (a customer's erasure, item retention) while every rollup grain stays equal to the
 * items: each item's contribution leaves its rollup row, later contacts that repeated a removed item stop counting
 * as repeats (their contribution moves too), and the item's history, theme and delivery links, follow-ups and alerts
 * go with it, in one transaction per chunk. The coarser grains and the segment-day stamps follow by trigger.
 * @module
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import { insertFromJson, jsonList } from "../json-rows.ts";
import { ROLLUP_UPSERT } from "../queries/items.ts";
import { addContribution, contributionOf, type RollupRow } from "../rows.ts";
import {
  alerts,
  dailyRollups,
  feedbackItems,
  followUps,
  itemDeliveries,
  itemRevisions,
  itemThemes,
} from "../schema/index.ts";
import { MOVABLE_COLUMNS, type MovableItem, moveStatements, placementOf } from "./item-moves.ts";

/**
 * Items per transaction: their ids travel as one JSON parameter per statement, and a chunk's deletes, rollup changes
 * and repeat-link fixes stay well inside one D1 batch's time.
 */
export const REMOVAL_CHUNK = 500;

/** What a removal deleted or changed, per table. */
export interface RemovalCounts {
  items: number;
  revisions: number;
  itemThemes: number;
  deliveryLinks: number;
  followUps: number;
  alerts: number;
  /** Items left in place whose repeat link pointed at a removed item: they no longer count as repeat contacts. */
  repeatLinksCleared: number;
  /** Rollup rows whose counters changed; rows left counting nothing are deleted. */
  rollupRows: number;
}

export const NO_REMOVALS: RemovalCounts = {
  items: 0,
  revisions: 0,
  itemThemes: 0,
  deliveryLinks: 0,
  followUps: 0,
  alerts: 0,
  repeatLinksCleared: 0,
  rollupRows: 0,
};

/** Adds `more` to `total`, key by key. */
export function addCounts<T extends { [K in keyof T]: number }>(total: T, more: Partial<T>): T {
  const sum: Record<string, number> = { ...total };
  for (const [key, value] of Object.entries(more)) sum[key] = (sum[key] ?? 0) + Number(value ?? 0);
  return sum as T;
}

export interface Removal {
  counts: RemovalCounts;
  /** Every delivery that carried a version of a removed item (its own and `item_deliveries`). */
  deliveryIds: string[];
  /** Customers whose items were removed. */
  customerIds: string[];
  /** The ids actually removed. */
  itemIds: string[];
}

type RemovableItem = MovableItem & { deliveryId: string | null };

const rollupKey = (r: RollupRow) =>
  JSON.stringify([r.day, r.touchpointId, r.themeId, r.sourceId, r.channel ?? "", r.language ?? ""]);

/**
 * Removes up to `REMOVAL_CHUNK` items of the workspace, and everything that hangs off them, in one transaction.
 * Ids of other workspaces, or already gone, are ignored.
 */
export async function removeItems(db: Db, workspaceId: string, itemIds: readonly string[]): Promise<Removal> {
  if (itemIds.length > REMOVAL_CHUNK) throw new Error(`remove at most ${REMOVAL_CHUNK} items at a time`);
  if (itemIds.length === 0) return { counts: NO_REMOVALS, deliveryIds: [], customerIds: [], itemIds: [] };
  const listed = jsonList(itemIds);
  const [found, links, dependants] = await db.batch([
    db
      .select({ ...MOVABLE_COLUMNS, deliveryId: feedbackItems.deliveryId })
      .from(feedbackItems)
      .where(and(eq(feedbackItems.workspaceId, workspaceId), inArray(feedbackItems.id, listed))),
    db
      .select({ deliveryId: itemDeliveries.deliveryId })
      .from(itemDeliveries)
      .where(and(inArray(itemDeliveries.itemId, listed), eq(itemDeliveries.workspaceId, workspaceId))),
    db
      .select(MOVABLE_COLUMNS)
      .from(feedbackItems)
      .where(
        and(
          inArray(feedbackItems.repeatOfItemId, listed),
          eq(feedbackItems.workspaceId, workspaceId),
          sql`${feedbackItems.id} NOT IN ${listed}`,
        ),
      ),
  ]);
  const items = found as RemovableItem[];
  if (items.length === 0) return { counts: NO_REMOVALS, deliveryIds: [], customerIds: [], itemIds: [] };
  const ids = jsonList(items.map((i) => i.id));

  const rollups = new Map<string, RollupRow>();
  for (const item of items) addContribution(rollups, workspaceId, contributionOf(item, item.sourceId), -1);
  // The keys a repeat fix changes too, so rows it empties are deleted with the rest.
  const touched = new Map<string, RollupRow>();
  for (const item of dependants) addContribution(touched, workspaceId, contributionOf(item, item.sourceId), -1);
  const keys = [...new Set([...rollups.values(), ...touched.values()].map(rollupKey))];

  const perCustomer = new Map<string, number>();
  for (const { customerId } of items)
    if (customerId) perCustomer.set(customerId, (perCustomer.get(customerId) ?? 0) + 1);

  const moves = moveStatements(
    workspaceId,
    dependants.map((item) => ({ item, to: { ...placementOf(item), repeatOfItemId: null } })),
  );
  // In this order; their row counts are read back by position.
  const deletes = [
    db.delete(itemThemes).where(and(inArray(itemThemes.itemId, ids), eq(itemThemes.workspaceId, workspaceId))),
    db.delete(itemRevisions).where(and(eq(itemRevisions.workspaceId, workspaceId), inArray(itemRevisions.itemId, ids))),
    db
      .delete(itemDeliveries)
      .where(and(inArray(itemDeliveries.itemId, ids), eq(itemDeliveries.workspaceId, workspaceId))),
    db.delete(followUps).where(and(eq(followUps.workspaceId, workspaceId), inArray(followUps.itemId, ids))),
    db.delete(alerts).where(and(eq(alerts.workspaceId, workspaceId), inArray(alerts.itemId, ids))),
    db.delete(feedbackItems).where(and(eq(feedbackItems.workspaceId, workspaceId), inArray(feedbackItems.id, ids))),
  ];
  const statements: BatchStatement[] = [
    ...moves,
    ...deletes,
    // Customer rows keep counting their items; the rows themselves are for the caller to delete or keep.
    sql`UPDATE customers SET item_count = max(0, item_count - json_extract(incoming.value, '$[1]'))
      FROM json_each(${JSON.stringify([...perCustomer])}) AS incoming
      WHERE customers.workspace_id = ${workspaceId} AND customers.id = json_extract(incoming.value, '$[0]')`,
    ...insertFromJson(dailyRollups, [...rollups.values()], ROLLUP_UPSERT),
  ];
  if (keys.length > 0) {
    // A row whose last item left counts nothing: deleting it (its triggers subtract the float residue from the
    // coarser grains) leaves no trace of the removed items' day, touchpoint, source and language.
    statements.push(sql`DELETE FROM daily_rollups WHERE workspace_id = ${workspaceId} AND item_count = 0
      AND (day, touchpoint_id, theme_id, source_id, channel, language) IN (
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
          json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]')
        FROM json_each(${`[${keys.join(",")}]`}))`);
  }
  const results = await runBatch(db, statements);
  const changes = (index: number) => results[moves.length + index]?.meta.changes ?? 0;
  return {
    counts: {
      itemThemes: changes(0),
      revisions: changes(1),
      deliveryLinks: changes(2),
      followUps: changes(3),
      alerts: changes(4),
      items: changes(5),
      repeatLinksCleared: dependants.length,
      rollupRows: keys.length,
    },
    deliveryIds: [
      ...new Set([...items.flatMap((i) => (i.deliveryId ? [i.deliveryId] : [])), ...links.map((l) => l.deliveryId)]),
    ],
    customerIds: [...perCustomer.keys()],
    itemIds: items.map((i) => i.id),
  };
}
