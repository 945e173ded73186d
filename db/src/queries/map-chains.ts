/**
 * Repeat-contact chains: items linked by `repeat_of_item_id` (the same customer coming back about the same issue),
 * followed back to their first contact. Who the customer is never leaves the database: chains are labelled
 * "Customer A", "Customer B", … in the order they are listed.
 * @module
 */
import { REPEAT_WINDOW_MS } from "@firebreak/core";
import { and, count, eq, gte, inArray, isNotNull, isNull, lt, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { feedbackItems } from "../schema/feedback.ts";

/** Chains listed per touchpoint or journey. */
export const CHAIN_LIMIT = 10;
/** The newest repeat contacts in scope that chains are traced from; older ones are not listed. */
const CHAIN_SEEDS = 200;
/** Links followed back from a contact; a longer chain is shown as incomplete. */
const CHAIN_MAX_DEPTH = 60;

export interface ChainItem {
  id: string;
  title: string | null;
  /** Redacted at ingest. */
  text: string;
  url: string | null;
  sentiment: number;
  /** Epoch milliseconds. */
  occurredAt: number;
  /** A chain can move between touchpoints (same customer, same issue). */
  touchpoint: { id: string; name: string; isHumanMoment: boolean } | null;
}

export interface RepeatChain {
  /** The first stored contact of the chain. */
  rootItemId: string;
  /** "Customer A", "Customer B", … by order of listing; the same customer keeps the same letter. */
  customerLabel: string;
  /** The theme of the newest contact; `null` when it has none. */
  themeLabel: string | null;
  /** Contacts in the chain, up to its newest one in scope. */
  length: number;
  /** `false` when the first contact is no longer stored or the chain is longer than can be traced. */
  complete: boolean;
  /** Epoch milliseconds of the first and the newest contact. */
  firstAt: number;
  lastAt: number;
  /** The newest contact falls within the repeat window before the end of the range: the chain can still grow. */
  active: boolean;
  /** Oldest first. */
  items: ChainItem[];
}

/** A window of item times: `[fromMs, toExclusiveMs)`. */
export interface TimeWindow {
  fromMs: number;
  toExclusiveMs: number;
}

/**
 * The items table read through the partial index of repeat contacts, by name: it covers every column the counts
 * below read, but without statistics SQLite's planner may prefer the wider (workspace, touchpoint, time) index of all
 * items and then visit ~25 times the rows. Naming it also makes a change to the index fail loudly rather than slow.
 */
const repeatContacts = sql`${feedbackItems} indexed by ${sql.identifier("feedback_items_repeat_idx")}`;

/**
 * Per touchpoint, the chains still active at the end of the window: distinct customer × theme among repeat contacts
 * within the repeat window before its end. Under the repeat rule (same customer and theme within the window) that is
 * exactly one per chain. `filter` narrows the repeat contacts (the map's item conditions). A bounded read on the
 * partial index of repeat contacts, never a scan of the range.
 */
export function activeChainCountQuery(
  db: Db,
  workspaceId: string,
  touchpointIds: SQLWrapper,
  window: TimeWindow,
  filter: SQL[] = [],
) {
  const chainKey = sql`coalesce(${feedbackItems.customerId}, ${feedbackItems.id}) || '|' || coalesce(${feedbackItems.themeId}, '')`;
  return db
    .select({
      touchpointId: sql<string>`${feedbackItems.touchpointId}`,
      activeChains: sql<number>`count(distinct ${chainKey})`.mapWith(Number).as("active_chains"),
    })
    .from(repeatContacts)
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        inArray(feedbackItems.touchpointId, touchpointIds),
        gte(feedbackItems.occurredAt, window.toExclusiveMs - REPEAT_WINDOW_MS),
        lt(feedbackItems.occurredAt, window.toExclusiveMs),
        isNotNull(feedbackItems.repeatOfItemId),
        isNull(feedbackItems.erasedAt),
        ...filter,
      ),
    )
    .groupBy(feedbackItems.touchpointId);
}

/** How many repeat contacts a scope has in a window (for "showing 10 of …"). */
export function repeatContactCountQuery(
  db: Db,
  workspaceId: string,
  touchpointIds: SQLWrapper,
  window: TimeWindow,
  filter: SQL[] = [],
) {
  return db
    .select({ count: count() })
    .from(repeatContacts)
    .where(
      and(
        eq(feedbackItems.workspaceId, workspaceId),
        inArray(feedbackItems.touchpointId, touchpointIds),
        gte(feedbackItems.occurredAt, window.fromMs),
        lt(feedbackItems.occurredAt, window.toExclusiveMs),
        isNotNull(feedbackItems.repeatOfItemId),
        isNull(feedbackItems.erasedAt),
        ...filter,
      ),
    );
}

export interface ChainRow {
  rootId: string;
  id: string;
  title: string | null;
  text: string;
  url: string | null;
  sentiment: number;
  occurredAt: number;
  customerId: string | null;
  themeLabel: string | null;
  touchpointId: string | null;
  touchpointName: string | null;
  touchpointHumanMoment: number | null;
  repeatOfItemId: string | null;
}

/**
 * One statement for a caller's `db.batch`: the newest `limit` chains that have a repeat contact in the window at one
 * of `touchpointIds`, every link followed back to the first contact (each step by primary key, in the workspace).
 * Rows are the chains' items, newest chain first, oldest item first within a chain.
 */
export function repeatChainQuery(
  db: Db,
  workspaceId: string,
  touchpointIds: SQLWrapper,
  window: TimeWindow,
  limit = CHAIN_LIMIT,
  filter: SQL[] = [],
) {
  // Drizzle cannot batch raw SQL with parameters, so the recursive query is a subquery of an ordinary select.
  const chainRows = sql`(
    WITH RECURSIVE
      seed(id) AS (
        SELECT id FROM feedback_items
        WHERE workspace_id = ${workspaceId} AND touchpoint_id IN ${touchpointIds}
          AND repeat_of_item_id IS NOT NULL AND erased_at IS NULL
          AND occurred_at >= ${window.fromMs} AND occurred_at < ${window.toExclusiveMs}
          ${filter.length > 0 ? sql`AND ${and(...filter)}` : sql``}
        -- Unary + keeps SQLite from walking the whole workspace's time index backwards to skip the sort: the
        -- touchpoint × time index bounds the read to the scope's items.
        ORDER BY +occurred_at DESC LIMIT ${CHAIN_SEEDS}
      ),
      walk(seed_id, item_id, depth) AS (
        SELECT id, id, 0 FROM seed
        UNION ALL
        SELECT walk.seed_id, f.repeat_of_item_id, walk.depth + 1
        FROM walk JOIN feedback_items f ON f.id = walk.item_id AND f.workspace_id = ${workspaceId}
        WHERE f.repeat_of_item_id IS NOT NULL AND walk.depth < ${CHAIN_MAX_DEPTH}
      ),
      -- SQLite takes a bare column from the row holding max(): the deepest link of each walk is its root.
      roots(seed_id, root_id) AS (
        SELECT seed_id, item_id FROM (SELECT seed_id, item_id, max(depth) FROM walk GROUP BY seed_id)
      ),
      members(root_id, item_id) AS (
        SELECT DISTINCT roots.root_id, walk.item_id FROM walk JOIN roots ON roots.seed_id = walk.seed_id
      ),
      chains(root_id, last_at) AS (
        -- CROSS JOIN fixes the loop order (SQLite's join-order hint): from the few members to their items by
        -- primary key, never a scan of the workspace's items probing the members.
        SELECT members.root_id, max(i.occurred_at) FROM members
        CROSS JOIN feedback_items i ON i.id = members.item_id AND i.workspace_id = ${workspaceId}
        GROUP BY members.root_id
        ORDER BY 2 DESC, 1 LIMIT ${limit}
      )
    SELECT chains.root_id AS root_id, chains.last_at AS last_at, i.id AS item_id, i.title AS title, i.text AS text,
      i.url AS url, i.sentiment AS sentiment, i.occurred_at AS occurred_at, i.customer_id AS customer_id,
      t.label AS theme_label, i.touchpoint_id AS touchpoint_id, tp.name AS touchpoint_name,
      tp.is_human_moment AS touchpoint_human_moment,
      i.repeat_of_item_id AS repeat_of_item_id
    FROM chains
    JOIN members ON members.root_id = chains.root_id
    JOIN feedback_items i ON i.id = members.item_id AND i.workspace_id = ${workspaceId} AND i.erased_at IS NULL
    LEFT JOIN themes t ON t.id = i.theme_id AND t.workspace_id = ${workspaceId}
    LEFT JOIN touchpoints tp ON tp.id = i.touchpoint_id AND tp.workspace_id = ${workspaceId}
  ) AS chain_rows`;
  const column = <T>(name: string) => sql<T>`${sql.raw(`chain_rows.${name}`)}`;
  return db
    .select({
      rootId: column<string>("root_id"),
      id: column<string>("item_id"),
      title: column<string | null>("title"),
      text: column<string>("text"),
      url: column<string | null>("url"),
      sentiment: column<number>("sentiment").mapWith(Number),
      occurredAt: column<number>("occurred_at").mapWith(Number),
      customerId: column<string | null>("customer_id"),
      themeLabel: column<string | null>("theme_label"),
      touchpointId: column<string | null>("touchpoint_id"),
      touchpointName: column<string | null>("touchpoint_name"),
      touchpointHumanMoment: column<number | null>("touchpoint_human_moment"),
      repeatOfItemId: column<string | null>("repeat_of_item_id"),
    })
    .from(chainRows)
    .orderBy(sql`chain_rows.last_at desc, chain_rows.root_id, chain_rows.occurred_at, chain_rows.item_id`);
}

/** Groups `repeatChainQuery` rows into chains and gives customers their ordinal labels. */
export function toRepeatChains(rows: ChainRow[], window: TimeWindow): RepeatChain[] {
  const byRoot = new Map<string, ChainRow[]>();
  for (const row of rows) {
    const items = byRoot.get(row.rootId);
    if (items) items.push(row);
    else byRoot.set(row.rootId, [row]);
  }
  const labels = new Map<string, string>();
  const activeFrom = window.toExclusiveMs - REPEAT_WINDOW_MS;
  return [...byRoot.values()].map((items) => {
    const first = items[0]!;
    const last = items[items.length - 1]!;
    // A customer erased since keeps no id: that chain gets a letter of its own.
    const customerKey = last.customerId ?? `chain:${first.rootId}`;
    let label = labels.get(customerKey);
    if (!label) {
      label = `Customer ${ordinalLetters(labels.size)}`;
      labels.set(customerKey, label);
    }
    return {
      rootItemId: first.rootId,
      customerLabel: label,
      themeLabel: last.themeLabel,
      length: items.length,
      complete: first.id === first.rootId && first.repeatOfItemId === null,
      firstAt: first.occurredAt,
      lastAt: last.occurredAt,
      active: last.occurredAt >= activeFrom,
      items: items.map((row) => ({
        id: row.id,
        title: row.title,
        text: row.text,
        url: row.url,
        sentiment: row.sentiment,
        occurredAt: row.occurredAt,
        touchpoint: row.touchpointId
          ? {
              id: row.touchpointId,
              name: row.touchpointName ?? row.touchpointId,
              isHumanMoment: Boolean(row.touchpointHumanMoment),
            }
          : null,
      })),
    };
  });
}

/** 0 → A, 25 → Z, 26 → AA. */
export function ordinalLetters(index: number): string {
  let n = index;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}
