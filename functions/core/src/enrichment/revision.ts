/**
 * Turning fetched details into the item's next revision, and when to try again when a fetch fails. Pure, so the job
 * only does I/O.
 * @module
 */
import type { NormalizedFeedback } from "../model.ts";
import type { EnrichedDetails } from "./types.ts";

/** Failed fetches (not rate limits) before an item is given up on and marked "details unavailable". */
export const ENRICHMENT_MAX_ATTEMPTS = 8;

/** How long a source pauses after a 429 that named no `Retry-After`. */
export const RATE_LIMIT_PAUSE_MS = 60_000;

const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 60 * 60 * 1000;
const LONGEST_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The wait before attempt `attempts + 1`: 1, 2, 4, 8 … minutes, at most six hours, and never less than the provider's
 * `Retry-After` (itself capped at a day, so a bogus header cannot park an item forever).
 * @example retryDelayMs(1) // 60_000
 */
export function retryDelayMs(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
  return Math.max(backoff, Math.min(retryAfterMs ?? 0, LONGEST_RETRY_AFTER_MS));
}

/** The pause a rate-limited source takes: the provider's `Retry-After`, else a minute; at most a day. */
export function rateLimitPauseMs(retryAfterMs?: number): number {
  return Math.min(Math.max(retryAfterMs ?? RATE_LIMIT_PAUSE_MS, 1000), LONGEST_RETRY_AFTER_MS);
}

/** A stored item as the enrichment job reads it back: normalized fields plus the revision it is at. */
export type StoredFeedback = NormalizedFeedback & { revisionAt: number };

export interface RevisionOptions {
  /** The current time: a provider's modification time later than this is not believed. */
  now?: number;
}

/**
 * The next revision of `stored` with `details` filled in: fields the provider returned replace the stored ones, the
 * rest stay, and the item no longer needs enrichment. It keeps its `occurredAt` (an item stays on the day it was first
 * counted), and its `revisionAt` is later than the stored one, so the write path replaces the stored version and keeps
 * it as history; the same details always give the same revision, so a second write of them changes nothing.
 */
export function enrichedRevision(
  stored: StoredFeedback,
  details: EnrichedDetails,
  { now = Number.POSITIVE_INFINITY }: RevisionOptions = {},
): NormalizedFeedback {
  // A clock skewed into the future would make every later webhook revision look older, and be dropped.
  const providerRevision = details.revisionAt !== undefined && details.revisionAt <= now ? details.revisionAt : 0;
  const scored = details.score !== undefined && details.scale !== undefined;
  return {
    ...stored,
    // A preview (Front's blurb, HubSpot's changed property) beats an empty answer.
    text: details.text.trim() ? details.text : stored.text,
    title: details.title ?? stored.title,
    score: scored ? details.score : stored.score,
    scale: scored ? (details.scale ?? stored.scale) : stored.scale,
    scaleRange: scored ? details.scaleRange : stored.scaleRange,
    channel: details.channel ?? stored.channel,
    tags: details.tags ?? stored.tags,
    status: details.status ?? stored.status,
    url: details.url ?? stored.url,
    language: details.language ?? stored.language,
    revisionAt: Math.max(stored.revisionAt + 1, providerRevision),
    needsEnrichment: false,
    // The write path links this customer only if the stored item has none, and counts it only then.
    customerEmail: details.customerEmail,
    customerId: details.customerId,
  };
}
