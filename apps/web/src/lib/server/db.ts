import { createDb, type Db } from "@firebreak/db/client";
import { error } from "@sveltejs/kit";

/** The request's Drizzle database, from the `DB` binding; a 503 when the binding is missing. */
export function dbFrom(platform: App.Platform | undefined): Db {
  const d1 = platform?.env?.DB;
  if (!d1) error(503, { message: "The database is not available. Start the app with `wrangler dev` or `vite dev`." });
  return createDb(d1);
}
