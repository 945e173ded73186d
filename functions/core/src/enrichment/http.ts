/**
 * The one way enrichment clients call a provider: a JSON GET with a timeout and a size cap, whose failures come back
 * classified (retry later, credential refused, item gone) instead of thrown.
 * @module
 */
import { parseJson } from "../providers/json.ts";
import type { EnrichmentClientOptions, EnrichmentResult, FetchLike } from "./types.ts";

/** Provider answers are small documents; anything larger is not what was asked for. */
const MAX_BODY_CHARS = 2_000_000;
const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpContext {
  fetch: FetchLike;
  now: () => number;
  timeoutMs: number;
  /** The provider's name, for error messages a user reads. */
  label: string;
}

export function httpContext(options: EnrichmentClientOptions, label: string): HttpContext {
  return {
    fetch: options.fetch,
    now: options.now ?? Date.now,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    label,
  };
}

export type JsonOutcome =
  | { ok: true; value: unknown }
  | { ok: false; result: Exclude<EnrichmentResult, { kind: "enriched" }> };

/** GETs `url` and parses its JSON body; any failure is classified (see `classifyStatus`). */
export async function getJson(http: HttpContext, url: string, headers: Record<string, string>): Promise<JsonOutcome> {
  // Called detached: Workers refuse `fetch` invoked as a method of another object ("Illegal invocation").
  const doFetch = http.fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: "GET",
      headers: { accept: "application/json", ...headers },
      signal: AbortSignal.timeout(http.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const reason = timedOut
      ? `${http.label} did not answer within ${http.timeoutMs / 1000} s`
      : `${http.label} could not be reached: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, result: { kind: "retry", rateLimited: false, reason } };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, result: classifyStatus(response.status, response.headers, http) };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const reason = `${http.label}'s answer broke off: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, result: { kind: "retry", rateLimited: false, reason } };
  }
  if (text.length > MAX_BODY_CHARS) {
    return { ok: false, result: { kind: "retry", rateLimited: false, reason: `${http.label}'s answer is too large` } };
  }
  const json = parseJson(text);
  if (!json.ok) {
    return {
      ok: false,
      result: { kind: "retry", rateLimited: false, reason: `${http.label} answered ${json.reason}` },
    };
  }
  return { ok: true, value: json.value };
}

/**
 * What an HTTP error means for the job: 401/403 → the credential is refused; 404/410 → the item is gone; 429 → slow
 * down (honouring `Retry-After`); 408 and 5xx → retry later, as is any other 4xx, which the attempt limit bounds.
 */
export function classifyStatus(
  status: number,
  headers: Headers,
  http: Pick<HttpContext, "label" | "now">,
): Exclude<EnrichmentResult, { kind: "enriched" }> {
  if (status === 401 || status === 403) {
    return {
      kind: "credential",
      status,
      reason: `${http.label} refused the API credential (HTTP ${status}); replace it to resume enrichment`,
    };
  }
  if (status === 404 || status === 410) {
    return { kind: "gone", status, reason: `${http.label} no longer has this item (HTTP ${status})` };
  }
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), http.now());
  if (status === 429) {
    return {
      kind: "retry",
      status,
      rateLimited: true,
      retryAfterMs,
      reason: `${http.label} is rate limiting requests (HTTP 429)`,
    };
  }
  const reason =
    status >= 500 || status === 408
      ? `${http.label} had a temporary problem (HTTP ${status})`
      : `${http.label} did not accept the request (HTTP ${status})`;
  return { kind: "retry", status, rateLimited: false, retryAfterMs, reason };
}

/** `Retry-After` as milliseconds from now: delay-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A provider id used as a URL path segment: plain characters only, so no id can reach another path. */
export function isSafeSegment(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_.:-]{1,200}$/.test(value) && value !== "." && value !== "..";
}

/** A plain object, or `undefined`: provider answers are read defensively, field by field. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-empty trimmed string, or `undefined`. */
export function asText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address as adapters store it, or `undefined` for anything that is not one. */
export function asEmail(value: unknown): string | undefined {
  const text = asText(value);
  return text && EMAIL.test(text) ? text : undefined;
}

/** A gone result for a reference the adapter did not record, which no retry will fix. */
export function missingReference(label: string, what: string): Extract<EnrichmentResult, { kind: "gone" }> {
  return { kind: "gone", reason: `the ${label} webhook did not name the ${what}, so its details cannot be fetched` };
}

/** A retry result for an answer that does not have the expected shape. */
export function unexpectedAnswer(label: string, what: string): Extract<EnrichmentResult, { kind: "retry" }> {
  return { kind: "retry", rateLimited: false, reason: `${label} answered without ${what}` };
}
