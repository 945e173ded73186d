import * as humanMoments from "@firebreak/db/queries/human-moments";
import { redirect } from "@sveltejs/kit";
import { periodOf, rangeFromSearch } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ url, platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const range = rangeFromSearch(url.searchParams);
  const period = periodOf(range);
  return { workspace, range, period, ...(await humanMoments.list(db, workspace.id, range, period)) };
};
