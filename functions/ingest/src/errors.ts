/**
 * The one error shape every endpoint answers with: `{ error: { code, message, requestId } }`.
 * @module
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_event: 422,
  source_paused: 423,
  rate_limited: 429,
  internal_error: 500,
  bad_environment: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Thrown anywhere in a handler; `onError` turns it into the error shape. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(ERROR_STATUS[code], { message });
    this.code = code;
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string) {
  return { error: { code, message, requestId } };
}

export function errorResponse(c: Context, code: ErrorCode, message: string) {
  return c.json(errorBody(code, message, c.get("requestId") ?? "unknown"), ERROR_STATUS[code]);
}

/** `app.onError`: known errors keep their code; anything unexpected is logged and hidden behind a generic message. */
export function handleError(error: Error, c: Context) {
  if (error instanceof ApiError) return errorResponse(c, error.code, error.message);
  if (error instanceof HTTPException) {
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === error.status)?.[0] ?? "bad_request") as ErrorCode;
    return c.json(errorBody(code, error.message || code, c.get("requestId") ?? "unknown"), error.status);
  }
  console.error(
    JSON.stringify({ level: "error", requestId: c.get("requestId"), message: error.message, stack: error.stack }),
  );
  return errorResponse(c, "internal_error", "Something went wrong on our side; the request id helps us find it.");
}
