/**
 * The web app's JSON endpoints, in the ingest API's one error shape `{ error: { code, message, requestId } }`:
 * same-origin check for writes (SvelteKit's own CSRF check only covers form posts), a body size cap, zod validation,
 * and no 5xx for bad input.
 * @module
 */
import { isHttpError, type RequestEvent } from "@sveltejs/kit";

/**
 * What the endpoints need of a schema: zod's `safeParse`. Typed structurally rather than as `ZodType`, so schemas
 * built with the core's copy of zod fit too, and type checks stay cheap.
 */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Thrown anywhere in an endpoint; `jsonEndpoint` turns it into the error shape. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function errorResponse(
  code: ErrorCode,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message, requestId } },
    { status: ERROR_STATUS[code], headers: { ...headers, "x-request-id": requestId, "cache-control": "no-store" } },
  );
}

/** The request's id: Cloudflare's ray id when there is one, so our logs and Cloudflare's line up. */
export function requestIdOf(request: Request): string {
  return request.headers.get("cf-ray") ?? crypto.randomUUID();
}

/**
 * Writes must come from our own pages. JSON bodies are outside SvelteKit's CSRF check, and a browser always sends
 * `Origin` on a cross-site or non-GET fetch, so a missing or foreign one is refused.
 */
export function assertSameOrigin(request: Request, url: URL): void {
  const origin = request.headers.get("origin");
  if (origin !== url.origin) throw new ApiError("forbidden", "Cross-origin requests are not allowed.");
}

/** Reads the body as text, refusing it as soon as it grows past `maxBytes` (a lying Content-Length included). */
export async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new ApiError("payload_too_large", `The request body is over ${maxBytes} bytes.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError("bad_request", "The request body is not valid UTF-8.");
  }
}

/** Validates with zod; the first issue becomes a 400 naming the field. */
export function parseWith<T>(schema: Schema<T>, value: unknown, what = "body"): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join(".") : what;
  throw new ApiError("bad_request", `${where}: ${issue?.message ?? "invalid"}`);
}

/** Reads, size-caps, parses and validates a JSON body. */
export async function readJson<T>(request: Request, schema: Schema<T>, maxBytes: number): Promise<T> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  const text = await readCappedText(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid JSON.");
  }
  return parseWith(schema, value);
}

export interface EndpointContext<Input> {
  event: RequestEvent;
  input: Input;
  requestId: string;
}

/**
 * A JSON POST endpoint: origin check, capped and validated body, then `handler`. Its return value is sent as JSON
 * (status 200, or `status` from `created`); `ApiError`s and SvelteKit `error()`s become the error shape, and anything
 * unexpected is logged and answered as a 500 without details.
 * @example export const POST = jsonEndpoint({ schema: ZRows, maxBytes: 4 << 20 }, async ({ input }) => ({ ok: true }));
 */
export function jsonEndpoint<T>(
  options: { schema: Schema<T>; maxBytes: number; status?: number },
  handler: (context: EndpointContext<T>) => Promise<unknown>,
): (event: RequestEvent) => Promise<Response> {
  return async (event) => {
    const requestId = requestIdOf(event.request);
    try {
      assertSameOrigin(event.request, event.url);
      const input = await readJson(event.request, options.schema, options.maxBytes);
      const body = await handler({ event, input, requestId });
      return Response.json(body, {
        status: options.status ?? 200,
        headers: { "x-request-id": requestId, "cache-control": "no-store" },
      });
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
}

export function toErrorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ApiError) return errorResponse(error.code, error.message, requestId);
  if (isHttpError(error)) {
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === error.status)?.[0] ?? "bad_request") as ErrorCode;
    return errorResponse(code, error.body.message, requestId);
  }
  const failure = error instanceof Error ? error : new Error(String(error));
  console.error(JSON.stringify({ level: "error", requestId, message: failure.message, stack: failure.stack }));
  return errorResponse(
    "internal_error",
    "Something went wrong on our side; the request id helps us find it.",
    requestId,
  );
}

/** For `export const fallback`: any method an endpoint does not define gets a JSON 405. */
export function methodNotAllowed({ request }: RequestEvent): Response {
  return errorResponse(
    "method_not_allowed",
    `${request.method} is not supported here; use POST.`,
    requestIdOf(request),
  );
}
