/**
 * When an outbound delivery is tried again. Server errors, 429s, network errors and timeouts retry on a backoff
 * schedule (30 s, 2 min, 10 min, 1 h, 6 h, each with ±20% jitter so a receiver coming back is not hit by every
 * workspace at once); a 429's `Retry-After` is honoured when longer. A 408 retries too. Any other answer outside
 * 2xx (4xx, a 3xx the sender does not follow) is final: repeating the same request would get the same answer.
 * @module
 */
import { parseRetryAfter } from "../enrichment/http.ts";

/** Delays after the 1st, 2nd, … failed attempt; after the last one the delivery fails for good. */
export const OUTBOUND_BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;
/** Attempts in all: the first plus one per backoff step. */
export const OUTBOUND_MAX_ATTEMPTS = OUTBOUND_BACKOFF_MS.length + 1;
/** A Retry-After longer than this is capped, so one receiver cannot park a delivery for days. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
const JITTER = 0.2;

/** How one attempt ended: an HTTP answer, or no answer at all. */
export type AttemptResult =
  | { kind: "response"; status: number; retryAfter?: string | null }
  | { kind: "network_error" | "timeout" };

export type Outcome = { final: true; delivered: boolean } | { final: false; retryInMs: number };

/** Whether an attempt's result is worth another attempt. */
export function isRetryable(result: AttemptResult): boolean {
  if (result.kind !== "response") return true;
  return result.status >= 500 || result.status === 429 || result.status === 408;
}

/** The backoff before attempt `attempts + 1`, jittered by `random()` in [0, 1). */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = OUTBOUND_BACKOFF_MS[Math.min(attempts, OUTBOUND_BACKOFF_MS.length) - 1] ?? OUTBOUND_BACKOFF_MS[0];
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * What follows attempt number `attempts` (1-based) that ended with `result`: delivered, failed for good, or another
 * try after a delay.
 */
export function nextStep(
  attempts: number,
  result: AttemptResult,
  now: number,
  random: () => number = Math.random,
): Outcome {
  if (result.kind === "response" && result.status >= 200 && result.status < 300)
    return { final: true, delivered: true };
  if (!isRetryable(result) || attempts >= OUTBOUND_MAX_ATTEMPTS) return { final: true, delivered: false };
  const backoff = backoffMs(attempts, random);
  const asked = result.kind === "response" ? parseRetryAfter(result.retryAfter ?? null, now) : undefined;
  return { final: false, retryInMs: Math.max(backoff, Math.min(asked ?? 0, MAX_RETRY_AFTER_MS)) };
}
