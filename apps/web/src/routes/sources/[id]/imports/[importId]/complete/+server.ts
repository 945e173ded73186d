import * as imports from "@firebreak/db/queries/imports";
import { ApiError, jsonEndpoint, methodNotAllowed } from "$lib/server/http";
import { importScope, jobView, ZEmpty } from "$lib/server/imports";

/** Marks the import done after its last chunk; answers its final counts. Completing twice is harmless. */
export const POST = jsonEndpoint({ schema: ZEmpty, maxBytes: 1024 }, async ({ event }) => {
  const { db, workspaceId, job } = await importScope(event);
  if (job.status === "failed") throw new ApiError("conflict", "This import was cancelled.");
  if (job.status === "done") return jobView(job);
  const done = await imports.finish(db, workspaceId, job.id, Date.now());
  if (!done) throw new ApiError("not_found", "No such import in this workspace.");
  return jobView(done);
});

export const fallback = methodNotAllowed;
