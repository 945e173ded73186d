/**
 * Turning prepared items into rows: customers, feedback items and daily rollups. Pure, so the live write path
 * (`queries/items.ts`) and the demo loader build exactly the same rows.
 * @module
 */
import {
  ANALYSIS_VERSION,
  isDetractor,
  isRepeatContact,
  newId,
  normalizeScore,
  type PreparedItem,
} from "@firebreak/core";
import type { customers, dailyRollups, feedbackItems, itemDeliveries, itemRevisions } from "./schema/index.ts";

/** A prepared item, with the delivery it came in when one write covers several deliveries. */
export type ItemToWrite = PreparedItem & { deliveryId?: string };

export type CustomerRow = typeof customers.$inferInsert;
export type ItemRow = typeof feedbackItems.$inferInsert;
export type RollupRow = typeof dailyRollups.$inferInsert;

/** UTC day of an epoch-ms time, as rollups key it. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Makes a row id; the live path uses random time-sortable ids, the demo seed sequential ones so it is reproducible. */
export type IdMaker = (prefix: string, at: number) => string;

/**
 * A customer's id follows from its keyed hash, so a write can link items to customers without first reading ids
 * back, and the customer upsert can share the items' transaction (a retried write never counts a customer twice).
 */
export function customerIdFor(keyHash: string): string {
  return `cus_${keyHash.slice(0, 26)}`;
}

/** One customer row per key hash among `items`, with first/last seen and item counts. */
export function planCustomers(workspaceId: string, items: readonly PreparedItem[]): Map<string, CustomerRow> {
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
        id: customerIdFor(customerKeyHash),
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

/** The stored version of an item, as far as a newer revision needs it: to keep history and adjust the rollups. */
export type StoredItem = Pick<
  ItemRow,
  | "id"
  | "externalId"
  | "title"
  | "text"
  | "score"
  | "scale"
  | "scaleMin"
  | "scaleMax"
  | "status"
  | "tags"
  | "sentiment"
  | "sentimentLabel"
  | "friction"
  | "escalations"
  | "repeatOfItemId"
  | "customerId"
  | "channel"
  | "language"
  | "touchpointId"
  | "touchpointMethod"
  | "themeId"
  | "occurredAt"
  | "revisionAt"
  | "isTest"
  | "deliveryId"
  | "handledBy"
>;

export type RevisionRow = typeof itemRevisions.$inferInsert;

/** A newer revision of a stored item: the columns to overwrite. */
export interface ItemUpdate {
  id: string;
  set: Partial<ItemRow>;
}

/** What row planning needs to know about what is already stored, and what it has planned so far. */
export interface PlanState {
  /** Customer key hash → customer id. */
  customerIds: ReadonlyMap<string, string>;
  /**
   * `source|externalId` → the stored item: items that already exist, and items planned in this run, so a later copy
   * of the same item in one write is a revision of it like any other.
   */
  stored: Map<string, StoredItem>;
  /** `customer|theme` → the latest contact; updated as items are planned, so repeats within a plan count. */
  lastSeen: Map<string, { at: number; itemId: string }>;
  /** `day|touchpoint|theme|source|channel|language` → rollup increments (negative when a revision replaces an item's contribution). */
  rollups: Map<string, RollupRow>;
  updates: ItemUpdate[];
  revisions: RevisionRow[];
  /**
   * Deliveries that carried another version of a stored item (`item_deliveries`): the replaced version's and the
   * newcomer's, whether or not it was newer, so erasing the customer can find every payload that named them.
   */
  deliveryLinks: Map<string, DeliveryLinkRow>;
  makeId: IdMaker;
}

export type DeliveryLinkRow = typeof itemDeliveries.$inferInsert;

export function emptyPlanState(
  customerIds: ReadonlyMap<string, string> = new Map(),
  makeId: IdMaker = newId,
): PlanState {
  return {
    customerIds,
    stored: new Map(),
    lastSeen: new Map(),
    rollups: new Map(),
    updates: [],
    revisions: [],
    deliveryLinks: new Map(),
    makeId,
  };
}

/** The columns an item's analysis decides, for a new row and for a newer revision alike. */
function analysedColumns({ analyzed }: PreparedItem) {
  const { feedback } = analyzed;
  return {
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
    language: analyzed.language,
    sentiment: analyzed.sentiment.score,
    sentimentLabel: analyzed.sentiment.label,
    sentimentConfidence: analyzed.sentiment.confidence,
    tags: feedback.tags,
    status: feedback.status ?? null,
    url: feedback.url ?? null,
    escalations: analyzed.escalations,
    friction: analyzed.friction,
    analysisVersion: ANALYSIS_VERSION,
    eventId: feedback.eventId ?? null,
    needsEnrichment: feedback.needsEnrichment ?? false,
    revisionAt: feedback.revisionAt ?? feedback.occurredAt,
  } satisfies Partial<ItemRow>;
}

/**
 * Plans the rows for `items` of one source, oldest revision first: new items become rows; a newer revision of a
 * stored item (or of one planned earlier in the same run) becomes an update plus a history row, and its old
 * contribution to the rollups is replaced by the new one; older or repeated revisions are skipped.
 */
export function planItemRows(target: ItemTarget, sourceId: string, items: readonly ItemToWrite[], state: PlanState) {
  const rows: ItemRow[] = [];
  // A batch may carry several versions of one item (HubSpot sends a creation and its property changes together):
  // in revision order, the latest is what stays, whatever order the provider listed them in.
  const ordered = [...items].sort((a, b) => revisionTime(a) - revisionTime(b));
  for (const item of ordered) {
    const { analyzed } = item;
    const { feedback } = analyzed;
    const externalKey = `${sourceId}|${feedback.externalId}`;
    const stored = state.stored.get(externalKey);
    if (stored) {
      linkDeliveries(target, stored, [stored.deliveryId, item.deliveryId ?? target.deliveryId], state);
      planRevision(target, sourceId, item, stored, state);
      continue;
    }

    const id = state.makeId("itm", feedback.occurredAt);
    const customerId = item.customerKeyHash ? (state.customerIds.get(item.customerKeyHash) ?? null) : null;
    const touchpointId = analyzed.placement.touchpointId;
    const themeId = analyzed.theme?.themeId ?? null;
    // A repeat contact is the same customer on the same issue; without a theme there is nothing to compare yet
    // (the next re-clustering links the chain once the item has one).
    // Test items have no theme, so they neither are nor start a repeat contact.
    const contactKey = customerId && themeId ? `${customerId}|${themeId}` : undefined;
    const previous = contactKey ? state.lastSeen.get(contactKey) : undefined;
    const repeatOf = previous && isRepeatContact(previous.at, feedback.occurredAt) ? previous.itemId : null;
    if (contactKey) state.lastSeen.set(contactKey, { at: feedback.occurredAt, itemId: id });

    const row: ItemRow = {
      id,
      workspaceId: target.workspaceId,
      sourceId,
      deliveryId: item.deliveryId ?? target.deliveryId,
      externalId: feedback.externalId,
      parentExternalId: feedback.parentExternalId ?? null,
      ...analysedColumns(item),
      customerId,
      touchpointId,
      touchpointConfidence: analyzed.placement.confidence,
      touchpointMethod: analyzed.placement.method,
      themeId,
      repeatOfItemId: repeatOf,
      occurredAt: feedback.occurredAt,
      receivedAt: target.receivedAt,
      erasedAt: null,
      isTest: feedback.test ?? false,
      handledBy: analyzed.handledBy ?? null,
    };
    rows.push(row);
    state.stored.set(externalKey, { ...row, revisionAt: revisionTime(item) });
    addContribution(state.rollups, target.workspaceId, contributionOf(row, sourceId), 1);
  }
  return rows;
}

function linkDeliveries(
  target: ItemTarget,
  stored: StoredItem,
  deliveryIds: ReadonlyArray<string | null | undefined>,
  state: PlanState,
) {
  for (const deliveryId of new Set(deliveryIds)) {
    if (deliveryId)
      state.deliveryLinks.set(`${stored.id}|${deliveryId}`, {
        itemId: stored.id,
        deliveryId,
        workspaceId: target.workspaceId,
      });
  }
}

const revisionTime = ({ analyzed: { feedback } }: ItemToWrite) => feedback.revisionAt ?? feedback.occurredAt;

function planRevision(target: ItemTarget, sourceId: string, item: ItemToWrite, stored: StoredItem, state: PlanState) {
  const revisionAt = revisionTime(item);
  const { handledBy } = item.analyzed;
  if (revisionAt <= stored.revisionAt) {
    // Automation is sticky: evidence that arrives late or out of order still marks the item, and nothing unmarks it.
    if (handledBy && !stored.handledBy) {
      state.updates.push({ id: stored.id, set: { handledBy } });
      stored.handledBy = handledBy;
    }
    return;
  }
  // A revision may name the customer an earlier version lacked (details fetched later); a known customer stays.
  const linkedCustomer =
    stored.customerId == null && item.customerKeyHash ? state.customerIds.get(item.customerKeyHash) : undefined;
  // A touchpoint a person chose is kept; analysis only re-places items it placed itself.
  const keepPlacement = stored.touchpointMethod === "manual";
  const set: Partial<ItemRow> = {
    ...analysedColumns(item),
    deliveryId: item.deliveryId ?? target.deliveryId,
    // A new version starts enrichment afresh: the provider may have the details now, even if it once had none.
    enrichmentAttempts: 0,
    enrichmentNextAt: null,
    enrichmentError: null,
    enrichmentUnavailableAt: null,
    ...(linkedCustomer ? { customerId: linkedCustomer } : {}),
    // A later delivery without the evidence (a customer's reply, an enrichment) keeps what automation did.
    ...(handledBy ? { handledBy } : {}),
    // A revision analysed before the workspace has themes keeps the theme it had.
    ...(item.analyzed.theme ? { themeId: item.analyzed.theme.themeId } : {}),
    ...(keepPlacement
      ? {}
      : {
          touchpointId: item.analyzed.placement.touchpointId,
          touchpointConfidence: item.analyzed.placement.confidence,
          touchpointMethod: item.analyzed.placement.method,
        }),
  };
  state.updates.push({ id: stored.id, set });
  state.revisions.push({
    id: state.makeId("rev", revisionAt),
    workspaceId: target.workspaceId,
    itemId: stored.id,
    revisionAt: stored.revisionAt,
    title: stored.title ?? null,
    text: stored.text,
    score: stored.score ?? null,
    sentiment: stored.sentiment ?? 0,
    status: stored.status ?? null,
    tags: stored.tags ?? [],
    replacedAt: target.receivedAt,
  });
  addContribution(state.rollups, target.workspaceId, contributionOf(stored, sourceId), -1);
  addContribution(state.rollups, target.workspaceId, contributionOf({ ...stored, ...set }, sourceId), 1);
  Object.assign(stored, set, { revisionAt });
}

/**
 * The customer rows a write upserts: those its new rows, or revisions that newly name a customer, link to, each
 * counting exactly those items (a revision of an item already counted adds nothing).
 */
export function linkedCustomers(
  planned: ReadonlyMap<string, CustomerRow>,
  rows: readonly ItemRow[],
  updates: readonly ItemUpdate[],
): CustomerRow[] {
  const counts = new Map<string, number>();
  for (const customerId of [...rows.map((r) => r.customerId), ...updates.map((u) => u.set.customerId)]) {
    if (customerId) counts.set(customerId, (counts.get(customerId) ?? 0) + 1);
  }
  return [...planned.values()].flatMap((c) => (counts.has(c.id) ? [{ ...c, itemCount: counts.get(c.id) }] : []));
}

/** What one item adds to its day × touchpoint × theme × source rollup. */
export interface Contribution {
  day: string;
  touchpointId: string;
  themeId: string;
  sourceId: string;
  channel: string;
  language: string;
  negative: boolean;
  sentiment: number;
  friction: number;
  normalizedScore: number | undefined;
  detractor: boolean;
  escalated: boolean;
  repeat: boolean;
}

/** An item's contribution to the rollups, from its stored columns; none for a test item, which is never counted. */
export function contributionOf(
  row: Omit<StoredItem, "id" | "externalId" | "revisionAt" | "deliveryId">,
  sourceId: string,
): Contribution | undefined {
  if (row.isTest) return undefined;
  const custom = row.scaleMin != null && row.scaleMax != null ? { min: row.scaleMin, max: row.scaleMax } : undefined;
  const score = row.score ?? undefined;
  const scale = row.scale ?? "none";
  return {
    day: utcDay(row.occurredAt),
    touchpointId: row.touchpointId ?? "",
    themeId: row.themeId ?? "",
    sourceId,
    channel: row.channel,
    // Insert rows may leave the language to the column default.
    language: row.language ?? "und",
    negative: row.sentimentLabel === "negative",
    sentiment: row.sentiment ?? 0,
    friction: row.friction ?? 0,
    normalizedScore: normalizeScore(score, scale, custom),
    detractor: isDetractor(score, scale, custom),
    escalated: (row.escalations ?? []).length > 0,
    repeat: row.repeatOfItemId != null,
  };
}

/** Adds (`sign` 1) or removes (-1) a contribution in a map of rollup increments. */
export function addContribution(
  rollups: Map<string, RollupRow>,
  workspaceId: string,
  c: Contribution | undefined,
  sign: 1 | -1,
) {
  if (!c) return;
  const key = `${c.day}|${c.touchpointId}|${c.themeId}|${c.sourceId}|${c.channel}|${c.language}`;
  let row = rollups.get(key);
  if (!row) {
    row = {
      workspaceId,
      day: c.day,
      touchpointId: c.touchpointId,
      themeId: c.themeId,
      sourceId: c.sourceId,
      channel: c.channel,
      language: c.language,
      ...ZERO_COUNTS,
    };
    rollups.set(key, row);
  }
  row.itemCount = (row.itemCount ?? 0) + sign;
  row.negativeCount = (row.negativeCount ?? 0) + (c.negative ? sign : 0);
  row.sentimentSum = (row.sentimentSum ?? 0) + sign * c.sentiment;
  row.frictionSum = (row.frictionSum ?? 0) + sign * c.friction;
  if (c.normalizedScore !== undefined) {
    row.scoreSum = (row.scoreSum ?? 0) + sign * c.normalizedScore;
    row.scoreCount = (row.scoreCount ?? 0) + sign;
  }
  row.detractorCount = (row.detractorCount ?? 0) + (c.detractor ? sign : 0);
  row.escalationCount = (row.escalationCount ?? 0) + (c.escalated ? sign : 0);
  row.repeatCount = (row.repeatCount ?? 0) + (c.repeat ? sign : 0);
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
