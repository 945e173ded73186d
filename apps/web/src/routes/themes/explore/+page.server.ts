import { getJourneyOutline, getRecurringIssues, listJourneys } from "@firebreak/db/queries/map";
import { error, redirect } from "@sveltejs/kit";
import { todayUtc } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { currentWorkspace } from "$lib/server/workspace";
import type { PageServerLoad } from "./$types";

/** The theme explorer: the journey's top recurring issues of the last 90 days, where they occur and how they trend. */
export const load: PageServerLoad = async ({ platform, url }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  const journeys = await listJourneys(db, workspace.id);
  const journeyId = url.searchParams.get("journey") ?? journeys[0]?.id;
  if (!journeyId) return { workspace, journeys, explorer: null };
  const today = todayUtc();
  const [outline, recurring] = await Promise.all([
    getJourneyOutline(db, workspace.id, journeyId),
    getRecurringIssues(db, workspace.id, { journeyId }, today),
  ]);
  if (!outline) error(404, { message: "This journey does not exist in your workspace." });
  return { workspace, journeys, explorer: { outline, recurring } };
};
