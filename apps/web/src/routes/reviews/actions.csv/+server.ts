import * as actionItems from "@firebreak/db/queries/action-items";
import { fileSlug } from "$lib/file-name";
import { todayUtc } from "$lib/range";
import { dbFrom } from "$lib/server/db";
import { requestIdOf, toErrorResponse } from "$lib/server/http";
import { downloadHeaders, onlyGet } from "$lib/server/map-export";
import { actionItemsCsv } from "$lib/server/review-export";
import { actionFilterFromSearch } from "$lib/server/review-forms";
import { requireRoleForApi } from "$lib/server/workspace";
import type { RequestHandler } from "./$types";

/** The action items as CSV, with the owner and status filters of the action items page. */
export const GET: RequestHandler = async (event) => {
  const requestId = requestIdOf(event.request);
  try {
    const { workspace } = requireRoleForApi("viewer");
    const { owner, status } = actionFilterFromSearch(event.url.searchParams);
    const items = await actionItems.list(dbFrom(event.platform), workspace.id, { owner: owner || undefined, status });
    const fileName = `firebreak-${fileSlug(workspace.name)}-action-items-${todayUtc()}.csv`;
    return new Response(actionItemsCsv(items), {
      headers: downloadHeaders("text/csv; charset=utf-8", fileName, requestId),
    });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
};

export const fallback = onlyGet;
