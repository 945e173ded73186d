// See https://svelte.dev/docs/kit/types#app.d.ts
import type { D1Database as CloudflareD1Database } from "@cloudflare/workers-types";

declare global {
  // `@firebreak/db` names D1Database as a global (the Workers runtime type). Aliasing it here, instead of loading
  // every Workers global, keeps the DOM types intact for the browser code.
  type D1Database = CloudflareD1Database;

  namespace App {
    interface Error {
      message: string;
    }
    interface Platform {
      env: {
        DB: D1Database;
        INGEST_URL: string;
      };
    }
  }
}
