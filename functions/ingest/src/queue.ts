/**
 * The queue consumer: turns accepted deliveries into analysed items. A whole queue batch is claimed, loaded and
 * parsed together, and its items are written per source in one transaction each (items, customers, rollups and the
 * deliveries' new status), so D1 round trips grow with sources, not with deliveries.
 * @module
 */
import { type AnalysisContext, decryptSecret, getProvider, prepareItem } from "@firebreak/core";
import { logEmailSender } from "@firebreak/core/email";
import { createDb, type Db, deliveries, items, replay, sources } from "@firebreak/db";
import { compiledAnalysisContext, forgetAnalysisContexts } from "@firebreak/db/pipelines/analysis-contexts";
import { refineBatchWithAi } from "./ai.ts";
import { actOnNewItems } from "./alerts.ts";

/** wrangler.toml `max_retries` (5) plus the first attempt; after the last one the queue dead-letters the message. */
const MAX_ATTEMPTS = 6;

/** Retries back off exponentially: 2, 4, 8, 16, 32 seconds. */
const retryDelay = (attempts: number) => Math.min(2 ** attempts, 300);

export interface BatchOutcome {
  /** New items stored. */
  inserted: number;
  /** Workspaces whose stored items carry escalation cues or were handled by automation: alerts and follow-ups. */
  attention: Set<string>;
  /** Delivery id → why it could not be processed (it will be retried). */
  failed: Map<string, string>;
}

export async function handleDeliveryBatch(batch: MessageBatch<replay.DeliveryMessage>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  const ids = [...new Set(batch.messages.map((m) => m.body.deliveryId))];
  let failed: Map<string, string>;
  let attention = new Set<string>();
  try {
    ({ failed, attention } = await processDeliveries(db, env, ids));
  } catch (error) {
    // The claim or the load itself failed: nothing was written, so every message is retried.
    const reason = error instanceof Error ? error.message : String(error);
    failed = new Map(ids.map((id) => [id, reason]));
  }
  await actOnNewItems(db, attention, { appUrl: env.APP_URL, email: logEmailSender });
  for (const message of batch.messages) {
    const reason = failed.get(message.body.deliveryId);
    if (reason === undefined) {
      message.ack();
      continue;
    }
    const last = message.attempts >= MAX_ATTEMPTS;
    await deliveries.markFailed(db, message.body.deliveryId, reason, last ? "dead_lettered" : "failed").catch(() => {});
    console.error(
      JSON.stringify({ level: "error", deliveryId: message.body.deliveryId, attempts: message.attempts, reason }),
    );
    message.retry({ delaySeconds: retryDelay(message.attempts) });
  }
}

/** Processes one delivery; returns the number of new items. Already-processed deliveries are a no-op. */
export async function processDelivery(db: Db, env: Pick<Env, "SECRETS_KEY">, deliveryId: string): Promise<number> {
  const { inserted, failed } = await processDeliveries(db, env, [deliveryId]);
  const reason = failed.get(deliveryId);
  if (reason !== undefined) throw new Error(reason);
  return inserted;
}

interface SourceGroup {
  workspaceId: string;
  receivedAt: number;
  items: items.ItemToWrite[];
  done: Array<{ id: string; itemCount: number; processMs: number }>;
}

/**
 * Claims, parses, analyses and writes a set of deliveries. Deliveries another consumer holds, or that are already
 * processed, are skipped; a delivery that fails to parse, or whose source's write fails, is reported in `failed`.
 */
export async function processDeliveries(
  db: Db,
  env: Pick<Env, "SECRETS_KEY" | "AI">,
  deliveryIds: readonly string[],
): Promise<BatchOutcome> {
  const startedAt = Date.now();
  const failed = new Map<string, string>();
  const attention = new Set<string>();
  const loaded = await deliveries.claimForProcessing(db, deliveryIds, startedAt);
  if (loaded.length === 0) return { inserted: 0, failed, attention };

  const contexts = new Map<string, AnalysisContext | undefined>();
  const sourceCache = new Map<string, Awaited<ReturnType<typeof sources.get>>>();
  const groups = new Map<string, SourceGroup>();
  for (const { delivery, payload } of loaded) {
    try {
      if (!payload?.body) {
        // Nothing to retry with: the payload was purged by retention (or erased). Say so instead of retrying forever.
        await deliveries.markFailed(
          db,
          delivery.id,
          "raw payload no longer kept (retention or erasure)",
          "dead_lettered",
        );
        continue;
      }
      const adapter = getProvider(delivery.provider);
      if (!adapter) throw new Error(`no adapter for ${delivery.provider}`);
      if (!sourceCache.has(delivery.sourceId)) {
        sourceCache.set(delivery.sourceId, await sources.get(db, delivery.workspaceId, delivery.sourceId));
      }
      const source = sourceCache.get(delivery.sourceId);
      if (!source) throw new Error("source was deleted");
      const text = await decryptSecret(payload.body, env.SECRETS_KEY);
      const raw = { method: "POST", url: "", headers: payload.headers, body: new TextEncoder().encode(text), text };
      const parsed = adapter.parse(raw, {
        receivedAt: delivery.receivedAt,
        settings: source.settings,
        fieldMapping: source.fieldMapping,
      });
      if (parsed.kind !== "events") throw new Error(`stored payload no longer parses as events (${parsed.kind})`);

      const context = await analysisContext(db, delivery.workspaceId, contexts);
      if (!context) throw new Error("workspace was deleted");
      const group = groups.get(source.id) ?? {
        workspaceId: delivery.workspaceId,
        receivedAt: delivery.receivedAt,
        items: [],
        done: [],
      };
      for (const feedback of parsed.items) {
        const prepared = prepareItem(
          feedback,
          { ...context, sourceId: source.id, defaultTouchpointId: source.defaultTouchpointId },
          env.SECRETS_KEY,
          delivery.workspaceId,
        );
        group.items.push({ ...prepared, deliveryId: delivery.id });
      }
      group.receivedAt = Math.max(group.receivedAt, delivery.receivedAt);
      group.done.push({ id: delivery.id, itemCount: parsed.items.length, processMs: Date.now() - startedAt });
      groups.set(source.id, group);
    } catch (error) {
      failed.set(delivery.id, error instanceof Error ? error.message : String(error));
    }
  }

  // Only after redaction, on the redacted text: the optional model pass for workspaces that enabled it.
  await refineBatchWithAi(env.AI, groups.values(), contexts);

  let inserted = 0;
  for (const [sourceId, group] of groups) {
    try {
      const result = await items.writeAnalyzed(
        db,
        {
          workspaceId: group.workspaceId,
          sourceId,
          deliveryId: null,
          receivedAt: group.receivedAt,
          completeDeliveries: group.done,
        },
        group.items,
      );
      inserted += result.inserted;
      if (group.items.some(needsAttention)) attention.add(group.workspaceId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const done of group.done) failed.set(done.id, reason);
    }
  }
  return { inserted, failed, attention };
}

/**
 * An item that may open an item-level alert or need a person's follow-up: an escalation cue, or a bot, macro or
 * automation that handled it (whether its touchpoint is a human moment is for the evaluation to read).
 */
function needsAttention(item: items.ItemToWrite): boolean {
  const { analyzed } = item;
  return (analyzed.escalations.length > 0 || analyzed.handledBy !== undefined) && !analyzed.feedback.test;
}

/** Each workspace's compiled context, read once per batch through the isolate's cache. */
async function analysisContext(db: Db, workspaceId: string, cache: Map<string, AnalysisContext | undefined>) {
  if (!cache.has(workspaceId)) cache.set(workspaceId, await compiledAnalysisContext(db, workspaceId));
  return cache.get(workspaceId);
}

export { forgetAnalysisContexts };

/**
 * Cron: re-enqueue deliveries whose queue hand-off failed or whose processing failed before the queue gave up, and
 * purge raw payloads past their workspace's retention.
 */
export async function sweepStuckDeliveries(env: Env, now = Date.now()): Promise<number> {
  const db = createDb(env.DB);
  const stuck = await deliveries.listStuck(db, now - 2 * 60_000);
  await replay.enqueueDeliveries(
    env.DELIVERIES,
    stuck.map((d) => d.id),
  );
  await deliveries.purgeExpiredPayloads(db, now);
  return stuck.length;
}
