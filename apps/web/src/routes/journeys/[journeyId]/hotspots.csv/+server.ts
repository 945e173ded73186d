import { requestIdOf, toErrorResponse } from "$lib/server/http";
import { hotspotsCsv } from "$lib/server/map-csv";
import { downloadHeaders, exportFileName, loadExportMap, onlyGet } from "$lib/server/map-export";
import type { RequestHandler } from "./$types";

/** The journey's hotspots with their "why flagged" breakdown as CSV, for the map's range and filters. */
export const GET: RequestHandler = async (event) => {
  const requestId = requestIdOf(event.request);
  try {
    const { map } = await loadExportMap(event);
    return new Response(hotspotsCsv(map), {
      headers: downloadHeaders("text/csv; charset=utf-8", exportFileName(map, "hotspots", "csv"), requestId),
    });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = onlyGet;
