import * as humanMoments from "@firebreak/db/queries/human-moments";
import { redirect } from "@sveltejs/kit";
import { periodOf, rangeFromSearch } from "$lib/range";
import { actorLabels } from "$lib/server/actors";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ url, platform }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const range = rangeFromSearch(url.searchParams);
  const period = periodOf(range);
  const listed = await humanMoments.list(db, workspace.id, range, period);
  const actors = await actorLabels(
    db,
    [...listed.confirmed, ...listed.suggested].map((m) => m.setBy),
  );
  return { workspace, range, period, actors, ...listed };
};
