import * as imports from "@firebreak/db/queries/imports";
import { error, redirect } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { jobView } from "$lib/server/imports";
import { findSource } from "$lib/server/sources";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const source = await findSource(db, workspace.id, params.id, platform?.env.INGEST_URL ?? "");
  if (!source) error(404, { message: "This source does not exist in your workspace." });
  const recent = await imports.listForSource(db, workspace.id, source.id, 5);
  return { workspace, source, recent: recent.map(jobView) };
};
