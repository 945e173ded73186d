import * as deliveries from "@firebreak/db/queries/deliveries";
import { redirect } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { listSources } from "$lib/server/sources";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

/** The workspace's sources with their health: last delivery, and deliveries and failures in the last 24 hours. */
export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const [sources, health] = await Promise.all([
    listSources(db, workspace.id, platform?.env.INGEST_URL ?? ""),
    deliveries.healthSince(db, workspace.id, Date.now() - 86_400_000),
  ]);
  return {
    workspace,
    sources: sources.map((source) => ({ ...source, day: health.get(source.id) ?? { total: 0, failures: 0 } })),
  };
};
