/**
 * The outbound queue and its log: deliveries to destinations wait in `outbound_deliveries` until due, the sender
 * claims a bounded batch, and every attempt (refusals included) is written to `outbound_attempts`.
 * @module
 */
import { newId } from "@firebreak/core";
import { and, asc, desc, eq, getTableColumns, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { destinations, outboundAttempts, outboundDeliveries } from "../schema/index.ts";

export type OutboundDeliveryRow = typeof outboundDeliveries.$inferSelect;
export type OutboundAttemptRow = typeof outboundAttempts.$inferSelect;
export type DestinationRow = typeof destinations.$inferSelect;

export interface Enqueue {
  destinationId: string;
  eventType: string;
  payload: string;
  alertId?: string | null;
  playbookRunId?: string | null;
  now: number;
}

/** Queues a message for one of the workspace's destinations, due at once; `undefined` when it is not theirs. */
export async function enqueue(db: Db, workspaceId: string, input: Enqueue): Promise<OutboundDeliveryRow | undefined> {
  const destination = await db
    .select({ id: destinations.id })
    .from(destinations)
    .where(and(eq(destinations.workspaceId, workspaceId), eq(destinations.id, input.destinationId)));
  if (destination.length === 0) return undefined;
  const [row] = await enqueueStatement(db, workspaceId, newId("obd", input.now), input).returning();
  return row;
}

/**
 * The insert that queues a message, for a batch whose caller has already checked the destination is the
 * workspace's (a playbook run and its delivery commit together).
 */
export function enqueueStatement(db: Db, workspaceId: string, id: string, input: Enqueue) {
  return db.insert(outboundDeliveries).values({
    id,
    workspaceId,
    destinationId: input.destinationId,
    eventType: input.eventType,
    alertId: input.alertId ?? null,
    playbookRunId: input.playbookRunId ?? null,
    payload: input.payload,
    status: "pending",
    nextAttemptAt: input.now,
    createdAt: input.now,
  });
}

/**
 * The statement that queues a message for an alert in the batch that opens or worsens it: it inserts only if the
 * destination is the workspace's and enabled, and only if the alert is there and unresolved in that same transaction
 * (an alert that lost a race to open is not notified twice).
 */
export function enqueueForAlertStatement(
  workspaceId: string,
  input: Omit<Enqueue, "alertId" | "playbookRunId"> & { alertId: string },
) {
  const id = newId("obd", input.now);
  return sql`INSERT INTO ${outboundDeliveries}
      (id, workspace_id, destination_id, event_type, alert_id, payload, status, attempts, next_attempt_at, created_at)
    SELECT ${id}, ${workspaceId}, ${destinations.id}, ${input.eventType}, ${input.alertId}, ${input.payload}, 'pending', 0,
      ${input.now}, ${input.now}
    FROM ${destinations}
    WHERE ${destinations.workspaceId} = ${workspaceId} AND ${destinations.id} = ${input.destinationId}
      AND ${destinations.enabled} = 1
      AND EXISTS (SELECT 1 FROM alerts WHERE alerts.workspace_id = ${workspaceId} AND alerts.id = ${input.alertId}
        AND alerts.status != 'resolved')`;
}

/** A claimed delivery with the destination it goes to. */
export interface Claimed {
  delivery: OutboundDeliveryRow;
  destination: DestinationRow;
}

/**
 * Claims up to `limit` due deliveries of every workspace (the cron's sweep) by moving their next attempt `leaseMs`
 * ahead, so an overlapping sweep skips them and a sweep that dies leaves them due again after the lease.
 */
export async function claimDue(db: Db, now: number, limit: number, leaseMs: number): Promise<Claimed[]> {
  const due = await db
    .select({ id: outboundDeliveries.id, nextAttemptAt: outboundDeliveries.nextAttemptAt })
    .from(outboundDeliveries)
    .where(and(eq(outboundDeliveries.status, "pending"), lte(outboundDeliveries.nextAttemptAt, now)))
    .orderBy(asc(outboundDeliveries.nextAttemptAt))
    .limit(limit);
  if (due.length === 0) return [];
  // Only rows still due at this instant are taken: a concurrent sweep that claimed one first has moved it ahead.
  const claimed = await db
    .update(outboundDeliveries)
    .set({ nextAttemptAt: now + leaseMs })
    .where(
      and(
        inArray(
          outboundDeliveries.id,
          due.map((d) => d.id),
        ),
        eq(outboundDeliveries.status, "pending"),
        lte(outboundDeliveries.nextAttemptAt, now),
      ),
    )
    .returning({ id: outboundDeliveries.id });
  if (claimed.length === 0) return [];
  const rows = await db
    .select()
    .from(outboundDeliveries)
    .innerJoin(
      destinations,
      and(
        eq(destinations.id, outboundDeliveries.destinationId),
        eq(destinations.workspaceId, outboundDeliveries.workspaceId),
      ),
    )
    .where(
      inArray(
        outboundDeliveries.id,
        claimed.map((c) => c.id),
      ),
    )
    .orderBy(asc(outboundDeliveries.createdAt));
  return rows.map((r) => ({ delivery: r.outbound_deliveries, destination: r.destinations }));
}

/** How one attempt ended, as the log keeps it. */
export interface AttemptRecord {
  outcome: OutboundAttemptRow["outcome"];
  responseStatus?: number | null;
  durationMs: number;
  error?: string | null;
  /** When the next attempt is due (outcome `retry` only). */
  nextAttemptAt?: number | null;
  at: number;
}

const DELIVERY_STATUS = { delivered: "delivered", retry: "pending", failed: "failed", refused: "refused" } as const;

/** Logs an attempt and moves the delivery on (delivered, due again later, failed or refused), in one batch. */
export async function recordAttempt(db: Db, delivery: OutboundDeliveryRow, record: AttemptRecord) {
  const attempt = delivery.attempts + 1;
  await db.batch([
    db.insert(outboundAttempts).values({
      id: newId("oba", record.at),
      workspaceId: delivery.workspaceId,
      deliveryId: delivery.id,
      destinationId: delivery.destinationId,
      attempt,
      outcome: record.outcome,
      responseStatus: record.responseStatus ?? null,
      durationMs: record.durationMs,
      error: record.error ?? null,
      nextAttemptAt: record.outcome === "retry" ? (record.nextAttemptAt ?? null) : null,
      at: record.at,
    }),
    db
      .update(outboundDeliveries)
      .set({
        status: DELIVERY_STATUS[record.outcome],
        attempts: sql`${outboundDeliveries.attempts} + 1`,
        nextAttemptAt: record.outcome === "retry" ? (record.nextAttemptAt ?? null) : null,
        responseStatus: record.responseStatus ?? null,
        lastError: record.error ?? null,
        deliveredAt: record.outcome === "delivered" ? record.at : null,
      })
      .where(and(eq(outboundDeliveries.workspaceId, delivery.workspaceId), eq(outboundDeliveries.id, delivery.id))),
  ]);
}

/** The delivery log of one of the workspace's destinations: its attempts, newest first. */
export function attemptLog(db: Db, workspaceId: string, destinationId: string, limit = 50) {
  return db
    .select({
      id: outboundAttempts.id,
      deliveryId: outboundAttempts.deliveryId,
      eventType: outboundDeliveries.eventType,
      attempt: outboundAttempts.attempt,
      outcome: outboundAttempts.outcome,
      responseStatus: outboundAttempts.responseStatus,
      durationMs: outboundAttempts.durationMs,
      error: outboundAttempts.error,
      nextAttemptAt: outboundAttempts.nextAttemptAt,
      at: outboundAttempts.at,
    })
    .from(outboundAttempts)
    .innerJoin(outboundDeliveries, eq(outboundDeliveries.id, outboundAttempts.deliveryId))
    .where(and(eq(outboundAttempts.workspaceId, workspaceId), eq(outboundAttempts.destinationId, destinationId)))
    .orderBy(desc(outboundAttempts.at), desc(outboundAttempts.attempt))
    .limit(limit);
}

/** One of the workspace's deliveries, for its current status. */
export function getDelivery(db: Db, workspaceId: string, id: string) {
  return db.query.outboundDeliveries.findFirst({
    where: and(eq(outboundDeliveries.workspaceId, workspaceId), eq(outboundDeliveries.id, id)),
  });
}

/** Where a page of the delivery log continues: strictly older than this delivery, in `(created_at, id)` order. */
export interface DeliveryCursor {
  createdAt: number;
  id: string;
}

/** A delivery in the log, with its attempts newest first. */
export type LoggedDelivery = Omit<OutboundDeliveryRow, "payload"> & {
  attemptLog: Omit<OutboundAttemptRow, "workspaceId" | "destinationId" | "deliveryId">[];
};

const { payload: _payload, ...DELIVERY_COLUMNS } = getTableColumns(outboundDeliveries);

/**
 * A page of one destination's deliveries, newest first, each with its attempts; `next` continues it. The payload is
 * left out: it is what the receiver got, not what the log reader needs.
 */
export async function deliveryPage(
  db: Db,
  workspaceId: string,
  destinationId: string,
  { before, limit = 25 }: { before?: DeliveryCursor; limit?: number } = {},
): Promise<{ deliveries: LoggedDelivery[]; next: DeliveryCursor | null }> {
  const rows = await db
    .select(DELIVERY_COLUMNS)
    .from(outboundDeliveries)
    .where(
      and(
        eq(outboundDeliveries.workspaceId, workspaceId),
        eq(outboundDeliveries.destinationId, destinationId),
        before
          ? or(
              lt(outboundDeliveries.createdAt, before.createdAt),
              and(eq(outboundDeliveries.createdAt, before.createdAt), lt(outboundDeliveries.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(outboundDeliveries.createdAt), desc(outboundDeliveries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const attempts = page.length
    ? await db
        .select({
          id: outboundAttempts.id,
          deliveryId: outboundAttempts.deliveryId,
          attempt: outboundAttempts.attempt,
          outcome: outboundAttempts.outcome,
          responseStatus: outboundAttempts.responseStatus,
          durationMs: outboundAttempts.durationMs,
          error: outboundAttempts.error,
          nextAttemptAt: outboundAttempts.nextAttemptAt,
          at: outboundAttempts.at,
        })
        .from(outboundAttempts)
        .where(
          and(
            eq(outboundAttempts.workspaceId, workspaceId),
            inArray(
              outboundAttempts.deliveryId,
              page.map((d) => d.id),
            ),
          ),
        )
        .orderBy(desc(outboundAttempts.at), desc(outboundAttempts.attempt))
    : [];
  const last = page.at(-1);
  return {
    deliveries: page.map((delivery) => ({
      ...delivery,
      attemptLog: attempts.filter((a) => a.deliveryId === delivery.id).map(({ deliveryId: _d, ...a }) => a),
    })),
    next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** Statuses a delivery can be sent again from: nothing arrived and nothing is waiting. */
const RETRYABLE = ["failed", "refused"] as const;

/**
 * Puts one of the workspace's failed or refused deliveries back in the queue, due at once (the next cron tick sends
 * it, signed with the same id, so a receiver can still deduplicate). Only from a final failure, so a delivery that
 * is pending or was delivered is never sent twice; false when there is no such delivery in that state.
 */
export async function retryNow(db: Db, workspaceId: string, destinationId: string, id: string, now: number) {
  const updated = await db
    .update(outboundDeliveries)
    .set({ status: "pending", nextAttemptAt: now })
    .where(
      and(
        eq(outboundDeliveries.workspaceId, workspaceId),
        eq(outboundDeliveries.destinationId, destinationId),
        eq(outboundDeliveries.id, id),
        inArray(outboundDeliveries.status, [...RETRYABLE]),
      ),
    )
    .returning({ id: outboundDeliveries.id });
  return updated.length > 0;
}

/** The messages sent (or being sent) about one of the workspace's alerts, newest first, with where each went. */
export function forAlert(db: Db, workspaceId: string, alertId: string) {
  return db
    .select({
      id: outboundDeliveries.id,
      eventType: outboundDeliveries.eventType,
      status: outboundDeliveries.status,
      attempts: outboundDeliveries.attempts,
      responseStatus: outboundDeliveries.responseStatus,
      lastError: outboundDeliveries.lastError,
      createdAt: outboundDeliveries.createdAt,
      deliveredAt: outboundDeliveries.deliveredAt,
      destinationName: destinations.name,
      destinationKind: destinations.kind,
    })
    .from(outboundDeliveries)
    .innerJoin(destinations, eq(destinations.id, outboundDeliveries.destinationId))
    .where(and(eq(outboundDeliveries.workspaceId, workspaceId), eq(outboundDeliveries.alertId, alertId)))
    .orderBy(desc(outboundDeliveries.createdAt), desc(outboundDeliveries.id))
    .limit(50);
}
