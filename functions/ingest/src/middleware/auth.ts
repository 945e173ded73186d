/** @module Bearer API tokens for the public REST API: hashed lookup, scope check, workspace from the token. */
import { sha256Hex } from "@firebreak/core";
import { tokens } from "@firebreak/db";
import { createMiddleware } from "hono/factory";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";

/** Only touch `last_used_at` once a minute per token, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60_000;

export function requireToken(scope: "read" | "write" | "admin") {
  return createMiddleware<AppContext>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new ApiError("unauthorized", "Send an API token as `Authorization: Bearer <token>`.");
    const db = c.get("db");
    const token = await tokens.findActiveByHash(db, await sha256Hex(match[1]));
    if (!token) throw new ApiError("unauthorized", "The API token is unknown or revoked.");
    const allowed =
      token.scopes.includes("admin") ||
      token.scopes.includes(scope) ||
      (scope === "read" && token.scopes.includes("write"));
    if (!allowed) throw new ApiError("forbidden", `This token lacks the "${scope}" scope.`);
    const now = c.get("options").now();
    if (!token.lastUsedAt || now - token.lastUsedAt > TOUCH_INTERVAL_MS)
      c.executionCtx.waitUntil(tokens.touch(db, token.id, now));
    c.set("auth", { tokenId: token.id, workspaceId: token.workspaceId, scopes: token.scopes });
    await next();
  });
}
