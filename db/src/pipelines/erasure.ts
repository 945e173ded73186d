/**
 * Erasing a customer on request, within one workspace: the raw payloads of every delivery that named them (their
 * items' deliveries and those deliveries' repeats, plus any undelivered or refused payload that names them, found by
 * decrypting and parsing it), then their items with everything hanging off them and their rollup contributions
 * (`item-removal.ts`), their item ids in the audit log, and their customer rows; last, one `customer.erased` audit
 * entry with the counts, under a hash of the request rather than anything that identifies them.
 *
 * A raw payload is deleted whole, even when the delivery also carried other customers' feedback: it is encrypted, but
 * it still holds the erased customer's data as they sent it. Delivery rows stay (ids, statuses and timings, no
 * personal data) so a provider's retry of the same event is still recognised as a duplicate, not ingested again.
 *
 * Every step is bounded (items in chunks of `REMOVAL_CHUNK`, one transaction each) and the customer rows go last, so
 * an erasure cut short is finished by asking again.
 * @module
 */
import {
  type CustomerLookup,
  type CustomerSelector,
  customerLookup,
  decryptSecret,
  payloadNamesCustomer,
  requestReference,
} from "@firebreak/core";
import { and, desc, eq, inArray, isNotNull, notInArray, or, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { jsonList } from "../json-rows.ts";
import * as audit from "../queries/audit.ts";
import {
  auditLog,
  customers,
  deliveries,
  feedbackItems,
  itemDeliveries,
  itemRevisions,
  rawPayloads,
  sources,
} from "../schema/index.ts";
import { addCounts, NO_REMOVALS, REMOVAL_CHUNK, type RemovalCounts, removeItems } from "./item-removal.ts";

/** Who asks, with the Worker's SECRETS_KEY: customer identifiers are only ever compared as keyed hashes. */
export interface PrivacyActor {
  actor: string;
  now: number;
  secretsKey: string;
}

export type CustomerRow = typeof customers.$inferSelect;

/** The workspace's customer rows the selector names: by email a customer may have two (keyed by id and by email). */
export async function findCustomers(db: Db, workspaceId: string, lookup: CustomerLookup): Promise<CustomerRow[]> {
  const named = [
    lookup.ids.length ? inArray(customers.id, lookup.ids) : undefined,
    lookup.keyHashes.length ? inArray(customers.keyHash, lookup.keyHashes) : undefined,
    lookup.emailHashes.length ? inArray(customers.emailHash, lookup.emailHashes) : undefined,
  ].filter((condition) => condition !== undefined);
  if (named.length === 0) return [];
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), or(...named)));
}

/** What erasing the customer would delete, counted before anything is: the confirmation step shows it. */
export interface ErasurePreview {
  customers: number;
  items: number;
  revisions: number;
  /** Deliveries that carried their items, and repeats of those. */
  deliveries: number;
  /** Of those, payloads still kept (the rest already expired). */
  rawPayloads: number;
}

/** Counts what an erasure of `selector` would delete; `null` when the workspace has no such customer. */
export async function preview(
  db: Db,
  workspaceId: string,
  selector: CustomerSelector,
  secretsKey: string,
): Promise<ErasurePreview | null> {
  const rows = await findCustomers(db, workspaceId, customerLookup(secretsKey, workspaceId, selector));
  if (rows.length === 0) return null;
  const customerIds = jsonList(rows.map((r) => r.id));
  const [[counts], linked] = await db.batch([
    db
      .select({
        items: sql<number>`count(*)`,
        revisions: sql<number>`(SELECT count(*) FROM ${itemRevisions} WHERE ${itemRevisions.workspaceId} = ${workspaceId}
          AND ${itemRevisions.itemId} IN (SELECT id FROM feedback_items WHERE workspace_id = ${workspaceId}
            AND customer_id IN ${customerIds}))`,
      })
      .from(feedbackItems)
      .where(and(eq(feedbackItems.workspaceId, workspaceId), inArray(feedbackItems.customerId, customerIds))),
    linkedDeliveries(
      db,
      workspaceId,
      rows.map((r) => r.id),
    ),
  ]);
  const carried = await withRepeats(
    db,
    workspaceId,
    linked.map((d) => d.deliveryId),
  );
  return {
    customers: rows.length,
    items: Number(counts?.items ?? 0),
    revisions: Number(counts?.revisions ?? 0),
    deliveries: carried.length,
    rawPayloads: carried.filter((d) => d.hasPayload).length,
  };
}

/** The deliveries that carried any version of the customers' items: each item's own, and `item_deliveries`. */
function linkedDeliveries(db: Db, workspaceId: string, customerIds: readonly string[]) {
  const theirs = and(
    eq(feedbackItems.workspaceId, workspaceId),
    inArray(feedbackItems.customerId, jsonList(customerIds)),
  );
  return db
    .select({ deliveryId: sql<string>`${feedbackItems.deliveryId}`.as("delivery_id") })
    .from(feedbackItems)
    .where(and(theirs, isNotNull(feedbackItems.deliveryId)))
    .union(
      db
        .select({ deliveryId: itemDeliveries.deliveryId })
        .from(itemDeliveries)
        .innerJoin(feedbackItems, eq(feedbackItems.id, itemDeliveries.itemId))
        .where(theirs),
    );
}

/** `ids` and the deliveries that repeated them (a repeat keeps its own copy of the payload), with their payload ids. */
async function withRepeats(db: Db, workspaceId: string, ids: readonly string[]) {
  const found: Array<{ id: string; rawPayloadId: string | null; hasPayload: boolean }> = [];
  for (let i = 0; i < ids.length; i += REMOVAL_CHUNK) {
    const chunk = jsonList(ids.slice(i, i + REMOVAL_CHUNK));
    found.push(
      ...(await db
        .select({
          id: deliveries.id,
          rawPayloadId: deliveries.rawPayloadId,
          hasPayload:
            sql<boolean>`EXISTS (SELECT 1 FROM ${rawPayloads} WHERE ${rawPayloads.id} = ${deliveries.rawPayloadId}
            AND ${rawPayloads.body} IS NOT NULL)`.mapWith(Boolean),
        })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.workspaceId, workspaceId),
            or(inArray(deliveries.id, chunk), inArray(deliveries.duplicateOf, chunk)),
          ),
        )),
    );
  }
  return [...new Map(found.map((d) => [d.id, d])).values()];
}

/**
 * Payloads checked per erasure among deliveries that produced no items (queued, failing, dead-lettered, refused):
 * nothing links those to a customer, so each is decrypted and parsed. A bound, so one request stays within a
 * Worker's limits; the newest are checked first.
 */
export const UNLINKED_PAYLOAD_SCAN = 2_000;

/** The ids of deliveries without items whose kept payload names the customer. */
async function unlinkedDeliveriesNaming(
  db: Db,
  workspaceId: string,
  selector: CustomerSelector,
  rows: readonly CustomerRow[],
  secretsKey: string,
): Promise<{ ids: string[]; checked: number }> {
  const candidates = await db
    .select({
      id: deliveries.id,
      sourceId: deliveries.sourceId,
      provider: deliveries.provider,
      receivedAt: deliveries.receivedAt,
      body: rawPayloads.body,
      headers: rawPayloads.headers,
    })
    .from(deliveries)
    .innerJoin(rawPayloads, eq(rawPayloads.id, deliveries.rawPayloadId))
    .where(
      and(
        eq(deliveries.workspaceId, workspaceId),
        notInArray(deliveries.status, ["processed", "duplicate"]),
        isNotNull(rawPayloads.body),
      ),
    )
    .orderBy(desc(deliveries.receivedAt))
    .limit(UNLINKED_PAYLOAD_SCAN);
  if (candidates.length === 0) return { ids: [], checked: 0 };
  const sourceRows = await db
    .select({ id: sources.id, settings: sources.settings, fieldMapping: sources.fieldMapping })
    .from(sources)
    .where(
      and(
        eq(sources.workspaceId, workspaceId),
        inArray(sources.id, jsonList([...new Set(candidates.map((c) => c.sourceId))])),
      ),
    );
  const settingsOf = new Map(sourceRows.map((s) => [s.id, s]));
  const match = {
    secretsKey,
    workspaceId,
    keyHashes: new Set(rows.map((r) => r.keyHash)),
    emailHashes: new Set(rows.flatMap((r) => (r.emailHash ? [r.emailHash] : []))),
    email: selector.kind === "email" ? selector.value.toLowerCase() : undefined,
  };
  const ids: string[] = [];
  for (const candidate of candidates) {
    let text: string;
    try {
      text = await decryptSecret(candidate.body as string, secretsKey);
    } catch {
      continue; // Sealed under another key: nothing this Worker could read, or replay, either.
    }
    const source = settingsOf.get(candidate.sourceId);
    const payload = {
      provider: candidate.provider,
      text,
      headers: candidate.headers,
      receivedAt: candidate.receivedAt,
      settings: source?.settings ?? {},
      fieldMapping: source?.fieldMapping ?? null,
    };
    if (payloadNamesCustomer(payload, match)) ids.push(candidate.id);
  }
  return { ids, checked: candidates.length };
}

/** Deletes the payloads of `deliveryIds` and their repeats; the delivery rows stay, without a payload. */
async function erasePayloads(db: Db, workspaceId: string, deliveryIds: readonly string[]) {
  const carried = await withRepeats(db, workspaceId, deliveryIds);
  let rawPayloadCount = 0;
  for (let i = 0; i < carried.length; i += REMOVAL_CHUNK) {
    const chunk = carried.slice(i, i + REMOVAL_CHUNK);
    const payloadIds = chunk.flatMap((d) => (d.rawPayloadId ? [d.rawPayloadId] : []));
    const [deleted] = await runBatch(db, [
      db
        .delete(rawPayloads)
        .where(and(eq(rawPayloads.workspaceId, workspaceId), inArray(rawPayloads.id, jsonList(payloadIds)))),
      db
        .update(deliveries)
        .set({ rawPayloadId: null })
        .where(and(eq(deliveries.workspaceId, workspaceId), inArray(deliveries.id, jsonList(chunk.map((d) => d.id))))),
    ]);
    rawPayloadCount += deleted?.meta.changes ?? 0;
  }
  return { deliveries: carried.length, rawPayloads: rawPayloadCount };
}

/** Audit actions whose details name items by id. */
const ITEM_AUDIT_ACTIONS = ["item.moved"];

/**
 * Replaces erased item ids in audit details with `"erased"`: the entries stay (who moved what where, and when), but no
 * longer point at the customer's feedback.
 */
async function scrubAuditLog(db: Db, workspaceId: string, itemIds: readonly string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const ids = JSON.stringify(itemIds);
  const entries = await db
    .select({ id: auditLog.id, details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        inArray(auditLog.action, ITEM_AUDIT_ACTIONS),
        sql`EXISTS (SELECT 1 FROM json_each(${ids}) AS erased WHERE instr(${auditLog.details}, erased.value) > 0)`,
      ),
    );
  if (entries.length === 0) return 0;
  const erased = new Set(itemIds);
  const scrubbed = entries.map(({ id, details }) => ({
    id,
    details: JSON.parse(JSON.stringify(details), (_key, value) => (erased.has(value) ? "erased" : value)) as Record<
      string,
      unknown
    >,
  }));
  await runBatch(
    db,
    scrubbed.map(({ id, details }) =>
      db
        .update(auditLog)
        .set({ details })
        .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.id, id))),
    ),
  );
  return scrubbed.length;
}

export interface ErasureCounts extends RemovalCounts {
  customers: number;
  /** Deliveries that carried the customer: their payloads are deleted, the rows stay. */
  deliveries: number;
  rawPayloads: number;
  /** Undelivered or refused payloads decrypted to look for the customer. */
  payloadsChecked: number;
  /** Audit entries whose item ids were replaced. */
  auditEntries: number;
}

export type ErasureResult =
  | { ok: true; reference: string; counts: ErasureCounts }
  | { ok: false; problem: "not_found" };

/**
 * Erases every trace of the customer `selector` names in the workspace and audits it as `customer.erased` with the
 * counts. `not_found` when the workspace has no such customer.
 */
export async function erase(
  db: Db,
  workspaceId: string,
  selector: CustomerSelector,
  { actor, now, secretsKey }: PrivacyActor,
): Promise<ErasureResult> {
  const lookup = customerLookup(secretsKey, workspaceId, selector);
  const rows = await findCustomers(db, workspaceId, lookup);
  if (rows.length === 0) return { ok: false, problem: "not_found" };
  const customerIds = rows.map((r) => r.id);

  // Payloads first, while the items still say which deliveries carried them.
  const linked = await linkedDeliveries(db, workspaceId, customerIds);
  const unlinked = await unlinkedDeliveriesNaming(db, workspaceId, selector, rows, secretsKey);
  const payloads = await erasePayloads(db, workspaceId, [...linked.map((d) => d.deliveryId), ...unlinked.ids]);

  let removed = NO_REMOVALS;
  let auditEntries = 0;
  for (;;) {
    const chunk = await db
      .select({ id: feedbackItems.id })
      .from(feedbackItems)
      .where(and(eq(feedbackItems.workspaceId, workspaceId), inArray(feedbackItems.customerId, jsonList(customerIds))))
      // Newest first: a repeat contact links back in time, so a chunk's items are repeated only by items already
      // removed or in the chunk itself, never by ones a later chunk removes anyway.
      .orderBy(desc(feedbackItems.occurredAt), desc(feedbackItems.id))
      .limit(REMOVAL_CHUNK);
    if (chunk.length === 0) break;
    const removal = await removeItems(
      db,
      workspaceId,
      chunk.map((c) => c.id),
    );
    if (removal.counts.items === 0) break;
    removed = addCounts(removed, removal.counts);
    auditEntries += await scrubAuditLog(db, workspaceId, removal.itemIds);
  }

  const reference = await requestReference(lookup);
  const [deletedCustomers] = await runBatch(db, [
    db
      .delete(customers)
      .where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, jsonList(customerIds)))),
  ]);
  const counts: ErasureCounts = {
    ...removed,
    customers: deletedCustomers?.meta.changes ?? 0,
    deliveries: payloads.deliveries,
    rawPayloads: payloads.rawPayloads,
    payloadsChecked: unlinked.checked,
    auditEntries,
  };
  await audit.entry(db, {
    workspaceId,
    actor,
    action: "customer.erased",
    targetType: "customer",
    targetId: reference,
    details: { by: selector.kind, counts },
    at: now,
  });
  return { ok: true, reference, counts };
}
