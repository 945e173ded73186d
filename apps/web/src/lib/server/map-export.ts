/**
 * The journey map's exports (SVG, PDF, CSV): the map read as the page reads it (range and filters from the URL),
 * projected to what an export shows. Exports carry counts, scores and names only, never verbatims or customer
 * data, and nothing is stored: each download is built on request.
 * @module
 */
import type { MapExportInput } from "@firebreak/core/exports/map-layout";
import type { Db } from "@firebreak/db/client";
import { HOTSPOT_MIN } from "@firebreak/db/queries/journeys";
import { getJourneyMap, type JourneyMap } from "@firebreak/db/queries/map";
import * as sources from "@firebreak/db/queries/sources";
import type { RequestEvent } from "@sveltejs/kit";
import { exportFileStem } from "$lib/file-name";
import { type DayRange, rangeFromSearch, todayUtc } from "$lib/range";
import { filterFromSearch, type ViewFilter } from "$lib/view-filter";
import { dbFrom } from "./db.ts";
import { ApiError, errorResponse, requestIdOf } from "./http.ts";
import { resolveFilter } from "./view-filter.ts";
import { requireRoleForApi } from "./workspace.ts";

export { HOTSPOT_MIN };

export interface ExportContext {
  db: Db;
  workspaceId: string;
  map: JourneyMap;
  range: DayRange;
  /** The filters in words, "" when unfiltered. */
  filters: string;
}

/** The filters as a reader of the file needs them: source names rather than ids. */
async function describeFilters(
  db: Db,
  workspaceId: string,
  view: ViewFilter,
  segment: { name: string; kind: string } | null,
): Promise<string> {
  const parts: string[] = [];
  if (view.sources.length > 0) {
    const names = new Map((await sources.list(db, workspaceId)).map((s) => [s.id, s.name]));
    parts.push(`sources ${view.sources.map((id) => names.get(id) ?? id).join(", ")}`);
  }
  if (view.channels.length > 0) parts.push(`channels ${view.channels.join(", ")}`);
  if (view.languages.length > 0) parts.push(`languages ${view.languages.map((l) => l.toUpperCase()).join(", ")}`);
  if (segment) parts.push(`${segment.kind} ${segment.name}`);
  return parts.length ? `Filtered to ${parts.join("; ")}` : "";
}

/**
 * The map an export is made from: a signed-in member of any role, the journey in their workspace (else 404), the
 * range and filters of the URL as the map page reads them.
 */
export async function loadExportMap(event: RequestEvent): Promise<ExportContext> {
  const { workspace } = requireRoleForApi("viewer");
  const db = dbFrom(event.platform);
  const range = rangeFromSearch(event.url.searchParams, todayUtc());
  const { view, filter, segment } = await resolveFilter(db, workspace.id, filterFromSearch(event.url.searchParams));
  const journeyId = event.params.journeyId ?? "";
  const map = await getJourneyMap(db, workspace.id, journeyId, range, filter);
  if (!map) throw new ApiError("not_found", "This journey does not exist in your workspace.");
  const filters = await describeFilters(db, workspace.id, view, segment);
  return { db, workspaceId: workspace.id, map, range, filters };
}

/** The map as the exports draw it. */
export function toMapExportInput(map: JourneyMap, filters: string): MapExportInput {
  return {
    title: map.journey.name,
    range: { from: map.range.from, to: map.range.to },
    filters,
    stages: map.stages.map((stage) => ({
      name: stage.name,
      touchpoints: stage.touchpoints.map((t) => ({
        name: t.name,
        score: t.friction.score,
        itemCount: t.counters.itemCount,
        repeatCount: t.counters.repeatCount,
        escalationCount: t.counters.escalationCount,
        hotspot: t.counters.itemCount > 0 && t.friction.score >= HOTSPOT_MIN,
        humanMoment: t.humanMoment,
      })),
    })),
    issueWindow: { from: map.recurringIssues.from, to: map.recurringIssues.to },
    topIssues: map.recurringIssues.issues.map((issue) => ({
      label: issue.label,
      itemCount: issue.itemCount,
      trend: issue.trend.direction,
    })),
  };
}

/** `firebreak-onboarding-hotspots-2026-08-27-to-2026-11-24.csv` */
export function exportFileName(map: JourneyMap, what: string, extension: string): string {
  return `${exportFileStem(map.journey.name, what, map.range)}.${extension}`;
}

/** A download's headers: its type, an attachment with a safe file name, and no caching of workspace data. */
export function downloadHeaders(contentType: string, fileName: string, requestId: string): Record<string, string> {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${fileName}"`,
    "cache-control": "private, no-store",
    "x-request-id": requestId,
  };
}

/** For `export const fallback` of the GET-only export endpoints. */
export function onlyGet({ request }: RequestEvent): Response {
  return errorResponse("method_not_allowed", `${request.method} is not supported here; use GET.`, requestIdOf(request));
}
