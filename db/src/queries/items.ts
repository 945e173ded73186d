/**
 * Writing analysed feedback: customers, items and the daily rollups, in as few D1 round trips as possible and with
 * every write of one batch in one transaction.
 * @module
 */
import {
  ANALYSIS_VERSION,
  type AnalyzedItem,
  isRepeatContact,
  newId,
  type PreparedItem,
  REPEAT_WINDOW_MS,
} from "@firebreak/core";
import { and, eq, gte, inArray, max, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { chunkForD1, type Db } from "../client.ts";
import { customers, dailyRollups, deliveries, feedbackItems } from "../schema/index.ts";

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
  skipped: number;
}

const ITEM_COLUMNS = 32;
const ROLLUP_COLUMNS = 14;
const CUSTOMER_COLUMNS = 8;

/** UTC day of an epoch-ms time, as rollups key it. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Stores analysed items that are not stored yet (by source + external id) and adds them to the rollups.
 * Items are processed in the order given; repeat contacts are found against stored items and earlier items of the
 * same call.
 */
export async function writeAnalyzed(db: Db, target: WriteTarget, items: readonly ItemToWrite[]): Promise<WriteResult> {
  const { workspaceId, sourceId } = target;
  const customerIds = await upsertCustomers(db, workspaceId, items);
  const externalIds = [...new Set(items.map((i) => i.analyzed.feedback.externalId))];
  const known = await existingExternalIds(db, sourceId, externalIds);
  const fresh = items.filter((i) => !known.has(i.analyzed.feedback.externalId));
  const lastSeen = await lastContactByCustomer(db, workspaceId, fresh, customerIds);

  const itemRows: (typeof feedbackItems.$inferInsert)[] = [];
  const rollups = new Map<string, typeof dailyRollups.$inferInsert>();
  const seenExternal = new Set<string>();
  for (const item of fresh) {
    const { analyzed } = item;
    const { feedback } = analyzed;
    if (seenExternal.has(feedback.externalId)) continue;
    seenExternal.add(feedback.externalId);
    const id = newId("itm", feedback.occurredAt);
    const customerId = item.customerKeyHash ? (customerIds.get(item.customerKeyHash) ?? null) : null;
    const touchpointId = analyzed.placement.touchpointId;
    const contactKey = `${customerId}|${touchpointId}`;
    const previous = customerId ? lastSeen.get(contactKey) : undefined;
    const repeatOf = previous && isRepeatContact(previous.at, feedback.occurredAt) ? previous.itemId : null;
    if (customerId) lastSeen.set(contactKey, { at: feedback.occurredAt, itemId: id });

    itemRows.push({
      id,
      workspaceId,
      sourceId,
      deliveryId: target.deliveryId,
      externalId: feedback.externalId,
      parentExternalId: feedback.parentExternalId ?? null,
      kind: feedback.kind,
      channel: feedback.channel,
      title: analyzed.title ?? null,
      text: analyzed.text,
      redactions: analyzed.redactions,
      score: feedback.score ?? null,
      scale: feedback.scale,
      customerId,
      language: analyzed.language,
      sentiment: analyzed.sentiment.score,
      sentimentLabel: analyzed.sentiment.label,
      sentimentConfidence: analyzed.sentiment.confidence,
      touchpointId,
      touchpointConfidence: analyzed.placement.confidence,
      touchpointMethod: analyzed.placement.method,
      themeId: null,
      tags: feedback.tags,
      status: feedback.status ?? null,
      url: feedback.url ?? null,
      escalations: analyzed.escalations,
      repeatOfItemId: repeatOf,
      friction: analyzed.friction,
      analysisVersion: ANALYSIS_VERSION,
      occurredAt: feedback.occurredAt,
      receivedAt: target.receivedAt,
      erasedAt: null,
    });
    addToRollup(rollups, workspaceId, sourceId, item.analyzed, repeatOf !== null);
  }

  const statements: BatchItem<"sqlite">[] = [
    ...chunkForD1(itemRows, ITEM_COLUMNS).map((rows) => db.insert(feedbackItems).values(rows).onConflictDoNothing()),
    ...chunkForD1([...rollups.values()], ROLLUP_COLUMNS).map((rows) =>
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
          set: {
            itemCount: sql`${dailyRollups.itemCount} + excluded.item_count`,
            negativeCount: sql`${dailyRollups.negativeCount} + excluded.negative_count`,
            sentimentSum: sql`${dailyRollups.sentimentSum} + excluded.sentiment_sum`,
            frictionSum: sql`${dailyRollups.frictionSum} + excluded.friction_sum`,
            scoreSum: sql`${dailyRollups.scoreSum} + excluded.score_sum`,
            scoreCount: sql`${dailyRollups.scoreCount} + excluded.score_count`,
            detractorCount: sql`${dailyRollups.detractorCount} + excluded.detractor_count`,
            escalationCount: sql`${dailyRollups.escalationCount} + excluded.escalation_count`,
            repeatCount: sql`${dailyRollups.repeatCount} + excluded.repeat_count`,
          },
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
          itemCount: itemRows.length,
          attempts: sql`${deliveries.attempts} + 1`,
        })
        .where(eq(deliveries.id, target.deliveryId)),
    );
  }
  if (statements.length > 0) await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return { inserted: itemRows.length, skipped: items.length - itemRows.length };
}

function addToRollup(
  rollups: Map<string, typeof dailyRollups.$inferInsert>,
  workspaceId: string,
  sourceId: string,
  item: AnalyzedItem,
  repeat: boolean,
) {
  const day = utcDay(item.feedback.occurredAt);
  const touchpointId = item.placement.touchpointId ?? "";
  const key = `${day}|${touchpointId}`;
  const row = rollups.get(key) ?? {
    workspaceId,
    day,
    touchpointId,
    themeId: "",
    sourceId,
    itemCount: 0,
    negativeCount: 0,
    sentimentSum: 0,
    frictionSum: 0,
    scoreSum: 0,
    scoreCount: 0,
    detractorCount: 0,
    escalationCount: 0,
    repeatCount: 0,
  };
  row.itemCount = (row.itemCount ?? 0) + 1;
  row.negativeCount = (row.negativeCount ?? 0) + (item.sentiment.label === "negative" ? 1 : 0);
  row.sentimentSum = (row.sentimentSum ?? 0) + item.sentiment.score;
  row.frictionSum = (row.frictionSum ?? 0) + item.friction;
  if (item.normalizedScore !== undefined) {
    row.scoreSum = (row.scoreSum ?? 0) + item.normalizedScore;
    row.scoreCount = (row.scoreCount ?? 0) + 1;
  }
  row.detractorCount = (row.detractorCount ?? 0) + (item.detractor ? 1 : 0);
  row.escalationCount = (row.escalationCount ?? 0) + (item.escalations.length > 0 ? 1 : 0);
  row.repeatCount = (row.repeatCount ?? 0) + (repeat ? 1 : 0);
  rollups.set(key, row);
}

/** Upserts the customers named in `items`; returns key hash → customer id. */
async function upsertCustomers(db: Db, workspaceId: string, items: readonly ItemToWrite[]) {
  const byKey = new Map<string, typeof customers.$inferInsert>();
  for (const { analyzed, customerKeyHash, customerEmailHash } of items) {
    if (!customerKeyHash) continue;
    const at = analyzed.feedback.occurredAt;
    const existing = byKey.get(customerKeyHash);
    if (existing) {
      existing.firstSeenAt = Math.min(existing.firstSeenAt, at);
      existing.lastSeenAt = Math.max(existing.lastSeenAt, at);
      existing.itemCount = (existing.itemCount ?? 0) + 1;
      existing.emailHash ??= customerEmailHash ?? null;
    } else {
      byKey.set(customerKeyHash, {
        id: newId("cus", at),
        workspaceId,
        keyHash: customerKeyHash,
        emailHash: customerEmailHash ?? null,
        attributes: analyzed.feedback.customerAttributes ?? {},
        firstSeenAt: at,
        lastSeenAt: at,
        itemCount: 1,
      });
    }
  }
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

async function existingExternalIds(db: Db, sourceId: string, externalIds: string[]) {
  const known = new Set<string>();
  // Each statement binds the source id too, so chunks hold at most 99 external ids.
  for (const chunk of chunkForD1(externalIds, 1.01)) {
    const rows = await db
      .select({ externalId: feedbackItems.externalId })
      .from(feedbackItems)
      .where(and(eq(feedbackItems.sourceId, sourceId), inArray(feedbackItems.externalId, chunk)));
    for (const row of rows) known.add(row.externalId);
  }
  return known;
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
