/** @module Deliveries: every webhook receipt and its raw payload. */
import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { incomingColumn, insertFromJson, jsonList } from "../json-rows.ts";
import { deliveries, rawPayloads, sources } from "../schema/index.ts";

export type DeliveryRow = typeof deliveries.$inferSelect;

interface ReceiptBase {
  id: string;
  workspaceId: string;
  sourceId: string;
  provider: string;
  receivedAt: number;
  ackMs: number;
  rawPayload: { id: string; contentType: string; headers: Record<string, string>; body: string; sizeBytes: number };
}

/** A delivery that passed the signature check, verified against `sourceVersion` of its source. */
export interface AcceptedReceipt extends ReceiptBase {
  kind: "accepted";
  providerEventId: string | null;
  dedupeKey: string;
  sourceVersion: number;
}

/** A refused delivery (bad signature, unusable payload), logged with its reason; the body is kept for diagnosis. */
export interface RejectedReceipt extends ReceiptBase {
  kind: "rejected";
  reason: string;
  httpStatus: number;
}

export type Receipt = AcceptedReceipt | RejectedReceipt;

export type ReceiptOutcome =
  | { status: "queued" | "rejected" }
  | { status: "duplicate"; duplicateOf: string | null }
  /** The source changed (secret rotated, paused, deleted, re-mapped) after the Worker read it: verify again. */
  | { status: "stale" };

/**
 * Records receipts, many at once (see `GroupCommit`), in one transaction; idempotent, so writing a receipt twice is
 * harmless. An accepted receipt is stored only if its source is still active at the version it was verified against,
 * and only once per `(source, dedupe key)`: a repeat is logged as a duplicate of the first.
 */
export async function recordReceipts(db: Db, receipts: readonly Receipt[]): Promise<ReceiptOutcome[]> {
  const accepted = receipts.filter((r): r is AcceptedReceipt => r.kind === "accepted");
  const rejected = receipts.filter((r): r is RejectedReceipt => r.kind === "rejected");
  const versions = JSON.stringify(Object.fromEntries(accepted.map((r) => [r.sourceId, r.sourceVersion])));
  const payloadStatements = insertFromJson(
    rawPayloads,
    receipts.map((r) => ({ ...r.rawPayload, workspaceId: r.workspaceId, receivedAt: r.receivedAt })),
    sql`ON CONFLICT DO NOTHING`,
  );
  const rejectedStatements = insertFromJson(
    deliveries,
    rejected.map(({ rawPayload, kind: _, ...r }) => ({
      ...r,
      dedupeKey: r.id,
      status: "rejected" as const,
      rawPayloadId: rawPayload.id,
    })),
    sql`ON CONFLICT DO NOTHING`,
  );
  const acceptedStatements = insertFromJson(
    deliveries,
    accepted.map(deliveryRow),
    sql`AND EXISTS (SELECT 1 FROM ${sources} WHERE ${sources.id} = ${incomingColumn(deliveries, "sourceId")}
      AND ${sources.status} = 'active' AND ${sources.deletedAt} IS NULL
      AND ${sources.version} = json_extract(${versions}, '$."' || ${sources.id} || '"'))
    ON CONFLICT DO NOTHING RETURNING ${deliveries.id}`,
  );
  const results = await runBatch(db, [...payloadStatements, ...rejectedStatements, ...acceptedStatements]);
  const stored = new Set(
    results
      .slice(payloadStatements.length + rejectedStatements.length)
      .flatMap((r) => r.results.map((row: unknown) => (row as { id: string }).id)),
  );
  const notStored = accepted.filter((r) => !stored.has(r.id));
  const outcomes = new Map(notStored.length > 0 ? await settleNotStored(db, notStored) : []);
  return receipts.map((r) =>
    r.kind === "rejected" ? { status: "rejected" } : (outcomes.get(r.id) ?? { status: "queued" }),
  );
}

function deliveryRow({ rawPayload, kind: _, sourceVersion: __, ...receipt }: AcceptedReceipt) {
  return { ...receipt, status: "queued" as const, httpStatus: 202, rawPayloadId: rawPayload.id };
}

/**
 * The rare path: accepted receipts that were not stored are repeats of an earlier receipt, receipts written by an
 * earlier attempt of the same write, or receipts verified against a source that has since changed.
 */
async function settleNotStored(db: Db, receipts: AcceptedReceipt[]): Promise<[string, ReceiptOutcome][]> {
  const [current, existing] = await db.batch([
    db
      .select({ id: sources.id, version: sources.version, status: sources.status, deletedAt: sources.deletedAt })
      .from(sources)
      .where(inArray(sources.id, jsonList(receipts.map((r) => r.sourceId)))),
    db
      .select({
        id: deliveries.id,
        sourceId: deliveries.sourceId,
        dedupeKey: deliveries.dedupeKey,
        status: deliveries.status,
        duplicateOf: deliveries.duplicateOf,
      })
      .from(deliveries)
      .where(
        or(
          inArray(deliveries.id, jsonList(receipts.map((r) => r.id))),
          and(
            inArray(deliveries.sourceId, jsonList(receipts.map((r) => r.sourceId))),
            inArray(deliveries.dedupeKey, jsonList(receipts.map((r) => r.dedupeKey))),
            sql`${deliveries.status} NOT IN ('duplicate', 'rejected')`,
          ),
        ),
      ),
  ]);
  const sourceById = new Map(current.map((s) => [s.id, s]));
  const outcomes: [string, ReceiptOutcome][] = [];
  const duplicates: (typeof deliveries.$inferInsert)[] = [];
  const orphanPayloads: string[] = [];
  for (const receipt of receipts) {
    const own = existing.find((d) => d.id === receipt.id);
    if (own) {
      outcomes.push([
        receipt.id,
        own.status === "duplicate" ? { status: "duplicate", duplicateOf: own.duplicateOf } : { status: "queued" },
      ]);
      continue;
    }
    const source = sourceById.get(receipt.sourceId);
    if (source?.status !== "active" || source.deletedAt !== null || source.version !== receipt.sourceVersion) {
      outcomes.push([receipt.id, { status: "stale" }]);
      orphanPayloads.push(receipt.rawPayload.id);
      continue;
    }
    const original = existing.find(
      (d) => d.sourceId === receipt.sourceId && d.dedupeKey === receipt.dedupeKey && d.status !== "duplicate",
    );
    const duplicateOf = original?.id ?? null;
    duplicates.push({
      ...deliveryRow(receipt),
      status: "duplicate",
      httpStatus: 200,
      duplicateOf,
      reason: "already received",
    });
    outcomes.push([receipt.id, { status: "duplicate", duplicateOf }]);
  }
  await runBatch(db, [
    ...insertFromJson(deliveries, duplicates, sql`ON CONFLICT DO NOTHING`),
    ...(orphanPayloads.length > 0
      ? [db.delete(rawPayloads).where(inArray(rawPayloads.id, jsonList(orphanPayloads)))]
      : []),
  ]);
  return outcomes;
}

/** A consumer's claim on a delivery expires after this long, so a crashed consumer never strands one. */
export const CLAIM_TTL_MS = 60_000;

/**
 * Claims deliveries for processing and loads the claimed ones with their payloads, in one round trip. The claim is
 * atomic: only one consumer wins each, so two deliveries of the same queue message (or a queue retry racing the cron
 * sweep) cannot both add to the rollups. Deliveries already processed, or held by another consumer within the TTL,
 * are left out. Only the columns the consumer reads are loaded (whole rows cost it more to convert than the query
 * cost to run).
 */
export async function claimForProcessing(db: Db, deliveryIds: readonly string[], now: number) {
  if (deliveryIds.length === 0) return [];
  const ids = jsonList(deliveryIds);
  // One batch is one transaction, so the load sees exactly the claims made just before it.
  const [claimed, loaded] = await db.batch([
    db
      .update(deliveries)
      .set({ status: "processing", claimedAt: now, attempts: sql`${deliveries.attempts} + 1` })
      .where(
        and(
          inArray(deliveries.id, ids),
          or(
            inArray(deliveries.status, ["queued", "failed"]),
            and(eq(deliveries.status, "processing"), lt(deliveries.claimedAt, now - CLAIM_TTL_MS)),
          ),
        ),
      )
      .returning({ id: deliveries.id }),
    db
      .select({
        delivery: {
          id: deliveries.id,
          workspaceId: deliveries.workspaceId,
          sourceId: deliveries.sourceId,
          provider: deliveries.provider,
          receivedAt: deliveries.receivedAt,
        },
        payload: { headers: rawPayloads.headers, body: rawPayloads.body },
      })
      .from(deliveries)
      .leftJoin(rawPayloads, eq(rawPayloads.id, deliveries.rawPayloadId))
      .where(inArray(deliveries.id, ids)),
  ]);
  const won = new Set(claimed.map((row) => row.id));
  return loaded.filter((row) => won.has(row.delivery.id));
}

/**
 * Records a failed attempt. Only a delivery still on its way can fail: a queue batch whose claim failed may carry a
 * duplicate message of one another batch already processed, and that one must stay processed (and not be run again).
 */
export function markFailed(db: Db, deliveryId: string, reason: string, status: "failed" | "dead_lettered") {
  return db
    .update(deliveries)
    .set({ status, reason })
    .where(and(eq(deliveries.id, deliveryId), inArray(deliveries.status, ["queued", "processing", "failed"])));
}

/**
 * Accepted deliveries that should have been processed by `olderThan`: the queue hand-off failed, processing failed
 * short of the dead-letter queue, or a consumer died holding the claim.
 */
export function listStuck(db: Db, olderThan: number, limit = 100) {
  return db
    .select({ id: deliveries.id, workspaceId: deliveries.workspaceId })
    .from(deliveries)
    .where(
      and(
        inArray(deliveries.status, ["queued", "failed", "processing"]),
        lt(deliveries.receivedAt, olderThan),
        or(isNull(deliveries.claimedAt), lt(deliveries.claimedAt, olderThan)),
      ),
    )
    .limit(limit);
}

export interface DeliveryPage {
  status?: DeliveryRow["status"];
  /** Receipt time of the last row of the previous page; rows strictly older come next. */
  before?: number;
  limit: number;
}

/** One source's delivery log, newest first, without payloads. */
export function listForSource(db: Db, workspaceId: string, sourceId: string, page: DeliveryPage) {
  return db
    .select()
    .from(deliveries)
    .where(
      and(
        eq(deliveries.workspaceId, workspaceId),
        eq(deliveries.sourceId, sourceId),
        page.status ? eq(deliveries.status, page.status) : undefined,
        page.before ? lt(deliveries.receivedAt, page.before) : undefined,
      ),
    )
    .orderBy(desc(deliveries.receivedAt), desc(deliveries.id))
    .limit(page.limit);
}

/** How many of a source's deliveries since `since` ended in each status (the delivery log's summary). */
export async function countByStatus(db: Db, workspaceId: string, sourceId: string, since: number) {
  const rows = await db
    .select({ status: deliveries.status, count: sql<number>`count(*)` })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.workspaceId, workspaceId),
        eq(deliveries.sourceId, sourceId),
        gte(deliveries.receivedAt, since),
      ),
    )
    .groupBy(deliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<
    Record<DeliveryRow["status"], number>
  >;
}

/** Failures are what needs a person: refused receipts, and accepted ones processing gave up on or is retrying. */
const FAILURE_STATUSES = ["rejected", "failed", "dead_lettered"] as const;

/** Per source of the workspace: deliveries and failures since `since` (the sources page's health column). */
export async function healthSince(db: Db, workspaceId: string, since: number) {
  const rows = await db
    .select({
      sourceId: deliveries.sourceId,
      total: sql<number>`count(*)`,
      failures: sql<number>`sum(CASE WHEN ${inArray(deliveries.status, FAILURE_STATUSES)} THEN 1 ELSE 0 END)`,
    })
    .from(deliveries)
    .where(and(eq(deliveries.workspaceId, workspaceId), gte(deliveries.receivedAt, since)))
    .groupBy(deliveries.sourceId);
  return new Map(rows.map((r) => [r.sourceId, { total: Number(r.total), failures: Number(r.failures ?? 0) }]));
}

export function get(db: Db, workspaceId: string, id: string) {
  return db.query.deliveries.findFirst({ where: and(eq(deliveries.workspaceId, workspaceId), eq(deliveries.id, id)) });
}

/** Statuses a replay re-runs: everything that was accepted. Rejected and duplicate receipts have nothing to replay. */
export const REPLAYABLE = ["queued", "processing", "processed", "failed", "dead_lettered"] as const;

/**
 * Puts deliveries back in the queue's hands (`queued`, claim cleared). Safe to run twice: processing is idempotent
 * per item and revision, and the claim keeps two consumers from counting one delivery twice.
 */
export async function requeue(db: Db, workspaceId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .update(deliveries)
    .set({ status: "queued", claimedAt: null, reason: "replayed" })
    .where(
      and(
        eq(deliveries.workspaceId, workspaceId),
        inArray(deliveries.id, jsonList(ids)),
        inArray(deliveries.status, REPLAYABLE),
      ),
    )
    .returning({ id: deliveries.id });
  return rows.map((r) => r.id);
}

/** Ids of a source's deliveries in one status (for "replay all dead letters"), oldest first, bounded. */
export async function idsWithStatus(
  db: Db,
  workspaceId: string,
  sourceId: string,
  status: DeliveryRow["status"],
  limit = 500,
) {
  const rows = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(eq(deliveries.workspaceId, workspaceId), eq(deliveries.sourceId, sourceId), eq(deliveries.status, status)),
    )
    .orderBy(deliveries.receivedAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Retention: drops raw payload bodies older than each workspace's `raw_payload_retention_days`; the delivery log
 * keeps its rows, and a replay of a purged delivery fails with a clear reason.
 */
export async function purgeExpiredPayloads(db: Db, now: number): Promise<number> {
  const rows = await db
    .update(rawPayloads)
    .set({ body: null, erasedAt: now })
    .where(
      and(
        isNull(rawPayloads.erasedAt),
        sql`${rawPayloads.receivedAt} < ${now} - 86400000 * (SELECT raw_payload_retention_days FROM workspaces WHERE workspaces.id = ${rawPayloads.workspaceId})`,
      ),
    )
    .returning({ id: rawPayloads.id });
  return rows.length;
}
