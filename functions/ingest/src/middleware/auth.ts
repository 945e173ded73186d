/**
 * Bearer API tokens for the public REST API: hashed lookup on every request (so a revocation or an expiry takes
 * effect on the very next one), the scope ladder (admin ⊃ write ⊃ read), workspace from the token.
 * @module
 */
import { type ApiTokenScope, apiTokenStatus, scopeAllows, sha256Hex } from "@firebreak/core";
import { tokens } from "@firebreak/db";
import { createMiddleware } from "hono/factory";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";

/** Only touch `last_used_at` once a minute per token, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60_000;

const REFUSED = {
  revoked: "This API token has been revoked.",
  expired: "This API token has expired; create a new one under Settings → API tokens.",
} as const;

export function requireToken(scope: ApiTokenScope) {
  return createMiddleware<AppContext>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new ApiError("unauthorized", "Send an API token as `Authorization: Bearer <token>`.");
    const db = c.get("db");
    const token = await tokens.findByHash(db, await sha256Hex(match[1]));
    if (!token) throw new ApiError("unauthorized", "The API token is unknown.");
    const now = c.get("options").now();
    const status = apiTokenStatus(token, now);
    if (status !== "active") throw new ApiError("unauthorized", REFUSED[status]);
    if (!scopeAllows(token.scopes, scope)) throw new ApiError("forbidden", `This token lacks the "${scope}" scope.`);
    if (!token.lastUsedAt || now - token.lastUsedAt > TOUCH_INTERVAL_MS)
      c.executionCtx.waitUntil(tokens.touch(db, token.id, now));
    c.set("auth", { tokenId: token.id, workspaceId: token.workspaceId, scopes: token.scopes });
    await next();
  });
}
