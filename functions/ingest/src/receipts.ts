/**
 * The durable hand-off: a webhook receipt is in D1 before its 2xx, then on the queue. Receipts arriving together
 * are written together (`GroupCommit`), one D1 round trip and one queue send per batch.
 * @module
 */
import { GroupCommit } from "@firebreak/core";
import { deliveries, replay } from "@firebreak/db";
import type { Context } from "hono";
import type { AppContext } from "./context.ts";

/** One writer per database, so a batch never mixes receipts bound for different D1 bindings. */
const writers = new WeakMap<D1Database, GroupCommit<deliveries.Receipt, deliveries.ReceiptOutcome>>();

/** Records a receipt durably, batched with any arriving at the same time, and enqueues it if it was accepted. */
export function recordReceipt(c: Context<AppContext>, receipt: deliveries.Receipt): Promise<deliveries.ReceiptOutcome> {
  let writer = writers.get(c.env.DB);
  if (!writer) {
    writer = new GroupCommit({ maxBatch: 50, timeoutMs: 10_000 });
    writers.set(c.env.DB, writer);
  }
  const db = c.get("db");
  const { env, executionCtx } = c;
  const outcome = writer.submit(receipt, async (batch) => {
    const outcomes = await deliveries.recordReceipts(db, batch);
    const queued = batch.filter((r, i) => r.kind === "accepted" && outcomes[i]?.status === "queued").map((r) => r.id);
    // Nobody's 2xx waits on the queue: D1 already holds the receipts, and the cron sweep re-enqueues any send lost.
    executionCtx.waitUntil(replay.enqueueDeliveries(env.DELIVERIES, queued));
    return outcomes;
  });
  // If this request leads the batch and its client goes away, the write must still finish for everyone in it.
  executionCtx.waitUntil(outcome.catch(() => {}));
  return outcome;
}
