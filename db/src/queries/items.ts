/**
 * Writing analysed feedback: customers, items and the daily rollups, in as few D1 round trips as possible and with
 * every write of one call in one transaction.
 * @module
 */
import { REPEAT_WINDOW_MS } from "@firebreak/core";
import { and, eq, gte, inArray, isNotNull, max, type SQL, sql } from "drizzle-orm";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import { insertFromJson, jsonList } from "../json-rows.ts";
import {
  emptyPlanState,
  type ItemToWrite,
  linkedCustomers,
  type PlanState,
  planCustomers,
  planItemRows,
  type StoredItem,
} from "../rows.ts";
import {
  customers,
  dailyRollups,
  deliveries,
  feedbackItems,
  itemDeliveries,
  itemRevisions,
  sources,
} from "../schema/index.ts";

export type { ItemToWrite } from "../rows.ts";

export interface WriteTarget {
  workspaceId: string;
  sourceId: string;
  deliveryId: string | null;
  receivedAt: number;
  /** Deliveries to mark processed in the same transaction, with how many items each carried. */
  completeDeliveries?: Array<{ id: string; itemCount: number; processMs: number }>;
}

export interface WriteResult {
  inserted: number;
  /** Newer revisions of stored items (the older version is kept in `item_revisions`). */
  updated: number;
  /** Repeats and older revisions. */
  skipped: number;
}

/** The rollup counter columns' SQL names. */
export const COUNTER_COLUMNS = [
  "item_count",
  "negative_count",
  "sentiment_sum",
  "friction_sum",
  "score_sum",
  "score_count",
  "detractor_count",
  "escalation_count",
  "repeat_count",
];

/** The rollup counter columns, for statements that copy or move rollup rows. */
export const ROLLUP_COUNTERS = sql.raw(COUNTER_COLUMNS.join(", "));

/** Rollup upserts add to the existing counters (increments may be negative when a revision moves an item). */
export const ROLLUP_UPSERT = sql.raw(
  `ON CONFLICT (workspace_id, day, touchpoint_id, theme_id, source_id, channel, language) DO UPDATE SET ${COUNTER_COLUMNS.map(
    (c) => `${c} = ${c} + excluded.${c}`,
  ).join(", ")}`,
);

/**
 * Moves a workspace's rollups from one theme or touchpoint to another, adding to rows already there: the two
 * statements for a caller's batch, beside the matching update of the items.
 */
export function reassignRollups(
  workspaceId: string,
  column: "theme_id" | "touchpoint_id",
  from: string,
  to: string,
): [SQL, SQL] {
  const keys = ["day", "touchpoint_id", "theme_id", "source_id", "channel", "language"];
  const target = sql.raw(keys.join(", "));
  const copied = sql.join(
    keys.map((key) => (key === column ? sql`${to}` : sql.raw(key))),
    sql`, `,
  );
  const where = sql`workspace_id = ${workspaceId} AND ${sql.raw(column)} = ${from}`;
  return [
    sql`INSERT INTO daily_rollups (workspace_id, ${target}, ${ROLLUP_COUNTERS})
      SELECT workspace_id, ${copied}, ${ROLLUP_COUNTERS} FROM daily_rollups WHERE ${where} ${ROLLUP_UPSERT}`,
    sql`DELETE FROM daily_rollups WHERE ${where}`,
  ];
}

/** A customer seen again keeps its first sighting and adds to its count. */
const CUSTOMER_UPSERT = sql.raw(
  "ON CONFLICT (workspace_id, key_hash) DO UPDATE SET email_hash = coalesce(email_hash, excluded.email_hash), " +
    "first_seen_at = min(first_seen_at, excluded.first_seen_at), last_seen_at = max(last_seen_at, excluded.last_seen_at), " +
    "item_count = item_count + excluded.item_count",
);

/**
 * Stores analysed items that are not stored yet (by source + external id) and adds them to the rollups.
 * Items are processed in the order given; repeat contacts are found against stored items and earlier items of the
 * same call.
 */
export async function writeAnalyzed(db: Db, target: WriteTarget, items: readonly ItemToWrite[]): Promise<WriteResult> {
  const { workspaceId, sourceId } = target;
  const plannedCustomers = planCustomers(workspaceId, items);
  const customerIds = new Map([...plannedCustomers].map(([key, row]) => [key, row.id]));
  const state: PlanState = emptyPlanState(customerIds);
  const externalIds = [...new Set(items.map((i) => i.analyzed.feedback.externalId))];
  // Usually every item is new: then the repeat lookup for all of them is the one for the new ones, and both reads
  // share a round trip. Only when some were stored already is it asked again, for the new ones alone.
  const storedQuery = externalIds.length > 0 ? storedItemsQuery(db, workspaceId, sourceId, externalIds) : undefined;
  const guessQuery = contactQuery(db, workspaceId, items, customerIds);
  let storedRows: StoredItem[] = [];
  let contacts: ContactRow[] = [];
  if (storedQuery && guessQuery) [storedRows, contacts] = await db.batch([storedQuery, guessQuery]);
  else if (storedQuery) storedRows = await storedQuery;
  else if (guessQuery) contacts = await guessQuery;
  for (const stored of storedRows) state.stored.set(`${sourceId}|${stored.externalId}`, stored);
  const fresh = items.filter((i) => !state.stored.has(`${sourceId}|${i.analyzed.feedback.externalId}`));
  if (fresh.length < items.length) contacts = (await contactQuery(db, workspaceId, fresh, customerIds)) ?? [];
  for (const row of contacts) {
    if (row.at !== null && row.itemId !== null)
      state.lastSeen.set(`${row.customerId}|${row.themeId}`, { at: row.at, itemId: row.itemId });
  }

  const itemRows = planItemRows(target, sourceId, items, state);
  const statements: BatchStatement[] = [
    ...insertFromJson(customers, linkedCustomers(plannedCustomers, itemRows, state.updates), CUSTOMER_UPSERT),
    ...insertFromJson(feedbackItems, itemRows, sql`ON CONFLICT DO NOTHING`),
    ...state.updates.map(({ id, set }) =>
      db
        .update(feedbackItems)
        .set(set)
        .where(and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.id, id))),
    ),
    ...insertFromJson(itemRevisions, state.revisions),
    ...insertFromJson(itemDeliveries, [...state.deliveryLinks.values()], sql`ON CONFLICT DO NOTHING`),
    ...insertFromJson(dailyRollups, [...state.rollups.values()], ROLLUP_UPSERT),
  ];
  if (target.completeDeliveries?.length) {
    statements.push(markProcessed(workspaceId, target.completeDeliveries, Date.now()));
    // Kept here rather than on the webhook's hot path, where every delivery would write the same source row.
    statements.push(
      db
        .update(sources)
        .set({ lastDeliveryAt: sql`max(coalesce(${sources.lastDeliveryAt}, 0), ${target.receivedAt})` })
        .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, sourceId))),
    );
  }
  await runBatch(db, statements);
  return {
    inserted: itemRows.length,
    updated: state.updates.length,
    skipped: items.length - itemRows.length - state.updates.length,
  };
}

/**
 * One statement that marks a write's deliveries processed, each with its own item count and processing time: a queue
 * batch completes a hundred deliveries, and a hundred single-row updates cost the consumer more to build and send
 * than the items they describe. The unary `+` keeps SQLite from scanning the workspace's deliveries by its index for
 * every row of the list; each row finds its delivery by primary key instead.
 */
function markProcessed(workspaceId: string, done: NonNullable<WriteTarget["completeDeliveries"]>, now: number): SQL {
  const rows = JSON.stringify(done.map((d) => [d.id, d.itemCount, d.processMs]));
  return sql`UPDATE ${deliveries} SET status = 'processed', reason = NULL, processed_at = ${now},
    item_count = json_extract(done.value, '$[1]'), process_ms = json_extract(done.value, '$[2]')
    FROM json_each(${rows}) AS done
    WHERE +${deliveries.workspaceId} = ${workspaceId} AND ${deliveries.id} = json_extract(done.value, '$[0]')`;
}

/** The stored versions of these external ids of one source. */
function storedItemsQuery(db: Db, workspaceId: string, sourceId: string, externalIds: string[]) {
  return db
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
      customerId: feedbackItems.customerId,
      channel: feedbackItems.channel,
      language: feedbackItems.language,
      touchpointId: feedbackItems.touchpointId,
      touchpointMethod: feedbackItems.touchpointMethod,
      themeId: feedbackItems.themeId,
      occurredAt: feedbackItems.occurredAt,
      revisionAt: feedbackItems.revisionAt,
      isTest: feedbackItems.isTest,
      deliveryId: feedbackItems.deliveryId,
      handledBy: feedbackItems.handledBy,
    })
    .from(feedbackItems)
    .where(
      and(
        // The unary `+` keeps SQLite from answering this through a (workspace_id, …) index, which means scanning
        // every item of the workspace; (source_id, external_id) is unique, so that index finds each row directly.
        sql`+${feedbackItems.workspaceId} = ${workspaceId}`,
        eq(feedbackItems.sourceId, sourceId),
        inArray(feedbackItems.externalId, jsonList(externalIds)),
      ),
    );
}

type ContactRow = { customerId: string | null; themeId: string | null; at: number | null; itemId: string | null };

/**
 * The latest stored contact per customer × theme within the repeat window before the first of `items`; undefined when
 * none of them names a customer.
 */
function contactQuery(
  db: Db,
  workspaceId: string,
  items: readonly ItemToWrite[],
  customerIds: ReadonlyMap<string, string>,
) {
  const ids = [
    ...new Set(items.flatMap((i) => (i.customerKeyHash ? [customerIds.get(i.customerKeyHash)] : []))),
  ].filter((id): id is string => id !== undefined);
  if (ids.length === 0) return undefined;
  const since = Math.min(...items.map((i) => i.analyzed.feedback.occurredAt)) - REPEAT_WINDOW_MS;
  return db
    .select({
      customerId: feedbackItems.customerId,
      themeId: feedbackItems.themeId,
      at: max(feedbackItems.occurredAt),
      itemId: max(feedbackItems.id),
    })
    .from(feedbackItems)
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        inArray(feedbackItems.customerId, jsonList(ids)),
        gte(feedbackItems.occurredAt, since),
        isNotNull(feedbackItems.themeId),
      ),
    )
    .groupBy(feedbackItems.customerId, feedbackItems.themeId);
}
