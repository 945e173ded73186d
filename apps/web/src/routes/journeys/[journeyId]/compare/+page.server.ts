import * as journeys from "@firebreak/db/queries/journeys";
import { error, redirect } from "@sveltejs/kit";
import { rangeFromSearch, todayUtc } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, platform, url }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const range = rangeFromSearch(url.searchParams, todayUtc());
  const outcome = await journeys.compare(db, workspace.id, params.journeyId, range);
  if (!outcome.ok && outcome.problem === "not_found") {
    error(404, { message: "This journey does not exist in your workspace." });
  }
  return { workspace, journeyId: params.journeyId, outcome, hotspotMin: journeys.HOTSPOT_MIN };
};
