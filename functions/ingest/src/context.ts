/** @module Hono typing for the ingest Worker. */
import type { FetchLike, JwksSource } from "@firebreak/core";
import type { Db } from "@firebreak/db";

export interface ApiAuth {
  tokenId: string;
  workspaceId: string;
  scopes: ReadonlyArray<"read" | "write" | "admin">;
}

export interface AppOptions {
  /** Current time in ms; tests inject a fixed clock so signed fixtures stay valid. */
  now: () => number;
  /** Public keys for JWT-signed webhooks (Google); tests pass a fake. */
  jwks: JwksSource;
  /** How the enrichment job calls provider APIs; the Worker's own `fetch` unless a test passes a fake. */
  fetch?: FetchLike;
}

export type AppContext = {
  Bindings: Env;
  Variables: { requestId: string; db: Db; auth: ApiAuth; options: AppOptions };
};
