import * as imports from "@firebreak/db/queries/imports";
import { error } from "@sveltejs/kit";
import { dbFrom } from "$lib/server/db";
import { jobView } from "$lib/server/imports";
import { findSource } from "$lib/server/sources";
import { requireRole } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, platform }) => {
  const db = dbFrom(platform);
  // Editing pages: a viewer gets a 403 saying why, not a form that fails on save.
  const { workspace } = requireRole("editor");
  const source = await findSource(db, workspace.id, params.id, platform?.env.INGEST_URL ?? "");
  if (!source) error(404, { message: "This source does not exist in your workspace." });
  const recent = await imports.listForSource(db, workspace.id, source.id, 5);
  return { workspace, source, recent: recent.map(jobView) };
};
