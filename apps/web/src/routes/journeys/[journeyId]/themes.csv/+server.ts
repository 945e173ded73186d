import * as themes from "@firebreak/db/queries/themes";
import { requestIdOf, toErrorResponse } from "$lib/server/http";
import { themesCsv } from "$lib/server/map-csv";
import { downloadHeaders, exportFileName, loadExportMap, onlyGet } from "$lib/server/map-export";
import type { RequestHandler } from "./$types";

/** The journey's top recurring issues (90 days to the range's end, with the map's filters) as CSV. */
export const GET: RequestHandler = async (event) => {
  const requestId = requestIdOf(event.request);
  try {
    const { db, workspaceId, map } = await loadExportMap(event);
    const rows = await themes.list(db, workspaceId, { all: true });
    const fixShipped = new Map(rows.map((t) => [t.id, t.fixShippedAt]));
    return new Response(themesCsv(map, fixShipped), {
      headers: downloadHeaders("text/csv; charset=utf-8", exportFileName(map, "recurring-issues", "csv"), requestId),
    });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = onlyGet;
