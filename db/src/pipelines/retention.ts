/**
 * Item retention: feedback that occurred longer ago than its workspace's `item_retention_days` is removed by the
 * ingest cron the way an erasure removes it (`item-removal.ts`: history, links and rollup contributions with it, so
 * the map stays exact), a bounded number per tick; customers left with no items go too. Raw payloads have their own,
 * shorter retention (`queries/deliveries.ts` `purgeExpiredPayloads`).
 * @module
 */
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { jsonList } from "../json-rows.ts";
import * as audit from "../queries/audit.ts";
import { customers, feedbackItems, workspaces } from "../schema/index.ts";
import { addCounts, NO_REMOVALS, REMOVAL_CHUNK, type RemovalCounts, removeItems } from "./item-removal.ts";

const DAY_MS = 86_400_000;

/** Items removed per cron tick across all workspaces: at a tick every 5 minutes, over half a million a day. */
export const RETENTION_ITEMS_PER_TICK = 2_000;

export interface RetentionPurge {
  workspaceId: string;
  /** Items that occurred before this time were due. */
  before: number;
  counts: RemovalCounts & { customers: number };
}

/**
 * Removes expired items, oldest first, at most `maxItems` in all, and the customers they leave without items; each
 * workspace's purge is audited as `items.retention_purged` (actor `system`) with its counts.
 */
export async function purgeExpiredItems(
  db: Db,
  now: number,
  maxItems = RETENTION_ITEMS_PER_TICK,
): Promise<RetentionPurge[]> {
  const purges: RetentionPurge[] = [];
  let budget = maxItems;
  const all = await db
    .select({ id: workspaces.id, days: workspaces.itemRetentionDays })
    .from(workspaces)
    // A random order, so a workspace with a large backlog cannot hold every other one back tick after tick.
    .orderBy(sql`random()`);
  for (const { id: workspaceId, days } of all) {
    if (budget <= 0) break;
    const before = now - days * DAY_MS;
    let counts = NO_REMOVALS;
    const customerIds = new Set<string>();
    while (budget > 0) {
      const due = await db
        .select({ id: feedbackItems.id })
        .from(feedbackItems)
        .where(and(eq(feedbackItems.workspaceId, workspaceId), lt(feedbackItems.occurredAt, before)))
        .orderBy(asc(feedbackItems.occurredAt))
        .limit(Math.min(budget, REMOVAL_CHUNK));
      if (due.length === 0) break;
      const removal = await removeItems(
        db,
        workspaceId,
        due.map((d) => d.id),
      );
      if (removal.counts.items === 0) break;
      budget -= removal.counts.items;
      counts = addCounts(counts, removal.counts);
      for (const id of removal.customerIds) customerIds.add(id);
    }
    if (counts.items === 0) continue;
    const orphaned = await removeCustomersWithoutItems(db, workspaceId, [...customerIds]);
    const purge = { workspaceId, before, counts: { ...counts, customers: orphaned } };
    await audit.entry(db, {
      workspaceId,
      actor: "system",
      action: "items.retention_purged",
      targetType: "workspace",
      targetId: workspaceId,
      details: { before: new Date(before).toISOString(), days, counts: purge.counts },
      at: now,
    });
    purges.push(purge);
  }
  return purges;
}

/** Deletes those of `customerIds` that no longer have an item: nothing is left to link to them. */
async function removeCustomersWithoutItems(db: Db, workspaceId: string, customerIds: readonly string[]) {
  let removed = 0;
  for (let i = 0; i < customerIds.length; i += REMOVAL_CHUNK) {
    const [result] = await runBatch(db, [
      db.delete(customers).where(
        and(
          eq(customers.workspaceId, workspaceId),
          inArray(customers.id, jsonList(customerIds.slice(i, i + REMOVAL_CHUNK))),
          sql`NOT EXISTS (SELECT 1 FROM ${feedbackItems} WHERE ${feedbackItems.workspaceId} = ${workspaceId}
              AND ${feedbackItems.customerId} = ${customers.id})`,
        ),
      ),
    ]);
    removed += result?.meta.changes ?? 0;
  }
  return removed;
}
