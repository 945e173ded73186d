import { mapPdf } from "@firebreak/core/exports/map-pdf";
import { z } from "zod";
import { todayUtc } from "$lib/range";
import { parseWith, requestIdOf, toErrorResponse } from "$lib/server/http";
import { downloadHeaders, exportFileName, loadExportMap, onlyGet, toMapExportInput } from "$lib/server/map-export";
import type { RequestHandler } from "./$types";

const ZQuery = z.object({ paper: z.enum(["a4", "letter"]).default("a4") });

/** The journey map as a vector PDF (A4 or Letter, landscape), for the map's range and filters. */
export const GET: RequestHandler = async (event) => {
  const requestId = requestIdOf(event.request);
  try {
    const { paper } = parseWith(ZQuery, { paper: event.url.searchParams.get("paper") ?? undefined }, "query");
    const { map, filters } = await loadExportMap(event);
    const bytes = await mapPdf(toMapExportInput(map, filters), { paper, generatedOn: todayUtc() });
    return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
      headers: downloadHeaders("application/pdf", exportFileName(map, "map", "pdf"), requestId),
    });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = onlyGet;
