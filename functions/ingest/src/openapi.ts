/**
 * The public API's OpenAPI building blocks: the one `Error` component, routers whose validation failures answer in the
 * one error shape, and `apiRoute`, which gives every operation its token scope (middleware, `security` and
 * `x-required-scope`) and documents every error status it can answer.
 * @module
 */
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppContext } from "./context.ts";
import { ERROR_STATUS, type ErrorCode } from "./errors.ts";
import { requireToken } from "./middleware/auth.ts";
import { validationHook } from "./validator.ts";

export type Scope = Parameters<typeof requireToken>[0];
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

/** The security scheme's name in the document. */
export const BEARER_SCHEME = "bearerAuth";

export const ZError = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]).openapi({
        description: "Stable, machine-readable; branch on this, not on the message.",
      }),
      message: z.string().openapi({ description: "What went wrong and, where it can, what to do instead." }),
      requestId: z.string().openapi({ description: "Quote it when asking for help: it finds the request's logs." }),
    }),
  })
  .openapi("Error", {
    description: "The one shape every error has, on every endpoint.",
    example: {
      error: { code: "bad_request", message: "name: Give the source a name.", requestId: "0f9e1c2a-…" },
    },
  });

/** What each status means when a route gives no reason of its own. */
const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: "The input is invalid: `message` names the first failing field and why (`name: Give the source a name.`), or the JSON is malformed.",
  401: "No API token, or an unknown or revoked one.",
  403: "The token lacks the scope this operation requires.",
  404: "Not found in the token's workspace.",
  405: "Method not allowed.",
  409: "Conflicts with the resource's current state.",
  410: "Gone.",
  413: "The body is too large.",
  415: "The body must be `application/json`.",
  422: "Well-formed but unusable.",
  423: "Locked.",
  429: "Too many requests: retry after `Retry-After` seconds.",
  500: "Failed on our side; the `requestId` finds it in the logs.",
};

/** A JSON response (`c.json` in the handler must match `schema`). */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/**
 * A JSON request body. Always `required` at runtime so it is always validated: a body-less request is validated as
 * `{}`, which is how bodies whose fields all have defaults may be left out.
 */
export function jsonBody<S extends z.ZodType>(schema: S, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

type ErrorResponse = ReturnType<typeof jsonResponse<typeof ZError>>;

/** Error responses for `statuses`, each the `Error` component, with a route's own reason where it gives one. */
export function errorResponses(statuses: Iterable<ErrorStatus>, reasons: Partial<Record<ErrorStatus, string>> = {}) {
  const out: Partial<Record<ErrorStatus, ErrorResponse>> = {};
  for (const status of [...new Set(statuses)].sort((a, b) => a - b))
    out[status] = jsonResponse(ZError, reasons[status] ?? ERROR_MEANING[status]);
  return out;
}

/** An OpenAPI router of the ingest Worker: validation failures become the one error shape. */
export function apiRouter() {
  return new OpenAPIHono<AppContext>({ defaultHook: validationHook });
}

type ApiRouteConfig = Omit<RouteConfig, "security" | "middleware" | "responses" | "operationId" | "tags"> & {
  operationId: string;
  tag: string;
  scope: Scope;
  /** Success responses; the error responses are added from the route's inputs and `errors`. */
  responses: RouteConfig["responses"];
  /** Error statuses the handler itself answers, each with why (401, 403 and 500 are always added). */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** Middleware that must run before the token check (a body cap). */
  before?: MiddlewareHandler<AppContext>[];
};

/**
 * A route of the public API: the bearer token with `scope` is checked before validation (so an anonymous request is
 * a 401, never a 400), and every error the route can answer is documented: 400 when it takes input, 415 when it takes
 * a JSON body, 401/403 for the token, 500, plus the route's own `errors`.
 * @example
 * apiRoute({ method: "get", path: "/{id}", operationId: "getTheme", tag: "Themes", scope: "read",
 *   request: { params: ZParams }, responses: { 200: jsonResponse(ZTheme, "The theme.") },
 *   errors: { 404: "No such theme in this workspace." } })
 */
export function apiRoute<const C extends ApiRouteConfig>(config: C) {
  const { scope, errors = {}, before = [], responses, tag, description, ...rest } = config;
  const takesInput = Boolean(rest.request?.params || rest.request?.query || rest.request?.body);
  const statuses: ErrorStatus[] = [401, 403, 500, ...(Object.keys(errors).map(Number) as ErrorStatus[])];
  if (takesInput) statuses.push(400);
  if (rest.request?.body) statuses.push(415);
  const scopeNote = `Requires a token with the \`${scope}\` scope${scope === "read" ? " (or `write`, or `admin`)" : scope === "write" ? " (or `admin`)" : ""}.`;
  return createRoute({
    ...rest,
    tags: [tag],
    description: description ? `${description}\n\n${scopeNote}` : scopeNote,
    security: [{ [BEARER_SCHEME]: [scope] }],
    "x-required-scope": scope,
    middleware: [...before, requireToken(scope)],
    // Typed as if 400 and 415 were always there: exact enough for the handler's typed responses.
    responses: { ...responses, ...errorResponses(statuses, errors) } as C["responses"] &
      Record<401 | 403 | 500 | 400 | 415 | Extract<keyof C["errors"], number>, ErrorResponse>,
  });
}

/**
 * A named component or null. `.nullable()` on a named schema would make the component itself nullable (zod-to-openapi
 * carries the name over) or, for a schema named by `.meta`, an `allOf` that null cannot match; a union is `anyOf`.
 */
export function orNull<S extends z.ZodType>(schema: S) {
  return z.union([schema, z.null()]);
}

/** The `{id}` path parameter, saying in the document what it identifies (`prefix`: how its ids begin). */
export function idParams(what: string, prefix: string) {
  return z.object({
    id: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { description: `The ${what}'s id.` }, example: `${prefix}_0kd3x5v2am7q8w1e9r4t6y2u3i5o` }),
  });
}
