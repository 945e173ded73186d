/** @module Deliveries: every webhook receipt and its raw payload. */
import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { jsonList } from "../json-rows.ts";
import { deliveries, rawPayloads } from "../schema/index.ts";

export type DeliveryRow = typeof deliveries.$inferSelect;

export interface Receipt {
  id: string;
  workspaceId: string;
  sourceId: string;
  provider: string;
  providerEventId: string | null;
  dedupeKey: string;
  receivedAt: number;
  ackMs: number;
  rawPayload: { id: string; contentType: string; headers: Record<string, string>; body: string; sizeBytes: number };
}

/**
 * Records an accepted receipt and its raw payload in one transaction, keyed for idempotency.
 * Returns `duplicateOf` when the same event was already accepted; the repeat is then logged as a duplicate.
 */
export async function recordAccepted(db: Db, receipt: Receipt): Promise<{ duplicateOf?: string }> {
  const { rawPayload, ...delivery } = receipt;
  const [, inserted] = await db.batch([
    db.insert(rawPayloads).values({ ...rawPayload, workspaceId: receipt.workspaceId, receivedAt: receipt.receivedAt }),
    db
      .insert(deliveries)
      .values({ ...delivery, status: "queued", httpStatus: 202, rawPayloadId: rawPayload.id })
      .onConflictDoNothing()
      .returning({ id: deliveries.id }),
  ]);
  if (inserted.length > 0) return {};

  const original = await db.query.deliveries.findFirst({
    columns: { id: true },
    where: and(
      eq(deliveries.sourceId, receipt.sourceId),
      eq(deliveries.dedupeKey, receipt.dedupeKey),
      sql`${deliveries.status} NOT IN ('duplicate', 'rejected')`,
    ),
  });
  await db.insert(deliveries).values({
    ...delivery,
    status: "duplicate",
    httpStatus: 200,
    rawPayloadId: rawPayload.id,
    duplicateOf: original?.id ?? null,
    reason: "already received",
  });
  return { duplicateOf: original?.id };
}

/** Logs a refused receipt (bad signature, unusable payload) with its reason; the body is kept for diagnosis. */
export async function recordRejected(
  db: Db,
  receipt: Omit<Receipt, "dedupeKey" | "providerEventId"> & { reason: string; httpStatus: number },
) {
  const { rawPayload, reason, httpStatus, ...delivery } = receipt;
  await db.batch([
    db.insert(rawPayloads).values({ ...rawPayload, workspaceId: receipt.workspaceId, receivedAt: receipt.receivedAt }),
    db.insert(deliveries).values({
      ...delivery,
      dedupeKey: delivery.id,
      status: "rejected",
      reason,
      httpStatus,
      rawPayloadId: rawPayload.id,
    }),
  ]);
}

/** Deliveries with their payloads, for the queue consumer: one query for a whole queue batch. */
export function getForProcessing(db: Db, deliveryIds: readonly string[]) {
  return db
    .select({ delivery: deliveries, payload: rawPayloads })
    .from(deliveries)
    .leftJoin(rawPayloads, eq(rawPayloads.id, deliveries.rawPayloadId))
    .where(inArray(deliveries.id, jsonList(deliveryIds)));
}

/** A consumer's claim on a delivery expires after this long, so a crashed consumer never strands one. */
export const CLAIM_TTL_MS = 60_000;

/**
 * Claims deliveries for processing, atomically: only one consumer wins each, so two deliveries of the same queue
 * message (or a queue retry racing the cron sweep) cannot both add to the rollups. Returns the ids claimed; the
 * others were already processed, or are held by another consumer within the TTL.
 */
export async function claim(db: Db, deliveryIds: readonly string[], now: number): Promise<Set<string>> {
  if (deliveryIds.length === 0) return new Set();
  const rows = await db
    .update(deliveries)
    .set({ status: "processing", claimedAt: now, attempts: sql`${deliveries.attempts} + 1` })
    .where(
      and(
        inArray(deliveries.id, jsonList(deliveryIds)),
        or(
          inArray(deliveries.status, ["queued", "failed"]),
          and(eq(deliveries.status, "processing"), lt(deliveries.claimedAt, now - CLAIM_TTL_MS)),
        ),
      ),
    )
    .returning({ id: deliveries.id });
  return new Set(rows.map((r) => r.id));
}

export function markFailed(db: Db, deliveryId: string, reason: string, status: "failed" | "dead_lettered") {
  return db.update(deliveries).set({ status, reason }).where(eq(deliveries.id, deliveryId));
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
      and(eq(deliveries.workspaceId, workspaceId), inArray(deliveries.id, ids), inArray(deliveries.status, REPLAYABLE)),
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
