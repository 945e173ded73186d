/** @module Hono typing for the ingest Worker. */
import type { JwksSource } from "@firebreak/core";
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
}

export type AppContext = {
  Bindings: Env;
  Variables: { requestId: string; db: Db; auth: ApiAuth; options: AppOptions };
};
