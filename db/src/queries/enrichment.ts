/**
 * Enrichment: each source's API credential and the items still waiting for their details. Every query is scoped to a
 * workspace except `dueSources`, which is how the cron finds work (like `deliveries.listStuck`).
 * @module
 */
import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { type BatchStatement, type Db, runBatch } from "../client.ts";
import { enrichmentCredentials, feedbackItems, sources } from "../schema/index.ts";

export type CredentialRow = typeof enrichmentCredentials.$inferSelect;

/** What the API shows about a source's enrichment: never the token, only its last four characters. */
export interface EnrichmentSummary {
  configured: boolean;
  hint: string | null;
  /** `failing` once the provider refused the credential; nothing is fetched until it is replaced. */
  status: "active" | "failing" | null;
  lastError: string | null;
  lastErrorAt: number | null;
  /** The provider asked to slow down: no fetches before this time. */
  retryAt: number | null;
  lastRunAt: number | null;
  settings: Record<string, unknown>;
  /** Items still awaiting their details (not counting those whose details are unavailable). */
  pending: number;
}

/** The partial index's condition: items still waiting for their details. */
const waiting = and(eq(feedbackItems.needsEnrichment, true), isNull(feedbackItems.enrichmentUnavailableAt));

export function getCredential(db: Db, workspaceId: string, sourceId: string) {
  return db.query.enrichmentCredentials.findFirst({
    where: and(eq(enrichmentCredentials.workspaceId, workspaceId), eq(enrichmentCredentials.sourceId, sourceId)),
  });
}

export async function summary(db: Db, workspaceId: string, sourceId: string): Promise<EnrichmentSummary> {
  const [credentials, counts] = await db.batch([
    db
      .select()
      .from(enrichmentCredentials)
      .where(and(eq(enrichmentCredentials.workspaceId, workspaceId), eq(enrichmentCredentials.sourceId, sourceId))),
    db
      .select({ pending: count() })
      .from(feedbackItems)
      .where(and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.sourceId, sourceId), waiting)),
  ]);
  const credential = credentials[0];
  return {
    configured: credential !== undefined,
    hint: credential ? `…${credential.tokenHint}` : null,
    status: credential?.status ?? null,
    lastError: credential?.lastError ?? null,
    lastErrorAt: credential?.lastErrorAt ?? null,
    retryAt: credential?.retryAt ?? null,
    lastRunAt: credential?.lastRunAt ?? null,
    settings: credential?.settings ?? {},
    pending: counts[0]?.pending ?? 0,
  };
}

export interface CredentialInput {
  workspaceId: string;
  sourceId: string;
  tokenCiphertext: string;
  tokenHint: string;
  settings: Record<string, unknown>;
  at: number;
}

/** Sets or replaces a source's credential; a new credential starts clean (no failure, no pause). */
export function saveCredential(db: Db, input: CredentialInput) {
  const { at, ...row } = input;
  return db
    .insert(enrichmentCredentials)
    .values({ ...row, status: "active", createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: enrichmentCredentials.sourceId,
      set: {
        tokenCiphertext: row.tokenCiphertext,
        tokenHint: row.tokenHint,
        settings: row.settings,
        status: "active",
        lastError: null,
        lastErrorAt: null,
        retryAt: null,
        updatedAt: at,
      },
      // A source id never changes workspace; this keeps an upsert from ever writing across tenants.
      setWhere: eq(enrichmentCredentials.workspaceId, row.workspaceId),
    });
}

/** Removes a source's credential; `false` when it had none. */
export async function removeCredential(db: Db, workspaceId: string, sourceId: string): Promise<boolean> {
  const rows = await db
    .delete(enrichmentCredentials)
    .where(and(eq(enrichmentCredentials.workspaceId, workspaceId), eq(enrichmentCredentials.sourceId, sourceId)))
    .returning({ sourceId: enrichmentCredentials.sourceId });
  return rows.length > 0;
}

/**
 * Cron: active sources with a working credential, not paused by a rate limit, that have items due; least recently run
 * first, so one busy source cannot starve the others.
 */
export function dueSources(db: Db, now: number, limit = 20) {
  return db
    .select({ workspaceId: enrichmentCredentials.workspaceId, sourceId: enrichmentCredentials.sourceId })
    .from(enrichmentCredentials)
    .innerJoin(sources, and(eq(sources.id, enrichmentCredentials.sourceId), isNull(sources.deletedAt)))
    .where(
      and(
        eq(sources.status, "active"),
        eq(enrichmentCredentials.status, "active"),
        or(isNull(enrichmentCredentials.retryAt), lte(enrichmentCredentials.retryAt, now)),
        sql`EXISTS (SELECT 1 FROM ${feedbackItems} WHERE ${feedbackItems.workspaceId} = ${enrichmentCredentials.workspaceId}
          AND ${feedbackItems.sourceId} = ${enrichmentCredentials.sourceId} AND ${waiting}
          AND (${feedbackItems.enrichmentNextAt} IS NULL OR ${feedbackItems.enrichmentNextAt} <= ${now}))`,
      ),
    )
    .orderBy(sql`coalesce(${enrichmentCredentials.lastRunAt}, 0)`)
    .limit(limit);
}

type ItemRow = typeof feedbackItems.$inferSelect;

/** A stored item awaiting its details: its references, what it holds so far, and where it stands in retrying. */
export type PendingItem = Pick<
  ItemRow,
  | "id"
  | "deliveryId"
  | "externalId"
  | "parentExternalId"
  | "kind"
  | "channel"
  | "title"
  | "text"
  | "score"
  | "scale"
  | "scaleMin"
  | "scaleMax"
  | "tags"
  | "status"
  | "url"
  | "customerId"
  | "touchpointId"
  | "touchpointMethod"
  | "occurredAt"
  | "revisionAt"
> & { attempts: number };

/**
 * Claims up to `limit` of a source's due items for one run, atomically: their next attempt moves to `leaseUntil`, so
 * a concurrent run (the cron and a manual run) cannot fetch the same item, and an item of a run that died becomes due
 * again when the lease ends. Never-tried items come first, then the most recent feedback.
 */
export async function claimDue(
  db: Db,
  workspaceId: string,
  sourceId: string,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<PendingItem[]> {
  const due = and(
    eq(feedbackItems.workspaceId, workspaceId),
    eq(feedbackItems.sourceId, sourceId),
    waiting,
    or(isNull(feedbackItems.enrichmentNextAt), lte(feedbackItems.enrichmentNextAt, now)),
  );
  const batch = db
    .select({ id: feedbackItems.id })
    .from(feedbackItems)
    .where(due)
    .orderBy(asc(feedbackItems.enrichmentNextAt), desc(feedbackItems.occurredAt))
    .limit(limit);
  return db
    .update(feedbackItems)
    .set({ enrichmentNextAt: leaseUntil })
    .where(and(inArray(feedbackItems.id, batch), due))
    .returning({
      id: feedbackItems.id,
      deliveryId: feedbackItems.deliveryId,
      externalId: feedbackItems.externalId,
      parentExternalId: feedbackItems.parentExternalId,
      kind: feedbackItems.kind,
      channel: feedbackItems.channel,
      title: feedbackItems.title,
      text: feedbackItems.text,
      score: feedbackItems.score,
      scale: feedbackItems.scale,
      scaleMin: feedbackItems.scaleMin,
      scaleMax: feedbackItems.scaleMax,
      tags: feedbackItems.tags,
      status: feedbackItems.status,
      url: feedbackItems.url,
      customerId: feedbackItems.customerId,
      touchpointId: feedbackItems.touchpointId,
      touchpointMethod: feedbackItems.touchpointMethod,
      occurredAt: feedbackItems.occurredAt,
      revisionAt: feedbackItems.revisionAt,
      attempts: feedbackItems.enrichmentAttempts,
    });
}

/** What became of one claimed item in a run. */
export type ItemOutcome =
  /** Stored as a new revision (which links the details' customer, if the item had none). */
  | { kind: "enriched"; id: string }
  /** A failed fetch, tried again at `nextAt`; `attempts` counts it. */
  | { kind: "retry"; id: string; attempts: number; nextAt: number; error: string }
  /** Not the item's fault (the source is rate limited): due again at `nextAt`, attempts unchanged. */
  | { kind: "deferred"; id: string; nextAt: number; error: string }
  /** The provider no longer has it, or it failed too often: "details unavailable", never retried. */
  | { kind: "unavailable"; id: string; at: number; error: string }
  /** Claimed but not tried (the run's time was up, or the credential failed first): due again at once. */
  | { kind: "released"; id: string };

/** Records a run's item outcomes in one batch. */
export async function recordOutcomes(db: Db, workspaceId: string, outcomes: readonly ItemOutcome[]): Promise<void> {
  const statements: BatchStatement[] = outcomes.map((outcome) => {
    const item = and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.id, outcome.id));
    switch (outcome.kind) {
      case "enriched":
        return db
          .update(feedbackItems)
          .set({ enrichmentAttempts: 0, enrichmentNextAt: null, enrichmentError: null })
          .where(item);
      case "retry":
        return db
          .update(feedbackItems)
          .set({
            enrichmentAttempts: outcome.attempts,
            enrichmentNextAt: outcome.nextAt,
            enrichmentError: outcome.error,
          })
          .where(item);
      case "deferred":
        return db
          .update(feedbackItems)
          .set({ enrichmentNextAt: outcome.nextAt, enrichmentError: outcome.error })
          .where(item);
      case "unavailable":
        return db
          .update(feedbackItems)
          .set({ enrichmentUnavailableAt: outcome.at, enrichmentNextAt: null, enrichmentError: outcome.error })
          .where(item);
      default:
        // Released: due again at once.
        return db.update(feedbackItems).set({ enrichmentNextAt: null }).where(item);
    }
  });
  await runBatch(db, statements);
}

/** What a run learned about the source as a whole. */
export interface SourceOutcome {
  at: number;
  /** The provider refused the credential: stop until it is replaced. */
  credentialFailed?: string;
  /** The provider rate limited: pause until `until`. */
  rateLimited?: { until: number; error: string };
  /** The last item-level error of the run, shown as the source's last error. */
  lastError?: string;
}

/** Records a run on the source's credential: when it ran, a refusal or a rate limit if there was one, and its last error. */
export function recordRun(db: Db, workspaceId: string, sourceId: string, outcome: SourceOutcome) {
  const error = outcome.credentialFailed ?? outcome.rateLimited?.error ?? outcome.lastError;
  return db
    .update(enrichmentCredentials)
    .set({
      lastRunAt: outcome.at,
      ...(outcome.credentialFailed ? { status: "failing" as const } : {}),
      // A run that was not slowed down ends any earlier pause.
      retryAt: outcome.rateLimited?.until ?? null,
      ...(error ? { lastError: error, lastErrorAt: outcome.at } : {}),
    })
    .where(and(eq(enrichmentCredentials.workspaceId, workspaceId), eq(enrichmentCredentials.sourceId, sourceId)));
}
