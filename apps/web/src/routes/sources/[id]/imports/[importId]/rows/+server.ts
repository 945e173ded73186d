import { importRows } from "@firebreak/db/pipelines/import-rows";
import type { ChunkResponse } from "$lib/import/types";
import { ApiError, jsonEndpoint, methodNotAllowed } from "$lib/server/http";
import { importScope, MAX_CHUNK_BYTES, secretsKeyFrom, ZRowsRequest } from "$lib/server/imports";

/** One chunk of rows: mapped, analysed and written like webhook items (deduplicated by source + external id). */
export const POST = jsonEndpoint({ schema: ZRowsRequest, maxBytes: MAX_CHUNK_BYTES }, async ({ event, input }) => {
  const secretsKey = secretsKeyFrom(event.platform);
  const { db, workspaceId, job } = await importScope(event);
  const result = await importRows(db, { workspaceId, importId: job.id, rows: input.rows, secretsKey, now: Date.now() });
  if (!result.ok) {
    if (result.problem === "finished")
      throw new ApiError("conflict", "This import is finished or was cancelled; start a new one.");
    if (result.problem === "source_gone") throw new ApiError("not_found", "The import's source no longer exists.");
    throw new ApiError("not_found", "No such import in this workspace.");
  }
  const { inserted, updated, skipped, failed, failures } = result;
  return { inserted, updated, skipped, failed, failures } satisfies ChunkResponse;
});

export const fallback = methodNotAllowed;
