/**
 * Sources as the webhook endpoint sees them, cached in the isolate so a delivery needs no read before its receipt
 * is written. The cache is never trusted with a refusal or with the final say: a receipt is stored only if the
 * source is still at the version it was verified against (`recordReceipts`), and anything but a clean accept is
 * checked again against a fresh read. So a rotated secret or a pause takes effect at once, in every isolate.
 * @module
 */
import { decryptSecret } from "@firebreak/core";
import { type Db, sources } from "@firebreak/db";

export interface WebhookSource {
  row: sources.SourceRow;
  /** The signing secret, decrypted. */
  secret: string;
  /** Whether this came from the cache (and so may be out of date). */
  cached: boolean;
}

/** How long an entry is used before it is read again, even when nothing says it changed. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;

const entries = new Map<string, { source: WebhookSource; fetchedAt: number }>();

/** The source behind `/webhooks/{provider}/{id}`, from the cache unless `fresh`; `undefined` if there is none. */
export async function getWebhookSource(
  db: Db,
  provider: string,
  id: string,
  secretsKey: string,
  { fresh }: { fresh: boolean },
): Promise<WebhookSource | undefined> {
  const hit = entries.get(id);
  if (!fresh && hit && hit.source.row.provider === provider && Date.now() - hit.fetchedAt < TTL_MS) return hit.source;

  const row = await sources.findForWebhook(db, provider, id);
  if (!row) {
    return undefined;
  }
  const source = { row, secret: await decryptSecret(row.secretCiphertext, secretsKey), cached: false };
  // Map keeps insertion order, so re-inserting makes this the newest entry and the first key the oldest.
  entries.delete(id);
  entries.set(id, { source: { ...source, cached: true }, fetchedAt: Date.now() });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return source;
}

/** Drops a source this isolate changed, so its own next delivery does not take the slow path. */
export function forgetWebhookSource(id: string): void {
  entries.delete(id);
}
