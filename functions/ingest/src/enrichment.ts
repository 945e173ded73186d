/**
 * The enrichment job: for sources with an API credential, fetch the details of items whose webhook carried only ids or
 * a preview, and store each as a new revision through the same pipeline as webhook items (redaction, language,
 * sentiment, placement, then `items.writeAnalyzed`, which moves the item's rollup contribution). It runs from the cron
 * and per source from the API; both take `fetch` as a parameter, so tests pass a fake one.
 * @module
 */
import {
  type AnalysisContext,
  createAnalysisContext,
  decryptSecret,
  ENRICHMENT_MAX_ATTEMPTS,
  type EnrichedDetails,
  type EnrichmentResult,
  enrichedRevision,
  type FetchLike,
  getEnrichmentProvider,
  prepareItem,
  rateLimitPauseMs,
  retryDelayMs,
  type StoredFeedback,
} from "@firebreak/core";
import { createDb, type Db, enrichment, items, sources, workspaces } from "@firebreak/db";

/** Items claimed per source and run: a run stays well inside a Worker invocation. */
const DEFAULT_BATCH = 25;
/** Requests in flight per source; providers allow more, but a burst is what earns a 429. */
const DEFAULT_CONCURRENCY = 4;
/** No fetch starts after this long; what is left is released for the next run. */
const DEFAULT_BUDGET_MS = 20_000;
/** A claimed item is not due again before this, so a run that dies strands nothing for long. */
const LEASE_MS = 5 * 60_000;
/** Sources the cron looks at per tick; the least recently run come first. */
const CRON_SOURCES = 20;
/**
 * The cron works through backlogs in bigger batches and for longer than an on-demand run (a scheduled handler may run
 * for minutes, and waiting on providers costs no CPU); a 429 still pauses the source whatever the batch.
 */
const CRON_BATCH = 100;
const CRON_BUDGET_MS = 60_000;

export interface EnrichmentRunOptions {
  /** The Worker passes its own `fetch`; tests a fake one. */
  fetch: FetchLike;
  /** Current time in ms, for backoff and leases; tests inject a fixed clock. */
  now?: () => number;
  batchSize?: number;
  concurrency?: number;
  budgetMs?: number;
}

/** Why a source was not run at all. */
export type SkipReason = "not_configured" | "unsupported_provider" | "credential_failing" | "rate_limited";

export type SourceRun =
  | { ran: false; sourceId: string; reason: SkipReason; retryAt?: number | null }
  | {
      ran: true;
      sourceId: string;
      claimed: number;
      enriched: number;
      retried: number;
      deferred: number;
      unavailable: number;
      released: number;
      /** The provider refused the credential during this run. */
      credentialFailed: boolean;
      /** Set when the provider rate limited this run: no fetches for the source before then. */
      rateLimitedUntil: number | null;
    };

type Pending = enrichment.PendingItem;

/** Cron: every source with due items, least recently run first, within one overall time budget. */
export async function runScheduledEnrichment(
  env: Pick<Env, "DB" | "SECRETS_KEY">,
  options: EnrichmentRunOptions,
): Promise<SourceRun[]> {
  const db = createDb(env.DB);
  const now = options.now ?? Date.now;
  const budgetMs = options.budgetMs ?? CRON_BUDGET_MS;
  const batchSize = options.batchSize ?? CRON_BATCH;
  const started = Date.now();
  const runs: SourceRun[] = [];
  for (const target of await enrichment.dueSources(db, now(), CRON_SOURCES)) {
    const left = budgetMs - (Date.now() - started);
    if (left <= 0) break;
    try {
      runs.push(await enrichSource(db, env, target, { ...options, batchSize, budgetMs: left }));
    } catch (error) {
      // One source's failure (a D1 hiccup, a bad key) must not stop the others; its claimed items' leases expire.
      const message = error instanceof Error ? error.message : String(error);
      console.error(JSON.stringify({ level: "error", sourceId: target.sourceId, message: `enrichment: ${message}` }));
    }
  }
  return runs;
}

/** One run for one source of the workspace: claim a batch, fetch with bounded concurrency, store, record. */
export async function enrichSource(
  db: Db,
  env: Pick<Env, "SECRETS_KEY">,
  { workspaceId, sourceId }: { workspaceId: string; sourceId: string },
  options: EnrichmentRunOptions,
): Promise<SourceRun> {
  const now = (options.now ?? Date.now)();
  const [source, credential] = await Promise.all([
    sources.get(db, workspaceId, sourceId),
    enrichment.getCredential(db, workspaceId, sourceId),
  ]);
  const provider = source && getEnrichmentProvider(source.provider);
  if (!source || !credential) return { ran: false, sourceId, reason: "not_configured" };
  if (!provider) return { ran: false, sourceId, reason: "unsupported_provider" };
  if (credential.status === "failing") return { ran: false, sourceId, reason: "credential_failing" };
  if (credential.retryAt !== null && credential.retryAt > now) {
    return { ran: false, sourceId, reason: "rate_limited", retryAt: credential.retryAt };
  }

  const settings = provider.settings.safeParse(credential.settings);
  if (!settings.success) {
    const message = `the stored ${provider.label} settings are no longer valid; set the credential again`;
    await enrichment.recordRun(db, workspaceId, sourceId, { at: now, credentialFailed: message });
    return { ran: false, sourceId, reason: "credential_failing" };
  }
  const client = provider.client({
    fetch: options.fetch,
    credential: await decryptSecret(credential.tokenCiphertext, env.SECRETS_KEY),
    settings: settings.data,
    now: () => now,
  });

  const claimed = await enrichment.claimDue(
    db,
    workspaceId,
    sourceId,
    now,
    now + LEASE_MS,
    options.batchSize ?? DEFAULT_BATCH,
  );
  const outcomes = new Map<string, enrichment.ItemOutcome>();
  const fetched: Array<{ item: Pending; details: EnrichedDetails }> = [];
  let credentialFailed: string | undefined;
  let rateLimited: { until: number; error: string } | undefined;
  let lastError: string | undefined;

  const started = Date.now();
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  await eachConcurrently(claimed, options.concurrency ?? DEFAULT_CONCURRENCY, async (item) => {
    if (credentialFailed || rateLimited || Date.now() - started >= budgetMs) {
      outcomes.set(item.id, { kind: "released", id: item.id });
      return;
    }
    const result = await client.fetchDetails({
      externalId: item.externalId,
      parentExternalId: item.parentExternalId ?? undefined,
      kind: item.kind,
    });
    if (result.kind === "enriched") {
      fetched.push({ item, details: result.details });
      return;
    }
    if (result.kind === "credential") {
      credentialFailed = result.reason;
      outcomes.set(item.id, { kind: "released", id: item.id });
      return;
    }
    if (result.kind === "retry" && result.rateLimited) {
      rateLimited ??= { until: now + rateLimitPauseMs(result.retryAfterMs), error: result.reason };
      outcomes.set(item.id, { kind: "deferred", id: item.id, nextAt: rateLimited.until, error: result.reason });
      return;
    }
    lastError = result.reason;
    outcomes.set(item.id, failedOutcome(item, result, now));
  });

  if (fetched.length > 0) {
    for (const outcome of await storeRevisions(db, env, source, fetched, now)) outcomes.set(outcome.id, outcome);
  }
  await enrichment.recordOutcomes(db, workspaceId, [...outcomes.values()]);
  await enrichment.recordRun(db, workspaceId, sourceId, { at: now, credentialFailed, rateLimited, lastError });

  const tally = (kind: enrichment.ItemOutcome["kind"]) => [...outcomes.values()].filter((o) => o.kind === kind).length;
  return {
    ran: true,
    sourceId,
    claimed: claimed.length,
    enriched: tally("enriched"),
    retried: tally("retry"),
    deferred: tally("deferred"),
    unavailable: tally("unavailable"),
    released: tally("released"),
    credentialFailed: credentialFailed !== undefined,
    rateLimitedUntil: rateLimited?.until ?? null,
  };
}

/** A failed fetch: gone now, or after too many attempts; otherwise tried again after a backoff. */
function failedOutcome(
  item: Pending,
  result: Exclude<EnrichmentResult, { kind: "enriched" | "credential" }>,
  now: number,
): enrichment.ItemOutcome {
  if (result.kind === "gone") return { kind: "unavailable", id: item.id, at: now, error: result.reason };
  const attempts = item.attempts + 1;
  if (attempts >= ENRICHMENT_MAX_ATTEMPTS) {
    const error = `gave up after ${attempts} attempts: ${result.reason}`;
    return { kind: "unavailable", id: item.id, at: now, error };
  }
  const nextAt = now + retryDelayMs(attempts, result.retryAfterMs);
  return { kind: "retry", id: item.id, attempts, nextAt, error: result.reason };
}

/**
 * Analyses the fetched details exactly as webhook items are analysed and writes them as new revisions in one
 * transaction. If the write fails, every item counts a failed attempt and keeps what it had: nothing is lost.
 */
async function storeRevisions(
  db: Db,
  env: Pick<Env, "SECRETS_KEY">,
  source: sources.SourceRow,
  fetched: ReadonlyArray<{ item: Pending; details: EnrichedDetails }>,
  now: number,
): Promise<enrichment.ItemOutcome[]> {
  const { workspaceId } = source;
  try {
    const loaded = await workspaces.analysisContext(db, workspaceId);
    if (!loaded) throw new Error("workspace was deleted");
    const context: AnalysisContext = {
      ...createAnalysisContext(loaded),
      sourceId: source.id,
      defaultTouchpointId: source.defaultTouchpointId,
    };
    const prepared = fetched.map(({ item, details }) => {
      const feedback = enrichedRevision(storedFeedback(item), details, { now });
      return { item, prepared: prepareItem(feedback, context, env.SECRETS_KEY, workspaceId) };
    });
    await items.writeAnalyzed(
      db,
      { workspaceId, sourceId: source.id, deliveryId: null, receivedAt: now },
      // The item stays linked to the delivery that created it.
      prepared.map(({ item, prepared: p }) => ({ ...p, deliveryId: item.deliveryId ?? undefined })),
    );
    return prepared.map(({ item }) => ({ kind: "enriched", id: item.id }));
  } catch (error) {
    const reason = `the details could not be stored: ${error instanceof Error ? error.message : String(error)}`;
    console.error(JSON.stringify({ level: "error", sourceId: source.id, message: `enrichment: ${reason}` }));
    return fetched.map(({ item }) => failedOutcome(item, { kind: "retry", rateLimited: false, reason }, now));
  }
}

/**
 * The stored item in normalized terms, as its revision starts from. Its text is already redacted, which analysis
 * leaves as it is. A touchpoint the sender named (a hint, such as a review's store) is kept by naming it again;
 * other placements are redone as for any revision, and a person's choice is never overwritten.
 */
function storedFeedback(item: Pending): StoredFeedback {
  const custom = item.scale === "custom" && item.scaleMin !== null && item.scaleMax !== null;
  return {
    externalId: item.externalId,
    parentExternalId: item.parentExternalId ?? undefined,
    kind: item.kind,
    channel: item.channel,
    title: item.title ?? undefined,
    text: item.text,
    score: item.score ?? undefined,
    scale: item.scale,
    scaleRange: custom ? { min: item.scaleMin as number, max: item.scaleMax as number } : undefined,
    tags: item.tags,
    status: item.status ?? undefined,
    url: item.url ?? undefined,
    touchpointHint: item.touchpointMethod === "hint" ? (item.touchpointId ?? undefined) : undefined,
    occurredAt: item.occurredAt,
    revisionAt: item.revisionAt,
    needsEnrichment: true,
  };
}

/** Runs `work` over `list` with at most `size` in flight. */
async function eachConcurrently<T>(list: readonly T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const item = list[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, size), list.length) }, lane));
}
