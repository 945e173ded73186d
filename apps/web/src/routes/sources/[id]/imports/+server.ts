import * as imports from "@firebreak/db/queries/imports";
import { jsonEndpoint, methodNotAllowed } from "$lib/server/http";
import { assertUsableMapping, jobView, sourceScope, ZCreateImport } from "$lib/server/imports";

/** Starts an import for the source with the mapping the user confirmed; rows follow in chunks. */
export const POST = jsonEndpoint(
  { schema: ZCreateImport, maxBytes: 64 * 1024, status: 201 },
  async ({ event, input }) => {
    const { db, workspaceId, source } = await sourceScope(event);
    assertUsableMapping(input.mapping);
    const created = await imports.start(
      db,
      { workspaceId, sourceId: source.id, format: input.format, fileName: input.fileName, mapping: input.mapping },
      Date.now(),
    );
    return jobView(created);
  },
);

export const fallback = methodNotAllowed;
