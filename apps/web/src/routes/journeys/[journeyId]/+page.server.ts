import { getJourneyMap, listJourneys } from "@firebreak/db/queries/map";
import { error, redirect } from "@sveltejs/kit";
import { rangeFromSearch, rangePresets, todayUtc } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, url, platform }) => {
  const db = dbFrom(platform);
  const workspace = await currentWorkspace(db);
  if (!workspace) redirect(307, "/");

  const today = todayUtc();
  const range = rangeFromSearch(url.searchParams, today);
  const [map, journeys] = await Promise.all([
    getJourneyMap(db, workspace.id, params.journeyId, range),
    listJourneys(db, workspace.id),
  ]);
  if (!map) error(404, { message: "This journey does not exist in your workspace." });

  return { workspace, journeys, map, presets: rangePresets(today), today };
};
