import { redirect } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { listSources } from "$lib/server/sources";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  const workspace = await currentWorkspace(db);
  if (!workspace) redirect(307, "/");
  const sources = await listSources(db, workspace.id, platform?.env.INGEST_URL ?? "");
  return { workspace, sources };
};
