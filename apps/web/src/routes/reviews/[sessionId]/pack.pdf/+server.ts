import { reviewPackPdf } from "@firebreak/core/exports/review-pack";
import { getJourneyMap, listJourneys, NO_FILTER } from "@firebreak/db/queries/map";
import * as reviews from "@firebreak/db/queries/reviews";
import { redactSessionView } from "@firebreak/db/queries/share-view";
import { z } from "zod";
import { exportFileStem } from "$lib/file-name";
import { todayUtc } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { ApiError, parseWith, requestIdOf, toErrorResponse } from "$lib/server/http";
import { downloadHeaders, onlyGet, toMapExportInput } from "$lib/server/map-export";
import { reviewPackInput } from "$lib/server/review-export";
import { requireRoleForApi } from "$lib/server/workspace";
import type { RequestHandler } from "./$types";

const ZQuery = z.object({ paper: z.enum(["a4", "letter"]).default("a4") });

/**
 * The review pack of a session as a PDF: cover, agenda with the frozen figures, notes and before/after, the map of
 * the session's journey (or of every current journey) over the period reviewed, decisions and action items.
 */
export const GET: RequestHandler = async (event) => {
  const requestId = requestIdOf(event.request);
  try {
    const { paper } = parseWith(ZQuery, { paper: event.url.searchParams.get("paper") ?? undefined }, "query");
    const { workspace } = requireRoleForApi("viewer");
    const db = dbFrom(event.platform);
    const view = await reviews.sessionView(db, workspace.id, event.params.sessionId);
    if (!view) throw new ApiError("not_found", "There is no such review session in this workspace.");
    const journeyIds = view.session.journey
      ? [view.session.journey.id]
      : (await listJourneys(db, workspace.id)).filter((j) => j.state === "current").map((j) => j.id);
    const maps = await Promise.all(
      journeyIds.map((id) => getJourneyMap(db, workspace.id, id, view.session.period, NO_FILTER)),
    );
    // A pack is handed round: free text typed in the meeting (a customer's email in a note) is redacted, as shared.
    const input = reviewPackInput(
      redactSessionView(view),
      workspace.name,
      maps.flatMap((map) => (map ? [toMapExportInput(map, "")] : [])),
    );
    const bytes = await reviewPackPdf(input, { paper, generatedOn: todayUtc() });
    const fileName = `${exportFileStem(view.session.title, "review-pack", view.session.period)}.pdf`;
    return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
      headers: downloadHeaders("application/pdf", fileName, requestId),
    });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = onlyGet;
