/**
 * JSON calls from the upload page to its endpoints: errors arrive in the one error shape and are thrown as
 * `RequestFailure`; network failures and overload answers (429, 502–504) are retried with backoff, which is safe
 * because rows are deduplicated by source and external id.
 * @module
 */
import type { ApiErrorBody } from "./types.ts";

export class RequestFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

const RETRYABLE = new Set([429, 502, 503, 504]);

export interface PostOptions {
  fetch?: typeof fetch;
  retries?: number;
  /** Milliseconds before the first retry; doubled each time. */
  backoffMs?: number;
  signal?: AbortSignal;
}

export async function postJson<T>(url: string, body: unknown, options: PostOptions = {}): Promise<T> {
  const { fetch: send = fetch, retries = 3, backoffMs = 500, signal } = options;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await send(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    } catch {
      if (signal?.aborted || attempt >= retries) {
        throw new RequestFailure(0, "network_error", "The server could not be reached. Check the connection.", null);
      }
      await sleep(backoffMs * 2 ** attempt);
      continue;
    }
    if (response.ok) return (await response.json()) as T;
    if (RETRYABLE.has(response.status) && attempt < retries) {
      await sleep(backoffMs * 2 ** attempt);
      continue;
    }
    throw await failureOf(response);
  }
}

async function failureOf(response: Response): Promise<RequestFailure> {
  const payload = (await response.json().catch(() => null)) as Partial<ApiErrorBody> | null;
  const error = payload?.error;
  return new RequestFailure(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `The server answered ${response.status}.`,
    error?.requestId ?? response.headers.get("x-request-id"),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
