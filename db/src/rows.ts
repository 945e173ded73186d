/**
 * Turning prepared items into rows: customers, feedback items and daily rollups. Pure, so the live write path
 * (`queries/items.ts`) and the demo loader build exactly the same rows.
 * @module
 */
import { ANALYSIS_VERSION, isRepeatContact, newId, type PreparedItem } from "@firebreak/core";
import type { customers, dailyRollups, feedbackItems } from "./schema/index.ts";

export type CustomerRow = typeof customers.$inferInsert;
export type ItemRow = typeof feedbackItems.$inferInsert;
export type RollupRow = typeof dailyRollups.$inferInsert;

/** UTC day of an epoch-ms time, as rollups key it. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Makes a row id; the live path uses random time-sortable ids, the demo seed sequential ones so it is reproducible. */
export type IdMaker = (prefix: string, at: number) => string;

/** One customer row per key hash among `items`, with first/last seen and item counts. */
export function planCustomers(
  workspaceId: string,
  items: readonly PreparedItem[],
  makeId: IdMaker = newId,
): Map<string, CustomerRow> {
  const byKey = new Map<string, CustomerRow>();
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
        id: makeId("cus", at),
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
  return byKey;
}

export interface ItemTarget {
  workspaceId: string;
  deliveryId: string | null;
  receivedAt: number;
}

/** What row planning needs to know about what is already stored. */
export interface PlanState {
  /** Customer key hash → customer id. */
  customerIds: ReadonlyMap<string, string>;
  /** `source|externalId` already stored (or planned earlier); updated as items are planned. */
  known: Set<string>;
  /** `customer|touchpoint` → the latest contact; updated as items are planned, so repeats within a plan count. */
  lastSeen: Map<string, { at: number; itemId: string }>;
  /** `day|touchpoint|source` → rollup increments. */
  rollups: Map<string, RollupRow>;
  makeId: IdMaker;
}

export function emptyPlanState(
  customerIds: ReadonlyMap<string, string> = new Map(),
  makeId: IdMaker = newId,
): PlanState {
  return { customerIds, known: new Set(), lastSeen: new Map(), rollups: new Map(), makeId };
}

/** Plans the rows for `items` of one source (in the order given), skipping items already known. */
export function planItemRows(target: ItemTarget, sourceId: string, items: readonly PreparedItem[], state: PlanState) {
  const rows: ItemRow[] = [];
  for (const item of items) {
    const { analyzed } = item;
    const { feedback } = analyzed;
    const externalKey = `${sourceId}|${feedback.externalId}`;
    if (state.known.has(externalKey)) continue;
    state.known.add(externalKey);

    const id = state.makeId("itm", feedback.occurredAt);
    const customerId = item.customerKeyHash ? (state.customerIds.get(item.customerKeyHash) ?? null) : null;
    const touchpointId = analyzed.placement.touchpointId;
    const contactKey = `${customerId}|${touchpointId}`;
    const previous = customerId ? state.lastSeen.get(contactKey) : undefined;
    const repeatOf = previous && isRepeatContact(previous.at, feedback.occurredAt) ? previous.itemId : null;
    if (customerId) state.lastSeen.set(contactKey, { at: feedback.occurredAt, itemId: id });

    rows.push({
      id,
      workspaceId: target.workspaceId,
      sourceId,
      deliveryId: target.deliveryId,
      externalId: feedback.externalId,
      parentExternalId: feedback.parentExternalId ?? null,
      kind: feedback.kind,
      channel: feedback.channel,
      title: analyzed.title ?? null,
      text: analyzed.text,
      textTruncated: analyzed.textTruncated,
      redactions: analyzed.redactions,
      score: feedback.score ?? null,
      scale: feedback.scale,
      scaleMin: feedback.scale === "custom" ? (feedback.scaleRange?.min ?? null) : null,
      scaleMax: feedback.scale === "custom" ? (feedback.scaleRange?.max ?? null) : null,
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
      eventId: feedback.eventId ?? null,
      needsEnrichment: feedback.needsEnrichment ?? false,
      occurredAt: feedback.occurredAt,
      revisionAt: feedback.revisionAt ?? feedback.occurredAt,
      receivedAt: target.receivedAt,
      erasedAt: null,
    });
    addToRollup(state.rollups, target.workspaceId, sourceId, item, repeatOf !== null);
  }
  return rows;
}

function addToRollup(
  rollups: Map<string, RollupRow>,
  workspaceId: string,
  sourceId: string,
  { analyzed }: PreparedItem,
  repeat: boolean,
) {
  const day = utcDay(analyzed.feedback.occurredAt);
  const touchpointId = analyzed.placement.touchpointId ?? "";
  const key = `${day}|${touchpointId}|${sourceId}`;
  let row = rollups.get(key);
  if (!row) {
    row = { workspaceId, day, touchpointId, themeId: "", sourceId, ...ZERO_COUNTS };
    rollups.set(key, row);
  }
  row.itemCount = (row.itemCount ?? 0) + 1;
  row.negativeCount = (row.negativeCount ?? 0) + (analyzed.sentiment.label === "negative" ? 1 : 0);
  row.sentimentSum = (row.sentimentSum ?? 0) + analyzed.sentiment.score;
  row.frictionSum = (row.frictionSum ?? 0) + analyzed.friction;
  if (analyzed.normalizedScore !== undefined) {
    row.scoreSum = (row.scoreSum ?? 0) + analyzed.normalizedScore;
    row.scoreCount = (row.scoreCount ?? 0) + 1;
  }
  row.detractorCount = (row.detractorCount ?? 0) + (analyzed.detractor ? 1 : 0);
  row.escalationCount = (row.escalationCount ?? 0) + (analyzed.escalations.length > 0 ? 1 : 0);
  row.repeatCount = (row.repeatCount ?? 0) + (repeat ? 1 : 0);
}

const ZERO_COUNTS = {
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
