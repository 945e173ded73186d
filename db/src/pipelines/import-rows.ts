/**
 * One chunk of a CSV/JSONL backfill: rows are mapped, analysed and written like webhook items, then counted on the
 * import. Shared by the REST API (`POST /api/v1/imports/{id}/rows`) and the web app's upload.
 * @module
 */
import { mapRow, prepareItem, ZColumnMapping } from "@firebreak/core";
import type { Db } from "../client.ts";
import * as imports from "../queries/imports.ts";
import * as items from "../queries/items.ts";
import * as sources from "../queries/sources.ts";
import { compiledAnalysisContext } from "./analysis-contexts.ts";

export interface ImportChunk {
  workspaceId: string;
  importId: string;
  rows: ReadonlyArray<Record<string, unknown>>;
  /** The Worker's SECRETS_KEY: customer keys are hashed with it. */
  secretsKey: string;
  now: number;
}

export type ImportChunkResult =
  | (items.WriteResult & {
      ok: true;
      failed: number;
      /** The first few rows that could not be mapped, by index within the chunk. */
      failures: Array<{ index: number; reason: string }>;
    })
  | { ok: false; problem: "not_found" | "finished" | "source_gone" };

export async function importRows(db: Db, chunk: ImportChunk): Promise<ImportChunkResult> {
  const { workspaceId } = chunk;
  const job = await imports.get(db, workspaceId, chunk.importId);
  if (!job) return { ok: false, problem: "not_found" };
  // A cancelled import is `failed`: its later chunks are refused like a finished one's.
  if (job.status === "done" || job.status === "failed") return { ok: false, problem: "finished" };
  const [source, context] = await Promise.all([
    sources.get(db, workspaceId, job.sourceId),
    compiledAnalysisContext(db, workspaceId),
  ]);
  if (!source || !context) return { ok: false, problem: "source_gone" };

  const mapping = ZColumnMapping.parse(job.mapping);
  const analysis = {
    ...context,
    sourceId: source.id,
    defaultTouchpointId: source.defaultTouchpointId,
  };
  const failures: Array<{ index: number; reason: string }> = [];
  const prepared = [];
  for (const [index, row] of chunk.rows.entries()) {
    const mapped = mapRow(row, mapping, job.createdAt);
    if (!mapped.ok) failures.push({ index, reason: mapped.reason });
    else prepared.push(prepareItem(mapped.feedback, analysis, chunk.secretsKey, workspaceId));
  }
  const written = await items.writeAnalyzed(
    db,
    { workspaceId, sourceId: source.id, deliveryId: null, receivedAt: chunk.now },
    prepared,
  );
  await imports.addProgress(db, workspaceId, job.id, prepared.length, failures.length);
  return { ok: true, ...written, failed: failures.length, failures: failures.slice(0, 20) };
}
