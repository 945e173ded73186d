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
    // Opened on its own, the file is a document: nothing in it may load or run.
    headers["content-security-policy"] = "default-src 'none'; sandbox";
    return new Response(mapSvg(toMapExportInput(map, filters)), { headers });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = onlyGet;
