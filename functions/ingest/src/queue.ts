/**
 * The queue consumer: turns accepted deliveries into analysed items. Runs the adapter's parser on the stored bytes,
 * analyses each item, and writes items, customers, rollups and the delivery's new status in one transaction.
 * @module
 */
import { type AnalysisContext, decryptSecret, getProvider, indexTouchpoints, prepareItem } from "@firebreak/core";
import { createDb, type Db, deliveries, items, sources, workspaces } from "@firebreak/db";
import { type DeliveryMessage, enqueueDeliveries } from "./routes/webhooks.ts";

/** wrangler.toml `max_retries` (5) plus the first attempt; after the last one the queue dead-letters the message. */
const MAX_ATTEMPTS = 6;

/** Retries back off exponentially: 2, 4, 8, 16, 32 seconds. */
const retryDelay = (attempts: number) => Math.min(2 ** attempts, 300);

export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  const contexts = new Map<string, AnalysisContext | undefined>();
  for (const message of batch.messages) {
    try {
      await processDelivery(db, env, message.body.deliveryId, contexts);
      message.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = message.attempts >= MAX_ATTEMPTS;
      await deliveries
        .markFailed(db, message.body.deliveryId, reason, last ? "dead_lettered" : "failed")
        .catch(() => {});
      console.error(
        JSON.stringify({ level: "error", deliveryId: message.body.deliveryId, attempts: message.attempts, reason }),
      );
      message.retry({ delaySeconds: retryDelay(message.attempts) });
    }
  }
}

/** Processes one delivery; returns the number of new items. Already-processed deliveries are a no-op. */
export async function processDelivery(
  db: Db,
  env: Pick<Env, "SECRETS_KEY">,
  deliveryId: string,
  contexts = new Map<string, AnalysisContext | undefined>(),
): Promise<number> {
  const startedAt = Date.now();
  const found = await deliveries.getForProcessing(db, deliveryId);
  if (!found) return 0;
  const { delivery, payload } = found;
  if (!(await deliveries.claim(db, deliveryId, Date.now()))) return 0;
  if (!payload?.body) {
    // Nothing to retry with: the payload was purged by retention (or erased). Say so instead of retrying forever.
    await deliveries.markFailed(db, deliveryId, "raw payload no longer kept (retention or erasure)", "dead_lettered");
    return 0;
  }
  const adapter = getProvider(delivery.provider);
  if (!adapter) throw new Error(`no adapter for ${delivery.provider}`);

  const source = await sources.get(db, delivery.workspaceId, delivery.sourceId);
  if (!source) throw new Error("source was deleted");
  const text = await decryptSecret(payload.body, env.SECRETS_KEY);
  const raw = { method: "POST", url: "", headers: payload.headers, body: new TextEncoder().encode(text), text };
  const parsed = adapter.parse(raw, {
    receivedAt: delivery.receivedAt,
    settings: source.settings,
    fieldMapping: source.fieldMapping,
  });
  if (parsed.kind !== "events") throw new Error(`stored payload no longer parses as events (${parsed.kind})`);

  if (!contexts.has(delivery.workspaceId)) {
    const loaded = await workspaces.analysisContext(db, delivery.workspaceId);
    contexts.set(
      delivery.workspaceId,
      loaded && { languages: loaded.languages, touchpoints: indexTouchpoints(loaded.touchpoints) },
    );
  }
  const base = contexts.get(delivery.workspaceId);
  if (!base) throw new Error("workspace was deleted");
  const context = { ...base, defaultTouchpointId: source.defaultTouchpointId };

  const toWrite = await Promise.all(
    parsed.items.map((feedback) => prepareItem(feedback, context, env.SECRETS_KEY, delivery.workspaceId)),
  );
  const result = await items.writeAnalyzed(
    db,
    {
      workspaceId: delivery.workspaceId,
      sourceId: delivery.sourceId,
      deliveryId: delivery.id,
      receivedAt: delivery.receivedAt,
      completeDelivery: { processMs: Date.now() - startedAt },
    },
    toWrite,
  );
  return result.inserted;
}

/**
 * Cron: re-enqueue deliveries whose queue hand-off failed or whose processing failed before the queue gave up, and
 * purge raw payloads past their workspace's retention.
 */
export async function sweepStuckDeliveries(env: Env, now = Date.now()): Promise<number> {
  const db = createDb(env.DB);
  const stuck = await deliveries.listStuck(db, now - 2 * 60_000);
  await enqueueDeliveries(
    env,
    stuck.map((d) => d.id),
  );
  await deliveries.purgeExpiredPayloads(db, now);
  return stuck.length;
}
