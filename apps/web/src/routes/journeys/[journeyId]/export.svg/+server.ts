import { mapSvg } from "@firebreak/core/exports/map-svg";
import { requestIdOf, toErrorResponse } from "$lib/server/http";
import { downloadHeaders, exportFileName, loadExportMap, onlyGet, toMapExportInput } from "$lib/server/map-export";
import type { RequestHandler } from "./$types";

/**
 * The journey map as a standalone SVG, for the map's range and filters. `?inline=1` answers it for display (the map
 * page draws the PNG from it) instead of as a download.
 */
export const GET: RequestHandler = async (event) => {
  const requestId = requestIdOf(event.request);
  try {
    const { map, filters } = await loadExportMap(event);
    const headers = downloadHeaders("image/svg+xml; charset=utf-8", exportFileName(map, "map", "svg"), requestId);
    if (event.url.searchParams.get("inline") === "1") headers["content-disposition"] = "inline";
    // The file is shown by the browser on its own: no script or style may run from it.
    headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    return new Response(mapSvg(toMapExportInput(map, filters)), { headers });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = onlyGet;
