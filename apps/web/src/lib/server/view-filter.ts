/**
 * Turns the URL's view filter into the query layer's map filter: the segment id becomes its saved definition (an
 * id from another workspace, or a deleted one, is dropped, so the view stays unfiltered rather than empty).
 * @module
 */
import type { Db } from "@firebreak/db/client";
import type { MapFilter } from "@firebreak/db/queries/map";
import * as segments from "@firebreak/db/queries/segments";
import type { ViewFilter } from "$lib/view-filter";

export async function resolveFilter(
  db: Db,
  workspaceId: string,
  view: ViewFilter,
): Promise<{ view: ViewFilter; filter: MapFilter; segment: segments.Segment | null }> {
  const segment = view.segment ? ((await segments.get(db, workspaceId, view.segment)) ?? null) : null;
  return {
    view: { ...view, segment: segment?.id ?? null },
    filter: {
      sourceIds: view.sources,
      channels: view.channels,
      languages: view.languages,
      segment: segment?.filter ?? null,
      ...(segment && { segmentId: segment.id }),
    },
    segment,
  };
}
