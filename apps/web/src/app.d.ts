// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference path="../../../functions/core/src/types/sentiment.d.ts" />
import type { D1Database as CloudflareD1Database, D1Result as CloudflareD1Result } from "@cloudflare/workers-types";
import type { DeliveryQueue } from "@firebreak/db/pipelines/replay";
import type { Membership } from "@firebreak/db/queries/members";
import type { Auth } from "$lib/server/auth";

declare global {
  // `@firebreak/db` names D1Database as a global (the Workers runtime type). Aliasing it here, instead of loading
  // every Workers global, keeps the DOM types intact for the browser code.
  type D1Database = CloudflareD1Database;
  // The upload endpoints run the shared import pipeline, whose batch writes return D1 results.
  type D1Result<T = unknown> = CloudflareD1Result<T>;

  namespace App {
    interface Error {
      message: string;
    }
    interface Locals {
      /** better-auth for this request (hooks.server.ts). */
      auth: Auth;
      /** The signed-in user; absent when signed out. */
      user?: { id: string; name: string; email: string };
      /** Their workspace and role in it; absent when signed out or in no workspace. */
      membership?: Membership;
      /** Set by a share link's embed view: the origins its policy lets frame this one response. */
      shareFrameOrigins?: string[];
    }
    interface Platform {
      env: {
        DB: D1Database;
        INGEST_URL: string;
        /** The app's public origin (better-auth's base URL; cookies are Secure when it is https). */
        APP_URL?: string;
        /** Signs session cookies; locally from apps/web/.dev.vars (scripts/lib.mjs ensureDevVars). */
        AUTH_SECRET?: string;
        /**
         * Keys customer hashes of uploaded rows and encrypts source secrets; locally from apps/web/.dev.vars
         * (scripts/lib.mjs ensureDevVars).
         */
        SECRETS_KEY?: string;
        /** The ingest Worker's delivery queue, for replays (wrangler.toml `[[queues.producers]]`). */
        DELIVERIES?: DeliveryQueue;
        /** `production` when deployed (`npm run deploy`); unset locally. */
        ENVIRONMENT?: string;
        /**
         * Development only (`npm start`): `on` lets alert destinations target loopback; refused in production
         * (`lib/server/destinations.ts`).
         */
        OUTBOUND_ALLOW_LOOPBACK?: string;
        /** The ingest Worker (service binding): test events go through its real webhook endpoint. */
        INGEST?: { fetch(request: Request): Promise<Response> };
      };
      /** The request's execution context (adapter-cloudflare): work that may finish after the response. */
      context?: { waitUntil(promise: Promise<unknown>): void };
    }
  }
}
