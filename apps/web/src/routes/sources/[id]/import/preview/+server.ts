import { createAnalysisContext } from "@firebreak/core/analysis/analyze";
import { detectPreset } from "@firebreak/core/backfill/presets";
import { analysisContext } from "@firebreak/db/queries/workspaces";
import type { PreviewResponse } from "$lib/import/types";
import { ApiError, jsonEndpoint, methodNotAllowed } from "$lib/server/http";
import { missingColumns, previewRows, suggestMapping } from "$lib/server/import-preview";
import { MAX_PREVIEW_BYTES, secretsKeyFrom, sourceScope, ZPreviewRequest } from "$lib/server/imports";

/** The first rows of a file as they would be stored, with the detected (or given) column mapping. */
export const POST = jsonEndpoint({ schema: ZPreviewRequest, maxBytes: MAX_PREVIEW_BYTES }, async ({ event, input }) => {
  const { db, workspaceId, source } = await sourceScope(event);
  const secretsKey = secretsKeyFrom(event.platform);
  const suggested = input.mapping ? undefined : suggestMapping(input.headers, input.rows);
  const mapping = input.mapping ?? suggested!.mapping;
  const context = await analysisContext(db, workspaceId);
  if (!context) throw new ApiError("not_found", "There is no workspace yet.");
  const rows = previewRows(input.rows, mapping, {
    analysis: {
      ...createAnalysisContext(context),
      sourceId: source.id,
      defaultTouchpointId: source.defaultTouchpointId,
    },
    touchpointKeys: new Map(context.touchpoints.map((t) => [t.id, t.key])),
    secretsKey,
    workspaceId,
    now: Date.now(),
  });
  return {
    preset: suggested ? suggested.preset : (detectPreset(input.headers) ?? null),
    mapping,
    rows,
    missingColumns: missingColumns(mapping, input.headers),
  } satisfies PreviewResponse;
});

export const fallback = methodNotAllowed;
