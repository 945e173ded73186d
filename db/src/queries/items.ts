/**
 * Writing analysed feedback: customers, items and the daily rollups, in as few D1 round trips as possible and with
 * every write of one call in one transaction.
 * @module
 */
import { type PreparedItem, REPEAT_WINDOW_MS } from "@firebreak/core";
import { and, eq, getTableColumns, gte, inArray, max, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { chunkForD1, type Db } from "../client.ts";
import { emptyPlanState, type PlanState, planCustomers, planItemRows, type StoredItem } from "../rows.ts";
import { customers, dailyRollups, deliveries, feedbackItems, itemRevisions } from "../schema/index.ts";

export type ItemToWrite = PreparedItem;

export interface WriteTarget {
  workspaceId: string;
  sourceId: string;
  deliveryId: string | null;
  receivedAt: number;
  /** Marks the delivery processed in the same transaction. */
  completeDelivery?: { processMs: number };
}

export interface WriteResult {
  inserted: number;
  /** Newer revisions of stored items (the older version is kept in `item_revisions`). */
  updated: number;
  /** Repeats and older revisions. */
  skipped: number;
}

const ITEM_COLUMNS = Object.keys(getTableColumns(feedbackItems)).length;
const ROLLUP_COLUMNS = Object.keys(getTableColumns(dailyRollups)).length;
const CUSTOMER_COLUMNS = Object.keys(getTableColumns(customers)).length;
const REVISION_COLUMNS = Object.keys(getTableColumns(itemRevisions)).length;

/** Rollup upserts add to the existing counters. */
export const ROLLUP_INCREMENT = {
  itemCount: sql`${dailyRollups.itemCount} + excluded.item_count`,
  negativeCount: sql`${dailyRollups.negativeCount} + excluded.negative_count`,
  sentimentSum: sql`${dailyRollups.sentimentSum} + excluded.sentiment_sum`,
  frictionSum: sql`${dailyRollups.frictionSum} + excluded.friction_sum`,
  scoreSum: sql`${dailyRollups.scoreSum} + excluded.score_sum`,
  scoreCount: sql`${dailyRollups.scoreCount} + excluded.score_count`,
  detractorCount: sql`${dailyRollups.detractorCount} + excluded.detractor_count`,
  escalationCount: sql`${dailyRollups.escalationCount} + excluded.escalation_count`,
  repeatCount: sql`${dailyRollups.repeatCount} + excluded.repeat_count`,
};

/**
 * Stores analysed items that are not stored yet (by source + external id) and adds them to the rollups.
 * Items are processed in the order given; repeat contacts are found against stored items and earlier items of the
 * same call.
 */
export async function writeAnalyzed(db: Db, target: WriteTarget, items: readonly ItemToWrite[]): Promise<WriteResult> {
  const { workspaceId, sourceId } = target;
  const customerIds = await upsertCustomers(db, workspaceId, items);
  const state: PlanState = emptyPlanState(customerIds);
  const externalIds = [...new Set(items.map((i) => i.analyzed.feedback.externalId))];
  for (const stored of await storedItems(db, workspaceId, sourceId, externalIds)) {
    state.stored.set(`${sourceId}|${stored.externalId}`, stored);
  }
  const fresh = items.filter((i) => !state.stored.has(`${sourceId}|${i.analyzed.feedback.externalId}`));
  for (const [key, seen] of await lastContactByCustomer(db, workspaceId, fresh, customerIds))
    state.lastSeen.set(key, seen);

  const itemRows = planItemRows(target, sourceId, items, state);
  const statements: BatchItem<"sqlite">[] = [
    ...chunkForD1(itemRows, ITEM_COLUMNS).map((rows) => db.insert(feedbackItems).values(rows).onConflictDoNothing()),
    ...state.updates.map(({ id, set }) =>
      db
        .update(feedbackItems)
        .set(set)
        .where(and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.id, id))),
    ),
    ...chunkForD1(state.revisions, REVISION_COLUMNS).map((rows) => db.insert(itemRevisions).values(rows)),
    ...chunkForD1([...state.rollups.values()], ROLLUP_COLUMNS).map((rows) =>
      db
        .insert(dailyRollups)
        .values(rows)
        .onConflictDoUpdate({
          target: [
            dailyRollups.workspaceId,
            dailyRollups.day,
            dailyRollups.touchpointId,
            dailyRollups.themeId,
            dailyRollups.sourceId,
          ],
          set: ROLLUP_INCREMENT,
        }),
    ),
  ];
  if (target.deliveryId && target.completeDelivery) {
    statements.push(
      db
        .update(deliveries)
        .set({
          status: "processed",
          reason: null,
          processedAt: Date.now(),
          processMs: target.completeDelivery.processMs,
          itemCount: items.length,
        })
        .where(eq(deliveries.id, target.deliveryId)),
    );
  }
  if (statements.length > 0) await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return {
    inserted: itemRows.length,
    updated: state.updates.length,
    skipped: items.length - itemRows.length - state.updates.length,
  };
}

/** Upserts the customers named in `items`; returns key hash → customer id. */
async function upsertCustomers(db: Db, workspaceId: string, items: readonly ItemToWrite[]) {
  const byKey = planCustomers(workspaceId, items);
  const ids = new Map<string, string>();
  if (byKey.size === 0) return ids;
  const statements = chunkForD1([...byKey.values()], CUSTOMER_COLUMNS).map((rows) =>
    db
      .insert(customers)
      .values(rows)
      .onConflictDoUpdate({
        target: [customers.workspaceId, customers.keyHash],
        set: {
          emailHash: sql`coalesce(${customers.emailHash}, excluded.email_hash)`,
          firstSeenAt: sql`min(${customers.firstSeenAt}, excluded.first_seen_at)`,
          lastSeenAt: sql`max(${customers.lastSeenAt}, excluded.last_seen_at)`,
          itemCount: sql`${customers.itemCount} + excluded.item_count`,
        },
      })
      .returning({ id: customers.id, keyHash: customers.keyHash }),
  );
  const results = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  for (const rows of results) for (const row of rows) ids.set(row.keyHash, row.id);
  return ids;
}

/** The stored versions of these external ids of one source. */
async function storedItems(
  db: Db,
  workspaceId: string,
  sourceId: string,
  externalIds: string[],
): Promise<StoredItem[]> {
  const found: StoredItem[] = [];
  // Each statement binds the workspace and source ids too, so chunks hold at most 98 external ids.
  for (const chunk of chunkForD1(externalIds, 1.02)) {
    const rows = await db
      .select({
        id: feedbackItems.id,
        externalId: feedbackItems.externalId,
        title: feedbackItems.title,
        text: feedbackItems.text,
        score: feedbackItems.score,
        scale: feedbackItems.scale,
        scaleMin: feedbackItems.scaleMin,
        scaleMax: feedbackItems.scaleMax,
        status: feedbackItems.status,
        tags: feedbackItems.tags,
        sentiment: feedbackItems.sentiment,
        sentimentLabel: feedbackItems.sentimentLabel,
        friction: feedbackItems.friction,
        escalations: feedbackItems.escalations,
        repeatOfItemId: feedbackItems.repeatOfItemId,
        touchpointId: feedbackItems.touchpointId,
        touchpointMethod: feedbackItems.touchpointMethod,
        occurredAt: feedbackItems.occurredAt,
        revisionAt: feedbackItems.revisionAt,
      })
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.workspaceId, workspaceId),
          eq(feedbackItems.sourceId, sourceId),
          inArray(feedbackItems.externalId, chunk),
        ),
      );
    found.push(...rows);
  }
  return found;
}

/** The latest stored contact per customer × touchpoint within the repeat window before the batch's first item. */
async function lastContactByCustomer(
  db: Db,
  workspaceId: string,
  items: readonly ItemToWrite[],
  customerIds: ReadonlyMap<string, string>,
) {
  const lastSeen = new Map<string, { at: number; itemId: string }>();
  const ids = [...new Set(items.flatMap((i) => (i.customerKeyHash ? [customerIds.get(i.customerKeyHash)] : [])))];
  if (ids.length === 0) return lastSeen;
  const since = Math.min(...items.map((i) => i.analyzed.feedback.occurredAt)) - REPEAT_WINDOW_MS;
  for (const chunk of chunkForD1(
    ids.filter((id): id is string => id !== undefined),
    1.03,
  )) {
    const rows = await db
      .select({
        customerId: feedbackItems.customerId,
        touchpointId: feedbackItems.touchpointId,
        at: max(feedbackItems.occurredAt),
        itemId: max(feedbackItems.id),
      })
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.workspaceId, workspaceId),
          inArray(feedbackItems.customerId, chunk),
          gte(feedbackItems.occurredAt, since),
        ),
      )
      .groupBy(feedbackItems.customerId, feedbackItems.touchpointId);
    for (const row of rows) {
      if (row.at !== null && row.itemId !== null) {
        lastSeen.set(`${row.customerId}|${row.touchpointId}`, { at: row.at, itemId: row.itemId });
      }
    }
  }
  return lastSeen;
}
