/**
 * The queue hand-off and replays, shared by the ingest Worker (webhooks, the API) and the web app (the delivery log's
 * Replay buttons): both bind the same queue as producers, and the ingest Worker consumes it.
 * @module
 */
import type { Db } from "../client.ts";
import * as audit from "../queries/audit.ts";
import * as deliveries from "../queries/deliveries.ts";
import type { SourceActor } from "./sources.ts";

export interface DeliveryMessage {
  deliveryId: string;
}

/** The part of a Cloudflare Queue producer binding the hand-off uses. */
export interface DeliveryQueue {
  sendBatch(messages: Iterable<{ body: DeliveryMessage }>): Promise<unknown>;
}

/**
 * Hands deliveries to the queue. D1 already holds each one as `queued`, so a failed send loses nothing: the cron
 * sweep re-enqueues it. Returns how many were sent now.
 */
export async function enqueueDeliveries(queue: DeliveryQueue, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  try {
    for (let i = 0; i < ids.length; i += 100) {
      await queue.sendBatch(ids.slice(i, i + 100).map((deliveryId) => ({ body: { deliveryId } })));
    }
    return ids.length;
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", deliveries: ids.length, message: `queue send failed: ${error}` }));
    return 0;
  }
}

export type ReplayOne =
  | { ok: true; replayed: number }
  | { ok: false; problem: "not_found" }
  | { ok: false; problem: "not_replayable"; status: deliveries.DeliveryRow["status"] };

/** Replays one delivery of the workspace: back to `queued`, then onto the queue. */
export async function replayDelivery(
  db: Db,
  queue: DeliveryQueue,
  workspaceId: string,
  id: string,
  by: SourceActor,
): Promise<ReplayOne> {
  const delivery = await deliveries.get(db, workspaceId, id);
  if (!delivery) return { ok: false, problem: "not_found" };
  const requeued = await deliveries.requeue(db, workspaceId, [delivery.id]);
  if (requeued.length === 0) return { ok: false, problem: "not_replayable", status: delivery.status };
  await audit.entry(db, {
    workspaceId,
    actor: by.actor,
    action: "delivery.replayed",
    targetType: "delivery",
    targetId: delivery.id,
    at: by.now,
  });
  return { ok: true, replayed: await enqueueDeliveries(queue, requeued) };
}

/** Replays a source's deliveries in one status (dead letters by default); returns how many were sent. */
export async function replaySource(
  db: Db,
  queue: DeliveryQueue,
  workspaceId: string,
  sourceId: string,
  status: "failed" | "dead_lettered",
  by: SourceActor,
): Promise<number> {
  const ids = await deliveries.idsWithStatus(db, workspaceId, sourceId, status);
  const requeued = await deliveries.requeue(db, workspaceId, ids);
  if (requeued.length === 0) return 0;
  await audit.entry(db, {
    workspaceId,
    actor: by.actor,
    action: "source.replayed",
    targetType: "source",
    targetId: sourceId,
    details: { status, deliveries: requeued.length },
    at: by.now,
  });
  return enqueueDeliveries(queue, requeued);
}
