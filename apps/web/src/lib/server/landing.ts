import { listJourneys } from "@firebreak/db/queries/map";
import { redirect } from "@sveltejs/kit";
import { rangeFromSearch, rangeQuery } from "$lib/range";
import { dbFrom } from "./db.ts";
import { currentWorkspace } from "./workspace.ts";

/** Why there is no map to show yet. */
export type EmptyReason = { kind: "no-workspace" } | { kind: "no-journeys"; workspace: { id: string; name: string } };

/**
 * Sends the visitor to a journey map: `preferredJourneyId` when it is one of the workspace's journeys, else the first
 * one, keeping any range in the query. Returns why not when there is nothing to show.
 */
export async function landOnJourney(
  platform: App.Platform | undefined,
  search: URLSearchParams,
  preferredJourneyId?: string | null,
): Promise<EmptyReason> {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) return { kind: "no-workspace" };
  const journeys = await listJourneys(db, workspace.id);
  const target = journeys.find((j) => j.id === preferredJourneyId) ?? journeys[0];
  if (!target) return { kind: "no-journeys", workspace };
  const query = search.has("from") || search.has("to") ? rangeQuery(rangeFromSearch(search)) : "";
  redirect(307, `/journeys/${encodeURIComponent(target.id)}${query}`);
}
