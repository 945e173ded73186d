import { getJourneyMap, listJourneys } from "@firebreak/db/queries/map";
import * as segments from "@firebreak/db/queries/segments";
import * as shareLinks from "@firebreak/db/queries/share-links";
import * as sources from "@firebreak/db/queries/sources";
import * as workspaces from "@firebreak/db/queries/workspaces";
import { error, redirect } from "@sveltejs/kit";
import { toMapView } from "$lib/map-view";
import { rangeFromSearch, rangePresets, todayUtc } from "$lib/range";
import { roleAtLeast } from "$lib/server/auth";
import { dbFrom } from "$lib/server/db";
import { revokeShareAction, shareAction, shareRow } from "$lib/server/share-forms";
import { resolveFilter } from "$lib/server/view-filter";
import { currentWorkspace } from "$lib/server/workspace";
import { filterFromSearch } from "$lib/view-filter";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ params, url, platform, locals }) => {
  const db = dbFrom(platform);
  const workspace = currentWorkspace();
  if (!workspace) redirect(307, "/");
  // Editors make and revoke share links; viewers do not see them.
  const canShare = roleAtLeast(locals.membership?.role ?? "viewer", "editor");

  const today = todayUtc();
  const range = rangeFromSearch(url.searchParams, today);
  const { view, filter, segment } = await resolveFilter(db, workspace.id, filterFromSearch(url.searchParams));
  const [map, journeys, sourceRows, segmentRows, settings, shares] = await Promise.all([
    getJourneyMap(db, workspace.id, params.journeyId, range, filter),
    listJourneys(db, workspace.id),
    sources.list(db, workspace.id),
    segments.list(db, workspace.id),
    workspaces.get(db, workspace.id),
    canShare ? shareLinks.listFor(db, workspace.id, "journey", params.journeyId) : [],
  ]);
  if (!map) error(404, { message: "This journey does not exist in your workspace." });

  return {
    workspace,
    journeys,
    map: toMapView(map),
    presets: rangePresets(today),
    shares: canShare ? shares.map((row) => shareRow(row)) : null,
    today,
    view,
    segment: segment && { id: segment.id, name: segment.name, kind: segment.kind },
    options: {
      sources: sourceRows.map((s) => ({ id: s.id, name: s.name })),
      // A channel that is filtered on stays offered even when the range has no feedback through it.
      channels: [...new Set([...map.channels, ...view.channels])].sort(),
      languages: [...new Set([...(settings?.languages ?? []), ...view.languages])],
      segments: segmentRows.map((s) => ({ id: s.id, name: s.name, kind: s.kind })),
    },
  };
};

export const actions = {
  share: shareAction("journey", "journeyId"),
  revokeShare: revokeShareAction(),
} satisfies Actions;
