import * as imports from "@firebreak/db/queries/imports";
import { z } from "zod";
import { ApiError, jsonEndpoint, methodNotAllowed } from "$lib/server/http";
import { importScope, jobView } from "$lib/server/imports";

const ZCancel = z.object({ rowsSent: z.number().int().min(0).max(1e9) }).strict();

/** Stops an unfinished import; rows already written stay (a re-upload later skips them as duplicates). */
export const POST = jsonEndpoint({ schema: ZCancel, maxBytes: 1024 }, async ({ event, input }) => {
  const { db, workspaceId, job } = await importScope(event);
  if (job.status === "done" || job.status === "failed") return jobView(job);
  const reason = `Cancelled in the browser after ${input.rowsSent} rows.`;
  const cancelled = await imports.cancel(db, workspaceId, job.id, Date.now(), reason);
  if (!cancelled) {
    const current = await imports.get(db, workspaceId, job.id);
    if (!current) throw new ApiError("not_found", "No such import in this workspace.");
    return jobView(current);
  }
  return jobView(cancelled);
});

export const fallback = methodNotAllowed;
