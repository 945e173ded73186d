/**
 * The upload endpoints' shared parts: input schemas, limits, and the tenant scope every one of them starts from
 * (the request's workspace, then the source, then the import, each a 404 when it belongs to anyone else).
 * @module
 */
import { ZColumnMapping } from "@firebreak/core/backfill/mapping";
import { PRESETS } from "@firebreak/core/backfill/presets";
import type { Db } from "@firebreak/db/client";
import * as imports from "@firebreak/db/queries/imports";
import * as sources from "@firebreak/db/queries/sources";
import type { RequestEvent } from "@sveltejs/kit";
import { z } from "zod";
import type { ImportJob } from "$lib/import/types";

import { dbFrom } from "./db.ts";
import { ApiError, parseWith } from "./http.ts";
import { requireRoleForApi } from "./workspace.ts";

/** Rows per chunk the server accepts; the page sends 500. */
export const MAX_ROWS_PER_CHUNK = 1000;
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
export const MAX_PREVIEW_ROWS = 10;
export const MAX_PREVIEW_BYTES = 1024 * 1024;

const ZId = z.string().min(1).max(64);
const ZCell = z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()]);
export const ZWireRow = z.record(z.string().max(200), ZCell);
const ZHeaders = z.array(z.string().max(200)).max(500);

export const ZPreviewRequest = z.object({
  headers: ZHeaders,
  rows: z.array(ZWireRow).max(MAX_PREVIEW_ROWS),
  /** Absent on the first call: the server detects the preset (or guesses) and answers with the mapping. */
  mapping: ZColumnMapping.optional(),
});

export const ZCreateImport = z.object({
  format: z.enum(["csv", "jsonl"]),
  fileName: z.string().trim().min(1).max(255),
  mapping: ZColumnMapping,
  headers: ZHeaders.optional(),
});

export const ZRowsRequest = z.object({ rows: z.array(ZWireRow).min(1).max(MAX_ROWS_PER_CHUNK) });

export const ZEmpty = z.object({}).strict();

export const PRESET_NAMES = Object.keys(PRESETS) as Array<keyof typeof PRESETS>;

/** `mapRow` refuses rows without an id, and rows with neither text nor score: say so before a single row is sent. */
export function assertUsableMapping(mapping: z.output<typeof ZColumnMapping>): void {
  if (!mapping.columns.externalId) throw new ApiError("bad_request", "mapping: choose the column with each row's id");
  if (!mapping.columns.text && !mapping.columns.score) {
    throw new ApiError("bad_request", "mapping: choose a text column, a score column, or both");
  }
}

export interface SourceScope {
  db: Db;
  workspaceId: string;
  source: NonNullable<Awaited<ReturnType<typeof sources.get>>>;
}

/**
 * The request's workspace and the source in the URL; another workspace's source is a 404 like a missing one. Every
 * upload endpoint writes, so a viewer is refused.
 */
export async function sourceScope(event: RequestEvent): Promise<SourceScope> {
  const sourceId = parseWith(ZId, event.params.id, "id");
  const db = dbFrom(event.platform);
  const { workspace } = requireRoleForApi("editor");
  const source = await sources.get(db, workspace.id, sourceId);
  if (!source) throw new ApiError("not_found", "No such source in this workspace.");
  return { db, workspaceId: workspace.id, source };
}

/** The import in the URL, which must belong to the workspace and to the source in the URL. */
export async function importScope(event: RequestEvent) {
  const importId = (() => {
    const parsed = ZId.safeParse(event.params.importId);
    if (!parsed.success) throw new ApiError("not_found", "No such import in this workspace.");
    return parsed.data;
  })();
  const scope = await sourceScope(event);
  const job = await imports.get(scope.db, scope.workspaceId, importId);
  if (!job || job.sourceId !== scope.source.id) throw new ApiError("not_found", "No such import in this workspace.");
  return { ...scope, job };
}

/** The worker's SECRETS_KEY, which keys customer hashes; a 503 when the deployment lacks it. */
export function secretsKeyFrom(platform: App.Platform | undefined): string {
  const key = platform?.env?.SECRETS_KEY;
  if (!key) throw new ApiError("service_unavailable", "Uploads are not configured: the web app has no SECRETS_KEY.");
  return key;
}

/** An import row as the page sees it (no workspace id, no mapping). */
export function jobView(row: imports.ImportRow): ImportJob {
  return {
    id: row.id,
    sourceId: row.sourceId,
    fileName: row.fileName,
    format: row.format,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    failedRows: row.failedRows,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
