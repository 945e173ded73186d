import { getTouchpointDetail } from "@firebreak/db/queries/map";
import { error, redirect } from "@sveltejs/kit";
import { rangeFromSearch } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { resolveFilter } from "$lib/server/view-filter";
import { currentWorkspace } from "$lib/server/workspace";
import { filterFromSearch } from "$lib/view-filter";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, url, platform }) => {
  const db = dbFrom(platform);
  const workspace = await currentWorkspace(db);
  if (!workspace) redirect(307, "/");

  const range = rangeFromSearch(url.searchParams);
  const { view, filter } = await resolveFilter(db, workspace.id, filterFromSearch(url.searchParams));
  const detail = await getTouchpointDetail(db, workspace.id, params.touchpointId, range, filter);
  if (!detail) error(404, { message: "This touchpoint does not exist in your workspace." });

  return { workspace, detail, view };
};
