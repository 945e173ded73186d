/** Items stored through the live analysis and write path, for worker tests of curation (themes, placement, moves). */
import { env } from "cloudflare:test";
import { createAnalysisContext, type NormalizedFeedback, newId, prepareItem } from "@firebreak/core";
import { createDb, type Db, items, schema, workspaces } from "@firebreak/db";
import { MOVABLE_COLUMNS } from "@firebreak/db/pipelines/item-moves";
import { addContribution, contributionOf, type RollupRow } from "@firebreak/db/rows";
import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { NOW, type TestWorkspace } from "../helpers/fixtures.ts";

const db = createDb(env.DB);
const DAY = 86_400_000;

let sequence = 0;
/** A survey answer with a fresh external id (`ext_1`, `ext_2`, …), spread over the last 30 days. */
export function feedback(text: string, extra: Partial<NormalizedFeedback> = {}): NormalizedFeedback {
  sequence++;
  return {
    externalId: `ext_${sequence}`,
    kind: "survey",
    channel: "web",
    text,
    scale: "none",
    tags: [],
    occurredAt: NOW - (sequence % 30) * DAY,
    ...extra,
  };
}

/** The workspace's survey source, `src_<workspace id>`. */
export async function addSource(ws: TestWorkspace): Promise<string> {
  const id = `src_${ws.workspaceId}`;
  await db.insert(schema.sources).values({
    id,
    workspaceId: ws.workspaceId,
    provider: "generic-json",
    name: "Survey",
    secretCiphertext: "x",
    secretHint: "x",
    createdAt: NOW,
  });
  return id;
}

/** Stores items through the live analysis and write path, with the workspace's current rules and themes. */
export async function store(ws: TestWorkspace, sourceId: string, list: NormalizedFeedback[]) {
  const loaded = await workspaces.analysisContext(db, ws.workspaceId);
  const context = { ...createAnalysisContext(loaded!), sourceId };
  const prepared = list.map((f) => prepareItem(f, context, env.SECRETS_KEY, ws.workspaceId));
  await items.writeAnalyzed(db, { workspaceId: ws.workspaceId, sourceId, deliveryId: null, receivedAt: NOW }, prepared);
}

/** Items per touchpoint × theme, from the items and from the rollups: the two must always agree. */
export async function countsAgree(workspaceId: string) {
  const fromItems = await db.all<{ k: string; n: number; negative: number }>(
    sql`SELECT coalesce(touchpoint_id, '') || '|' || coalesce(theme_id, '') AS k, count(*) AS n,
        sum(sentiment_label = 'negative') AS negative FROM feedback_items
        WHERE workspace_id = ${workspaceId} GROUP BY k ORDER BY k`,
  );
  const fromRollups = await db.all<{ k: string; n: number; negative: number }>(
    sql`SELECT touchpoint_id || '|' || theme_id AS k, sum(item_count) AS n, sum(negative_count) AS negative
        FROM daily_rollups WHERE workspace_id = ${workspaceId} GROUP BY k HAVING n <> 0 ORDER BY k`,
  );
  expect(fromRollups).toEqual(fromItems);
  await coarseRollupsAgree(workspaceId);
}

const ISSUE_COUNTERS = ["item_count", "negative_count", "friction_sum"];
const JOURNEY = "coalesce((SELECT journey_id FROM touchpoints t WHERE t.id = r.touchpoint_id), '')";

/** The coarser rollup grains the triggers keep, each with its key and counters as `daily_rollups` yields them. */
export const COARSE_GRAINS = [
  { table: "touchpoint_days", key: ["touchpoint_id", "day"], counters: items.COUNTER_COLUMNS },
  { table: "touchpoint_theme_days", key: ["touchpoint_id", "theme_id", "day"], counters: ISSUE_COUNTERS },
  { table: "journey_theme_days", key: [`${JOURNEY} AS journey_id`, "theme_id", "day"], counters: ISSUE_COUNTERS },
  { table: "journey_channel_days", key: [`${JOURNEY} AS journey_id`, "channel", "day"], counters: ["item_count"] },
];

/** Every coarser grain equals `daily_rollups` summed to its key (rows that sum to nothing left out of both). */
export async function coarseRollupsAgree(workspaceId: string) {
  for (const { table, key, counters } of COARSE_GRAINS) {
    const names = key.map((k) => k.split(" AS ").at(-1));
    const sums = (prefix: string) => counters.map((c) => `round(sum(${prefix}${c}), 6) AS ${c}`).join(", ");
    const nonZero = (prefix: string) => counters.map((c) => `round(sum(${prefix}${c}), 6) <> 0`).join(" OR ");
    const coarse = await db.all(
      sql.raw(`SELECT ${names.join(", ")}, ${sums("")} FROM ${table} WHERE workspace_id = '${workspaceId}'
        GROUP BY ${names.join(", ")} HAVING ${nonZero("")} ORDER BY ${names.join(", ")}`),
    );
    const fine = await db.all(
      sql.raw(`SELECT ${key.join(", ")}, ${sums("r.")} FROM daily_rollups r WHERE r.workspace_id = '${workspaceId}'
        GROUP BY ${names.join(", ")} HAVING ${nonZero("r.")} ORDER BY ${names.join(", ")}`),
    );
    expect(coarse, table).toEqual(fine);
  }
}

/**
 * Every `daily_rollups` row of the workspace, all counters, equals the items' contributions recomputed from scratch
 * with the product's own `contributionOf` (rows that count nothing on both sides left out).
 */
export async function rollupsMatchItems(workspaceId: string) {
  const stored = await db
    .select({ ...MOVABLE_COLUMNS })
    .from(schema.feedbackItems)
    .where(eq(schema.feedbackItems.workspaceId, workspaceId));
  const expected = new Map<string, RollupRow>();
  for (const item of stored) addContribution(expected, workspaceId, contributionOf(item, item.sourceId), 1);
  const rounded = (row: Record<string, unknown>) =>
    Object.fromEntries(
      ROLLUP_KEYS.map((key) => {
        const value = row[key];
        return [key, typeof value === "number" ? Math.round(value * 1e6) / 1e6 : value];
      }),
    );
  const byKey = (rows: Record<string, unknown>[]) =>
    rows
      .filter((r) => Number(r.itemCount) !== 0)
      .map(rounded)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const actual = await db.select().from(schema.dailyRollups).where(eq(schema.dailyRollups.workspaceId, workspaceId));
  expect(byKey(actual)).toEqual(byKey([...expected.values()] as Record<string, unknown>[]));
}

const ROLLUP_KEYS = [
  "day",
  "touchpointId",
  "themeId",
  "sourceId",
  "channel",
  "language",
  "itemCount",
  "negativeCount",
  "sentimentSum",
  "frictionSum",
  "scoreSum",
  "scoreCount",
  "detractorCount",
  "escalationCount",
  "repeatCount",
];

/** An open escalation alert at a touchpoint and its follow-up task, as the evaluator would write them; their ids. */
export async function plantAlertAndFollowUp(
  db: Db,
  at: { workspaceId: string; ruleId: string; touchpointId: string; itemId: string },
) {
  const ids = { alert: newId("alt"), followUp: newId("fup") };
  await db.batch([
    db.insert(schema.alerts).values({
      id: ids.alert,
      workspaceId: at.workspaceId,
      ruleId: at.ruleId,
      kind: "escalation",
      conditionKey: `escalation:tp:${at.touchpointId}`,
      status: "open",
      severity: "warning",
      title: "Escalation cues",
      why: { reasons: [{ label: "Escalations", detail: "1 item" }] },
      touchpointId: at.touchpointId,
      itemId: at.itemId,
      openedAt: NOW,
    }),
    db.insert(schema.followUps).values({
      id: ids.followUp,
      workspaceId: at.workspaceId,
      itemId: at.itemId,
      touchpointId: at.touchpointId,
      assignee: "owner@example.com",
      reasons: ["Escalation cue: churn"],
      status: "open",
      createdAt: NOW,
    }),
  ]);
  return ids;
}
